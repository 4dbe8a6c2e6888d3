"""Add and import feeds: the one flow the API, the CLI and OPML import share.

    normalise URL ─▶ already known? ─▶ first fetch (unless check=False) ─▶ HTML page? autodiscover ─▶ insert

Every way in validates the URL with the same rule (scrapers.feedurl) and the same SSRF guard; the first fetch
says what was found (kind, format, title, item count) or why the source cannot be used.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal, cast

from sqlalchemy.exc import IntegrityError

from scrapers.errors import ParseError, ScrapeError, UnsafeAddress
from scrapers.feedurl import InvalidFeedUrl, discover_feed_links, normalise_feed_url
from scrapers.http import FEED_ACCEPT, HttpConfig, PoliteClient
from scrapers.kinds import SourceKind, detect_kind, parse_source
from scrapers.netguard import check_url
from scrapers.text import looks_like_html
from service import opml
from service.db import Database
from service.models import Feed, utcnow
from service.settings import Settings
from service.store import feeds as feed_store
from service.store.feeds import FeedSpec

MAX_DISCOVERED = 3  # feed links tried from one HTML page
IMPORT_CONCURRENCY = 8


class FeedRejected(Exception):
    """The source cannot be added; `code` is stable (invalid_url, unsafe_url, or a fetch error kind)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class FeedProbe:
    """What the first fetch found."""

    url: str  # the feed's own URL (differs from the one given when it was discovered on an HTML page)
    kind: str  # rss | telegram | google_news | gdelt
    format: str | None  # rss20, rss10 (RDF), atom10, … for rss sources
    title: str | None
    items: int
    discovered_from: str | None = None


@dataclass(frozen=True)
class AddOutcome:
    feed: Feed
    created: bool
    probe: FeedProbe | None


@dataclass(frozen=True)
class OutlineOutcome:
    position: int
    url: str
    title: str | None
    status: Literal["created", "exists", "failed"]
    feed: Feed | None = None
    probe: FeedProbe | None = None
    code: str | None = None
    detail: str | None = None


def feed_client(settings: Settings) -> PoliteClient:
    """The HTTP client for first fetches: the poller's limits and SSRF policy."""
    return PoliteClient(
        HttpConfig(
            user_agent=settings.user_agent,
            connect_timeout=settings.connect_timeout_seconds,
            read_timeout=settings.read_timeout_seconds,
            total_timeout=settings.total_timeout_seconds,
            max_bytes=settings.max_feed_bytes,
            per_host_limit=settings.per_host_concurrency,
            allow_private=settings.fetch_allow_private,
        )
    )


def kind_of(spec: FeedSpec) -> str:
    """The source kind a feed is stored with: the spec's, else detected from the URL (t.me/s/…, GDELT, …)."""
    return spec.kind or detect_kind(spec.url)


def validate_url(raw: str, settings: Settings) -> str:
    """The normal form of a feed URL, refused (FeedRejected) when malformed or not allowed by the SSRF guard."""
    try:
        url = normalise_feed_url(raw)
        check_url(url, allow_private=settings.fetch_allow_private)
    except InvalidFeedUrl as exc:
        raise FeedRejected("invalid_url", str(exc)) from None
    except UnsafeAddress as exc:
        raise FeedRejected("unsafe_url", f"url refused: {exc.message}") from None
    return url


async def probe_feed(http: PoliteClient, url: str, kind: str | None, settings: Settings) -> FeedProbe:
    """Fetch and parse the source once; an HTML page is searched for <link rel="alternate"> feeds."""
    found = await _fetch_and_parse(http, url, cast(SourceKind, kind or detect_kind(url)), settings)
    if isinstance(found, FeedProbe):
        return found
    candidates = discover_feed_links(found.body, base_url=found.url, content_type=found.content_type)
    if not candidates:
        raise FeedRejected(
            "not_a_feed",
            f"{url} is an HTML page that announces no feed "
            '(no <link rel="alternate" type="application/rss+xml" or "application/atom+xml">)',
        )
    failure = FeedRejected("not_a_feed", f"{url} announces no usable feed")
    for candidate in candidates[:MAX_DISCOVERED]:
        try:
            discovered = await _fetch_and_parse(http, validate_url(candidate, settings), "rss", settings)
        except FeedRejected as exc:
            failure = FeedRejected(exc.code, f"{url} announces {candidate}, but {exc.message}")
            continue
        if isinstance(discovered, FeedProbe):
            return replace(discovered, discovered_from=url)
    raise failure


@dataclass(frozen=True)
class _HtmlPage:
    url: str
    body: bytes
    content_type: str | None


