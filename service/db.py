"""Async engine and sessions: SQLite in WAL mode by default, PostgreSQL via psycopg for scale-out."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, nullcontext
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from service.store import clean, outage

SQLITE_BUSY_TIMEOUT_MS = 30_000


class Database:
    """One engine per process; `session()` for units of work that write, `reader()` for reads."""

    def __init__(self, url: str, *, echo: bool = False, pool_size: int = 10) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        # hide_parameters: a statement's values (a webhook secret) never reach a log line or an error text.
        kwargs: dict[str, Any] = {"echo": echo, "json_serializer": clean.dumps_clean, "hide_parameters": True}
        if not self.is_sqlite:
            kwargs.update(pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
        else:
            kwargs.update(connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        self.engine: AsyncEngine = create_async_engine(url, **kwargs)
        clean.install(self.engine.sync_engine)  # no control character reaches a row (PostgreSQL refuses NUL)
        outage.install(self.engine.sync_engine)  # an outage is logged once, not by every caller
        if self.is_sqlite:
            _tune_sqlite(self.engine)
        self._writer = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)
        # SQLite has one writer at a time. Tasks of this process queue here and are woken the moment the
        # writer before them commits, instead of polling in SQLite's sleeping busy handler (which backs
        # off up to 100 ms per try); other processes still meet busy_timeout.
        self._write_turn = asyncio.Lock() if self.is_sqlite else None
        self._reader = async_sessionmaker(self.engine, class_=AsyncSession, expire_on_commit=False)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A writing unit of work: commits on success, rolls back on error."""
        async with self._write_turn or nullcontext(), self._writer() as session:
            if self.is_sqlite:
                # Take the write lock up front: a deferred transaction that later upgrades to a writer
                # fails with SQLITE_BUSY immediately instead of waiting (busy_timeout does not apply).
                await session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[AsyncSession]:
        """A read-only unit of work (never blocks writers on SQLite WAL)."""
        async with self._reader() as session:
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()


def _tune_sqlite(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves so IMMEDIATE transactions are possible.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")
