"""Small database helpers shared by the pipeline tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from service.db import Database
from service.models import Feed, utcnow
from service.store import feeds as feed_store


async def add_feed(
    database: Database, url: str, kind: str = "rss", *, official: bool = False, now: datetime | None = None
) -> int:
    """Insert a feed, due now; returns its id."""
    async with database.session() as session:
        spec = feed_store.FeedSpec(url=url, kind=kind, official=official)
        feed, _ = await feed_store.add_feed(session, spec, now or utcnow(), kind=kind)
        return feed.id  # type: ignore[return-value]


async def load_feed(database: Database, feed_id: int) -> Feed:
    async with database.reader() as session:
        feed = await session.get(Feed, feed_id)
        assert feed is not None
        return feed


async def rows(database: Database, model: type, *where: Any) -> list[Any]:
    """Every row of a table (filtered by `where`), in primary-key order."""
    async with database.reader() as session:
        query = select(model).where(*where).order_by(*model.__table__.primary_key.columns)  # type: ignore[attr-defined]
        return list((await session.exec(query)).scalars().all())  # type: ignore[call-overload]
