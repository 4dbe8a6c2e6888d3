"""Errors as RFC 9457 problem details: a clear message, never a bare 500 for bad input."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException

from service.api.problems import PROBLEM, PROBLEM_BASE, PROBLEM_CODES, code_for_status, problem_body
from service.store.errors import is_unavailable

__all__ = ["PROBLEM", "PROBLEM_BASE", "PROBLEM_CODES", "ApiError", "code_for_status", "problem"]

log = logging.getLogger(__name__)
DATABASE_RETRY_AFTER = 5  # seconds; a client retrying sooner meets the same outage


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
    body = problem_body(status, detail, code=code, **extra)
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
