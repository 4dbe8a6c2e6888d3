"""Retention: clear old articles' text and old delivery logs; events and alerts are kept."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel.ext.asyncio.session import AsyncSession

from service.models import Article
from service.models.webhooks import WebhookAttempt, WebhookMessage


async def apply_retention(
    session: AsyncSession, *, now: datetime, article_text_days: int, delivery_log_days: int
) -> int:
    """Returns how many rows were cleared or deleted (0 days keeps forever).

    Article text older than `article_text_days` is cleared (the row, its keys and its events stay);
    delivered or dead webhook messages and delivery attempts older than `delivery_log_days` are deleted.
    """
    cleared = 0
    if article_text_days:
        cutoff = now - timedelta(days=article_text_days)
        result = await session.exec(  # type: ignore[call-overload]
            update(Article)
            .where(Article.discovered_at < cutoff, Article.text != "", Article.state == "done")  # type: ignore[arg-type,operator]
            .values(text="", text_source="purged")
        )
        cleared += result.rowcount or 0
    if delivery_log_days:
        cutoff = now - timedelta(days=delivery_log_days)
        # Finished messages go with their attempts (cascade); pending and failing ones are never pruned.
        finished = await session.exec(  # type: ignore[call-overload]
            delete(WebhookMessage).where(
                WebhookMessage.status.in_(("delivered", "dead")),  # type: ignore[attr-defined]
                WebhookMessage.created_at < cutoff,  # type: ignore[operator]
            )
        )
        result = await session.exec(delete(WebhookAttempt).where(WebhookAttempt.attempted_at < cutoff))  # type: ignore[call-overload,arg-type,operator]
        cleared += (finished.rowcount or 0) + (result.rowcount or 0)
    return cleared
