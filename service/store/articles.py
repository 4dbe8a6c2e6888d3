"""SQL for articles: dedup by every known key, leased processing, listing with cursors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from scrapers.feeds import FeedEntry
from scrapers.urls import canonicalize_url, content_fingerprint, entry_dedup_keys
from service.models import Article, ArticleKey, Feed
from service.store.leases import claim, lease_free

UpsertResult = Literal["new", "changed", "seen"]
KEY_CHUNK = 400  # keys per IN (...): under SQLite's default limit of 999 bound parameters


@dataclass(frozen=True)
class EntryOutcome:
    article_id: int
    result: UpsertResult


async def find_by_keys(session: AsyncSession, keys: Sequence[str]) -> Article | None:
    query = select(col(ArticleKey.article_id)).where(col(ArticleKey.key).in_(keys)).limit(1)
    article_id = (await session.exec(query)).first()
    return None if article_id is None else await session.get(Article, article_id)


async def add_keys(session: AsyncSession, article_id: int, keys: Sequence[str]) -> None:
    """Attach keys to an article; keys another article already owns stay with it."""
    owned = await key_owners(session, keys)
    for key in dict.fromkeys(keys):
        if key not in owned:
            session.add(ArticleKey(key=key[:2100], article_id=article_id))
    await session.flush()


async def key_owners(session: AsyncSession, keys: Iterable[str]) -> dict[str, int]:
    """Which article owns each of these keys (in chunks, so a 500-entry feed stays within SQL limits)."""
    wanted = list(dict.fromkeys(keys))
    owners: dict[str, int] = {}
    for start in range(0, len(wanted), KEY_CHUNK):
        query = select(col(ArticleKey.key), col(ArticleKey.article_id)).where(
            col(ArticleKey.key).in_(wanted[start : start + KEY_CHUNK])
        )
        owners.update({key: article_id for key, article_id in (await session.exec(query)).all()})
    return owners


def _source_of(feed: Feed, entry: FeedEntry) -> str:
    from urllib.parse import urlsplit

    if feed.kind == "telegram":
        return "t.me/" + (entry.guid or "").split("/")[0]
    if entry.publisher_url or entry.publisher:
        host = urlsplit(entry.publisher_url or "").hostname
        return (host or entry.publisher or "").removeprefix("www.")
    return (urlsplit(entry.url).hostname or "").removeprefix("www.")


async def upsert_entries(
    session: AsyncSession, feed: Feed, entries: Sequence[FeedEntry], now: datetime
) -> list[EntryOutcome]:
    """Store new entries as pending articles and update known ones (title edits, post edits).

    One look-up finds every known key of the whole feed, so a poll that brings nothing new costs two
    queries, not several per entry.
    """
    keyed = [(entry, entry_dedup_keys(entry)) for entry in entries]
    owners = await key_owners(session, (k for _, keys in keyed for k in keys))
    known = await _articles(session, set(owners.values()))
    outcomes: list[EntryOutcome] = []
    for entry, keys in keyed:
        owner = next((owners[k] for k in keys if k in owners), None)
        if owner is None:
            outcome = await _insert(session, feed, entry, keys, now)
        else:
            article = known.get(owner) or await session.get(Article, owner)
            changed = article is not None and _apply_edit(article, entry, now)
            await _attach_new_keys(session, owner, [k for k in keys if k not in owners])
            outcome = EntryOutcome(owner, "changed" if changed else "seen")
        owners.update(dict.fromkeys(keys, outcome.article_id))
        outcomes.append(outcome)
    await session.flush()
    return outcomes


async def get_articles(session: AsyncSession, ids: Iterable[int]) -> list[Article]:
    return list((await _articles(session, set(ids))).values())


async def _attach_new_keys(session: AsyncSession, article_id: int, keys: list[str]) -> None:
    """Another identity of a known story (a new URL variant); if another worker attached it first, fine."""
    if not keys:
        return
    try:
        async with session.begin_nested():
            session.add_all(ArticleKey(key=key[:2100], article_id=article_id) for key in dict.fromkeys(keys))
            await session.flush()
    except IntegrityError:
        pass


async def _articles(session: AsyncSession, ids: set[int]) -> dict[int, Article]:
    found: dict[int, Article] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), KEY_CHUNK):
        query = select(Article).where(col(Article.id).in_(id_list[start : start + KEY_CHUNK]))
        found.update({a.id: a for a in (await session.exec(query)).all() if a.id is not None})
    return found


async def _insert(
    session: AsyncSession, feed: Feed, entry: FeedEntry, keys: Sequence[str], now: datetime
) -> EntryOutcome:
    text = entry.content if not entry.fetch_page else ""
    article = Article(
        url=canonicalize_url(entry.url)[:2048],
        feed_id=feed.id,
        guid=(entry.guid or "")[:2048] or None,
        fingerprint=content_fingerprint(entry.title, text or entry.summary),
        source=_source_of(feed, entry)[:255],
        official=feed.official,
        title=entry.title[:1000],
        summary=entry.summary,
        text=text,
        language=entry.language or feed.language,
        author=(entry.author or "")[:500] or None,
        published_at=entry.published,
        discovered_at=now,
        updated_at=now,
        fetch_page=entry.fetch_page,
        text_source=None if entry.fetch_page else "post" if feed.kind == "telegram" else "feed",
    )
    try:
        # The article and every key of it, or nothing: a key another worker stored a moment ago (the
        # same story from another feed) must not fail this feed's whole poll.
        async with session.begin_nested():
            session.add(article)
            await session.flush()
            article_id = _id(article.id)
            session.add_all(ArticleKey(key=key[:2100], article_id=article_id) for key in dict.fromkeys(keys))
            await session.flush()
    except IntegrityError:
        existing = await find_by_keys(session, keys)
        if existing is None:
            raise
        return EntryOutcome(_id(existing.id), "seen")
    return EntryOutcome(article_id, "new")


def _id(value: int | None) -> int:
    """A flushed row's primary key (None only before the INSERT)."""
    assert value is not None, "flush the row first"
    return value


