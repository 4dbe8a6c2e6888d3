"""Read-only figures for /health and /metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from service.models import Alert, Feed
from service.models.webhooks import WebhookEndpoint, WebhookMessage


@dataclass(frozen=True)
class HealthFigures:
    feeds_enabled: int
    feeds_failing: int
    feeds_stale: int
    last_alert_at: datetime | None
    deliveries_pending: int
    deliveries_failing: int
    deliveries_dead: int
    endpoints_disabled: int


async def ping(session: AsyncSession) -> None:
    await session.exec(select(1))


async def _count(session: AsyncSession, query: SelectOfScalar[Any]) -> int:
    return int((await session.exec(query)).one())


async def health_figures(session: AsyncSession, *, now: datetime, stale_after: timedelta) -> HealthFigures:
    """Feeds failing (an error since the last success) or stale (no success within `stale_after`)."""
    enabled = col(Feed.enabled) == True  # noqa: E712
    stale_cutoff = now - stale_after
    return HealthFigures(
        feeds_enabled=await _count(session, select(func.count()).select_from(Feed).where(enabled)),
        feeds_failing=await _count(
            session,
            select(func.count()).select_from(Feed).where(enabled, col(Feed.error_count) > 0),
        ),
        feeds_stale=await _count(
            session,
            select(func.count())
            .select_from(Feed)
            .where(
                enabled,
                col(Feed.created_at) < stale_cutoff,
                or_(col(Feed.last_success_at).is_(None), col(Feed.last_success_at) < stale_cutoff),
            ),
        ),
        last_alert_at=(await session.exec(select(func.max(col(Alert.created_at))))).one(),
        deliveries_pending=await _count(
            session,
            select(func.count())
            .select_from(WebhookMessage)
            .where(col(WebhookMessage.status).in_(["pending", "delivering", "failed"])),
        ),
        deliveries_failing=await _count(
            session,
            select(func.count()).select_from(WebhookMessage).where(col(WebhookMessage.status) == "failed"),
        ),
        deliveries_dead=await _count(
            session,
            select(func.count()).select_from(WebhookMessage).where(col(WebhookMessage.status) == "dead"),
        ),
        endpoints_disabled=await _count(
            session,
            select(func.count()).select_from(WebhookEndpoint).where(col(WebhookEndpoint.enabled) == False),  # noqa: E712
        ),
    )
