"""/v1/alerts.atom: the newest alerts as an Atom feed for feed readers, with conditional GET.

Alerts never change once written, so the ids of the alerts in a response decide its bytes: the ETag is
built from them before anything is rendered, and a reader that already has them gets a cheap 304.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status
from feedgen.feed import FeedGenerator

from service.api.alerts import KindsQuery, LanguagesQuery, TypesQuery
from service.api.deps import ReaderDep
from service.core.events.notice import changes_text, title_of, top_sources
from service.models import Alert
from service.render import alert_data
from service.store import alerts as alert_store

router = APIRouter(tags=["alerts"])
ATOM = "application/atom+xml"
FEED_ID = "urn:exchangewatch:alerts"
FORMAT_VERSION = "2"  # bump when the rendering changes, so cached ETags stop matching (2: migration 0004)


@router.get(
    "/v1/alerts.atom",
    summary="Alerts as an Atom feed",
    response_class=Response,
    responses={
        200: {"content": {ATOM: {}}, "description": "Atom 1.0, newest alert first"},
        304: {"description": "Not modified (If-None-Match / If-Modified-Since)"},
    },
    description="One entry per alert, its summary line as the title; the same filters as `/v1/alerts` "
    "(`type`, `kind`, `language`). Send back `ETag` (If-None-Match) or `Last-Modified` (If-Modified-Since).",
)
async def alerts_atom(
    request: Request,
    session: ReaderDep,
    types: TypesQuery = None,
    kinds: KindsQuery = None,
    languages: LanguagesQuery = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    alerts = await alert_store.recent_alerts(
        session, limit=limit, types=types or (), kinds=kinds or (), languages=languages or ()
    )
    tag = hashlib.sha256(f"{FORMAT_VERSION}|{request.url.query}|{[a.id for a in alerts]}".encode()).hexdigest()
    headers = {"ETag": f'"{tag[:32]}"', "Cache-Control": "no-cache"}
    newest = alerts[0].created_at.astimezone(UTC).replace(microsecond=0) if alerts else None
    if newest is not None:
        headers["Last-Modified"] = format_datetime(newest, usegmt=True)
    if _not_modified(request, headers["ETag"], newest):
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    base = str(request.base_url).rstrip("/")
    body = render_feed(alerts, base=base, self_url=str(request.url), updated=newest)
    return Response(body, media_type=ATOM, headers=headers)


def _not_modified(request: Request, etag: str, newest: datetime | None) -> bool:
    """RFC 9110: If-None-Match decides when present; otherwise If-Modified-Since against the newest alert."""
    wanted = request.headers.get("if-none-match")
    if wanted is not None:
        tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
        return etag in tags or "*" in tags
    since = request.headers.get("if-modified-since")
    if since is None or newest is None:
        return False
    try:
        moment = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    return moment.tzinfo is not None and newest <= moment


def render_feed(alerts: Sequence[Alert], *, base: str, self_url: str, updated: datetime | None) -> bytes:
    """Atom 1.0 bytes: newest alert first, each linking to its event's page."""
    feed = FeedGenerator()
    feed.id(FEED_ID)
    feed.title("exchangewatch alerts")
    feed.subtitle("Prisoner exchanges and repatriations of the fallen between Ukraine and Russia")
    feed.author({"name": "exchangewatch"})
    feed.link(href=self_url, rel="self", type=ATOM)
    feed.link(href=f"{base}/", rel="alternate", type="text/html")
    feed.updated(updated or datetime(2022, 1, 1, tzinfo=UTC))
    feed.generator("exchangewatch")
    for alert in alerts:
        _entry(feed, alert_data(alert), base)
    return feed.atom_str(pretty=True)


def _entry(feed: FeedGenerator, data: dict[str, Any], base: str) -> None:
    entry = feed.add_entry(order="append")
    entry.id(f"urn:exchangewatch:alert:{data['id']}")
    entry.title(title_of(data))
    # One link only: feedgen 1.0 drops rel/type on entry links, and a link without rel is the alternate.
    entry.link(href=f"{base}/events/{data['event_id']}")
    moment = datetime.fromisoformat(data["created_at"].replace("Z", "+00:00"))
    entry.published(moment)
    entry.updated(moment)
    entry.category(term=data.get("kind") or "event")
    entry.content(_html(data), type="html")


def _html(data: dict[str, Any]) -> str:
    parts = [f"<p>{escape(title_of(data))}</p>"]
    changes = changes_text(data.get("changes") or [])
    if changes and data.get("type") == "event.updated":
        parts.append("<p>Changed: " + escape("; ".join(changes)) + "</p>")
    evidence = [e.get("sentence", "") for e in (data.get("evidence") or [])[:2] if e.get("sentence")]
    parts += [f"<blockquote>{escape(sentence)}</blockquote>" for sentence in evidence]
    links = [
        f'<li><a href="{escape(s.get("url", ""))}">{escape(s.get("source", "source"))}</a>'
        + (" (official)" if s.get("official") else "")
        + "</li>"
        for s in top_sources(data.get("sources") or [])
    ]
    if links:
        parts.append("<ul>" + "".join(links) + "</ul>")
    return "".join(parts)
