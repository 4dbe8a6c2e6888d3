"""Response schemas of /v1/feeds: a feed with its health, what the first fetch found, an OPML import report."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from service.api.errors import ApiError
from service.flows.feeds import FeedProbe, FeedRejected, OutlineOutcome

CheckQuery = Annotated[
    bool, Query(description="fetch the source once before adding it (`false`: add without fetching)")
]
FETCH_FAILURES = "not_found, gone, blocked, connect, timeout, http_4xx, http_5xx, too_large, not_a_feed, parse, …"


def rejected(exc: FeedRejected) -> ApiError:
    """The 422 for a source that cannot be added: invalid_url, unsafe_url, or feed_check_failed + reason."""
    if exc.code in ("invalid_url", "unsafe_url"):
        return ApiError(422, exc.code, exc.message)
    return ApiError(422, "feed_check_failed", exc.message, reason=exc.code)


class FeedPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="feed id")
    url: str = Field(description="normalised URL that is polled")
    kind: str = Field(description="parser used: rss (RSS 2.0, RDF, Atom), telegram, google_news or gdelt")
    title: str | None = Field(description="the operator's title, else the feed's own")
    language: str | None = Field(description="ISO 639-1 language when known")
    official: bool = Field(description="an official primary source (raises an event's confidence)")
    enabled: bool = Field(description="false: not polled")
    disabled_reason: str | None = Field(description="why it was disabled automatically (e.g. 410 Gone)")
    poll_interval_seconds: float | None = Field(description="per-feed interval; null: the default")
    next_check_at: datetime = Field(description="when it is polled next")
    last_checked_at: datetime | None = Field(description="last poll, successful or not")
    last_success_at: datetime | None = Field(description="last successful poll")
    last_error: str | None = Field(description="message of the last failed poll (cleared by a success)")
    last_error_kind: str | None = Field(description=f"kind of the last failure: {FETCH_FAILURES}")
    error_count: int = Field(description="failed polls in a row")
    last_status: int | None = Field(description="HTTP status of the last poll")
    articles_seen: int = Field(description="articles ingested from this feed")
    created_at: datetime = Field(description="when it was added")


class FeedCheck(BaseModel):
    """What the first fetch found."""

    url: str = Field(description="the URL fetched last (the feed itself, also after autodiscovery)")
    kind: str = Field(description="parser used: rss, telegram, google_news or gdelt")
    format: str | None = Field(description="rss20, rss10 (RDF), atom10, … for rss sources; null for others")
    title: str | None = Field(description="the feed's own title")
    items: int = Field(description="items in the feed right now")
    discovered_from: str | None = Field(description="the HTML page whose <link rel=alternate> named this feed")

    @classmethod
    def of(cls, probe: FeedProbe | None) -> FeedCheck | None:
        if probe is None:
            return None
        return cls(
            url=probe.url,
            kind=probe.kind,
            format=probe.format,
            title=probe.title,
            items=probe.items,
            discovered_from=probe.discovered_from,
        )


class FeedCreated(FeedPublic):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": 7,
                    "url": "https://rss.dw.com/rdf/rss-en-all",
                    "kind": "rss",
                    "title": "DW English",
                    "check": {"url": "https://rss.dw.com/rdf/rss-en-all", "kind": "rss", "format": "rss10"},
                }
            ]
        },
    )

    check: FeedCheck | None = Field(default=None, description="what the first fetch found; null with check=false")


class OutlineReport(BaseModel):
    position: int = Field(description="1-based position among the outlines that carry an xmlUrl")
    url: str = Field(description="xmlUrl as written in the document")
    title: str | None = Field(description="the outline's title or text")
    status: Literal["created", "exists", "failed"] = Field(description="what happened to this outline")
    feed_id: int | None = Field(description="the feed created or found; null when failed")
    code: str | None = Field(description="failed: invalid_url, unsafe_url or a fetch failure kind; exists: duplicate")
    detail: str | None = Field(description="failed or duplicate: why, in words")
    check: FeedCheck | None = Field(description="what the first fetch found (created, with check=true)")

    @classmethod
    def of(cls, outcome: OutlineOutcome) -> OutlineReport:
        return cls(
            position=outcome.position,
            url=outcome.url,
            title=outcome.title,
            status=outcome.status,
            feed_id=outcome.feed.id if outcome.feed else None,
            code=outcome.code,
            detail=outcome.detail,
            check=FeedCheck.of(outcome.probe),
        )


class ImportReport(BaseModel):
    created: int = Field(description="feeds added")
    existing: int = Field(description="outlines whose feed was already known")
    failed: int = Field(description="outlines refused (see their code and detail)")
    outlines: list[OutlineReport] = Field(description="one entry per outline with an xmlUrl, in document order")

    @classmethod
    def of(cls, outcomes: list[OutlineOutcome]) -> ImportReport:
        return cls(
            created=sum(o.status == "created" for o in outcomes),
            existing=sum(o.status == "exists" for o in outcomes),
            failed=sum(o.status == "failed" for o in outcomes),
            outlines=[OutlineReport.of(o) for o in outcomes],
        )
