"""Alembic is the only way the schema changes: models and migrations must never drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine
from sqlmodel import SQLModel

import service.models  # noqa: F401  (registers every table)
from service import migrate


def test_models_and_migrations_do_not_drift(database_url: str) -> None:
    engine = create_engine(migrate.sync_url(database_url))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert diff == [], f"models differ from the migrations; add an Alembic revision: {diff}"


def test_database_is_at_head(database_url: str) -> None:
    assert migrate.is_current(database_url)
    assert migrate.current_revision(database_url) == migrate.head_revision(database_url)


def test_upgrade_is_idempotent(database_url: str) -> None:
    migrate.upgrade(database_url)
    migrate.upgrade(database_url)
    assert migrate.is_current(database_url)


def test_script_heads_read_from_source_agree_with_alembic(database_url: str) -> None:
    assert migrate.script_heads() == {migrate.head_revision(database_url)}


def test_a_database_at_head_is_told_without_alembic_and_a_new_one_is_not(database_url: str, tmp_path: Path) -> None:
    assert migrate.at_head(database_url)
    empty = f"sqlite+aiosqlite:///{tmp_path / 'new.db'}"
    assert not migrate.at_head(empty)
    migrate.upgrade(empty)  # not at head: Alembic migrates it
    assert migrate.at_head(empty) and migrate.is_current(empty)


def test_start_up_on_a_migrated_database_does_not_import_alembic(database_url: str) -> None:
    script = (
        f"import sys; from service import migrate; migrate.upgrade({database_url!r}); print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "False"
