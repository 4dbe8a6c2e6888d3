"""Schema migrations: Alembic is the only way the schema changes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, pool, text
from sqlalchemy.exc import DBAPIError

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
    """Apply migrations up to `revision` (blocking; call through asyncio.to_thread from async code).

    A database already at head (every start but the first after an upgrade) is told by one query, without
    importing Alembic and loading its scripts (~0.3 s and ~8 MB that a `poll --once` would pay each run).
    """
    if revision == "head" and at_head(url):
        return
    from alembic import command

    command.upgrade(alembic_config(url), revision)


# `revision: str = "0004"` / `down_revision: str | None = "0003"` in each script under alembic/versions.
_SCRIPT_IDS = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+?)\s*$", re.MULTILINE)
_QUOTED = re.compile(r"""^["']([^"']+)["']$""")


def script_heads() -> frozenset[str] | None:
    """The head revisions of the migration scripts, read from their source; None when a script is not of the
    plain one-parent form (a merge, a computed id): then only Alembic can tell."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (PROJECT_ROOT / "alembic" / "versions").glob("*.py"):
        ids = dict(_SCRIPT_IDS.findall(path.read_text(encoding="utf-8")))
        own = _QUOTED.match(ids.get("revision", ""))
        parent = ids.get("down_revision", "")
        if own is None or not (parent == "None" or _QUOTED.match(parent)):
            return None
        revisions.add(own.group(1))
        if parent != "None":
            parents.add(parent.strip("\"'"))
    return frozenset(revisions - parents) or None


def stored_revisions(url: str) -> frozenset[str]:
    """The revisions recorded in the database's alembic_version table (empty: none, or no table yet)."""
    engine = create_engine(sync_url(url), poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            return frozenset(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    except DBAPIError:  # no table yet: a new database
        return frozenset()
    finally:
        engine.dispose()


def at_head(url: str) -> bool:
    """Is the database at the scripts' head? (False when unsure: the caller then asks Alembic.)"""
    heads = script_heads()
    return heads is not None and stored_revisions(url) == heads


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
    """Is the database at head? One query when the scripts tell their head (the readiness probe asks every
    minute: Alembic's import would add ~12 MB to a process that otherwise never needs it); else Alembic."""
    return at_head(url) or current_revision(url) == head_revision(url)
