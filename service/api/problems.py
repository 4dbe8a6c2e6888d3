"""Problem details (RFC 9457) without a web framework: the API's errors and the worker's own server
answer with the same members and codes."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

PROBLEM = "application/problem+json"

# Stable machine codes: clients branch on `code` (or on `type`, which is PROBLEM_BASE + code), never on text.
PROBLEM_BASE = "/problems/"
PROBLEM_CODES: dict[str, tuple[int, str]] = {
    "malformed_body": (400, "The body is not well-formed JSON."),
    "invalid_request": (422, "A parameter or the body is malformed or out of range; `errors` says which."),
    "unknown_parameter": (422, "A query parameter this endpoint does not take (typos are not ignored)."),
    "invalid_cursor": (422, "`cursor` is not a value this API returned."),
    "invalid_url": (422, "The URL is not an http(s) URL with a host."),
    "unsafe_url": (422, "The URL points at an address the SSRF guard refuses."),
    "feed_check_failed": (422, "The first fetch of the feed failed; `reason` is the fetch error kind."),
    "invalid_opml": (422, "The OPML document cannot be read, or it has no feed outline."),
    "idempotency_key_reused": (422, "This Idempotency-Key was used with another request (method, path or body)."),
    "idempotency_key_in_use": (409, "A request with this Idempotency-Key is still being processed; retry."),
    "invalid_idempotency_key": (422, "The Idempotency-Key header must be 1–255 printable ASCII characters."),
    "unauthorized": (401, "Write endpoints need `Authorization: Bearer <EXCHANGEWATCH_ADMIN_TOKEN>`."),
    "forbidden": (403, "The admin token is wrong, or write endpoints are disabled."),
    "not_found": (404, "No such resource."),
    "method_not_allowed": (405, "The path exists but not with this method."),
    "conflict": (409, "Conflicts with an existing resource."),
    "feed_exists": (409, "A feed with this (normalised) URL exists; `feed_id` names it."),
    "payload_too_large": (413, "The request body is larger than EXCHANGEWATCH_MAX_REQUEST_BYTES."),
    "unsupported_media_type": (415, "The body must be application/json (OPML import: an XML type)."),
    "rate_limited": (429, "Too many requests from this address; wait `Retry-After` seconds."),
    "internal_error": (500, "An unexpected error; the operator finds it in the logs."),
    "service_unavailable": (503, "A dependency (the database) is unavailable; retry later."),
}
_CODE_FOR_STATUS = {status: code for code, (status, _) in reversed(list(PROBLEM_CODES.items()))}


def code_for_status(status: int) -> str:
    return _CODE_FOR_STATUS.get(status, "invalid_request" if 400 <= status < 500 else "internal_error")


def problem_body(status: int, detail: Any, *, code: str | None = None, **extra: Any) -> dict[str, Any]:
    """The JSON members of a problem answer (RFC 9457) with our stable machine `code`."""
    code = code or code_for_status(status)
    return {
        "type": PROBLEM_BASE + code,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "code": code,
        "detail": detail,
        **extra,
    }
