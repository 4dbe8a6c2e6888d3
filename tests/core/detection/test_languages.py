"""Polish first-class; Romanian and Hungarian with core vocabulary: invented reports in each."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

SUNDAY = datetime(2025, 6, 15, 18, 0, tzinfo=UTC)


def _detect(text: str, language: str | None, title: str = "") -> Report:
    return detect(Document(title, text, language, SUNDAY))


def test_pl_exchange_with_counts_each_side_and_mediator() -> None:
    report = _detect(
        "W niedzielę Ukraina i Rosja przeprowadziły kolejną wymianę jeńców. Z rosyjskiej niewoli wróciło "
        "do domu 84 ukraińskich obrońców, w tym dwóch cywilów. Wymiana odbyła się dzięki pośrednictwu "
        "Zjednoczonych Emiratów Arabskich.",
        "pl",
        title="Wymiana jeńców: 84 Ukraińców wróciło do domu",
    )
    assert report.relevant and report.primary is not None
    facts = report.primary.fact_values()
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")
    assert facts["returned_to_ukraine"] == 84
    assert facts["mediators"] == ("UAE",)
    assert "civilians" in facts["categories"]


def test_pl_body_repatriation() -> None:
    report = _detect("Rosja przekazała Ukrainie ciała 909 poległych żołnierzy, poinformował sztab koordynacyjny.", "pl")
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "body_repatriation"
    assert report.primary.fact_values()["bodies_to_ukraine"] == 909


def test_pl_planned_exchange_is_an_agreement() -> None:
    report = _detect("Ukraina i Rosja uzgodniły, że w przyszłym tygodniu wymienią jeńców w formule 1000 za 1000.", "pl")
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "agreement"


def test_pl_undeclared_language_is_found() -> None:
    report = _detect("Ukraina odzyskała z rosyjskiej niewoli 49 jeńców, w tym 23 kobiety.", None)
    assert report.relevant and report.primary is not None
    assert report.primary.fact_values()["returned_to_ukraine"] == 49


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ucraina și Rusia au făcut duminică un nou schimb de prizonieri: 84 de militari ucraineni s-au întors acasă.",
         "ro"),
        ("Ukrajna és Oroszország vasárnap fogolycserét hajtott végre: 84 ukrán katona hazatért.", "hu"),
    ],
)  # fmt: skip
def test_core_vocabulary_in_other_dw_languages(text: str, language: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "pow_exchange"
    assert report.primary.fact_values().get("returned_to_ukraine") == 84


def test_hu_separable_verb_after_its_prefix_reports_a_handover() -> None:
    # "Russia handed over the bodies of 600 fallen Ukrainian soldiers to Ukraine; in return it received 20."
    report = _detect(
        "Oroszország 600 elesett ukrán katona holttestét adta át Ukrajnának, cserébe 20 orosz katona "
        "holttestét kapta meg.",
        "hu",
    )
    assert report.relevant and report.primary is not None
    assert (report.primary.kind, report.primary.status) == ("body_repatriation", "completed")


def test_de_release_infinitive_after_future_auxiliary_is_a_plan() -> None:
    report = _detect("Russland wird am Montag 300 ukrainische Kriegsgefangene freilassen.", "de")
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "agreement"
