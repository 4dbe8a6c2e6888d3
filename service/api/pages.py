"""The timeline for browsers (`/`, `/events/{id}`), server-rendered, plus `/v1/stats` with the chart's totals.

`/` is content-negotiated: browsers (Accept: text/html) get the page, API clients get a JSON index.
The pages need no JavaScript and no external files: CSS is inline and the chart is SVG drawn here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from service.api.chart import bar_chart
from service.api.deps import ReaderDep
from service.api.pagination import CursorQuery, parse_time_id_cursor, split_page, time_id_cursor
from service.api.views import event_view
from service.core.events.codec import state_from_json
from service.core.events.stats import COUNTED_KINDS, MonthTotal, grand_totals, monthly_totals
from service.core.events.summary import KIND_LABELS
from service.models import Event
from service.store import events as event_store
from service.store import timeline as timeline_store

router = APIRouter()
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
STATS_SINCE = date(2022, 1, 1)  # the full-scale war: the chart starts here
# Empty values are allowed: the filter form submits "" for "all".
KIND = "^(pow_exchange|body_repatriation|agreement)?$"
LANGUAGE = "^([a-z]{2,3})?$"
INDEX = {
    "name": "exchangewatch",
    "docs": "/docs",
    "openapi": "/openapi.json",
    "alerts": "/v1/alerts",
    "alerts_atom": "/v1/alerts.atom",
    "alerts_stream": "/v1/alerts/stream",
    "events": "/v1/events",
    "stats": "/v1/stats",
    "health": "/health",
}


def wants_html(request: Request) -> bool:
    """True when the client ranks text/html above JSON (browsers do; curl's */* gets JSON)."""
    ranks: dict[str, float] = {}
    for part in request.headers.get("accept", "").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = next((float(v) for k, _, v in (p.partition("=") for p in params) if k == "q" and _is_float(v)), 1.0)
        ranks[media.lower()] = max(quality, ranks.get(media.lower(), 0.0))
    html = ranks.get("text/html", 0.0)
    return html > 0 and html >= ranks.get("application/json", 0.0)


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


async def _months(session: Any) -> list[MonthTotal]:
    rows = await timeline_store.counted_events(session, since=STATS_SINCE, kinds=sorted(COUNTED_KINDS))
    return monthly_totals((state_from_json(r.state) for r in rows), STATS_SINCE, datetime.now(UTC).date())


@router.get("/", summary="The timeline page (text/html) or an index of the API (JSON)", tags=["pages"])
async def home(
    request: Request,
    session: ReaderDep,
    kind: Annotated[str | None, Query(pattern=KIND)] = None,
    language: Annotated[str | None, Query(pattern=LANGUAGE)] = None,
    cursor: CursorQuery = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 30,
) -> Response:
    if not wants_html(request):
        return JSONResponse(INDEX)
    kind, language = kind or None, language or None
    before = parse_time_id_cursor(cursor)
    rows = await timeline_store.recent_events(session, kind=kind, language=language, before=before, limit=limit + 1)
    page, next_cursor, _ = split_page(rows, limit, lambda e: time_id_cursor(e.last_seen, e.id))
    languages = await timeline_store.event_languages(session, [r.id for r in page])
    events = [event_view(state_from_json(r.state), languages.get(r.id)) for r in page]
    months = await _months(session)
    context = {
        "events": events,
        "next_cursor": next_cursor,
        "limit": limit,
        "kind": kind or "",
        "language": language or "",
        "kinds": KIND_LABELS,
        "languages": await timeline_store.report_languages(session),
        "people_chart": Markup(_chart(months, "people", "people")),
        "bodies_chart": Markup(_chart(months, "bodies", "bodies")),
        "totals": grand_totals(months),
    }
    return templates.TemplateResponse(request, "timeline.html", context)


def _chart(months: list[MonthTotal], what: str, prefix: str) -> str:
    title = f"{what.capitalize()} returned per month since {STATS_SINCE.year}"
    return bar_chart(months, what=what, keys=(f"{prefix}_to_ukraine", f"{prefix}_to_russia"), title=title)


@router.get("/events/{event_id}", response_class=HTMLResponse, summary="One event's page", tags=["pages"])
async def event_page(request: Request, event_id: str, session: ReaderDep) -> Response:
    event = await session.get(Event, event_id[:64])
    if event is None:
        raise HTTPException(404, f"event {event_id} not found")
    languages = await timeline_store.event_languages(session, [event.id])
    context = {
        "event": event_view(state_from_json(event.state), languages.get(event.id)),
        "reports": await event_store.event_timeline(session, event.id),
        "alerts": await event_store.event_alerts(session, event.id),
    }
    return templates.TemplateResponse(request, "event.html", context)


@router.get("/v1/stats", summary="People and bodies returned per month (the timeline chart's totals)", tags=["events"])
async def stats(session: ReaderDep) -> dict[str, Any]:
    months = await _months(session)
    return {
        "since": STATS_SINCE.strftime("%Y-%m"),
        "counted": "completed pow_exchange and body_repatriation events with a known month",
        "totals": grand_totals(months),
        "months": [m.as_json() for m in months],
    }
