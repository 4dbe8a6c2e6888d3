"""SQL for events and alerts: the grouping lock, candidate events, event rows from EventState, alert rows."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, true
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from service.core.domain import EventState, Report
from service.core.events.candidates import Window, windows
from service.core.events.cluster import GroupParams
from service.core.events.codec import state_from_json, state_to_json
from service.models import Alert, Article, Event, EventReport

GROUPING_LOCK_ID = 0x6577_6772  # one advisory lock per topic would hash the topic; there is one topic


async def lock_grouping(session: AsyncSession) -> None:
    """Serialize event grouping across workers (transaction-scoped; SQLite writers are serialized already)."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        await session.exec(select(func.pg_advisory_xact_lock(GROUPING_LOCK_ID)))


def _window_clause(rule: Window) -> ColumnElement[bool]:
    """SQL for :func:`candidates.admits` (the one candidate rule)."""
    event_date, kind = col(Event.event_date), col(Event.kind)
    if rule.low is not None and rule.high is not None:
        return and_(kind == rule.kind, event_date >= rule.low, event_date <= rule.high)
    return and_(kind == rule.kind, true())  # unbounded: only in a replay of a row that lost its dates


async def load_candidates(
    session: AsyncSession, report: Report, published: datetime | None, now: datetime, params: GroupParams
) -> list[EventState]:
    """Events the report's mentions could match, as :func:`candidates.select` chooses them in memory."""
    rules = windows(report, published, params, discovered=now)
    if not rules:
        return []
    query = (
        select(Event)
        .where(or_(*(_window_clause(rule) for rule in rules)))
        .order_by(col(Event.last_seen).desc(), col(Event.id).desc())
        .limit(params.max_candidates)
    )
    rows = (await session.exec(query)).all()
    return [state_from_json(row.state) for row in rows]


async def save_event(session: AsyncSession, state: EventState) -> Event:
    """Insert or update the event row from its state (the state itself is stored, exactly reversible)."""
    event = await session.get(Event, state.key)
    if event is None:
        event = Event(id=state.key, kind=state.kind, status=state.status, first_seen=state.first_seen or datetime.now())
    event.kind = state.kind
    event.status = state.status
    event.event_date = state.event_date
    event.confidence = state.confidence
    event.historical = state.historical
    event.parent_id = state.parent_key
    event.report_count = state.report_count
    if state.first_seen:
        event.first_seen = state.first_seen
    if state.last_seen:
        event.last_seen = state.last_seen
    event.state = state_to_json(state)
    session.add(event)
    await session.flush()
    return event


async def link_report(
    session: AsyncSession, event_id: str, article_id: int, *, primary: bool, recalled: bool, mention: dict[str, Any]
) -> None:
    """Record that the article reports the event (once per pair; a re-run updates the link)."""
    query = select(EventReport).where(col(EventReport.event_id) == event_id, col(EventReport.article_id) == article_id)
    link = (await session.exec(query)).first()
    if link is None:
        link = EventReport(event_id=event_id, article_id=article_id)
    link.is_primary = primary
    link.recalled = recalled
    link.mention = mention
    session.add(link)
    await session.flush()


async def add_alert(session: AsyncSession, event: Event, alert: Alert) -> Alert:
    """Insert the alert (the event's next revision); flushed, so it has its id (the cursor)."""
    event.revision = alert.revision
    session.add_all([event, alert])
    await session.flush()
    return alert


async def save_alert(session: AsyncSession, alert: Alert) -> None:
    session.add(alert)
    await session.flush()


async def list_events(
    session: AsyncSession,
    *,
    kind: str | None,
    status: str | None,
    since: date | None,
    include_historical: bool,
    before: tuple[datetime, str] | None,
    limit: int,
) -> Sequence[Event]:
    query = select(Event).order_by(col(Event.last_seen).desc(), col(Event.id).desc()).limit(limit)
    if kind:
        query = query.where(col(Event.kind) == kind)
    if status:
        query = query.where(col(Event.status) == status)
    if since is not None:
        query = query.where(col(Event.event_date) >= since)
    if not include_historical:
        query = query.where(col(Event.historical) == False)  # noqa: E712
    if before is not None:
        query = query.where(seen_before(*before))
    return (await session.exec(query)).all()


def seen_before(seen: datetime, event_id: str) -> ColumnElement[bool]:
    """Events after (seen, event_id) in newest-first order: the keyset of an event cursor."""
    last_seen = col(Event.last_seen)
    return or_(last_seen < seen, and_(last_seen == seen, col(Event.id) < event_id))


async def event_timeline(session: AsyncSession, event_id: str) -> list[tuple[EventReport, Article]]:
    query = (
        select(EventReport, Article)
        .join(Article, col(Article.id) == col(EventReport.article_id))
        .where(col(EventReport.event_id) == event_id)
        .order_by(col(EventReport.created_at), col(EventReport.id))
    )
    return [(report, article) for report, article in (await session.exec(query)).all()]


async def event_alerts(session: AsyncSession, event_id: str) -> Sequence[Alert]:
    query = select(Alert).where(col(Alert.event_id) == event_id).order_by(col(Alert.id))
    return (await session.exec(query)).all()
