"""SQL for feeds: CRUD, leased claims of due feeds, and recording poll outcomes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from service.models import Feed
from service.store.leases import claim, lease_free


@dataclass(frozen=True)
class FeedSpec:
    """A source to add: from OPML, the API or the CLI."""

    url: str
    kind: str | None = None  # None: detected from the URL (t.me/s/…, Google News search, GDELT, else rss)
    title: str | None = None
    language: str | None = None
    official: bool = False
    poll_interval_seconds: float | None = None


async def list_feeds(
    session: AsyncSession, *, enabled: bool | None = None, after_id: int | None = None, limit: int | None = None
) -> Sequence[Feed]:
    """Feeds in id order; `after_id` and `limit` page through them."""
    query = select(Feed).order_by(col(Feed.id))
    if enabled is not None:
        query = query.where(col(Feed.enabled) == enabled)
    if after_id is not None:
        query = query.where(col(Feed.id) > after_id)
    if limit is not None:
        query = query.limit(limit)
    return (await session.exec(query)).all()


async def get_feed(session: AsyncSession, feed_id: int) -> Feed | None:
    return await session.get(Feed, feed_id)


async def get_feeds(session: AsyncSession, ids: Sequence[int]) -> Sequence[Feed]:
    query = select(Feed).where(col(Feed.id).in_(list(ids)))
    return (await session.exec(query)).all()


async def feed_urls(session: AsyncSession, ids: Iterable[int]) -> dict[int, str]:
    """The URL of each of these feeds (an article page's address rule depends on its feed's origin)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = select(col(Feed.id), col(Feed.url)).where(col(Feed.id).in_(wanted))
    return {feed_id: url for feed_id, url in (await session.exec(query)).all() if feed_id is not None}


@dataclass(frozen=True)
class QuietPoll:
    """A poll that brought nothing new (304): only health and schedule change."""

    feed_id: int
    status: int
    at: datetime
    next_check_at: datetime


async def mark_not_modified(session: AsyncSession, polls: Sequence[QuietPoll]) -> None:
    """Record quiet polls and release their leases, all in one executemany."""
    table = Feed.metadata.tables[str(Feed.__tablename__)]
    # A Core UPDATE with per-row parameters (executemany), not the ORM's bulk update by primary key.
    statement = (
        update(table)
        .where(table.c.id == bindparam("fid"))
        .values(
            error_count=0,
            last_error=None,
            last_error_kind=None,
            last_status=bindparam("status"),
            last_checked_at=bindparam("at"),
            last_success_at=bindparam("at"),
            next_check_at=bindparam("next"),
            pending_redirect=None,
            redirect_count=0,
            lease_owner=None,
            lease_until=None,
            updated_at=bindparam("at"),
        )
    )
    params = [{"fid": p.feed_id, "status": p.status, "at": p.at, "next": p.next_check_at} for p in polls]
    await session.exec(statement, params=params)


async def get_feed_by_url(session: AsyncSession, url: str) -> Feed | None:
    return (await session.exec(select(Feed).where(col(Feed.url) == url))).first()


async def add_feed(session: AsyncSession, spec: FeedSpec, now: datetime, *, kind: str) -> tuple[Feed, bool]:
    """Insert a feed of `kind` (due now) unless its URL is known; returns (feed, created)."""
    existing = await get_feed_by_url(session, spec.url)
    if existing is not None:
        return existing, False
    feed = Feed(
        url=spec.url,
        kind=kind,
        title=spec.title,
        language=spec.language,
        official=spec.official,
        poll_interval_seconds=spec.poll_interval_seconds,
        next_check_at=now,
        created_at=now,
        updated_at=now,
    )
    session.add(feed)
    await session.flush()
    return feed, True


async def delete_feed(session: AsyncSession, feed: Feed) -> None:
    await session.delete(feed)
    await session.flush()


async def claim_due_feeds(
    session: AsyncSession,
    *,
    worker_id: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    due_by: datetime | None = None,
) -> list[int]:
    """Lease up to `limit` feeds due by `due_by` (default: now); an expired lease (dead worker) is taken over."""
    free = lease_free(col(Feed.lease_until), now)
    due = (
        select(col(Feed.id))
        .where(col(Feed.enabled) == True, col(Feed.next_check_at) <= (due_by or now), free)  # noqa: E712
        .order_by(col(Feed.next_check_at))
        .limit(limit)
    )
    values = {"lease_owner": worker_id, "lease_until": now + lease}
    return await claim(session, Feed, col(Feed.id), due, still_claimable=free, lease=values)


async def release_feed(session: AsyncSession, feed: Feed) -> None:
    feed.lease_owner = None
    feed.lease_until = None
    session.add(feed)
    await session.flush()


async def record_poll(session: AsyncSession, feed_id: int, values: dict[str, Any], *, added: int = 0) -> None:
    """One UPDATE of the feed after a poll: the poll's own columns only (an API edit meanwhile stays)."""
    table = Feed.metadata.tables[str(Feed.__tablename__)]
    values = dict(values)
    for column in ("title", "language"):  # filled from the feed once, never overwritten
        if column in values:
            values[column] = func.coalesce(table.c[column], values[column])
    if added:
        values["articles_seen"] = table.c.articles_seen + added
    await session.exec(update(table).where(table.c.id == feed_id).values(**values))
