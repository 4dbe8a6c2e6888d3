"""People and bodies returned per month, from completed events (pure: the caller gives the months).

The timeline page's chart and `/v1/stats` both come from here, so they always show the same totals.
Only carried-out events with a known month count: an agreement, a postponed stage or an undated
report moves no one, and a figure nobody reported is not guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from service.core.domain import EventState

FIGURES: tuple[tuple[str, str], ...] = (
    ("people_to_ukraine", "returned_to_ukraine"),
    ("people_to_russia", "returned_to_russia"),
    ("bodies_to_ukraine", "bodies_to_ukraine"),
    ("bodies_to_russia", "bodies_to_russia"),
)
COUNTED_KINDS = frozenset({"pow_exchange", "body_repatriation"})


@dataclass
class MonthTotal:
    month: date  # the first day of the month
    people_to_ukraine: int = 0
    people_to_russia: int = 0
    bodies_to_ukraine: int = 0
    bodies_to_russia: int = 0
    events: int = 0
    event_ids: list[str] = field(default_factory=list)

    @property
    def people(self) -> int:
        return self.people_to_ukraine + self.people_to_russia

    @property
    def bodies(self) -> int:
        return self.bodies_to_ukraine + self.bodies_to_russia

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["month"] = self.month.strftime("%Y-%m")
        del data["event_ids"]
        return data


def months_between(start: date, end: date) -> list[date]:
    """First days of every month from start's month to end's month, inclusive."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def counts(state: EventState) -> bool:
    """Whether an event adds to the monthly totals."""
    return (
        state.kind in COUNTED_KINDS
        and state.status == "completed"
        and state.event_date is not None
        and state.date_precision != "unknown"
    )


def monthly_totals(states: Iterable[EventState], start: date, end: date) -> list[MonthTotal]:
    """One MonthTotal per month in [start, end]; events outside the range are ignored."""
    by_month = {m: MonthTotal(m) for m in months_between(start, end)}
    for state in states:
        if not counts(state):
            continue
        assert state.event_date is not None
        total = by_month.get(state.event_date.replace(day=1))
        if total is None:
            continue
        total.events += 1
        total.event_ids.append(state.key)
        for name, key in FIGURES:
            value = state.facts.get(key)
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                setattr(total, name, getattr(total, name) + value)
    return list(by_month.values())


def grand_totals(months: Iterable[MonthTotal]) -> dict[str, int]:
    """Sums over the months: people and bodies to each side, and the number of events counted."""
    sums = {name: 0 for name, _ in FIGURES} | {"events": 0}
    for month in months:
        for name in sums:
            sums[name] += getattr(month, name)
    return sums
