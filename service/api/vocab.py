"""The API's enumerated values, in one place: typed so every endpoint answers a 422 naming the allowed
values, listed by `GET /v1/event-types`, and unknown query parameters refused instead of ignored."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from fastapi import APIRouter, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field, StringConstraints

from service.api.errors import ApiError
from service.core.domain import AlertType, EventKind, EventStatus

SourceKind = Literal["rss", "telegram", "google_news", "gdelt"]
# Articles carry ISO 639-1 codes (scrapers.text.normalise_language); anything else can never match.
Language = Annotated[
    str, StringConstraints(pattern=r"^[a-z]{2}$"), Field(description="ISO 639-1 code: uk, ru, en, de, …")
]

ALERT_TYPES: dict[str, str] = {
    "event.created": "a new real-world event was detected",
    "event.updated": "an event's facts changed materially (numbers, stage, status, confidence threshold)",
}
KINDS: dict[str, str] = {
    "pow_exchange": "an exchange of prisoners carried out, or one stage of a multi-stage exchange",
    "body_repatriation": "bodies of the fallen handed over",
    "agreement": "an exchange or repatriation agreed or announced but not yet carried out",
}
STATUSES: dict[str, str] = {
    "completed": "carried out",
    "agreed": "agreed or announced, not carried out yet",
    "postponed": "put off",
    "disrupted": "broken off or blocked",
}
SOURCE_KINDS: dict[str, str] = {
    "rss": "RSS 2.0, RSS 1.0 (RDF) or Atom feed",
    "telegram": "public Telegram channel preview (t.me/s/CHANNEL)",
    "google_news": "Google News search RSS",
    "gdelt": "GDELT DOC API query",
}
assert set(ALERT_TYPES) == set(get_args(AlertType)) and set(KINDS) == set(get_args(EventKind))
assert set(STATUSES) == set(get_args(EventStatus)) and set(SOURCE_KINDS) == set(get_args(SourceKind))

router = APIRouter(tags=["events"])


class Value(BaseModel):
    value: str = Field(description="the value to send or match")
    description: str


class EventTypes(BaseModel):
    alert_types: list[Value] = Field(description="`type` of an alert; webhook `filters.event_types`")
    kinds: list[Value] = Field(description="`kind` of an event or alert; webhook `filters.kinds`, `?kind=`")
    statuses: list[Value] = Field(description="`status` of an event; `GET /v1/events?status=`")
    source_kinds: list[Value] = Field(description="`kind` of a feed")


def _values(table: dict[str, str]) -> list[Value]:
    return [Value(value=v, description=d) for v, d in table.items()]


@router.get("/v1/event-types", response_model=EventTypes, summary="The enumerated values: alert types, kinds, …")
async def event_types() -> EventTypes:
    """Every value the API accepts for its enumerated fields; anything else is a 422 that names these."""
    return EventTypes(
        alert_types=_values(ALERT_TYPES),
        kinds=_values(KINDS),
        statuses=_values(STATUSES),
        source_kinds=_values(SOURCE_KINDS),
    )


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _accepted(route: APIRoute) -> frozenset[str]:
    # Kept on the route itself (routes are not hashable): computed once per route and process.
    names: frozenset[str] | None = getattr(route, "_exchangewatch_query", None)
    if names is None:
        names = frozenset(_query_names(route.dependant))
        route._exchangewatch_query = names  # type: ignore[attr-defined]
    return names


def reject_unknown_query(request: Request) -> None:
    """A query parameter the route does not take is a 422: a typo (`?knd=`) must not widen the answer."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    accepted = _accepted(route)
    unknown = sorted(set(request.query_params) - accepted)
    if unknown:
        takes = ", ".join(sorted(accepted)) or "none"
        raise ApiError(
            422,
            "unknown_parameter",
            f"unknown query parameter {', '.join(map(repr, unknown))}; this endpoint takes: {takes}",
        )
