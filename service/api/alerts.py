"""/v1/alerts: cursor-paged polling, one alert by id (ETag / 304), and a live Server-Sent Events stream.

The cursor is the alert id: the same sequence orders this API, the stream and webhooks.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Path, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel.ext.asyncio.session import AsyncSession
from sse_starlette.event import ServerSentEvent
from sse_starlette.sse import EventSourceResponse

from service.api.alert_schemas import AlertChange, AlertEvent, AlertEvidence, AlertFacts, AlertSource
from service.api.deps import DatabaseDep
from service.api.vocab import Language
from service.core.domain import AlertType, EventKind
from service.render import dumps, rendered
from service.store import alerts as alert_store

router = APIRouter(prefix="/v1/alerts", tags=["alerts"])

CURSOR = r"^\d{1,18}$"  # below 2**63: the cursor is a BIGINT
MAX_ID = 2**63 - 1
STREAM_POLL_SECONDS = 1.0  # how often an idle stream looks for new alerts (any process may write them)
STREAM_BATCH = 100
STREAM_PING_SECONDS = 15
STREAM_RETRY_MS = 3000

ALERT_EXAMPLE: dict[str, Any] = {
    "id": 42,
    "cursor": "42",
    "type": "event.created",
    "event_id": "5c1e0e3f9a8b4c7d",
    "revision": 1,
    "kind": "pow_exchange",
    "language": "uk",
    "confidence": 0.92,
    "created_at": "2026-06-09T14:05:00Z",
    "summary": "POW exchange, 9 June 2026 (stage 2): 84 returned to Ukraine; UAE mediated — 1 source, 1 official",
    "links": {"event": "/v1/events/5c1e0e3f9a8b4c7d", "page": "/events/5c1e0e3f9a8b4c7d"},
    "event": {
        "id": "5c1e0e3f9a8b4c7d",
        "kind": "pow_exchange",
        "status": "completed",
        "event_date": "2026-06-09",
    },
    "facts": {"returned_to_ukraine": 84, "stage": 2, "mediators": ["UAE"]},
    "changes": [],
    "evidence": [{"sentence": "84 Ukrainian defenders are home.", "source": "president.gov.ua", "official": True}],
    "sources": [{"source": "president.gov.ua", "url": "https://www.president.gov.ua/news/x", "official": True}],
}


class AlertOut(BaseModel):
    """An alert: the event, its facts, what changed, why (evidence) and where from (sources)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [ALERT_EXAMPLE]})

    id: int = Field(description="alert id; alerts are ordered by it")
    cursor: str = Field(description="pass as ?cursor= (or Last-Event-ID) to continue after this alert")
    type: str = Field(description="event.created or event.updated")
    event_id: str = Field(description="the event this alert is about (GET /v1/events/{id})")
    revision: int = Field(description="the event's revision this alert announces (1 for event.created)")
    kind: str = Field(description="pow_exchange, body_repatriation or agreement")
    language: str | None = Field(description="language of the article that caused the alert")
    confidence: float = Field(description="0–1: evidence strength, sources, officials")
    created_at: datetime = Field(description="when the alert was raised")
    summary: str = Field("", description="one English line built from the merged facts")
    links: dict[str, str] = Field(default_factory=dict, description="`event`: the event JSON; `page`: its HTML page")
    event: AlertEvent = Field(description="the event as it stands at this revision")
    facts: AlertFacts = Field(description="the merged facts (numbers, stage, categories, mediators)")
    changes: list[AlertChange] = Field(description="event.updated: what changed since the previous revision")
    evidence: list[AlertEvidence] = Field(description="why: the sentences the facts rest on, with their sources")
    sources: list[AlertSource] = Field(description="where from: every source reporting the event")


class AlertPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"data": [ALERT_EXAMPLE], "next_cursor": "42", "has_more": False}]}
    )

    data: list[AlertOut]
    next_cursor: str | None = Field(
        description="poll with this next (unchanged when nothing was new); null before any alert"
    )
    has_more: bool = Field(description="more alerts are already waiting: ask again at once")


TypesQuery = Annotated[list[AlertType] | None, Query(alias="type", description="alert types (repeat for several)")]
KindsQuery = Annotated[list[EventKind] | None, Query(alias="kind", description="event kinds (repeat for several)")]
LanguagesQuery = Annotated[
    list[Language] | None, Query(alias="language", description="ISO 639-1 codes of the reporting article")
]
CursorParam = Annotated[str | None, Query(pattern=CURSOR, description="the next_cursor of the previous call")]
AfterQuery = Annotated[str | None, Query(pattern=CURSOR, deprecated=True, description="old name of `cursor`")]
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {304: {"description": "Not modified (If-None-Match matched)"}}


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _conditional(request: Request, payload: str | bytes, *, cache: str, etag: str | None = None) -> Response:
    """A JSON response with a strong ETag; 304 when the client already has these exact bytes."""
    body = payload.encode() if isinstance(payload, str) else payload
    etag = etag or _etag(body)
    headers = {"ETag": etag, "Cache-Control": cache}
    wanted = request.headers.get("if-none-match", "")
    tags = {tag.strip().removeprefix("W/") for tag in wanted.split(",")}
    if etag in tags or "*" in tags:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


async def _rendered(session: AsyncSession, alert_id: int) -> str:
    """The JSON of an alert row stored without its rendering (alerts are never deleted)."""
    alert = await alert_store.get_alert(session, alert_id)
    if alert is None:
        raise LookupError(f"alert {alert_id} vanished")
    return rendered(alert)


