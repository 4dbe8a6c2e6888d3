"""A real HTTP server on 127.0.0.1 for tests: uvicorn in a thread, routes programmable per test."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import uvicorn
from starlette.requests import Request
from starlette.responses import Response

Handler = Callable[[Request], Awaitable[Response] | Response]


@dataclass
class Recorded:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    at: float = field(default_factory=time.monotonic)


class LocalServer:
    """Serve `routes[path]` handlers (sync or async); record every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[Recorded] = []
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self.port: int = self._sock.getsockname()[1]
        config = uvicorn.Config(self._asgi, log_level="warning", lifespan="off", access_log=False, interface="asgi3")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._run, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def start(self) -> LocalServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("local test server did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    def _run(self) -> None:
        asyncio.run(self._server.serve(sockets=[self._sock]))

    def serve(
        self,
        path: str,
        body: bytes | str,
        *,
        status: int = 200,
        content_type: str = "text/html",
        headers: dict[str, str] | None = None,
    ) -> None:
        """A static response for `path`."""
        payload = body.encode() if isinstance(body, str) else body

        def handler(_request: Request) -> Response:
            return Response(payload, status_code=status, media_type=content_type, headers=headers)

        self.routes[path] = handler

    def hits(self, path: str) -> list[Recorded]:
        return [r for r in self.requests if r.path == path]

    async def _asgi(self, scope, receive, send) -> None:  # type: ignore[no-untyped-def]
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        body = await request.body()
        self.requests.append(Recorded(request.method, request.url.path, request.url.query, dict(request.headers), body))
        handler = self.routes.get(request.url.path)
        if handler is None:
            response: Response = Response(b"not found", status_code=404)
        else:
            result = handler(request)
            response = await result if asyncio.iscoroutine(result) else result  # type: ignore[assignment]
        await response(scope, receive, send)
