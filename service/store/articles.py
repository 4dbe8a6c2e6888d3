"""SQL for articles: dedup by every known key, leased processing, listing with cursors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from service.models import Article, ArticleKey
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


async def get_articles(session: AsyncSession, ids: Iterable[int]) -> list[Article]:
    return list((await _articles(session, set(ids))).values())


async def _articles(session: AsyncSession, ids: set[int]) -> dict[int, Article]:
    found: dict[int, Article] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), KEY_CHUNK):
        query = select(Article).where(col(Article.id).in_(id_list[start : start + KEY_CHUNK]))
        found.update({a.id: a for a in (await session.exec(query)).all() if a.id is not None})
    return found


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