async def _fetch_and_parse(http: PoliteClient, url: str, kind: SourceKind, settings: Settings) -> FeedProbe | _HtmlPage:
    """The parsed source, or the HTML page an rss URL turned out to be; FeedRejected for anything else."""
    try:
        result = await http.fetch(url, accept=FEED_ACCEPT, max_bytes=settings.max_feed_bytes)
    except ScrapeError as exc:
        raise _rejected(exc) from None
    try:
        parsed = await asyncio.to_thread(
            parse_source, kind, result.body, url=result.url, content_type=result.content_type
        )
    except ScrapeError as exc:
        html_page = (result.content_type or "").startswith("text/html") or looks_like_html(result.body)
        if isinstance(exc, ParseError) and kind == "rss" and html_page:
            return _HtmlPage(result.url, result.body, result.content_type)
        raise _rejected(exc) from None
    return FeedProbe(result.url, kind, parsed.format, parsed.title, len(parsed.entries))


def _rejected(exc: ScrapeError) -> FeedRejected:
    status = f" (HTTP {exc.status})" if exc.status else ""
    return FeedRejected(exc.kind, f"{exc.url or 'the source'}: {exc.message}{status}")


async def add_feed(
    db: Database, http: PoliteClient | None, spec: FeedSpec, settings: Settings, *, check: bool = True
) -> AddOutcome:
    """Validate, optionally fetch once, and store a feed; an already known URL comes back with created=False."""
    url = validate_url(spec.url, settings)
    known = await _known(db, url)
    if known is not None:
        return AddOutcome(known, False, None)
    probe = None
    if check:
        if http is None:
            raise ValueError("check=True needs an HTTP client")
        probe = await probe_feed(http, url, spec.kind, settings)
        url = validate_url(probe.url, settings)  # a redirect or autodiscovery may name another URL
        if url != spec.url and (known := await _known(db, url)) is not None:
            return AddOutcome(known, False, probe)
    title = spec.title or (probe.title if probe else None)
    stored = replace(spec, url=url, title=title, kind=spec.kind or (probe.kind if probe else None))
    try:
        async with db.session() as session:
            feed, created = await feed_store.add_feed(session, stored, utcnow(), kind=kind_of(stored))
    except IntegrityError:  # the same URL was added concurrently (another request or outline)
        if (known := await _known(db, url)) is None:
            raise
        return AddOutcome(known, False, probe)
    return AddOutcome(feed, created, probe)


async def _known(db: Database, url: str) -> Feed | None:
    async with db.reader() as session:
        return await feed_store.get_feed_by_url(session, url)


async def import_opml(
    db: Database,
    http: PoliteClient | None,
    data: bytes,
    settings: Settings,
    *,
    check: bool = True,
    on_outline: Callable[[OutlineOutcome], None] | None = None,
) -> list[OutlineOutcome]:
    """Add every outline of an OPML document; a bad outline is reported and the others are still imported.

    Raises opml.OpmlError when the document itself is unusable (not XML, not OPML, no feed outlines).
    """
    outlines = opml.read_outlines(data)
    if not outlines:
        raise opml.OpmlError("no feeds in it (no <outline> with an xmlUrl)")
    gate = asyncio.Semaphore(IMPORT_CONCURRENCY)

    async def one(outline: opml.Outline) -> OutlineOutcome:
        done = OutlineOutcome(outline.position, outline.url, outline.title, "failed")
        if outline.spec is None:
            return replace(done, code="invalid_url", detail=outline.error)
        try:
            async with gate:
                added = await add_feed(db, http, outline.spec, settings, check=check)
        except FeedRejected as exc:
            return replace(done, code=exc.code, detail=exc.message)
        status: Literal["created", "exists"] = "created" if added.created else "exists"
        return replace(done, status=status, feed=added.feed, probe=added.probe)

    # Outlines naming the same (normalised) feed are recognised before any fetch: the first one is imported,
    # a later one reports the first's result as a duplicate, so which one "created" the feed is fixed.
    leader: dict[str, int] = {}
    for n, outline in enumerate(outlines):
        if outline.spec is not None:
            leader.setdefault(outline.spec.url, n)
    tasks: list[asyncio.Task[OutlineOutcome]] = []

    async def reported(n: int, outline: opml.Outline) -> OutlineOutcome:
        lead = leader.get(outline.spec.url, n) if outline.spec is not None else n
        outcome = _duplicate(outline, await tasks[lead]) if lead != n else await one(outline)
        if on_outline is not None:
            on_outline(outcome)  # e.g. a progress bar
        return outcome

    tasks.extend(asyncio.ensure_future(reported(n, o)) for n, o in enumerate(outlines))
    return list(await asyncio.gather(*tasks))


def _duplicate(outline: opml.Outline, of: OutlineOutcome) -> OutlineOutcome:
    """A later outline with the feed of an earlier one: that one's feed (`exists`), or its failure."""
    detail = f"same feed as outline {of.position}"
    mine = OutlineOutcome(outline.position, outline.url, outline.title, "failed", feed=of.feed)
    if of.status == "failed":
        return replace(mine, code=of.code, detail=f"{detail}: {of.detail}")
    return replace(mine, status="exists", code="duplicate", detail=detail)
