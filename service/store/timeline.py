"""Read queries for the timeline page and /v1/stats: recent events by kind and language, events per month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import exists
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from service.models import Article, Event, EventReport
from service.store.events import seen_before


def _reported_in(language: str) -> object:
    """Events with at least one report in `language`: events have no language, their articles do."""
    return exists().where(
        col(EventReport.event_id) == col(Event.id),
        col(EventReport.article_id) == col(Article.id),
        col(Article.language) == language,
    )


async def recent_events(
    session: AsyncSession,
    *,
    kind: str | None,
    language: str | None,
    before: tuple[datetime, str] | None = None,
    limit: int,
) -> Sequence[Event]:
    """The most recently reported events first; `before` pages on like /v1/events' cursor."""
    query = select(Event).order_by(col(Event.last_seen).desc(), col(Event.id).desc()).limit(limit)
    if before is not None:
        query = query.where(seen_before(*before))
    if kind:
        query = query.where(col(Event.kind) == kind)
    if language:
        query = query.where(_reported_in(language))  # type: ignore[arg-type]
    return (await session.exec(query)).all()


async def counted_events(session: AsyncSession, *, since: date, kinds: Sequence[str]) -> Sequence[Event]:
    """Completed events of these kinds dated on or after `since` (what the monthly totals add up)."""
    query = select(Event).where(
        col(Event.kind).in_(kinds),
        col(Event.status) == "completed",
        col(Event.event_date) >= since,
    )
    return (await session.exec(query)).all()


async def report_languages(session: AsyncSession) -> list[str]:
    """Languages that at least one event report is written in (the page's language filter)."""
    query = (
        select(Article.language)
        .join(EventReport, col(EventReport.article_id) == col(Article.id))
        .where(col(Article.language).is_not(None))
        .distinct()
    )
    return sorted(str(lang) for lang in (await session.exec(query)).all() if lang)


async def event_languages(session: AsyncSession, event_ids: Sequence[str]) -> dict[str, list[str]]:
    """The languages each event was reported in."""
    if not event_ids:
        return {}
    query = (
        select(EventReport.event_id, Article.language)
        .join(Article, col(Article.id) == col(EventReport.article_id))
        .where(col(EventReport.event_id).in_(event_ids))
        .distinct()
    )
    found: dict[str, set[str]] = {}
    for event_id, language in (await session.exec(query)).all():
        if language:
            found.setdefault(event_id, set()).add(language)
    return {key: sorted(values) for key, values in found.items()}