def _apply_edit(article: Article, entry: FeedEntry, now: datetime) -> bool:
    """A title edit or an edited post updates the article and queues it for detection again."""
    changed = False
    if entry.title and entry.title != article.title:
        article.title = entry.title[:1000]
        changed = True
    if not entry.fetch_page and entry.content and entry.content != article.text:
        article.text = entry.content
        changed = True
    if changed:
        article.updated_at = now
        article.state = "pending"
        article.lease_until = None
    return changed


async def claim_pending(
    session: AsyncSession,
    *,
    worker_id: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    ids: Sequence[int] | None = None,
) -> list[int]:
    """Lease pending articles (all, or only `ids`) so a crashed worker's articles are picked up again."""
    free = lease_free(col(Article.lease_until), now)
    query = select(col(Article.id)).where(col(Article.state) == "pending", free)
    if ids is not None:
        query = query.where(col(Article.id).in_(list(ids)))
    due = query.order_by(col(Article.id)).limit(limit)
    values = {"lease_owner": worker_id, "lease_until": now + lease, "attempts": col(Article.attempts) + 1}
    return await claim(session, Article, col(Article.id), due, still_claimable=free, lease=values)


async def merge_duplicate(session: AsyncSession, duplicate: Article, original_id: int) -> None:
    """Fold a second URL of a story already stored into the original: its keys move, the row goes."""
    keys = (await session.exec(select(ArticleKey).where(col(ArticleKey.article_id) == duplicate.id))).all()
    moved = [k.key for k in keys]
    await session.exec(delete(ArticleKey).where(col(ArticleKey.article_id) == duplicate.id))
    await session.delete(duplicate)
    await session.flush()
    await add_keys(session, original_id, moved)


async def find_same_content(session: AsyncSession, article: Article) -> Article | None:
    """The first processed article with the same content fingerprint (a second URL of one story)."""
    # Only the fingerprint goes to SQL: with `state` in the query too, SQLite picks the state index and
    # walks every processed article, once per new article.
    query = (
        select(Article)
        .where(col(Article.fingerprint) == article.fingerprint, col(Article.id) != article.id)
        .order_by(col(Article.id))
        .limit(20)
    )
    same = (await session.exec(query)).all()
    return next((a for a in same if a.state == "done"), None)


async def list_articles(
    session: AsyncSession,
    *,
    feed_id: int | None,
    language: str | None,
    since: datetime | None,
    relevant: bool | None,
    before_id: int | None,
    limit: int,
) -> Sequence[Article]:
    """Newest first; `before_id` is the cursor."""
    query = select(Article).order_by(col(Article.id).desc()).limit(limit)
    if feed_id is not None:
        query = query.where(col(Article.feed_id) == feed_id)
    if language:
        query = query.where(col(Article.language) == language)
    if since is not None:
        query = query.where(col(Article.discovered_at) >= since)
    if relevant is not None:
        query = query.where(col(Article.relevant) == relevant)
    if before_id is not None:
        query = query.where(col(Article.id) < before_id)
    return (await session.exec(query)).all()
