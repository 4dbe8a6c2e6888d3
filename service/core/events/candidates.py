"""Time windows: when a mention's event can have happened, and the one rule for loading candidates.

Every mention has a span of plausible event days: its date (a day, or a whole month; a day that is only
the publication day also the day before, or for an agreement the weeks before), else the week
before it was published or, unpublished, before it was discovered. Only a mention with neither (the
replay of a corpus row whose discovery time was lost) has no span. The database store and the eval
replay both load candidates with :func:`windows` and :func:`admits`, most recently seen first, capped
at ``max_candidates``; :func:`select` is the in-memory form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from service.core.domain import EventKind, EventState, Mention, Report
from service.core.events.merge import month_end
from service.core.events.params import GroupParams

Interval = tuple[date, date] | None  # plausible event dates; None when nothing is known


def mention_interval(
    mention: Mention, published: datetime | None, params: GroupParams, discovered: datetime | None = None
) -> Interval:
    """The days the mention's event can have happened on (None: nothing places it in time)."""
    day = mention.event_date
    if day is not None and mention.date_precision == "day":
        if not mention.date_inferred and not follow_up(mention):
            return day, day
        reach = params.agreement_follow_days if mention.kind == "agreement" else 1
        return day - timedelta(days=reach), day
    if day is not None and mention.date_precision == "month":
        # An agreement dated only by a month ("in early August Zelensky said an exchange is being prepared")
        # is dated by its news, like one known by its publication day: the deal may precede that month.
        reach = params.agreement_follow_days if mention.kind == "agreement" else 0
        return day.replace(day=1) - timedelta(days=reach), month_end(day)
    anchor = published or discovered
    if anchor is None:
        return None
    return anchor.date() - timedelta(days=params.unknown_window_days), anchor.date() + timedelta(days=1)


def follow_up(mention: Mention) -> bool:
    """A postponement or disruption of an agreement is dated by its own news, but is about a deal struck
    before it: it may reach back like a follow-up known only by its publication."""
    return mention.kind == "agreement" and mention.status in ("postponed", "disrupted")


def reaches_back(mention: Mention) -> bool:
    """Whether an agreement mention may be about a deal struck weeks before the day that dates it: no day
    of its own (a publication day, a month) or a postponement or disruption dated by its own news."""
    if mention.kind != "agreement" or mention.event_date is None:
        return False
    return mention.date_precision == "month" or mention.date_inferred or follow_up(mention)


def event_interval(event: EventState, params: GroupParams) -> Interval:
    """The days a stored event can have happened on (an undated one: the week before its first report)."""
    if event.event_date is None:
        return None
    stub = Mention(event.kind, event.status, event.event_date, event.date_precision, date_inferred=event.date_inferred)
    return mention_interval(stub, datetime.combine(event.event_date, datetime.min.time()), params)


@dataclass(frozen=True)
class Window:
    """Events of ``kind`` dated within [low, high]; unbounded (None) only for a mention with no span.

    The service always knows when it discovered an article, so its windows are always bounded (this
    replaces the former 30-day look-back for undated reports, which let a 2026 report join a 2022 event).
    """

    kind: EventKind
    low: date | None
    high: date | None


def window(
    mention: Mention,
    published: datetime | None,
    params: GroupParams,
    discovered: datetime | None = None,
) -> Window:
    """Kind and inclusive ``event_date`` bounds of every event :func:`cluster.group` could match."""
    span = mention_interval(mention, published, params, discovered)
    if span is None:
        return Window(mention.kind, None, None)
    slack = timedelta(days=params.day_slack_days)
    low, high = span[0] - slack, span[1] + slack
    # Month-precision events sit on the 1st; undated ones on their first report, up to a window later;
    # an agreement dated only by a follow-up's publication, up to the follow-up window later.
    lo = min(low.replace(day=1), low - timedelta(days=1))
    later = params.unknown_window_days
    if mention.kind == "agreement":
        later = max(later, params.agreement_follow_days)
    return Window(mention.kind, lo, high + timedelta(days=later))


def windows(
    report: Report, published: datetime | None, params: GroupParams, discovered: datetime | None = None
) -> list[Window]:
    """One window per mention, and for a handover the agreements it may carry out (parents.py); no repeats.

    The store ORs them into one query.
    """
    found: list[Window] = []
    for mention in report.mentions:
        rule = window(mention, published, params, discovered)
        found.append(rule)
        if mention.kind != "agreement" and rule.low is not None and rule.high is not None:
            reach = timedelta(days=params.agreement_link_days)
            found.append(Window("agreement", rule.low - reach, rule.high))
    return list(dict.fromkeys(found))


def admits(rule: Window, event: EventState) -> bool:
    if event.kind != rule.kind:
        return False
    if rule.low is None or rule.high is None:
        return True
    return event.event_date is not None and rule.low <= event.event_date <= rule.high


def order_key(event: EventState) -> tuple[float, str]:
    """Most recently seen first, then by key: the store's ORDER BY last_seen DESC, id DESC."""
    return (event.last_seen.timestamp() if event.last_seen else float("-inf"), event.key)


def select(events: Iterable[EventState], rules: Sequence[Window], params: GroupParams) -> list[EventState]:
    """The candidates among ``events`` exactly as the store loads them (filter, order, cap)."""
    found = [e for e in events if any(admits(rule, e) for rule in rules)]
    found.sort(key=order_key, reverse=True)
    return found[: params.max_candidates]
