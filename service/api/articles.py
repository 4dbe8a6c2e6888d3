"""/v1/articles: what was ingested, newest first, with cursor pagination."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel, ConfigDict

from service.api.deps import ReaderDep
from service.api.feeds import MAX_ID
from service.api.pagination import split_page
from service.api.vocab import Language
from service.store import articles as article_store

router = APIRouter(prefix="/v1/articles", tags=["articles"])


class ArticlePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    feed_id: int | None
    source: str
    title: str
    summary: str
    text: str
    text_source: str | None
    fetch_error: str | None
    language: str | None
    author: str | None
    published_at: datetime | None
    discovered_at: datetime
    state: str
    relevant: bool | None
    report: dict[str, Any] | None


class ArticlePage(BaseModel):
    data: list[ArticlePublic]
    next_cursor: str | None
    has_more: bool


def _cursor(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdecimal() or len(value) > 10 or int(value) > MAX_ID:
        raise HTTPException(422, "cursor: not a cursor returned by this API")
    return int(value)


@router.get("", response_model=ArticlePage, summary="List articles (newest first)")
async def list_articles(
    session: ReaderDep,
    feed: Annotated[int | None, Query(ge=1, le=MAX_ID, description="only this feed's articles")] = None,
    language: Annotated[Language | None, Query(description="ISO 639-1 code")] = None,
    since: Annotated[datetime | None, Query(description="discovered at or after (ISO 8601)")] = None,
    relevant: Annotated[bool | None, Query(description="only (ir)relevant articles")] = None,
    cursor: Annotated[str | None, Query(max_length=32, description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ArticlePage:
    rows = await article_store.list_articles(
        session,
        feed_id=feed,
        language=language,
        since=since,
        relevant=relevant,
        before_id=_cursor(cursor),
        limit=limit + 1,
    )
    page, next_cursor, has_more = split_page(rows, limit, lambda a: str(a.id))
    return ArticlePage(data=[ArticlePublic.model_validate(a) for a in page], next_cursor=next_cursor, has_more=has_more)
