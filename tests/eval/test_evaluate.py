"""The eval replay and its metrics on a tiny hand-labelled corpus with hand-computed results."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from service.core.domain import Document, EventKind, Fact, Mention, Report
from service.eval.metrics import primary_facts
from service.eval.replay import bcubed, eval_main, evaluate, fact_matches, parse_published, prf

POW: EventKind = "pow_exchange"
BODIES: EventKind = "body_repatriation"


def row(rid: str, label: str, published: str | None, key: str | None, **facts: Any) -> dict[str, Any]:
    return {
        "id": rid,
        "url": f"https://{rid}.example/news",
        "source": f"Outlet {rid}",
        "language": "en",
        "published": published,
        "title": f"Headline {rid}",
        "text": f"Story {rid}.",
        "label": label,
        "event_key": key,
        "facts": facts,
    }


CORPUS = [
    row(
        "a1",
        "pow_exchange",
        "2031-03-10T09:00:00Z",
        "pow-2031-03-10",
        returned_to_ukraine=100,
        returned_to_russia=100,
    ),
    row("a2", "pow_exchange", "2031-03-10T12:00:00+00:00", "pow-2031-03-10", returned_to_ukraine=100),
    row("a3", "pow_exchange", None, "pow-2031-03-10", returned_to_ukraine=100, mediators=["UAE"]),
    row("a4", "body_repatriation", "2031-03-14", "bodies-2031-03-14", bodies_to_ukraine=500),
    row("a5", "body_repatriation", "2031-03-15", "bodies-2031-03-14", bodies_to_ukraine=500),
    row("a6", "negative_hard", "2031-03-20", None),
    row("a7", "negative", "2031-03-21", None),
    row("a8", "agreement", "2031-03-16", "agreement-2031-03-16", returned_to_ukraine=1000),
    row("a9", "pow_exchange", "2031-04-30", "pow-2031-03-10", returned_to_ukraine=100),
]


def said(kind: EventKind, day: date, **facts: Any) -> Report:
    facts_ = tuple(Fact(k, v, "") for k, v in facts.items())
    return Report(True, 1.0, (Mention(kind, "completed", day, "day", facts_),))


# What a (deliberately imperfect) detector says about each story.
DETECTED = {
    "Story a1.": said(POW, date(2031, 3, 10), returned_to_ukraine=100, returned_to_russia=100),
    "Story a2.": said(POW, date(2031, 3, 10), returned_to_ukraine=100),
    "Story a3.": said(POW, date(2031, 3, 10), returned_to_ukraine=100, mediators=("UAE",)),
    "Story a4.": said(BODIES, date(2031, 3, 14), bodies_to_ukraine=500),
    "Story a5.": said(BODIES, date(2031, 3, 15), bodies_to_ukraine=50),  # wrong figure: splits the event
    "Story a6.": said(POW, date(2031, 3, 20)),  # a false positive
    "Story a7.": Report(False, 0.0),
    "Story a8.": Report(False, 0.1),  # a missed agreement
    "Story a9.": said(POW, date(2031, 3, 10), returned_to_ukraine=100),  # weeks later: joins, no alert
}


def stub(doc: Document) -> Report:
    return DETECTED[doc.text]


def test_metrics_match_hand_computation() -> None:
    m = evaluate(CORPUS, details=None, detector=stub)
    assert m["articles"] == 9
    # 7 gold relevant, 7 system relevant, 6 in common.
    assert m["relevance"] == {"precision": 0.8571, "recall": 0.8571, "f1": 0.8571}
    assert m["kind_accuracy"] == 0.8571  # a8 has no kind
    # Gold {a1,a2,a3,a9}{a4,a5}; system {a1,a2,a3,a9}{a4}{a5}: P 1, R (4 + .5 + .5) / 6.
    assert m["clustering"] == {"bcubed_precision": 1.0, "bcubed_recall": 0.8333, "bcubed_f1": 0.9091}
    # Created: pow (a1), bodies twice (a4, a5), a6's false event; a2 crosses the confidence threshold.
    assert m["alerts"] == {"created": 4, "updated": 1, "false_created": 1}
    assert m["alerts_per_event"] == 1.5
    assert (m["missed_events"], m["missed_event_keys"], m["gold_events"]) == (1, ["agreement-2031-03-16"], 3)
    # Compared 2+1+2+1+1+1+1 gold facts; a5's figure and a8's agreement are wrong or missing.
    assert m["facts"] == {"accuracy": 0.7778, "compared": 9, "matches": 7}
    assert m["articles_per_second"] > 0


def test_details_lines() -> None:
    out = io.StringIO()
    evaluate(CORPUS, details=out, detector=stub)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    articles = {line["id"]: line for line in lines if "id" in line}
    alerts = [line for line in lines if "alert" in line]
    assert len(articles) == 9 and len(alerts) == 5
    assert articles["a1"]["events"] == articles["a3"]["events"] == articles["a9"]["events"]
    assert articles["a3"]["facts"] == {"returned_to_ukraine": 100, "mediators": ["UAE"]}
    assert articles["a7"] == {**articles["a7"], "relevant": False, "kinds": [], "events": [], "facts": {}}
    assert alerts[0] == {**alerts[0], "type": "event.created", "event": articles["a1"]["events"][0]}
    assert {a["type"] for a in alerts} == {"event.created", "event.updated"}


def test_undated_article_is_placed_at_its_event_and_alerts() -> None:
    # Alone, an undated story must not look weeks old: it is replayed at the date it reports.
    m = evaluate([CORPUS[2]], details=None, detector=stub)
    assert m["alerts"]["created"] == 1 and m["missed_events"] == 0


def test_late_article_alone_is_historical() -> None:
    m = evaluate([CORPUS[8]], details=None, detector=stub)
    assert m["alerts"]["created"] == 0 and m["missed_events"] == 1


def test_bcubed_and_prf() -> None:
    assert bcubed(["a", "a", "b"], ["x", "x", "x"]) == {
        "bcubed_precision": 0.5556,
        "bcubed_recall": 1.0,
        "bcubed_f1": 0.7143,
    }
    assert prf(0, 0, 3) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}


def test_fact_matches_compares_lists_as_sets() -> None:
    gold = {"mediators": ["UAE", "USA"], "stage": 2, "notes": "ignored"}
    assert fact_matches(gold, {"mediators": ("USA", "UAE"), "stage": 3}) == (1, 2)


def test_list_names_match_whatever_their_case_and_spacing() -> None:
    gold = {"categories": ["Under 25", "seriously  ill"]}
    assert fact_matches(gold, {"categories": ("under_25", "seriously_ill")}) == (1, 1)
    assert fact_matches(gold, {"categories": ("under_25",)}) == (0, 1)


def test_a_mediator_under_another_of_its_names_is_the_same_fact() -> None:
    gold = {"mediators": ["United Arab Emirates", "United States", "Holy See", "Türkiye"]}
    assert fact_matches(gold, {"mediators": ("UAE", "USA", "Vatican", "Turkey")}) == (1, 1)
    assert fact_matches(gold, {"mediators": ("UAE", "USA", "Vatican", "Qatar")}) == (0, 1)


def test_agreed_counts_compare_as_the_corpus_count_keys() -> None:
    facts = (Fact("agreed_to_ukraine", 40, "s"), Fact("agreed_to_russia", 40, "s"), Fact("venue", "istanbul", "s"))
    agreement = Report(True, 1.0, (Mention("agreement", "agreed", date(2031, 3, 1), "day", facts),))
    values = primary_facts(agreement)
    assert values["returned_to_ukraine"] == values["returned_to_russia"] == 40
    swap = Report(True, 1.0, (Mention(POW, "completed", date(2031, 3, 1), "day", facts),))
    assert "returned_to_ukraine" not in primary_facts(swap)  # only an agreement's agreed counts stand for them


def test_agreed_bodies_by_side_compare_as_the_corpus_body_keys() -> None:
    facts = (Fact("agreed_bodies", 900, "s"), Fact("agreed_bodies_to_ukraine", 900, "s"))
    agreement = Report(True, 1.0, (Mention("agreement", "agreed", date(2031, 3, 1), "day", facts),))
    values = primary_facts(agreement)
    assert values["bodies_to_ukraine"] == 900
    assert "bodies_to_russia" not in values  # a figure with no side stands for neither


def test_parse_published() -> None:
    assert parse_published(None) is None
    assert parse_published("2031-02") == datetime(2031, 2, 28, 23, 59, tzinfo=UTC)
    assert parse_published("2031") == datetime(2031, 12, 31, 23, 59, tzinfo=UTC)
    assert parse_published("not a date") is None
    assert parse_published("2031-02-03") == datetime(2031, 2, 3, tzinfo=UTC)
    assert parse_published("2031-02-03T10:00:00+02:00") == datetime(2031, 2, 3, 8, tzinfo=UTC)


def test_eval_main_json_and_details(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("service.core.detection.detect")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in CORPUS), encoding="utf-8")
    details = tmp_path / "details.jsonl"
    assert eval_main([str(corpus), "--json", "--details", str(details)]) == 0
    metrics = json.loads(capsys.readouterr().out)
    for key in ("articles", "relevance", "kind_accuracy", "clustering", "alerts_per_event", "missed_events"):
        assert key in metrics
    assert {"accuracy", "compared"} <= metrics["facts"].keys() and "articles_per_second" in metrics
    assert sum(1 for line in details.read_text().splitlines() if '"id"' in line) == 9
    assert eval_main([str(corpus)]) == 0
    assert "B-cubed" in capsys.readouterr().out


def test_rows_published_in_the_same_month_only_group_by_that_month() -> None:
    # The replay hands a month-only row's span to grouping: an event of that month, which a second row of
    # the month sharing only a category joins, and which a row of another year never joins.
    def undated(doc: Document) -> Report:
        wounded = (Fact("categories", ("wounded",), ""),)
        return Report(True, 1.0, (Mention("agreement", "agreed", None, "unknown", wounded),))

    rows = [
        row("b1", "agreement", "2031-05", "agreement-2031-05"),
        row("b2", "agreement", "2031-05", "agreement-2031-05"),
        row("b3", "agreement", "2033", "agreement-2033"),
    ]
    out = io.StringIO()
    evaluate(rows, details=out, detector=undated)
    events = {line["id"]: line["events"] for line in map(json.loads, out.getvalue().splitlines()) if "id" in line}
    assert events["b1"] == events["b2"] != events["b3"]
