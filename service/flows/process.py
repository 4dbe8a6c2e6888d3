"""Process one stored article: fetch the page, extract text, detect, group into events, alert."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from scrapers.errors import ScrapeError
from scrapers.http import HTML_ACCEPT
from scrapers.urls import content_fingerprint
from service.core.domain import Document, Report
from service.flows import pages
from service.flows.context import WorkerContext
from service.flows.grouping import alert_threshold, group_params
from service.flows.record import Recorded, record_report
from service.metrics import ALERTS, EVENTS_CREATED, EXTRACTION_FAILURES, REPORTS_DETECTED
from service.models import Article
from service.render import mention_json
from service.store import articles as article_store
from service.store import feeds as feed_store

log = logging.getLogger(__name__)
MAX_TRANSIENT_ATTEMPTS = 3


@dataclass(frozen=True)
class PageText:
    text: str
    source: str  # page | feed | post | summary (the feed summary stands in for a page we did not get)
    error: str | None = None
    title: str | None = None
    language: str | None = None
    published: Any = None
    retry: bool = False
    author: str | None = None


async def process_articles(ctx: WorkerContext, ids: list[int] | None = None, *, limit: int = 200) -> int:
    """Lease pending articles (these ids, or any) and process them with bounded concurrency."""
    now = ctx.clock()
    async with ctx.db.session() as session:
        claimed = await article_store.claim_pending(
            session,
            worker_id=ctx.worker_id,
            now=now,
            lease=timedelta(seconds=ctx.settings.lease_seconds),
            limit=limit if ids is None else len(ids),
            ids=ids,
        )
    limit_sem = asyncio.Semaphore(ctx.settings.fetch_concurrency)
    async with ctx.db.reader() as session:
        loaded = {a.id: a for a in await article_store.get_articles(session, claimed)}
        origins = await feed_store.feed_urls(session, (a.feed_id for a in loaded.values() if a.feed_id))
    if loaded:
        ctx.extractor.warm()  # the pool's start-up (imports, detection's models) overlaps the page downloads

    if ctx.article_writer is None:
        ctx.article_writer = _Writer(ctx)
    writer: _Writer = ctx.article_writer

    async def one(article_id: int) -> None:
        try:
            async with limit_sem:
                article = loaded.get(article_id)
                feed_url = origins.get(article.feed_id or 0) if article else None
                result = await _work(ctx, article or article_id, feed_url=feed_url)
            if result is not None:
                await writer.store(result)  # outside the semaphore: the next page downloads meanwhile
        except Exception:  # job boundary: the lease expires and another tick retries it
            log.exception("processing crashed article_id=%s", article_id, extra={"article_id": article_id})

    await asyncio.gather(*(one(a) for a in claimed))
    return len(claimed)


@dataclass(frozen=True)
class _Result:
    """One article's processing, ready to be written."""

    article_id: int
    page: PageText
    doc: Document
    report: Report


class _Writer:
    """Group commit, one per worker: results that arrive while a transaction is being written (by any of
    the worker's flows) go into the next one.

    The first result is written at once (an alert is not held back waiting for company); under load a
    transaction carries whatever finished meanwhile. SQLite has one writer: 600 one-article transactions
    of four or five round trips each, one after another, were most of a cold run's storage time. A batch
    that fails is written again one article per transaction, so one bad article does not hold back the
    others (its own failure is logged by the caller and its lease lets another tick retry it).
    """

    def __init__(self, ctx: WorkerContext) -> None:
        self._ctx = ctx
        self._queue: list[tuple[_Result, asyncio.Future[None]]] = []
        self._running: asyncio.Task[None] | None = None

    async def store(self, result: _Result) -> None:
        loop = asyncio.get_running_loop()
        if self._running is not None and self._running.get_loop() is not loop:
            self._queue, self._running = [], None  # a previous event loop's (closed mid-write): start afresh
        done: asyncio.Future[None] = loop.create_future()
        self._queue.append((result, done))
        if self._running is None:
            self._running = asyncio.create_task(self._drain())
        await done

    async def _drain(self) -> None:
        try:
            while self._queue:
                batch, self._queue = self._queue, []
                await self._write(batch)
        finally:
            self._running = None

    async def _write(self, batch: list[tuple[_Result, asyncio.Future[None]]]) -> None:
        try:
            await _store(self._ctx, [result for result, _ in batch])
        except Exception as exc:
            if len(batch) == 1:
                _settle(batch[0][1], exc)
                return
            for result, done in batch:  # find the one that failed; the others are written alone
                try:
                    await _store(self._ctx, [result])
                except Exception as alone:
                    _settle(done, alone)
                else:
                    _settle(done, None)
            return
        for _, done in batch:
            _settle(done, None)


