"""The one candidate rule: every report has a time window; the store and the replay load alike."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from service.core.domain import Document, EventState, Fact, Mention, Report
from service.core.events import candidates
from service.core.events.cluster import GroupParams, group

PARAMS = GroupParams()
DISCOVERED = datetime(2026, 3, 2, 9, tzinfo=UTC)


def event(key: str, day: date, seen: datetime, kind: str = "pow_exchange") -> EventState:
    return EventState(key, kind, "completed", day, "day", last_seen=seen)  # type: ignore[arg-type]


def undated() -> Report:
    return Report(True, 1.0, (Mention("pow_exchange", "completed", None, "unknown"),))


def test_an_undated_report_is_bounded_by_its_discovery_time() -> None:
    old = event("old", date(2022, 4, 1), datetime(2022, 4, 2, tzinfo=UTC))
    recent = event("recent", date(2026, 2, 27), datetime(2026, 2, 28, tzinfo=UTC))
    rules = candidates.windows(undated(), None, PARAMS, DISCOVERED)
    assert all(rule.low is not None and rule.high is not None for rule in rules)
    assert candidates.select([old, recent], rules, PARAMS) == [recent]


def test_only_a_replayed_row_that_lost_every_date_is_unbounded() -> None:
    old = event("old", date(2022, 4, 1), datetime(2022, 4, 2, tzinfo=UTC))
    assert candidates.select([old], candidates.windows(undated(), None, PARAMS), PARAMS) == [old]


def test_a_2026_report_does_not_join_a_2022_event_even_with_equal_figures() -> None:
    # Both say "84 each"; only the time window keeps them apart.
    said = Mention("pow_exchange", "completed", None, "unknown")
    figures = (Fact("returned_to_ukraine", 84, ""), Fact("returned_to_russia", 84, ""))
    report = Report(True, 1.0, (Mention(said.kind, said.status, None, "unknown", figures),))
    first = Report(True, 1.0, (Mention("pow_exchange", "completed", date(2022, 4, 1), "day", figures),))
    doc = Document("", "", "en", None)
    [made] = group([], first, doc, datetime(2022, 4, 1, 12, tzinfo=UTC), new_key=lambda: "e2022")
    found = candidates.select([made.after], candidates.windows(report, None, PARAMS, DISCOVERED), PARAMS)
    [out] = group(found, report, doc, DISCOVERED, new_key=lambda: "e2026")
    assert found == [] and out.before is None and out.after.event_date == DISCOVERED.date()
    # Offered the old event anyway, group refuses it too: the rule and the matcher agree.
    [again] = group([made.after], report, doc, DISCOVERED, new_key=lambda: "e2026b")
    assert again.before is None


def test_candidates_are_most_recently_seen_first_and_capped() -> None:
    params = GroupParams(max_candidates=3)
    base = datetime(2026, 3, 1, tzinfo=UTC)
    events = [event(f"k{i}", date(2026, 3, 1), base + timedelta(hours=i % 4)) for i in range(6)]
    rules = candidates.windows(undated(), None, params, DISCOVERED)
    chosen = candidates.select(events, rules, params)
    assert [e.key for e in chosen] == ["k3", "k2", "k5"]  # hours 3, 2, then the later key of the hour-1 pair


def test_kinds_are_separate_windows() -> None:
    bodies = event("b", date(2026, 3, 1), DISCOVERED, kind="body_repatriation")
    assert candidates.select([bodies], candidates.windows(undated(), None, PARAMS, DISCOVERED), PARAMS) == []


def test_a_handover_also_loads_the_agreements_it_may_carry_out() -> None:
    deal = event("deal", date(2026, 2, 10), datetime(2026, 2, 10, tzinfo=UTC), kind="agreement")
    stale = event("stale", date(2025, 12, 1), datetime(2025, 12, 1, tzinfo=UTC), kind="agreement")
    rules = candidates.windows(undated(), None, PARAMS, DISCOVERED)
    assert candidates.select([deal, stale], rules, PARAMS) == [deal]
