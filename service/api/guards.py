"""Request checks every route shares, as app-level dependencies: JSON bodies only (415), no unknown query
parameters (422). The operators' probes are left alone: a monitor's `?verbose` must not fail a probe."""

from __future__ import annotations

from fastapi import Request
from fastapi.routing import APIRoute

from service.api.errors import ApiError
from service.api.middleware import EXEMPT
from service.api.vocab import reject_unknown_query

UNGUARDED = frozenset(EXEMPT)


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or (media_type.startswith("application/") and media_type.endswith("+json"))


def require_json_body(request: Request) -> None:
    """A route that takes a JSON body answers 415 to text/plain, form or multipart bodies (not 422)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or route.body_field is None:
        return
    has_body = request.headers.get("content-length", "0") not in ("", "0") or "transfer-encoding" in request.headers
    media_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if has_body and not _is_json(media_type):
        raise ApiError(
            415, "unsupported_media_type", f"send the body as application/json, not {media_type or 'untyped'}"
        )


def check_request(request: Request) -> None:
    route = request.scope.get("route")
    if isinstance(route, APIRoute) and route.path in UNGUARDED:
        return
    require_json_body(request)
    reject_unknown_query(request)