def _settle(done: asyncio.Future[None], exc: Exception | None) -> None:
    if done.done():
        return  # its waiter was cancelled
    if exc is None:
        done.set_result(None)
    else:
        done.set_exception(exc)


async def process_article(ctx: WorkerContext, article: Article | int, *, feed_url: str | None = None) -> None:
    """Fetch, extract, detect and store one leased article (given as a snapshot, or by id)."""
    result = await _work(ctx, article, feed_url=feed_url)
    if result is not None:
        await _store(ctx, [result])


async def _work(ctx: WorkerContext, article: Article | int, *, feed_url: str | None) -> _Result | None:
    """Fetch, extract and detect one leased article; None when there is nothing (more) to write."""
    if isinstance(article, int):
        async with ctx.db.reader() as session:
            found = await session.get(Article, article)
            if found is not None and found.feed_id:
                feed_url = (await feed_store.feed_urls(session, [found.feed_id])).get(found.feed_id)
        if found is None:
            return None
        article = found
    article_id: int = article.id  # type: ignore[assignment]
    if article.state != "pending":
        return None
    page = await _page_text(ctx, article, feed_url)
    if page.retry:
        log.info("page fetch will be retried article_id=%s: %s", article_id, page.error)
    if page.error and _detected_on_summary(article):
        await _note_failure(ctx, article_id, page)  # a retry failed again: the summary's result stands
        return None
    # A failed page falls back to the feed summary at once: detect on it now, upgrade if the page comes later.
    doc = Document(
        title=article.title or page.title or "",
        text=page.text,
        language=article.language or page.language,
        published=article.published_at or page.published,
        url=article.url,
        source=article.source,
        official=article.official,
    )
    return _Result(article_id, page, doc, await ctx.extractor.detect(doc))


async def _page_text(ctx: WorkerContext, article: Article, feed_url: str | None) -> PageText:
    if not article.fetch_page:
        return PageText(article.text or article.summary, article.text_source or "feed")
    policy = ctx.settings.page_policy
    if policy == "none":
        return PageText(article.summary, "summary")
    try:
        async with ctx.page_slots():  # the body is held from its download to the end of the page's work
            result = await ctx.http.fetch(
                article.url,
                accept=HTML_ACCEPT,
                max_bytes=ctx.settings.max_page_bytes,
                check_robots=ctx.settings.respect_robots,
                private=ctx.http.page_access(feed_url),  # a publisher's link must not reach our intranet
            )
            work = await ctx.extractor.page(
                result.body,
                url=result.url,
                encoding=result.encoding,
                item=pages.item_text(article.title, article.summary),
                extract_all=policy == "all",
            )
        if work.skipped:
            return PageText(article.summary, "summary")  # cannot be about an exchange: not worth extracting
        extracted = work.extracted
    except ScrapeError as exc:
        EXTRACTION_FAILURES.labels(exc.kind).inc()
        retry = exc.transient and article.attempts < MAX_TRANSIENT_ATTEMPTS
        return PageText(article.summary, "summary", error=f"{exc.kind}: {exc}"[:500], retry=retry)
    if extracted is None or not extracted.text.strip():
        EXTRACTION_FAILURES.labels("no_text").inc()
        return PageText(article.summary, "summary", error="no main text found on the page")
    return PageText(
        extracted.text,
        "page",
        title=extracted.title,
        language=extracted.language,
        published=extracted.published,
        author=extracted.author,
    )


