"""The orchestrator: refresh one feed — conditional GET, parse, store new articles, process them."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass, field
from typing import Any, cast

from scrapers.errors import Gone, ScrapeError
from scrapers.feeds import ParsedFeed
from scrapers.http import FEED_ACCEPT, FetchResult
from scrapers.kinds import SourceKind, parse_source
from service.flows import schedule
from service.flows.context import WorkerContext
from service.flows.entries import incoming
from service.flows.process import process_articles
from service.metrics import ARTICLES_INGESTED, FEED_POLLS, POLL_DURATION
from service.models import Feed
from service.store import feeds as feed_store
from service.store import ingest as ingest_store
from service.store.errors import is_store_error, is_unavailable
from service.store.feeds import QuietPoll

log = logging.getLogger(__name__)
REDIRECTS_BEFORE_MOVE = 2  # a permanent redirect seen this many polls in a row moves the feed
_rng = random.Random()


@dataclass
class RefreshOutcome:
    feed_id: int
    outcome: str  # ok | not_modified | an error kind
    new_articles: list[int] = field(default_factory=list)
    changed_articles: list[int] = field(default_factory=list)


async def refresh_feed(
    ctx: WorkerContext, feed: Feed | int, *, process: bool = True, quiet: list[QuietPoll] | None = None
) -> RefreshOutcome:
    """Poll one (leased) feed and record the outcome on its row; errors never escape.

    With `quiet`, a 304 is appended there for the caller to write together with the tick's others.
    """
    if isinstance(feed, int):
        feed_id = feed
        async with ctx.db.reader() as session:
            found = await feed_store.get_feed(session, feed_id)
        if found is None:
            return RefreshOutcome(feed_id, "missing")
        feed = found
    feed_id = feed.id  # type: ignore[assignment]
    try:
        return await _refresh(ctx, feed, process, quiet)
    except Exception as exc:  # ours, not the feed's: a refused row, a bug; on the feed's row, not only a log
        return await _record_crash(ctx, feed_id, exc)


async def _refresh(ctx: WorkerContext, feed: Feed, process: bool, quiet: list[QuietPoll] | None) -> RefreshOutcome:
    feed_id: int = feed.id  # type: ignore[assignment]
    started = time.perf_counter()
    try:
        result = await ctx.http.fetch(
            feed.url,
            etag=feed.etag,
            last_modified=feed.last_modified,
            accept=FEED_ACCEPT,
            max_bytes=ctx.settings.max_feed_bytes,
        )
        # Parsing a large feed is CPU-bound: off the event loop, so other feeds and the API keep going.
        parsed = None
        if not result.not_modified:
            kind = cast(SourceKind, feed.kind)
            parsed = await asyncio.to_thread(
                parse_source, kind, result.body, url=result.url, content_type=result.content_type
            )
    except ScrapeError as exc:
        POLL_DURATION.observe(time.perf_counter() - started)
        return await _record_failure(ctx, feed_id, exc)
    POLL_DURATION.observe(time.perf_counter() - started)
    if parsed is None and not result.permanent_redirect:
        return await _record_not_modified(ctx, feed, result, quiet)
    outcome = await _record_success(ctx, feed, result, parsed)
    if process and outcome.new_articles + outcome.changed_articles:
        await process_articles(ctx, outcome.new_articles + outcome.changed_articles)
    return outcome


class PollCrash(ScrapeError):
    """A poll that failed on our side (kind ``store`` or ``internal``), recorded like a fetch failure."""

    transient = True

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


async def _record_crash(ctx: WorkerContext, feed_id: int, exc: Exception) -> RefreshOutcome:
    kind = "store" if is_store_error(exc) else "internal"
    if is_unavailable(exc):
        return RefreshOutcome(feed_id, kind)  # told once by the outage log; nothing to record it in
    log.error("poll crashed feed_id=%s kind=%s", feed_id, kind, exc_info=exc, extra={"feed_id": feed_id})
    try:
        return await _record_failure(ctx, feed_id, PollCrash(kind, _describe(exc)))
    except Exception as again:
        log.warning("could not record the failure of feed_id=%s: %s", feed_id, type(again).__name__)
        return RefreshOutcome(feed_id, kind)


def _describe(exc: Exception) -> str:
    """The driver's own message (a SQLAlchemy error's text would carry the whole statement)."""
    cause = getattr(exc, "orig", None) or exc
    return f"{type(cause).__name__}: {cause}".strip()


async def _record_failure(ctx: WorkerContext, feed_id: int, exc: ScrapeError) -> RefreshOutcome:
    now = ctx.clock()
    async with ctx.db.session() as session:
        feed = await feed_store.get_feed(session, feed_id)
        if feed is None:
            return RefreshOutcome(feed_id, exc.kind)
        feed.error_count += 1
        feed.last_error = str(exc)[:1000]
        feed.last_error_kind = exc.kind
        feed.last_status = exc.status
        feed.last_checked_at = now
        if isinstance(exc, Gone):
            feed.enabled = False
            feed.disabled_reason = f"410 Gone at {now.isoformat(timespec='seconds')}: the publisher removed this feed"
        feed.next_check_at = schedule.after_failure(feed, feed.error_count, exc.retry_after, now, ctx.settings, _rng)
        _release(feed, now)
        session.add(feed)
    FEED_POLLS.labels(exc.kind).inc()
    log.warning(
        "poll failed feed_id=%s kind=%s error_count=%s next_check_at=%s: %s",
        feed_id,
        exc.kind,
        feed.error_count,
        feed.next_check_at.isoformat(timespec="seconds"),
        exc,
        extra={"feed_id": feed_id, "outcome": exc.kind, "error_count": feed.error_count},
    )
    return RefreshOutcome(feed_id, exc.kind)


async def _record_not_modified(
    ctx: WorkerContext, feed: Feed, result: FetchResult, quiet: list[QuietPoll] | None
) -> RefreshOutcome:
    """A 304 changes only the schedule and health columns: the hot path of a quiet day."""
    now = ctx.clock()
    next_check = schedule.after_success(feed, result.headers, feed.ttl_minutes, now, ctx.settings, _rng)
    poll = QuietPoll(feed.id, result.status, now, next_check)  # type: ignore[arg-type]
    if quiet is None:
        async with ctx.db.session() as session:
            await feed_store.mark_not_modified(session, [poll])
    else:
        quiet.append(poll)
    FEED_POLLS.labels("not_modified").inc()
    log.info(
        "polled feed_id=%s outcome=not_modified status=%s",
        feed.id,
        result.status,
        extra={"feed_id": feed.id, "outcome": "not_modified", "new": 0},
    )
    return RefreshOutcome(feed.id, "not_modified")  # type: ignore[arg-type]


async def _record_success(
    ctx: WorkerContext, feed: Feed, result: FetchResult, parsed: ParsedFeed | None
) -> RefreshOutcome:
    """Store the poll's entries and update the feed: a few statements per poll, however many items."""
    feed_id: int = feed.id  # type: ignore[assignment]
    now = ctx.clock()
    outcome = RefreshOutcome(feed_id, "not_modified" if parsed is None else "ok")
    values: dict[str, Any] = {}
    async with ctx.db.session() as session:
        if parsed is not None:
            values.update(_validators(result, parsed))
            feed.ttl_minutes = parsed.ttl_minutes
            for stored in await ingest_store.upsert_entries(
                session, [incoming(feed, e, now) for e in parsed.entries], now
            ):
                if stored.result == "new":
                    outcome.new_articles.append(stored.article_id)
                elif stored.result == "changed":
                    outcome.changed_articles.append(stored.article_id)
        values.update(await _follow_redirect(session, feed, result))
        values.update(
            error_count=0,
            last_error=None,
            last_error_kind=None,
            last_status=result.status,
            last_checked_at=now,
            last_success_at=now,
            next_check_at=schedule.after_success(feed, result.headers, feed.ttl_minutes, now, ctx.settings, _rng),
            lease_owner=None,
            lease_until=None,
            updated_at=now,
        )
        await feed_store.record_poll(session, feed_id, values, added=len(outcome.new_articles))
    FEED_POLLS.labels(outcome.outcome).inc()
    ARTICLES_INGESTED.inc(len(outcome.new_articles))
    log.info(
        "polled feed_id=%s outcome=%s status=%s new=%d changed=%d",
        feed_id,
        outcome.outcome,
        result.status,
        len(outcome.new_articles),
        len(outcome.changed_articles),
        extra={"feed_id": feed_id, "outcome": outcome.outcome, "new": len(outcome.new_articles)},
    )
    return outcome


