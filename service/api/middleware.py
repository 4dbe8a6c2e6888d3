"""Request size cap, per-client rate limit (429 + Retry-After) and per-route metrics, as plain ASGI.

A pure ASGI middleware rather than Starlette's BaseHTTPMiddleware, which runs every request through an
extra task and memory streams: on a page of alerts that overhead was larger than the route itself.
"""

from __future__ import annotations

import math
import re
import time
from collections import OrderedDict
from typing import Any

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.errors import problem
from service.api.idempotency import Idempotency
from service.logs import log_access
from service.metrics import API_REQUESTS
from service.settings import Settings

EXEMPT = ("/livez", "/readyz", "/health", "/healthz", "/metrics")
WITH_BODY = ("POST", "PUT", "PATCH")
# A JSON-escaped NUL that is not itself escaped (an odd number of backslashes before "u0000").
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


class TokenBuckets:
    """A token bucket per client address, bounded in memory (least recently seen evicted)."""

    def __init__(self, per_minute: int, max_clients: int = 10_000) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str, now: float) -> float:
        """0 when allowed, else the seconds until a token is available."""
        tokens, last = self._buckets.pop(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self._buckets[client] = (tokens - 1, now)
            wait = 0.0
        else:
            self._buckets[client] = (tokens, now)
            wait = (1 - tokens) / self.rate
        while len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return wait


class Guard:
    """Caps bodies (413), limits request rates (429) and counts requests by route template and status."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.buckets = TokenBuckets(settings.rate_limit_per_minute)
        self.max_bytes = settings.max_request_bytes
        self.access_log = settings.access_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500

        async def counting_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        started = time.perf_counter()
        try:
            await self._guarded(scope, receive, counting_send)
        finally:
            route = scope.get("route")
            API_REQUESTS.labels(getattr(route, "path", "unmatched"), scope["method"], str(status)).inc()
            if self.access_log:
                log_access(scope, status, (time.perf_counter() - started) * 1000)

    async def _guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._too_large(scope, receive, send)
            return
        if not scope["path"].startswith(EXEMPT):
            client = scope["client"][0] if scope.get("client") else "unknown"
            wait = self.buckets.take(client, time.monotonic())
            if wait > 0:
                response = problem(
                    429, "rate limit exceeded; retry later", headers={"Retry-After": str(max(1, math.ceil(wait)))}
                )
                await response(scope, receive, send)
                return
        body = b""
        if scope["method"] in WITH_BODY:
            # Read the body (up to the cap; chunked too) before the app sees it, then replay it.
            read = await _read_capped(receive, self.max_bytes)
            if read is None:
                await self._too_large(scope, receive, send)
                return
            body, receive = read, _replay(read)
        where = _nul_in(scope, body)
        if where is not None:  # no database takes NUL in text; PostgreSQL answered 500
            await problem(422, f"the {where} contains a NUL character")(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        await problem(413, f"request body larger than {self.max_bytes} bytes")(scope, receive, send)


def _nul_in(scope: Scope, body: bytes) -> str | None:
    """Which part of the request carries a NUL: the query string, the path or the body; None if none."""
    if b"%00" in scope.get("query_string", b""):
        return "query string"
    if "\x00" in scope["path"]:
        return "path"
    if b"\x00" in body or _JSON_NUL.search(body):
        return "body"
    return None


async def _read_capped(receive: Receive, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


def install_middleware(app: FastAPI, settings: Settings) -> None:
    app.add_middleware(Idempotency, settings=settings)  # innermost: only requests the Guard let through
    app.add_middleware(Guard, settings=settings)
    if settings.cors_origins:  # outermost: preflights are answered before rate limits, errors carry CORS headers
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "If-None-Match", "Last-Event-ID"],
            expose_headers=["ETag", "Location", "Retry-After", "Link", "Last-Modified"],
            max_age=600,
        )
