"""Monthly totals: only carried-out, dated exchanges and repatriations count; nothing is guessed."""

from __future__ import annotations

from datetime import date

from service.core.domain import EventState
from service.core.events.stats import grand_totals, monthly_totals, months_between


def _event(key: str, kind: str, day: date | None, facts: dict, status: str = "completed") -> EventState:
    precision = "day" if day else "unknown"
    return EventState(key, kind, status, day, precision, facts)  # type: ignore[arg-type]


def test_months_span_years_inclusive() -> None:
    months = months_between(date(2022, 11, 5), date(2023, 2, 1))
    assert months == [date(2022, 11, 1), date(2022, 12, 1), date(2023, 1, 1), date(2023, 2, 1)]


def test_only_completed_dated_exchanges_and_repatriations_count() -> None:
    events = [
        _event("a", "pow_exchange", date(2025, 6, 9), {"returned_to_ukraine": 84, "returned_to_russia": 84}),
        _event("b", "pow_exchange", date(2025, 6, 20), {"returned_to_ukraine": 16}),
        _event("c", "body_repatriation", date(2025, 6, 16), {"bodies_to_ukraine": 1212, "bodies_to_russia": 27}),
        _event("d", "agreement", date(2025, 6, 2), {"agreed_bodies": 6000}, status="agreed"),
        _event("e", "pow_exchange", date(2025, 6, 1), {"returned_to_ukraine": 500}, status="postponed"),
        _event("f", "pow_exchange", None, {"returned_to_ukraine": 10}),
        _event("g", "pow_exchange", date(2021, 5, 1), {"returned_to_ukraine": 10}),
    ]
    months = monthly_totals(events, date(2025, 5, 1), date(2025, 6, 30))
    may, june = months
    assert may.events == 0 and may.people == 0
    assert (june.people_to_ukraine, june.people_to_russia) == (100, 84)
    assert (june.bodies_to_ukraine, june.bodies_to_russia) == (1212, 27)
    assert sorted(june.event_ids) == ["a", "b", "c"]
    assert grand_totals(months)["events"] == 3
    assert june.as_json()["month"] == "2025-06" and "event_ids" not in june.as_json()