def _validators(result: FetchResult, parsed: ParsedFeed) -> dict[str, Any]:
    values: dict[str, Any] = {
        "etag": (result.headers.get("etag") or "")[:500] or None,
        "last_modified": (result.headers.get("last-modified") or "")[:100] or None,
        "ttl_minutes": parsed.ttl_minutes,
    }
    if parsed.title:
        values["title"] = parsed.title[:500]  # kept only while the feed has none (see record_poll)
    if parsed.language:
        values["language"] = parsed.language[:16]
    return values


async def _follow_redirect(session: object, feed: Feed, result: FetchResult) -> dict[str, Any]:
    """Move the feed to its new URL once the same permanent redirect was seen on consecutive polls."""
    target = result.permanent_redirect
    if not target or target == feed.url:
        return {"pending_redirect": None, "redirect_count": 0}
    count = feed.redirect_count + 1 if feed.pending_redirect == target else 1
    if count < REDIRECTS_BEFORE_MOVE:
        return {"pending_redirect": target[:2048], "redirect_count": count}
    values: dict[str, Any] = {"pending_redirect": None, "redirect_count": 0}
    taken = await feed_store.get_feed_by_url(session, target)  # type: ignore[arg-type]
    if taken is None:
        log.info("feed moved feed_id=%s from=%s to=%s", feed.id, feed.url, target, extra={"feed_id": feed.id})
        values.update(url=target[:2048], etag=None, last_modified=None)
    else:
        values.update(
            enabled=False, disabled_reason=f"redirects permanently to {target}, which is already feed {taken.id}"
        )
    return values


