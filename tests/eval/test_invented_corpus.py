"""The whole replay (detection, grouping, alerts) on the invented corpora holds its bars.

`invented.jsonl` (75 texts, 26 languages) and `invented2.jsonl` (96 texts, 13 languages) were held out first and
then used to find rules, so they hold issue 11's bars with room; `invented3.jsonl` (106 texts, 15 languages,
written blind by another hand) was used less and is held to the figures it gave when it was committed
(see tests/fixtures/corpus/README.md). `invented5/6/7.jsonl` (session 5, blind writers, real 2022–2025 events
told in their own words) are held to the figures they gave when committed, after their errors were read.
`invented8.jsonl` (25 texts, session 6) was written for two classes (relative clauses, undated month-only recalls)
and is held to the figures it gave once they were fixed.
`invented_dealdays.jsonl` (session 6, written with its fix: one agreement told from its two days, readout
headlines) is a regression set held to its committed figures.
`invented_features.jsonl` (session 6) holds texts about exchanges that report none and their neighbouring reports.
`invented_counts.jsonl` (session 8, written with its fixes) binds counts to sides in 9 languages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from service.eval.replay import evaluate
from service.settings import Settings

FIXTURES = Path(__file__).parents[1] / "fixtures"


@dataclass(frozen=True)
class Bars:
    rows: int
    precision: float
    recall: float
    kind: float
    alerts_per_event: float
    bcubed: float
    facts: float
    facts_compared: int
    false_created: int  # event.created for a text that reports no event
    missed: int = 0  # real events that raised no alert


BARS = {
    "invented.jsonl": Bars(75, 1.0, 0.95, 0.95, 1.2, 0.95, 0.90, 120, 0),
    "invented2.jsonl": Bars(96, 1.0, 0.95, 0.95, 1.2, 0.95, 0.90, 200, 0),
    "invented3.jsonl": Bars(106, 0.95, 0.90, 0.90, 1.25, 0.93, 0.90, 230, 2),  # facts 0.892 -> 0.909 (session 7),
    # session 5's blind sets, held to the figures they gave when committed (read: see the README beside them);
    # invented5/6's facts raised in session 6 after their facts errors were read (0.846 -> 0.886, 0.684 -> 0.732)
    "invented5.jsonl": Bars(107, 0.95, 0.98, 0.97, 1.10, 0.97, 0.88, 215, 3),
    "invented6.jsonl": Bars(104, 0.93, 0.97, 0.94, 1.25, 0.93, 0.73, 185, 2),
    "invented7.jsonl": Bars(90, 0.95, 0.98, 0.97, 1.20, 0.95, 0.87, 170, 2),  # missed 1 until session 6 (a readout)
    # session 6: relative clauses (fr/es/pt/it/en/de/uk) and undated month-only recalls, written for those classes
    "invented8.jsonl": Bars(25, 1.0, 1.0, 1.0, 1.0, 1.0, 0.87, 39, 0),
    # session 6: one deal told from its two days (the call, the planned handover), readout headlines
    "invented_dealdays.jsonl": Bars(20, 1.0, 1.0, 1.0, 1.0, 1.0, 0.90, 40, 0),
    # session 6: texts about exchanges that report none (interviews, DNA appeals, verbal nouns) and the reports
    # beside them, written with the rules that handle them (stories.py): a regression check, not an unseen test;
    # the two official "meeting focused on the return of …" traps left since session 7 (talks need a side that
    # talks, clauses._between_sides): P 0.90 -> 1.00, created for non-events 2 -> 0
    "invented_features.jsonl": Bars(47, 1.0, 1.0, 1.0, 1.0, 0.97, 0.96, 32, 0),
    # session 8: how counts are bound to sides (mirror formulas, "jeweils 157", "24 of its own", inflected number
    # words, Georgian/Turkish recipients), written with the fixes: facts 0.364 at the session's start, 1.000 after
    "invented_counts.jsonl": Bars(13, 1.0, 1.0, 1.0, 1.0, 1.0, 0.95, 22, 0),
}
# The blind sets (tests/fixtures/blind/README.md: who wrote them, who read them, first and later figures),
# held a little under the figures of the commit that added these bars, so a change that loses ground on news
# written by other hands fails here.
BLIND_BARS: dict[str, Bars] = {
    # alerts raised since (session 7): blind_2022_23 al/ev 1.06 -> 1.00 and B3 0.967 -> 0.977 (a deal told with
    # its day joins its report dated by publication; Ankara in every language), created for non-events
    # blind_2024 3 -> 1 and blind_2025 2 -> 1 (papers to a recipient, "in some cases", stories); relevance and
    # kind raised by the session-7 kind classes (talks, counted offers, Norwegian, "May", Hungarian, plural
    # narration, releases without an exchange word, hostages of the two sides, one more person of another
    # nationality, a speaker's expectation, Polish talks): kind 0.944/0.754/0.863 -> 0.986/0.869/0.931, recall
    # 0.958/0.770/0.904 -> 0.986/0.869/0.959, blind_2024 P 0.940 -> 0.982; facts raised by the session-7 facts
    # classes (their commit messages): 0.875/0.780/0.653 -> 0.914/0.890/0.837
    "blind_2022_23.jsonl": Bars(103, 0.99, 0.98, 0.98, 1.00, 0.97, 0.90, 128, 0, 0),
    # session 8: the ombudsmen's deal on regular exchanges in 2025 found (the year is its period, not a tally):
    # recall 0.869 -> 0.918, missed 1 -> 0, but its three reports (one dated by month, two undated, no figures
    # or terms) stay three events: al/ev 1.00 -> 1.25, B3 1.000 -> 0.982
    "blind_2024.jsonl": Bars(87, 0.99, 0.95, 0.95, 1.25, 0.98, 0.93, 82, 0, 0),
    # session 8 (read): agreements (headline deals over body-only handovers, speech days no deal dates), kinds
    # 0.931 -> 0.973, al/ev 1.33 -> 1.11, facts 0.827 -> 0.918
    "blind_2025.jsonl": Bars(103, 0.99, 0.97, 0.97, 1.12, 0.95, 0.91, 98, 0, 0),
    # never read: session 8 moved it a little (F1 0.947 -> 0.955, kind 0.912 -> 0.926, facts 0.840 -> 0.846)
    "blind_mixed.jsonl": Bars(92, 0.96, 0.93, 0.92, 1.09, 0.98, 0.84, 156, 2, 1),
    # session 7's set, read in session 8 (its errors were this session's classes): F1 0.977 -> 1.000, kind
    # 0.940 -> 1.000, B3 0.948 -> 1.000, al/ev 1.15 -> 1.00, facts 0.723 -> 0.813
    "blind_s7.jsonl": Bars(102, 0.99, 0.99, 0.99, 1.00, 0.99, 0.80, 166, 0, 0),
    # session 8's sets, never read (categories mapped onto the corpus's names; s8b's writer summed "N each plus
    # M wounded", which dev does not): first measured F1 0.958/0.990, kind 0.958/0.980, facts 0.820/0.785
    "blind_s8a.jsonl": Bars(63, 0.95, 0.97, 0.97, 1.00, 0.99, 0.82, 111, 2, 0),
    "blind_s8b.jsonl": Bars(64, 0.99, 0.99, 0.97, 1.13, 0.97, 0.78, 135, 0, 0),
}
_ALL = {**{f"corpus/{k}": v for k, v in BARS.items()}, **{f"blind/{k}": v for k, v in BLIND_BARS.items()}}


@pytest.fixture(scope="module", params=sorted(_ALL))
def corpus(request: pytest.FixtureRequest) -> tuple[Bars, dict[str, Any]]:
    name: str = request.param
    rows = [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()]
    bars = _ALL[name]
    assert len(rows) == bars.rows
    return bars, evaluate(rows, settings=Settings())


def test_reports_found_and_traps_left(corpus: tuple[Bars, dict[str, Any]]) -> None:
    bars, metrics = corpus
    assert metrics["relevance"]["precision"] >= bars.precision  # traps: other conflicts, children, exhumations…
    assert metrics["relevance"]["recall"] >= bars.recall
    assert metrics["kind_accuracy"] >= bars.kind


def test_one_alert_per_event_and_every_event_alerted(corpus: tuple[Bars, dict[str, Any]]) -> None:
    bars, metrics = corpus
    assert metrics["missed_events"] <= bars.missed, metrics["missed_event_keys"]
    assert metrics["alerts_per_event"] <= bars.alerts_per_event
    assert metrics["alerts"]["false_created"] <= bars.false_created
    assert metrics["clustering"]["bcubed_f1"] >= bars.bcubed


def test_the_numbers_are_right(corpus: tuple[Bars, dict[str, Any]]) -> None:
    bars, metrics = corpus
    assert metrics["facts"]["compared"] >= bars.facts_compared
    assert metrics["facts"]["accuracy"] >= bars.facts
