"""Request size cap, per-client rate limit (429 + Retry-After) and per-route metrics."""

from __future__ import annotations

import math
import time
from collections import OrderedDict

from fastapi import FastAPI, Request, Response
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.routing import Match

from service.api.errors import problem
from service.metrics import API_REQUESTS
from service.settings import Settings

EXEMPT = ("/livez", "/readyz", "/health", "/healthz", "/metrics")


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


def _route_template(request: Request) -> str:
    for route in request.app.router.routes:
        match, _ = route.matches(request.scope)
        if match == Match.FULL:
            return getattr(route, "path", "other")
    return "unmatched"


def install_middleware(app: FastAPI, settings: Settings) -> None:
    buckets = TokenBuckets(settings.rate_limit_per_minute)
    max_bytes = settings.max_request_bytes

    class Guard(BaseHTTPMiddleware):
        async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
            response = await self._guarded(request, call_next)
            API_REQUESTS.labels(_route_template(request), request.method, str(response.status_code)).inc()
            return response

        async def _guarded(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
            length = request.headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > max_bytes):
                return problem(413, f"request body larger than {max_bytes} bytes")
            if not request.url.path.startswith(EXEMPT):
                client = request.client.host if request.client else "unknown"
                wait = buckets.take(client, time.monotonic())
                if wait > 0:
                    return problem(
                        429,
                        "rate limit exceeded; retry later",
                        headers={"Retry-After": str(max(1, math.ceil(wait)))},
                    )
            if request.method in ("POST", "PUT", "PATCH") and length is None:
                body = await request.body()  # chunked upload: enforce the cap on what arrived
                if len(body) > max_bytes:
                    return problem(413, f"request body larger than {max_bytes} bytes")
            return await call_next(request)

    app.add_middleware(Guard)
