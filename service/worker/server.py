"""A worker process's own HTTP endpoints: /livez, /healthz, /readyz, /health and /metrics, nothing else.

A bare ASGI app (served by uvicorn with the API's header and connection limits) instead of the FastAPI
application: the answers are the API's (service/api/probes.py), but the worker does not import FastAPI,
Starlette or the API's routes and schemas, ~16 MB of its idle memory (issue 16). Its lifespan starts
and stops the scheduled workers as the API's does in `serve`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from service.api.probes import Answer, Probes, json_bytes
from service.api.problems import PROBLEM, problem_body
from service.bootstrap import prepare_database, sync_feed_list
from service.db import Database
from service.logs import log_access
from service.metrics import API_REQUESTS, REGISTRY
from service.settings import Settings

log = logging.getLogger(__name__)
Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
PATHS = ("/livez", "/healthz", "/readyz", "/health", "/metrics")


class WorkerApp:
    """The scheduled workers plus their operators' endpoints, as one ASGI application."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.probes: Probes | None = None
        self.runtime: Any = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            started = time.perf_counter()
            status = await self._http(scope, send)
            path = scope["path"] if scope["path"] in PATHS else "unmatched"
            API_REQUESTS.labels(path, scope["method"], str(status)).inc()
            if self.settings.access_log:
                log_access(scope, status, (time.perf_counter() - started) * 1000)

    async def _http(self, scope: Scope, send: Send) -> int:
        path, probes = scope["path"], self.probes
        if path not in PATHS or probes is None:
            answer = _problem(404, "Not Found")
        elif scope["method"] != "GET":
            answer = _problem(405, "Method Not Allowed")
        elif path in ("/livez", "/healthz"):
            answer = probes.live()
        elif path == "/readyz":
            answer = await probes.ready()
        elif path == "/health":
            answer = await probes.health()
        else:
            answer = await probes.metrics()
        headers = [(b"content-type", answer.media_type.encode()), (b"content-length", str(len(answer.body)).encode())]
        if answer.status == 405:
            headers.append((b"allow", b"GET"))
        await send({"type": "http.response.start", "status": answer.status, "headers": headers})
        await send({"type": "http.response.body", "body": answer.body})
        return answer.status

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        message = await receive()
        if message["type"] != "lifespan.startup":
            return
        try:
            db = await self._start()
        except Exception as exc:
            log.exception("worker start-up failed")
            await send({"type": "lifespan.startup.failed", "message": f"{type(exc).__name__}: {exc}"})
            return
        await send({"type": "lifespan.startup.complete"})
        message = await receive()  # lifespan.shutdown
        try:
            await self.runtime.stop()
        finally:
            await db.dispose()
        await send({"type": "lifespan.shutdown.complete"})

    async def _start(self) -> Database:
        settings = self.settings
        await prepare_database(settings)
        db = Database(settings.database_url)
        try:
            if settings.worker_idle_exit_seconds > 0:  # the ticks run in a child started when work is due
                from service.worker.supervisor import Supervisor

                self.runtime = Supervisor(settings, db)
            else:
                from service.worker.runner import WorkerRuntime

                await sync_feed_list(settings, db)
                self.runtime = WorkerRuntime(settings, db)
            await self.runtime.start()
        except BaseException:
            await db.dispose()
            raise
        registry = getattr(self.runtime, "metrics", None)  # a parent's: its own counts and its children's
        self.probes = Probes(settings, db, self.runtime, registry=registry or REGISTRY)
        return db


def _problem(status: int, detail: str) -> Answer:
    return Answer(status, PROBLEM, json_bytes(problem_body(status, detail)))
