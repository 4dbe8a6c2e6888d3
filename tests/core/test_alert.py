"""Alert decisions: one per material revision, none for corroboration or history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from service.core.domain import EventState, FieldChange
from service.core.events.alert import decide_alert

BASE = EventState(
    key="e1",
    kind="pow_exchange",
    status="completed",
    event_date=date(2031, 5, 20),
    date_precision="day",
    facts={"returned_to_ukraine": 84},
    sources=frozenset({"a.example"}),
    confidence=0.3,
    report_count=1,
)


def test_new_event_is_created() -> None:
    decision = decide_alert(None, BASE)
    assert decision is not None and decision.type == "event.created" and decision.changes == ()


def test_historical_events_never_alert() -> None:
    old = replace(BASE, historical=True)
    assert decide_alert(None, old) is None
    assert decide_alert(old, replace(old, facts={"returned_to_ukraine": 90})) is None


def test_revived_historical_event_is_news() -> None:
    decision = decide_alert(replace(BASE, historical=True), BASE)
    assert decision is not None and decision.type == "event.created"


def test_corroboration_is_silent() -> None:
    after = replace(BASE, sources=BASE.sources | {"b.example"}, confidence=0.45, report_count=2)
    assert decide_alert(BASE, after) is None


def test_new_mediator_alone_is_not_material() -> None:
    assert decide_alert(BASE, replace(BASE, facts={**BASE.facts, "mediators": ("UAE",)})) is None


def test_figure_appearing_is_an_update_with_field_changes() -> None:
    after = replace(BASE, facts={**BASE.facts, "returned_to_russia": 84, "mediators": ("UAE",)})
    decision = decide_alert(BASE, after)
    assert decision is not None and decision.type == "event.updated"
    assert decision.changes == (
        FieldChange("returned_to_russia", None, 84),
        FieldChange("mediators", None, ("UAE",)),
    )


def test_figure_change_and_stage_are_material() -> None:
    changed = decide_alert(BASE, replace(BASE, facts={"returned_to_ukraine": 90}))
    assert changed is not None and changed.changes == (FieldChange("returned_to_ukraine", 84, 90),)
    staged = decide_alert(BASE, replace(BASE, facts={**BASE.facts, "stage": 2}))
    assert staged is not None and staged.changes == (FieldChange("stage", None, 2),)


def test_status_change_is_material() -> None:
    agreed = replace(BASE, kind="agreement", status="agreed")
    decision = decide_alert(agreed, replace(agreed, status="postponed"))
    assert decision is not None and decision.changes == (FieldChange("status", "agreed", "postponed"),)


def test_confidence_crossing_the_threshold_once() -> None:
    up = replace(BASE, confidence=0.51, sources=BASE.sources | {"b.example"})
    decision = decide_alert(BASE, up, confidence_threshold=0.5)
    assert decision is not None and decision.changes == (FieldChange("confidence", 0.3, 0.51),)
    assert decide_alert(up, replace(up, confidence=0.66), confidence_threshold=0.5) is None
    assert decide_alert(BASE, up, confidence_threshold=0.9) is None


def test_date_refinement_rides_along_but_is_not_material() -> None:
    vague = replace(BASE, date_precision="unknown")
    assert decide_alert(vague, BASE) is None
    decision = decide_alert(vague, replace(BASE, facts={"returned_to_ukraine": 85}))
    assert decision is not None
    assert FieldChange("date_precision", "unknown", "day") in decision.changes
