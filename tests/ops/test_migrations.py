"""Alembic is the only way the schema changes: models and migrations must never drift."""

from __future__ import annotations

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
