"""Claim due rows with a lease: the one way feeds, articles and webhook messages are handed to a worker.

The caller selects the ids of due rows; they are locked, and the worker's lease is stamped on those still
claimable, in the caller's transaction. On PostgreSQL the select takes FOR UPDATE SKIP LOCKED, so workers
sharing a database take different rows instead of queueing behind each other's locks. SQLite has one writer
at a time, so there the stamp's own condition (still claimable) is the whole guard. A lease that runs out
(its worker died) makes the row claimable again.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, or_, update
from sqlalchemy.orm import Mapped
from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar


def lease_free(lease_until: Mapped[datetime | None], now: datetime) -> ColumnElement[bool]:
    """No live lease on the row: never leased, released, or the lease ran out."""
    return or_(lease_until.is_(None), lease_until < now)


async def claim(
    session: AsyncSession,
    model: type[SQLModel],
    id_column: Mapped[int | None],
    due: SelectOfScalar[int | None],
    *,
    still_claimable: ColumnElement[bool],
    lease: Mapping[str, Any],
    lock_by_id: bool = False,
) -> list[int]:
    """Stamp `lease` (column values) on the rows `due` selects that are still claimable; returns their ids.

    `lock_by_id`: the due query cannot take a row lock itself (PostgreSQL refuses FOR UPDATE next to a
    window function), so the chosen rows are locked with a second select by id.
    """
    postgres = session.get_bind().dialect.name == "postgresql"
    if postgres and not lock_by_id:
        due = due.with_for_update(skip_locked=True)
    ids = [i for i in (await session.exec(due)).all() if i is not None]
    if ids and postgres and lock_by_id:
        locked = select(id_column).where(id_column.in_(ids)).with_for_update(skip_locked=True)
        ids = [i for i in (await session.exec(locked)).all() if i is not None]
    if not ids:
        return []
    claimed = await session.exec(
        update(model).where(id_column.in_(ids), still_claimable).values(**lease).returning(id_column)
    )
    return list(claimed.scalars().all())
