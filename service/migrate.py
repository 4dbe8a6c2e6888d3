"""Schema migrations: Alembic is the only way the schema changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, pool

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported where it is used: a process that does not migrate (poll --once with
# MIGRATE_ON_START=false, the API's readiness aside) does not pay ~0.4 s for it.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def sync_url(url: str) -> str:
    """The synchronous twin of an async URL (psycopg 3 serves both; SQLite uses the stdlib driver)."""
    return url.replace("sqlite+aiosqlite://", "sqlite://")


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    ini = PROJECT_ROOT / "alembic.ini"
    if not ini.exists():
        raise RuntimeError(f"alembic.ini not found at {ini}: run exchangewatch from its source tree")
    config = Config(str(ini))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.attributes["database_url"] = url
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Apply migrations up to `revision` (blocking; call through asyncio.to_thread from async code)."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def head_revision(url: str) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def current_revision(url: str) -> str | None:
    from alembic.runtime.migration import MigrationContext

    engine = create_engine(sync_url(url), poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def is_current(url: str) -> bool:
    return current_revision(url) == head_revision(url)
