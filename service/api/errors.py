"""Errors as RFC 9457 problem details: a clear message, never a bare 500 for bad input."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.store.errors import is_unavailable

log = logging.getLogger(__name__)
DATABASE_RETRY_AFTER = 5  # seconds; a client retrying sooner meets the same outage
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


class ApiError(StarletteHTTPException):
    """An HTTP error with a stable machine code and optional extension members (RFC 9457)."""

    def __init__(
        self, status: int, code: str, detail: str, *, headers: dict[str, str] | None = None, **extra: Any
    ) -> None:
        super().__init__(status, detail, headers=headers)
        self.code = code
        self.extra = extra


def problem(
    status: int, detail: Any, *, headers: dict[str, str] | None = None, code: str | None = None, **extra: Any
) -> JSONResponse:
    code = code or code_for_status(status)
    body = {
        "type": PROBLEM_BASE + code,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "code": code,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if isinstance(exc, ApiError):
            return problem(exc.status_code, exc.detail, headers=dict(exc.headers or {}), code=exc.code, **exc.extra)
        return problem(exc.status_code, exc.detail, headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(err.get("loc", ())), "msg": err.get("msg", ""), "type": err.get("type", "")}
            for err in exc.errors()
        ]
        return problem(422, "invalid request: " + "; ".join(_describe(e) for e in errors), errors=errors)

    @app.exception_handler(IntegrityError)
    async def _conflict(_request: Request, exc: IntegrityError) -> JSONResponse:
        # A unique constraint lost a race with a concurrent request (e.g. two clients adding one feed).
        return problem(
            409, "conflicts with an existing resource (created concurrently); retry or fetch it", code="conflict"
        )

    @app.exception_handler(SQLAlchemyError)
    async def _store_failed(request: Request, exc: SQLAlchemyError) -> JSONResponse:
        if is_unavailable(exc):  # an outage: logged once by the store's outage log, not per request
            detail = "the database is unavailable; retry after the Retry-After seconds"
            return problem(503, detail, headers={"Retry-After": str(DATABASE_RETRY_AFTER)})
        log.exception("database error on %s %s", request.method, request.url.path)
        return problem(500, "internal error; the operator can find it in the logs")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "internal error; the operator can find it in the logs")


def _describe(error: dict[str, Any]) -> str:
    where = ".".join(str(part) for part in error["loc"] if part != "body")
    return f"{where}: {error['msg']}" if where else str(error["msg"])
