"""/v1/feeds: the sources polled, with their health."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response, status
from pydantic import BaseModel, ConfigDict, Field, field_validator

from scrapers.feedurl import InvalidFeedUrl, normalise_feed_url
from service.api.deps import AdminDep, DatabaseDep, FeedHttpDep, ReaderDep, SettingsDep, WriterDep
from service.api.errors import ApiError
from service.api.feed_schemas import CheckQuery, FeedCheck, FeedCreated, FeedPublic, ImportReport, rejected
from service.api.pagination import HAS_MORE, NEXT_CURSOR, CursorQuery, LimitQuery, id_cursor, split_page
from service.flows import feeds as feed_flow
from service.models import Feed, utcnow
from service.opml import OpmlError
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

    url: str = Field(
        min_length=1,
        max_length=2048,
        description="http(s) URL of the feed, of a page that announces one (autodiscovery), or of a channel "
        "preview; stored normalised (lower-case scheme and host, no fragment, no default port)",
    )
    kind: SourceKind | None = Field(default=None, description="detected from the URL when omitted")
    title: str | None = Field(default=None, max_length=500)
    language: str | None = Field(default=None, max_length=16)
    official: bool = Field(default=False, description="an official primary source (confidence boost)")
    poll_interval_seconds: float | None = Field(default=None, ge=1, le=86_400)

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        try:
            return normalise_feed_url(value)
        except InvalidFeedUrl as exc:
            raise ValueError(str(exc)) from None


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


class FeedList(BaseModel):
    data: list[FeedPublic]
    next_cursor: str | None = Field(description=NEXT_CURSOR)
    has_more: bool = Field(description=HAS_MORE)


async def _feed_or_404(session: ReaderDep, feed_id: int) -> Feed:
    feed = await feed_store.get_feed(session, feed_id)
    if feed is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"feed {feed_id} not found")
    return feed


@router.get("", response_model=FeedList, summary="List feeds with their health")
async def list_feeds(
    session: ReaderDep,
    enabled: Annotated[bool | None, Query(description="only enabled (true) or disabled (false) feeds")] = None,
    cursor: CursorQuery = None,
    limit: LimitQuery = 50,
) -> FeedList:
    rows = await feed_store.list_feeds(session, enabled=enabled, after_id=id_cursor(cursor), limit=limit + 1)
    page, next_cursor, has_more = split_page(rows, limit, lambda f: str(f.id))
    return FeedList(data=[FeedPublic.model_validate(f) for f in page], next_cursor=next_cursor, has_more=has_more)


@router.post(
    "",
    response_model=FeedCreated,
    status_code=201,
    dependencies=[AdminDep],
    summary="Add a feed (fetched once first)",
    responses={409: {"description": "A feed with this URL exists (`code: feed_exists`, `feed_id`)"}},
)
async def create_feed(
    body: FeedCreate,
    db: DatabaseDep,
    http: FeedHttpDep,
    settings: SettingsDep,
    response: Response,
    check: CheckQuery = True,
) -> FeedCreated:
    """Adds a source. Unless `check=false`, the source is fetched once first: the answer says what was found
    (`check.format`, `check.title`, `check.items`), a page that announces a feed with `<link rel="alternate">`
    adds that feed (`check.discovered_from`), and a source that cannot be fetched or parsed is a 422 whose
    `reason` is the fetch error kind (`not_found`, `connect`, `timeout`, `not_a_feed`, `parse`, …)."""
    spec = feed_store.FeedSpec(
        url=body.url,
        kind=body.kind,
        title=body.title,
        language=body.language,
        official=body.official,
        poll_interval_seconds=body.poll_interval_seconds,
    )
    try:
        added = await feed_flow.add_feed(db, http, spec, settings, check=check)
    except feed_flow.FeedRejected as exc:
        raise rejected(exc) from None
    if not added.created:
        raise ApiError(409, "feed_exists", f"feed already exists with id {added.feed.id}", feed_id=added.feed.id)
    response.headers["Location"] = f"/v1/feeds/{added.feed.id}"
    return FeedCreated.model_validate(added.feed).model_copy(update={"check": FeedCheck.of(added.probe)})


OPML_TYPES = ("text/x-opml", "application/xml", "text/xml", "application/octet-stream")


@router.post(
    "/import",
    response_model=ImportReport,
    dependencies=[AdminDep],
    summary="Import the feeds of an OPML document",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "an OPML 1.0/2.0 document; every <outline xmlUrl=…> is a feed (folders are flattened)",
            "content": {media: {"schema": {"type": "string"}} for media in OPML_TYPES},
        }
    },
)
async def import_feeds(
    request: Request, db: DatabaseDep, http: FeedHttpDep, settings: SettingsDep, check: CheckQuery = True
) -> ImportReport:
    """Adds every outline through the same flow as `POST /v1/feeds` (normalised, fetched once unless
    `check=false`). A bad outline is reported in `outlines` with its `code` and the others are imported;
    a document that is not OPML, or has no outline with an xmlUrl, is a 422 `invalid_opml`."""
    media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if media not in OPML_TYPES:
        raise ApiError(415, "unsupported_media_type", f"send the OPML document as one of: {', '.join(OPML_TYPES)}")
    try:
        outcomes = await feed_flow.import_opml(db, http, await request.body(), settings, check=check)
    except OpmlError as exc:
        raise ApiError(422, "invalid_opml", str(exc)) from None
    return ImportReport.of(outcomes)


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