@router.get(
    "",
    response_model=AlertPage,
    summary="Poll alerts after a cursor",
    responses=NOT_MODIFIED,
    description="Oldest first. Start without `cursor` (or with your last `next_cursor`), repeat while "
    "`has_more`. Responses carry an ETag; send it back in If-None-Match to get a cheap 304.",
)
async def list_alerts(
    request: Request,
    db: DatabaseDep,
    cursor: CursorParam = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    types: TypesQuery = None,
    kinds: KindsQuery = None,
    languages: LanguagesQuery = None,
    after: AfterQuery = None,
) -> Response:
    after = cursor or after
    key = (after, limit, tuple(types or ()), tuple(kinds or ()), tuple(languages or ()))
    pages: FullPages = request.app.state.__dict__.setdefault("alert_pages", FullPages())
    cached = pages.get(key)
    if cached is not None:
        return _conditional(request, cached[0], cache="no-cache", etag=cached[1])
    async with db.reader() as session:
        rows = await alert_store.list_alerts(
            session,
            after=int(after) if after else None,
            limit=limit + 1,
            types=types or (),
            kinds=kinds or (),
            languages=languages or (),
        )
        page = [(r.id, r.body or await _rendered(session, r.id)) for r in rows[:limit]]
    has_more = len(rows) > limit
    next_cursor = str(page[-1][0]) if page else after
    # Assembled from the stored renderings: no payload is decoded or re-encoded here.
    body = (
        '{"data":['
        + ",".join(text for _, text in page)
        + '],"next_cursor":'
        + dumps(next_cursor)
        + ',"has_more":'
        + ("true" if has_more else "false")
        + "}"
    )
    encoded = body.encode()
    if has_more:
        pages.put(key, (encoded, _etag(encoded)))
    return _conditional(request, encoded, cache="no-cache")


class FullPages:
    """Pages that are full and have more after them, which can never change.

    Alerts are written in cursor order (one writer on SQLite, an advisory lock on PostgreSQL) and are
    never edited, so once a page has `limit` alerts and a successor, its bytes are final. Backfilling
    clients and the first page are then served without touching the database; the live tail is not cached.
    """

    def __init__(self, size: int = 512) -> None:
        self.size = size
        self._pages: OrderedDict[tuple[Any, ...], tuple[bytes, str]] = OrderedDict()

    def get(self, key: tuple[Any, ...]) -> tuple[bytes, str] | None:
        body = self._pages.get(key)
        if body is not None:
            self._pages.move_to_end(key)
        return body

    def put(self, key: tuple[Any, ...], body: tuple[bytes, str]) -> None:
        self._pages[key] = body
        while len(self._pages) > self.size:
            self._pages.popitem(last=False)


@router.get(
    "/stream",
    summary="Follow alerts live (Server-Sent Events)",
    response_class=EventSourceResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "`id:` is the cursor"}},
    description="Each alert is one event: `id:` is its cursor, `event:` its type, `data:` the alert JSON. "
    "On reconnect the browser sends Last-Event-ID and the stream resumes after it; `?cursor=` does the "
    "same for other clients. Without either, only alerts newer than the connection are sent. "
    "A comment ping every 15 s keeps proxies from closing an idle stream.",
)
async def stream_alerts(
    request: Request,
    db: DatabaseDep,
    cursor: CursorParam = None,
    after: AfterQuery = None,
    types: TypesQuery = None,
    kinds: KindsQuery = None,
    languages: LanguagesQuery = None,
    last_event_id: Annotated[str | None, Header(alias="last-event-id")] = None,
) -> EventSourceResponse:
    resume = last_event_id or cursor or after
    if resume is not None and not (resume.isdecimal() and len(resume) <= 18):
        raise HTTPException(422, "Last-Event-ID must be an alert cursor (digits)")
    if resume is None:
        async with db.reader() as session:
            resume = str(await alert_store.latest_cursor(session))
    filters = {"types": types or (), "kinds": kinds or (), "languages": languages or ()}
    return EventSourceResponse(
        _follow(request, db, int(resume), filters),
        ping=STREAM_PING_SECONDS,
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _follow(request: Request, db: Any, cursor: int, filters: dict[str, Any]) -> AsyncIterator[ServerSentEvent]:
    """Alerts after `cursor`, then new ones as they are committed (by any process), until disconnect."""
    yield ServerSentEvent(comment="exchangewatch alerts", retry=STREAM_RETRY_MS)
    while not await request.is_disconnected():
        async with db.reader() as session:
            rows = await alert_store.list_alerts(session, after=cursor, limit=STREAM_BATCH, **filters)
        for alert in rows:
            cursor = alert.id or cursor
            text = alert.body
            if not text:
                async with db.reader() as session:
                    text = await _rendered(session, alert.id)
            yield ServerSentEvent(data=text, event=alert.type, id=str(alert.id))
        if len(rows) < STREAM_BATCH:
            await asyncio.sleep(STREAM_POLL_SECONDS)


@router.get(
    "/{alert_id}",
    response_model=AlertOut,
    summary="One alert",
    responses={**NOT_MODIFIED, 404: {"description": "No such alert"}},
)
async def get_alert(alert_id: Annotated[int, Path(ge=1, le=MAX_ID)], request: Request, db: DatabaseDep) -> Response:
    async with db.reader() as session:
        alert = await alert_store.get_alert(session, alert_id)
    if alert is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"alert {alert_id} not found")
    return _conditional(request, rendered(alert), cache="public, max-age=60")
