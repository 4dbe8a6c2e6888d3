"""The summary line: built from merged facts only, nothing guessed, dates at their precision."""

from __future__ import annotations

from datetime import date

from service.core.domain import EventState, Provenance
from service.core.events.summary import format_date, summarize, venue_name


def _said(key: str, value: object, sentence: str, source: str = "dw.com", official: bool = False) -> Provenance:
    return Provenance(value, source, f"https://{source}/{key}", sentence, official)


def _state(kind: str, facts: dict, provenance: dict | None = None, **fields: object) -> EventState:
    base: dict = {"status": "completed", "event_date": None, "date_precision": "unknown"}
    base.update(fields)
    return EventState(key="e1", kind=kind, facts=facts, provenance=provenance or {}, **base)  # type: ignore[arg-type]


def test_pow_exchange_with_stage_mediator_and_sources() -> None:
    said = "Ukraine and Russia swapped 84 for 84 prisoners, the UAE mediated."
    state = _state(
        "pow_exchange",
        {"returned_to_ukraine": 84, "returned_to_russia": 84, "stage": 1, "mediators": ("UAE",)},
        {
            "returned_to_ukraine": (
                _said("returned_to_ukraine", 84, said, "t.me/coordinationhq", True),
                _said("returned_to_ukraine", 84, said),
            ),
            "returned_to_russia": (_said("returned_to_russia", 84, said, "ria.ru"),),
        },
        event_date=date(2025, 6, 9),
        date_precision="day",
        sources=frozenset({"t.me/coordinationhq", "dw.com", "ria.ru"}),
        official=True,
    )
    assert summarize(state) == (
        "POW exchange, 9 June 2025 (stage 1): 84 returned to Ukraine, 84 to Russia; UAE mediated"
        " — 3 sources, 1 official"
    )


def test_repatriation_thousands_separator_and_single_source() -> None:
    state = _state(
        "body_repatriation",
        {"bodies_to_ukraine": 1212, "bodies_to_russia": 27},
        event_date=date(2025, 6, 16),
        date_precision="day",
        sources=frozenset({"ukrinform.net"}),
    )
    assert summarize(state) == "Repatriation, 16 June 2025: 1,212 bodies returned to Ukraine, 27 to Russia — 1 source"


def test_agreement_venue_approximate_each_way() -> None:
    sentence = "In Istanbul the sides agreed to hand over about 6,000 bodies each."
    state = _state(
        "agreement",
        {"agreed_bodies": 6000, "venue": "стамбулі"},
        {"agreed_bodies": (_said("agreed_bodies", 6000, sentence),)},
        status="agreed",
        event_date=date(2025, 6, 2),
        date_precision="day",
    )
    assert summarize(state) == "Agreement, 2 June 2025 (Istanbul): about 6,000 bodies each way"


def test_unknown_parts_are_left_out() -> None:
    state = _state("pow_exchange", {"returned_to_russia": 5})
    assert summarize(state) == "POW exchange: 5 returned to Russia"
    assert summarize(_state("body_repatriation", {})) == "Repatriation"


def test_exact_figure_is_not_qualified_and_other_numbers_do_not_leak() -> None:
    # "about" qualifies 300 in this sentence, not the 84 the fact holds.
    sentence = "84 defenders came home; about 300 remain in captivity."
    state = _state(
        "pow_exchange",
        {"returned_to_ukraine": 84},
        {"returned_to_ukraine": (_said("returned_to_ukraine", 84, sentence),)},
    )
    assert summarize(state) == "POW exchange: 84 returned to Ukraine"


def test_over_qualifier_in_ukrainian() -> None:
    sentence = "Додому повернулися понад 1 000 тіл загиблих."
    state = _state(
        "body_repatriation",
        {"bodies_to_ukraine": 1000},
        {"bodies_to_ukraine": (_said("bodies_to_ukraine", 1000, sentence),)},
    )
    assert summarize(state) == "Repatriation: over 1,000 bodies returned to Ukraine"


def test_month_precision_status_and_agreed_people() -> None:
    state = _state("pow_exchange", {}, status="postponed", event_date=date(2025, 6, 1), date_precision="month")
    assert summarize(state) == "POW exchange postponed, June 2025"
    agreed = _state("agreement", {"agreed_to_ukraine": 1000, "agreed_to_russia": 1000}, status="agreed")
    assert summarize(agreed) == "Agreement: 1,000 for 1,000"


def test_format_date_and_venue() -> None:
    assert format_date(date(2022, 9, 21), "day") == "21 September 2022"
    assert format_date(date(2022, 9, 1), "unknown") == ""
    assert venue_name("ЖЕНЕВІ") == "Geneva"
    assert venue_name("неизвестно") == ""


def test_an_agreement_shows_the_day_its_handover_is_planned_for() -> None:
    facts = {"agreed_to_ukraine": 175, "agreed_to_russia": 175, "planned_for": "2025-03-19"}
    state = _state("agreement", facts, status="agreed", event_date=date(2025, 3, 18), date_precision="day")
    assert summarize(state) == "Agreement, 18 March 2025: 175 for 175; handover planned for 19 March 2025"
    assert summarize(_state("agreement", {"planned_for": "soon"}, status="agreed")) == "Agreement"
