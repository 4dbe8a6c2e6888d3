"""Start-up steps shared by the commands: migrate, and make sure the feed list is in place."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from service import migrate
from service.db import Database
from service.models import utcnow
from service.settings import Settings
from service.store import feeds as feed_store
from service.store import health as health_store
from service.store.errors import is_unavailable

log = logging.getLogger(__name__)


async def wait_for_database(settings: Settings, *, say: Callable[[str], None] | None = None) -> None:
    """Wait until the database answers, saying so in one line per try; give up after DATABASE_WAIT_SECONDS.

    An unreachable database at start is usually one that is still starting (compose, a rebooting host);
    anything else (bad credentials, no such database) fails at once. Raises the last error on giving up.
    """
    say = say or log.warning
    loop = asyncio.get_running_loop()
    deadline = loop.time() + settings.database_wait_seconds
    delay = 0.5
    while True:
        db = Database(settings.database_url)
        try:
            async with db.reader() as session:
                await health_store.ping(session)
            return
        except Exception as exc:
            left = deadline - loop.time()
            if not is_unavailable(exc) or left <= 0:
                raise
            say(f"database unavailable ({_one_line(exc)}); retrying in {min(delay, left):.0f} s, for {left:.0f} s more")
            await asyncio.sleep(min(delay, left))
            delay = min(delay * 2, 10.0)
        finally:
            await db.dispose()


def _one_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


async def prepare_database(settings: Settings) -> None:
    if settings.migrate_on_start:
        await asyncio.to_thread(migrate.upgrade, settings.database_url)


async def sync_feed_list(settings: Settings, db: Database) -> int:
    """FEEDS_FILE is the source of truth when set; otherwise the built-in list seeds an empty database."""
    from service.flows.feeds import kind_of  # here: the worker's parent process never imports the scrapers
    from service.opml import load_feed_list

    specs = load_feed_list(settings.feeds_file)
    now = utcnow()
    added = 0
    async with db.session() as session:
        existing = await feed_store.list_feeds(session)
        if settings.feeds_file is None and existing:
            return 0
        wanted = {spec.url for spec in specs}
        for spec in specs:
            _, created = await feed_store.add_feed(session, spec, now, kind=kind_of(spec))
            added += created
        if settings.feeds_file is not None:
            for feed in existing:
                if feed.url not in wanted:
                    await feed_store.delete_feed(session, feed)
    if added:
        log.info("feed list: %d sources added from %s", added, settings.feeds_file or "the built-in list")
    return added
