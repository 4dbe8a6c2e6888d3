"""Start-up steps shared by the commands: migrate, and make sure the feed list is in place."""

from __future__ import annotations

import asyncio
import logging

from service import migrate
from service.db import Database
from service.models import utcnow
from service.opml import load_feed_list
from service.settings import Settings
from service.store import feeds as feed_store

log = logging.getLogger(__name__)


async def prepare_database(settings: Settings) -> None:
    if settings.migrate_on_start:
        await asyncio.to_thread(migrate.upgrade, settings.database_url)


async def sync_feed_list(settings: Settings, db: Database) -> int:
    """FEEDS_FILE is the source of truth when set; otherwise the built-in list seeds an empty database."""
    specs = load_feed_list(settings.feeds_file)
    now = utcnow()
    added = 0
    async with db.session() as session:
        existing = await feed_store.list_feeds(session)
        if settings.feeds_file is None and existing:
            return 0
        wanted = {spec.url for spec in specs}
        for spec in specs:
            _, created = await feed_store.add_feed(session, spec, now)
            added += created
        if settings.feeds_file is not None:
            for feed in existing:
                if feed.url not in wanted:
                    await feed_store.delete_feed(session, feed)
    if added:
        log.info("feed list: %d sources added from %s", added, settings.feeds_file or "the built-in list")
    return added
