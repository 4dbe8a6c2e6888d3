"""Record one relevant report: group it into events, decide the alerts, render them, queue their deliveries.

The decisions are the core's (grouping, alert decision), the JSON is render's, the rows are the store's;
this step runs them in order inside the caller's transaction, under the grouping lock.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from service import render
from service.core.domain import AlertDecision, Document, EventState, Report
from service.core.events.alert import decide_outcome
from service.core.events.cluster import GroupOutcome, GroupParams, group
from service.models import Alert, Article, Event
from service.store import events as event_store
from service.store import webhooks as webhook_store


@dataclass(frozen=True)
class Recorded:
    outcomes: tuple[GroupOutcome, ...]
    alerts: tuple[Alert, ...]


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
    assert article.id is not None, "a stored article has an id"
    await event_store.lock_grouping(session)
    candidates = await event_store.load_candidates(session, report, doc.published, now, params)
    outcomes = group(candidates, report, doc, now, new_key=lambda: uuid.uuid4().hex, params=params)
    alerts: list[Alert] = []
    for outcome in outcomes:
        event = await event_store.save_event(session, outcome.after)
        mention = render.mention_json(outcome.mention)
        await event_store.link_report(
            session, event.id, article.id, primary=outcome.primary, recalled=outcome.mention.recalled, mention=mention
        )
        decision = decide_outcome(outcome, confidence_threshold=confidence_threshold)
        if decision is None:
            continue
        alert = await _emit(session, event, outcome.after, decision, article, now)
        await queue_deliveries(session, alert)
        alerts.append(alert)
    return Recorded(tuple(outcomes), tuple(alerts))


async def _emit(
    session: AsyncSession, event: Event, state: EventState, decision: AlertDecision, article: Article, now: datetime
) -> Alert:
    """The alert row, rendered once: its payload, and its public JSON with the cursor (known after insert)."""
    alert = Alert(
        type=decision.type,
        event_id=event.id,
        revision=event.revision + 1,
        kind=state.kind,
        language=article.language,
        confidence=state.confidence,
        created_at=now,
        payload=render.alert_payload(state, decision, article),
    )
    alert = await event_store.add_alert(session, event, alert)
    alert.payload = {**alert.payload, "cursor": str(alert.id), "alert_id": alert.id}
    alert.body = render.dumps(render.alert_data(alert))
    await event_store.save_alert(session, alert)
    return alert


async def queue_deliveries(session: AsyncSession, alert: Alert) -> int:
    """Outbox rows for the alert (its webhook body, rendered once and sent byte for byte on every retry)."""
    return await webhook_store.enqueue_for_alert(session, alert, render.alert_body(alert))
