"""/v1/feeds: the sources polled, with their health."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Response, status
from pydantic import BaseModel, ConfigDict, Field, field_validator

from scrapers.errors import UnsafeAddress
from scrapers.netguard import check_url
from service.api.deps import AdminDep, ReaderDep, SettingsDep, WriterDep
from service.models import Feed, utcnow
from service.store import feeds as feed_store

router = APIRouter(prefix="/v1/feeds", tags=["feeds"])
SourceKind = Literal["rss", "telegram", "google_news", "gdelt"]
# Ids are 32-bit INTEGER columns on PostgreSQL: anything larger is a client error, not a driver overflow.
MAX_ID = 2**31 - 1
FeedId = Annotated[int, Path(ge=1, le=MAX_ID, description="feed id")]


class FeedCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"url": "https://rss.dw.com/rdf/rss-en-all", "title": "DW English"}]},
    )

    url: str = Field(min_length=8, max_length=2048, description="http(s) URL of the feed or channel preview")
    kind: SourceKind | None = Field(default=None, description="detected from the URL when omitted")
    title: str | None = Field(default=None, max_length=500)
    language: str | None = Field(default=None, max_length=16)
    official: bool = Field(default=False, description="an official primary source (confidence boost)")
    poll_interval_seconds: float | None = Field(default=None, ge=1, le=86_400)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        value = value.strip()
        if not value.lower().startswith(("http://", "https://")):
            raise ValueError("must be an http:// or https:// URL")
        return value


class FeedUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"enabled": False}]})

    title: str | None = Field(default=None, max_length=500)
    language: str | None = Field(default=None, max_length=16)
    enabled: bool | None = None
    official: bool | None = None
    poll_interval_seconds: float | None = Field(default=None, ge=1, le=86_400)

    @field_validator("enabled", "official")
    @classmethod
    def _not_null(cls, value: bool | None) -> bool:
        # Omit a field to leave it unchanged; an explicit null has no meaning for a flag.
        if value is None:
            raise ValueError("must be true or false (omit it to leave it unchanged)")
        return value


class FeedPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    url: str
    kind: str
    title: str | None
    language: str | None
    official: bool
    enabled: bool
    disabled_reason: str | None
    poll_interval_seconds: float | None
    next_check_at: datetime
    last_checked_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_kind: str | None
    error_count: int
    last_status: int | None
    articles_seen: int
    created_at: datetime


class FeedList(BaseModel):
    data: list[FeedPublic]


async def _feed_or_404(session: ReaderDep, feed_id: int) -> Feed:
    feed = await feed_store.get_feed(session, feed_id)
    if feed is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"feed {feed_id} not found")
    return feed


@router.get("", response_model=FeedList, summary="List feeds with their health")
async def list_feeds(session: ReaderDep, enabled: bool | None = None) -> FeedList:
    feeds = await feed_store.list_feeds(session, enabled=enabled)
    return FeedList(data=[FeedPublic.model_validate(f) for f in feeds])


@router.post("", response_model=FeedPublic, status_code=201, dependencies=[AdminDep], summary="Add a feed")
async def create_feed(body: FeedCreate, session: WriterDep, settings: SettingsDep, response: Response) -> FeedPublic:
    try:
        check_url(body.url, allow_private=settings.fetch_allow_private)
    except UnsafeAddress as exc:
        raise HTTPException(422, f"url refused: {exc}") from exc
    spec = feed_store.FeedSpec(
        url=body.url,
        kind=body.kind,
        title=body.title,
        language=body.language,
        official=body.official,
        poll_interval_seconds=body.poll_interval_seconds,
    )
    feed, created = await feed_store.add_feed(session, spec, utcnow())
    if not created:
        raise HTTPException(status.HTTP_409_CONFLICT, f"feed already exists with id {feed.id}")
    response.headers["Location"] = f"/v1/feeds/{feed.id}"
    return FeedPublic.model_validate(feed)


@router.get("/{feed_id}", response_model=FeedPublic, summary="One feed with its health")
async def get_feed(feed_id: FeedId, session: ReaderDep) -> FeedPublic:
    return FeedPublic.model_validate(await _feed_or_404(session, feed_id))


@router.patch("/{feed_id}", response_model=FeedPublic, dependencies=[AdminDep], summary="Change a feed")
async def update_feed(feed_id: FeedId, body: FeedUpdate, session: WriterDep) -> FeedPublic:
    feed = await _feed_or_404(session, feed_id)
    changes = body.model_dump(exclude_unset=True)
    for name, value in changes.items():
        setattr(feed, name, value)
    if changes.get("enabled"):
        feed.disabled_reason = None
        feed.error_count = 0
        feed.next_check_at = utcnow()
    feed.updated_at = utcnow()
    session.add(feed)
    await session.flush()
    return FeedPublic.model_validate(feed)


@router.delete("/{feed_id}", status_code=204, dependencies=[AdminDep], summary="Remove a feed")
async def delete_feed(feed_id: FeedId, session: WriterDep) -> Response:
    await feed_store.delete_feed(session, await _feed_or_404(session, feed_id))
    return Response(status_code=204)
