"""Retention: clear old articles' text and old delivery logs; events and alerts are kept."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import col
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
        result = await session.exec(
            update(Article)
            .where(col(Article.discovered_at) < cutoff, col(Article.text) != "", col(Article.state) == "done")
            .values(text="", text_source="purged")
        )
        cleared += result.rowcount or 0
    if delivery_log_days:
        cutoff = now - timedelta(days=delivery_log_days)
        # Finished messages go with their attempts (cascade); pending and failing ones are never pruned.
        finished = await session.exec(
            delete(WebhookMessage).where(
                col(WebhookMessage.status).in_(("delivered", "dead")),
                col(WebhookMessage.created_at) < cutoff,
            )
        )
        result = await session.exec(delete(WebhookAttempt).where(col(WebhookAttempt.attempted_at) < cutoff))
        cleared += (finished.rowcount or 0) + (result.rowcount or 0)
    return cleared
