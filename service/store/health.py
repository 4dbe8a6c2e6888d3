"""Read-only figures for /health and /metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, text
from sqlmodel.ext.asyncio.session import AsyncSession

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
    await session.exec(text("SELECT 1"))  # type: ignore[call-overload]


async def _count(session: AsyncSession, query: object) -> int:
    return int((await session.exec(query)).scalar_one())  # type: ignore[call-overload]


async def health_figures(session: AsyncSession, *, now: datetime, stale_after: timedelta) -> HealthFigures:
    """Feeds failing (an error since the last success) or stale (no success within `stale_after`)."""
    enabled = Feed.enabled == True  # noqa: E712
    stale_cutoff = now - stale_after
    return HealthFigures(
        feeds_enabled=await _count(session, select(func.count()).select_from(Feed).where(enabled)),
        feeds_failing=await _count(
            session,
            select(func.count()).select_from(Feed).where(enabled, Feed.error_count > 0),  # type: ignore[arg-type,operator]
        ),
        feeds_stale=await _count(
            session,
            select(func.count())
            .select_from(Feed)
            .where(
                enabled,
                Feed.created_at < stale_cutoff,  # type: ignore[operator]
                or_(Feed.last_success_at == None, Feed.last_success_at < stale_cutoff),  # type: ignore[operator]  # noqa: E711
            ),
        ),
        last_alert_at=(await session.exec(select(func.max(Alert.created_at)))).scalar_one(),  # type: ignore[call-overload]
        deliveries_pending=await _count(
            session,
            select(func.count())
            .select_from(WebhookMessage)
            .where(WebhookMessage.status.in_(["pending", "delivering", "failed"])),  # type: ignore[attr-defined]
        ),
        deliveries_failing=await _count(
            session,
            select(func.count()).select_from(WebhookMessage).where(WebhookMessage.status == "failed"),  # type: ignore[arg-type]
        ),
        deliveries_dead=await _count(
            session,
            select(func.count()).select_from(WebhookMessage).where(WebhookMessage.status == "dead"),  # type: ignore[arg-type]
        ),
        endpoints_disabled=await _count(
            session,
            select(func.count()).select_from(WebhookEndpoint).where(WebhookEndpoint.enabled == False),  # type: ignore[arg-type]  # noqa: E712
        ),
    )
