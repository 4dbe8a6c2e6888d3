"""Retention: clear old articles' text and old delivery logs; events and alerts are kept."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel.ext.asyncio.session import AsyncSession

from service.models import Article
from service.models.webhooks import WebhookAttempt


async def apply_retention(
    session: AsyncSession, *, now: datetime, article_text_days: int, delivery_log_days: int
) -> int:
    """Returns how many rows were cleared or deleted (0 days keeps forever)."""
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
        result = await session.exec(delete(WebhookAttempt).where(WebhookAttempt.attempted_at < cutoff))  # type: ignore[call-overload,arg-type,operator]
        cleared += result.rowcount or 0
    return cleared
