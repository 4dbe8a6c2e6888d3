"""SQL for events and alerts: serialized grouping, event rows from EventState, alerts with outbox rows."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, text
from sqlmodel.ext.asyncio.session import AsyncSession

from service.core.domain import AlertDecision, Document, EventState, Mention, Report
from service.core.events.alert import decide_alert
from service.core.events.cluster import GroupOutcome, GroupParams, candidate_window, group
from service.core.events.codec import state_from_json, state_to_json
from service.delivery.payload import alert_data, dumps
from service.models import Alert, Article, Event, EventReport
from service.store.payloads import alert_payload, mention_json

GROUPING_LOCK_ID = 0x6577_6772  # one advisory lock per topic would hash the topic; there is one topic
UNDATED_LOOKBACK = timedelta(days=30)
MAX_CANDIDATES = 500


@dataclass(frozen=True)
class Recorded:
    outcomes: tuple[GroupOutcome, ...]
    alerts: tuple[Alert, ...]


async def lock_grouping(session: AsyncSession) -> None:
    """Serialize event grouping across workers (transaction-scoped; SQLite writers are serialized already)."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        await session.exec(text("SELECT pg_advisory_xact_lock(:k)").bindparams(k=GROUPING_LOCK_ID))  # type: ignore[call-overload]


def _window_clause(kind: str, low: date | None, high: date | None, now: datetime) -> Any:
    dated = True if low is None or high is None else and_(Event.event_date >= low, Event.event_date <= high)  # type: ignore[operator]
    undated = and_(Event.event_date == None, Event.last_seen >= now - UNDATED_LOOKBACK)  # type: ignore[operator]  # noqa: E711
    recent = Event.last_seen >= now - UNDATED_LOOKBACK if low is None else dated  # type: ignore[operator]
    return and_(Event.kind.in_([kind, "agreement"]), or_(recent, undated))  # type: ignore[attr-defined]


async def load_candidates(
    session: AsyncSession, report: Report, published: datetime | None, now: datetime, params: GroupParams
) -> list[EventState]:
    """Events the report's mentions could match (same kind or an agreement, inside the date window)."""
    clauses = []
    for mention in report.mentions:
        kind, low, high = candidate_window(mention, published, params=params)
        clauses.append(_window_clause(kind, low, high, now))
    if not clauses:
        return []
    query = select(Event).where(or_(*clauses)).order_by(Event.last_seen.desc()).limit(MAX_CANDIDATES)  # type: ignore[attr-defined]
    rows = (await session.exec(query)).scalars().all()  # type: ignore[call-overload]
    return [state_from_json(row.state) for row in rows]


async def record_report(
    session: AsyncSession,
    article: Article,
    report: Report,
    doc: Document,
    now: datetime,
    *,
    params: GroupParams,
    confidence_threshold: float,
) -> Recorded:
    """Group one relevant report into events and emit the alerts it causes, in the caller's transaction."""
    from service.store.webhooks import enqueue_for_alert

    await lock_grouping(session)
    candidates = await load_candidates(session, report, doc.published, now, params)
    outcomes = group(candidates, report, doc, now, new_key=lambda: uuid.uuid4().hex, params=params)
    alerts: list[Alert] = []
    for outcome in outcomes:
        event = await _save_event(session, outcome.after)
        await _link(session, event.id, article.id, outcome.mention, outcome.primary)  # type: ignore[arg-type]
        decision = decide_alert(outcome.before, outcome.after, confidence_threshold=confidence_threshold)
        if decision is None:
            continue
        alert = await _emit(session, event, outcome.after, decision, article, now)
        await enqueue_for_alert(session, alert)
        alerts.append(alert)
    return Recorded(tuple(outcomes), tuple(alerts))


async def _save_event(session: AsyncSession, state: EventState) -> Event:
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


async def _link(session: AsyncSession, event_id: str, article_id: int, mention: Mention, primary: bool) -> None:
    query = select(EventReport).where(EventReport.event_id == event_id, EventReport.article_id == article_id)  # type: ignore[arg-type]
    link = (await session.exec(query)).scalars().first()  # type: ignore[call-overload]
    if link is None:
        link = EventReport(event_id=event_id, article_id=article_id)
    link.is_primary = primary
    link.recalled = mention.recalled
    link.mention = mention_json(mention)
    session.add(link)
    await session.flush()


async def _emit(
    session: AsyncSession,
    event: Event,
    state: EventState,
    decision: AlertDecision,
    article: Article,
    now: datetime,
) -> Alert:
    event.revision += 1
    session.add(event)
    alert = Alert(
        type=decision.type,
        event_id=event.id,
        revision=event.revision,
        kind=state.kind,
        language=article.language,
        confidence=state.confidence,
        created_at=now,
        payload=alert_payload(state, decision, article),
    )
    session.add(alert)
    await session.flush()
    alert.payload = {**alert.payload, "cursor": str(alert.id), "alert_id": alert.id}
    alert.body = dumps(alert_data(alert))
    session.add(alert)
    await session.flush()
    return alert


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
    query = select(Event).order_by(Event.last_seen.desc(), Event.id.desc()).limit(limit)  # type: ignore[attr-defined]
    if kind:
        query = query.where(Event.kind == kind)  # type: ignore[arg-type]
    if status:
        query = query.where(Event.status == status)  # type: ignore[arg-type]
    if since is not None:
        query = query.where(Event.event_date >= since)  # type: ignore[operator]
    if not include_historical:
        query = query.where(Event.historical == False)  # type: ignore[arg-type]  # noqa: E712
    if before is not None:
        seen, event_id = before
        query = query.where(
            or_(Event.last_seen < seen, and_(Event.last_seen == seen, Event.id < event_id))  # type: ignore[operator,arg-type]
        )
    return (await session.exec(query)).scalars().all()  # type: ignore[call-overload]


async def event_timeline(session: AsyncSession, event_id: str) -> list[tuple[EventReport, Article]]:
    query = (
        select(EventReport, Article)
        .join(Article, Article.id == EventReport.article_id)  # type: ignore[arg-type]
        .where(EventReport.event_id == event_id)  # type: ignore[arg-type]
        .order_by(EventReport.created_at, EventReport.id)  # type: ignore[arg-type]
    )
    return [(row[0], row[1]) for row in (await session.exec(query)).all()]  # type: ignore[call-overload]


async def event_alerts(session: AsyncSession, event_id: str) -> Sequence[Alert]:
    query = select(Alert).where(Alert.event_id == event_id).order_by(Alert.id)  # type: ignore[arg-type]
    return (await session.exec(query)).scalars().all()  # type: ignore[call-overload]
