"""Read-only figures for /health and /metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from service.models import Alert, Article, Feed
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
    articles_pending: int = 0
    oldest_pending_article_at: datetime | None = None
    oldest_undelivered_at: datetime | None = None  # of messages to endpoints that are enabled


@dataclass(frozen=True)
class FeedState:
    """One feed's state for the per-feed gauges."""

    id: int
    kind: str
    enabled: bool
    error_count: int
    last_success_at: datetime | None


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
        **await _waiting(session),
    )


async def _waiting(session: AsyncSession) -> dict[str, Any]:
    """Articles waiting to be processed, and the oldest message still owed to an enabled endpoint."""
    pending = (
        await session.exec(
            select(func.count(), func.min(col(Article.discovered_at))).where(col(Article.state) == "pending")
        )
    ).one()
    undelivered = (
        await session.exec(
            select(func.min(col(WebhookMessage.created_at)))
            .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookMessage.endpoint_id))
            .where(
                col(WebhookMessage.status).in_(["pending", "delivering", "failed"]),
                col(WebhookEndpoint.enabled) == True,  # noqa: E712
            )
        )
    ).one()
    return {
        "articles_pending": int(pending[0]),
        "oldest_pending_article_at": pending[1],
        "oldest_undelivered_at": undelivered,
    }


async def feed_states(session: AsyncSession) -> list[FeedState]:
    """Every feed's id, kind, enabled flag, error streak and last success, for /metrics."""
    feeds = (await session.exec(select(Feed).order_by(col(Feed.id)))).all()
    return [FeedState(f.id or 0, f.kind, f.enabled, f.error_count, f.last_success_at) for f in feeds]


async def work_due(session: AsyncSession, *, now: datetime) -> bool:
    """Whether a worker has anything to do now: a feed due, an article pending or a webhook message due.

    The worker's parent process asks this to decide when to start its polling child (service/worker/supervisor.py);
    the ticks' own claims (store.feeds, store.articles, store.webhooks) use the same conditions.
    """
    from service.store.leases import lease_free

    feeds = select(col(Feed.id)).where(
        col(Feed.enabled) == True,  # noqa: E712
        col(Feed.next_check_at) <= now,
        lease_free(col(Feed.lease_until), now),
    )
    articles = select(col(Article.id)).where(col(Article.state) == "pending", lease_free(col(Article.lease_until), now))
    from service.models.webhooks import DELIVERING, FAILED, PENDING

    waiting = col(WebhookMessage.status).in_((PENDING, FAILED)) & (col(WebhookMessage.next_attempt_at) <= now)
    orphaned = (col(WebhookMessage.status) == DELIVERING) & (col(WebhookMessage.lease_until) < now)
    messages = (
        select(col(WebhookMessage.id))
        .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookMessage.endpoint_id))
        .where(col(WebhookEndpoint.enabled), or_(waiting, orphaned))
    )
    for query in (feeds, articles, messages):
        if (await session.exec(query.limit(1))).first() is not None:
            return True
    return False