def _release(feed: Feed, now: object) -> None:
    feed.lease_owner = None
    feed.lease_until = None
    feed.updated_at = now  # type: ignore[assignment]


async def refresh_many(ctx: WorkerContext, feed_ids: list[int]) -> list[RefreshOutcome]:
    """Refresh leased feeds concurrently (per-host politeness is the HTTP client's job).

    The tick's 304s are written in one transaction at the end: on a quiet day that is nearly every poll.
    """
    limit = asyncio.Semaphore(ctx.settings.fetch_concurrency)
    processing = asyncio.Semaphore(ctx.settings.fetch_concurrency)
    async with ctx.db.reader() as session:
        feeds = {f.id: f for f in await feed_store.get_feeds(session, feed_ids)}
    quiet: list[QuietPoll] = []

    async def one(feed_id: int) -> RefreshOutcome:
        try:
            async with limit:
                outcome = await refresh_feed(ctx, feeds.get(feed_id) or feed_id, process=False, quiet=quiet)
        except Exception:  # the job boundary: one feed's bug must not stop the others
            log.exception("refresh crashed feed_id=%s", feed_id, extra={"feed_id": feed_id})
            FEED_POLLS.labels("crash").inc()
            return RefreshOutcome(feed_id, "crash")
        # Outside the feed slot: the next feeds are polled while this one's pages download (as many feeds'
        # pages at once as before, when a feed held its slot until its articles were done).
        if outcome.new_articles + outcome.changed_articles:
            try:
                async with processing:
                    await process_articles(ctx, outcome.new_articles + outcome.changed_articles)
            except Exception:  # stored and pending: the process tick picks them up again
                log.exception("processing crashed feed_id=%s", feed_id, extra={"feed_id": feed_id})
        return outcome

    outcomes = list(await asyncio.gather(*(one(fid) for fid in feed_ids)))
    if quiet:
        async with ctx.db.session() as session:
            await feed_store.mark_not_modified(session, quiet)
    return outcomes