async def _store(ctx: WorkerContext, results: list[_Result]) -> None:
    """Write processed articles in one transaction: text, report, state; events and alerts for the relevant."""
    now = ctx.clock()
    written: list[tuple[_Result, Recorded]] = []
    async with ctx.db.session() as session:
        articles = {a.id: a for a in await article_store.get_articles(session, [r.article_id for r in results])}
        for result in results:
            article = articles.get(result.article_id)
            if article is None or article.state != "pending" or article.lease_owner != ctx.worker_id:
                continue  # our lease expired and another worker took the article over
            page, doc, report = result.page, result.doc, result.report
            _apply(article, page, doc, report, now, _retry_delay(ctx, article) if page.retry else None)
            if page.source == "page":
                original = await article_store.find_same_content(session, article)
                if original is not None:
                    await article_store.merge_duplicate(session, article, original.id)  # type: ignore[arg-type]
                    continue
            article.processed_at = now
            session.add(article)
            if report.relevant:
                recorded = await record_report(
                    session,
                    article,
                    report,
                    doc,
                    now,
                    params=group_params(ctx.settings),
                    confidence_threshold=alert_threshold(ctx.settings),
                )
                written.append((result, recorded))
    for result, recorded in written:
        _count(result.report, recorded)
        for alert in recorded.alerts:
            log.info(
                "alert type=%s event_id=%s alert_id=%s article_id=%s",
                alert.type,
                alert.event_id,
                alert.id,
                result.article_id,
                extra={"event_id": alert.event_id, "alert_id": alert.id, "article_id": result.article_id},
            )


def _detected_on_summary(article: Article) -> bool:
    """Already processed on its summary after a failed page, and not edited since (an edit needs detection)."""
    processed = article.processed_at
    return article.text_source == "summary" and processed is not None and article.updated_at <= processed


def _retry_delay(ctx: WorkerContext, article: Article) -> timedelta:
    return timedelta(seconds=ctx.settings.page_retry_seconds * max(1, article.attempts))


async def _note_failure(ctx: WorkerContext, article_id: int, page: PageText) -> None:
    """Record why the page is still missing; schedule the next try or settle on the summary."""
    now = ctx.clock()
    async with ctx.db.session() as session:
        article = await session.get(Article, article_id)
        if article is None or article.state != "pending" or article.lease_owner != ctx.worker_id:
            return
        article.fetch_error = page.error
        _release(article, now, _retry_delay(ctx, article) if page.retry else None)
        session.add(article)


def _release(article: Article, now: Any, retry_in: timedelta | None) -> None:
    """Done, or (a transient page failure) still pending: unleased until the page's next try is due."""
    article.state = "pending" if retry_in is not None else "done"
    article.lease_owner = None
    article.lease_until = now + retry_in if retry_in is not None else None


def _apply(
    article: Article, page: PageText, doc: Document, report: Report, now: Any, retry_in: timedelta | None
) -> None:
    article.text = page.text
    article.text_source = page.source
    article.fetch_error = page.error
    article.language = doc.language
    article.published_at = doc.published
    if not article.title and page.title:
        article.title = page.title[:1000]
    if not article.author and page.author:  # the page's byline when the feed named nobody (DW's feeds)
        article.author = page.author[:500]
    article.fingerprint = content_fingerprint(article.title, page.text)
    article.relevant = report.relevant
    article.report = {
        "relevant": report.relevant,
        "score": round(report.score, 3),
        "reasons": list(report.reasons),
        "mentions": [mention_json(m) for m in report.mentions],
    }
    _release(article, now, retry_in)


def _count(report: Report, recorded: Recorded) -> None:
    if report.primary is not None:
        REPORTS_DETECTED.labels(report.primary.kind).inc()
    for outcome in recorded.outcomes:
        if outcome.before is None:
            EVENTS_CREATED.labels(outcome.after.kind).inc()
    for alert in recorded.alerts:
        ALERTS.labels(alert.type).inc()
