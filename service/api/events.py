"""/v1/events: real-world events with merged facts, provenance and the timeline of reports."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, Field

from service.api.deps import ReaderDep
from service.api.pagination import split_page
from service.core.domain import EventKind, EventStatus
from service.core.events.codec import state_from_json
from service.models import Event
from service.render import event_json, facts_json, provenance_json
from service.store import events as event_store

router = APIRouter(prefix="/v1/events", tags=["events"])


class EventSummary(BaseModel):
    id: str
    summary: str = Field(description="one English line built from the merged facts")
    kind: str
    status: str
    event_date: date | None
    date_precision: str
    confidence: float
    official: bool
    historical: bool
    parent_id: str | None
    sources_count: int
    report_count: int
    first_seen: datetime | None
    last_seen: datetime | None
    facts: dict[str, Any]
    links: dict[str, str] = Field(description="`event`: this JSON; `page`: the HTML page")


class EventPage(BaseModel):
    data: list[EventSummary]
    next_cursor: str | None
    has_more: bool


class TimelineEntry(BaseModel):
    article_id: int
    url: str
    title: str
    source: str
    language: str | None
    published_at: datetime | None
    discovered_at: datetime
    primary: bool
    recalled: bool
    mention: dict[str, Any]


class EventDetail(EventSummary):
    provenance: dict[str, list[dict[str, Any]]]
    evidence: list[dict[str, Any]]
    sources: list[str]
    timeline: list[TimelineEntry]
    alerts: list[dict[str, Any]]


def _summary(event: Event) -> dict[str, Any]:
    state = state_from_json(event.state)
    return {**event_json(state), "facts": facts_json(state)}


def _cursor_of(event: Event) -> str:
    """`<last_seen in µs since the epoch>.<event id>`: URL-safe, and unique even for events seen at one instant."""
    return f"{round(event.last_seen.timestamp() * 1_000_000)}.{event.id}"


def _parse_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    if cursor is None:
        return None
    micros, _, event_id = cursor.partition(".")
    if not micros.isdecimal() or len(micros) > 17 or not event_id or len(event_id) > 40:
        raise HTTPException(422, "cursor: not a cursor returned by this API")
    return datetime.fromtimestamp(int(micros) / 1_000_000, UTC), event_id


@router.get("", response_model=EventPage, summary="List events (most recently reported first)")
async def list_events(
    session: ReaderDep,
    kind: Annotated[EventKind | None, Query(description="only events of this kind")] = None,
    status: Annotated[EventStatus | None, Query(description="only events with this status")] = None,
    since: Annotated[date | None, Query(description="event date on or after")] = None,
    include_historical: bool = True,
    cursor: Annotated[str | None, Query(max_length=80)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> EventPage:
    rows = await event_store.list_events(
        session,
        kind=kind,
        status=status,
        since=since,
        include_historical=include_historical,
        before=_parse_cursor(cursor),
        limit=limit + 1,
    )
    page, next_cursor, has_more = split_page(rows, limit, _cursor_of)
    return EventPage(data=[EventSummary(**_summary(e)) for e in page], next_cursor=next_cursor, has_more=has_more)


@router.get("/{event_id}", response_model=EventDetail, summary="One event: facts, provenance, timeline")
async def get_event(event_id: str, session: ReaderDep) -> EventDetail:
    event = await session.get(Event, event_id[:64])
    if event is None:
        raise HTTPException(404, f"event {event_id} not found")
    state = state_from_json(event.state)
    timeline = await event_store.event_timeline(session, event.id)
    alerts = await event_store.event_alerts(session, event.id)
    return EventDetail(
        **_summary(event),
        provenance={key: provenance_json(items) for key, items in state.provenance.items()},
        evidence=provenance_json(state.evidence),
        sources=sorted(state.sources),
        timeline=[
            TimelineEntry(
                article_id=a.id,
                url=a.url,
                title=a.title,
                source=a.source,
                language=a.language,
                published_at=a.published_at,
                discovered_at=a.discovered_at,
                primary=r.is_primary,
                recalled=r.recalled,
                mention=r.mention,
            )
            for r, a in timeline
        ],
        alerts=[
            {
                "id": a.id,
                "type": a.type,
                "revision": a.revision,
                "created_at": a.created_at.isoformat(),
                "changes": a.payload.get("changes", []),
            }
            for a in alerts
        ],
    )
