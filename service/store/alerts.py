"""Read queries for alerts: the cursor (alert id) orders the API, the SSE stream and webhooks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from service.models.events import Alert


async def list_alerts(
    session: AsyncSession,
    *,
    after: int | None,
    limit: int,
    types: Sequence[str] = (),
    kinds: Sequence[str] = (),
    languages: Sequence[str] = (),
) -> list[Any]:
    """Alerts with a cursor above `after`, oldest first; empty filters match everything.

    Plain rows of id, type and the rendered JSON (`body`), not ORM objects with their decoded payloads:
    building and re-encoding 50 of those per page was most of the alerts API's cost.
    """
    query = select(col(Alert.id), col(Alert.type), col(Alert.body))
    if after is not None:
        query = query.where(col(Alert.id) > after)
    if types:
        query = query.where(col(Alert.type).in_(types))
    if kinds:
        query = query.where(col(Alert.kind).in_(kinds))
    if languages:
        query = query.where(col(Alert.language).in_(languages))
    result = await session.exec(query.order_by(col(Alert.id)).limit(limit))
    return list(result.all())


async def get_alert(session: AsyncSession, alert_id: int) -> Alert | None:
    return await session.get(Alert, alert_id)


async def latest_cursor(session: AsyncSession) -> int:
    """The highest cursor so far (0 when there are no alerts): where a live-only stream starts."""
    value = (await session.exec(select(func.max(Alert.id)))).first()
    return int(value or 0)


async def recent_alerts(
    session: AsyncSession,
    *,
    limit: int,
    types: Sequence[str] = (),
    kinds: Sequence[str] = (),
    languages: Sequence[str] = (),
) -> list[Alert]:
    """The newest alerts first (whole rows: feeds and pages read their payloads); empty filters match all."""
    query = select(Alert)
    if types:
        query = query.where(col(Alert.type).in_(types))
    if kinds:
        query = query.where(col(Alert.kind).in_(kinds))
    if languages:
        query = query.where(col(Alert.language).in_(languages))
    result = await session.exec(query.order_by(col(Alert.id).desc()).limit(limit))
    return list(result.all())
