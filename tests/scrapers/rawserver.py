"""A tiny raw-socket HTTP/1.1 server on 127.0.0.1, run in a thread, for hostile-server tests.

Raw sockets rather than an ASGI app because the hostile cases need byte-level control: lying
Content-Length, trickled bytes, pre-compressed bombs, bodies that are never finished.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import threading
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]


Handler = Callable[[Request, asyncio.StreamWriter], Awaitable[None]]


def head_bytes(status: int, headers: dict[str, str] | None = None) -> bytes:
    """Status line and headers (Connection: close is always added)."""
    lines = [f"HTTP/1.1 {status} X"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def respond(status: int, headers: dict[str, str] | None = None, body: bytes = b"") -> Handler:
    """A handler that sends one complete response."""

    async def handler(request: Request, writer: asyncio.StreamWriter) -> None:
        all_headers = {"Content-Length": str(len(body)), **(headers or {})}
        writer.write(head_bytes(status, all_headers) + body)
        await writer.drain()

    return handler


def redirect(status: int, location: str) -> Handler:
    """A handler that redirects."""
    return respond(status, {"Location": location})


@dataclass
class RawServer:
    routes: dict[str, Handler] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    requests: list[Request] = field(default_factory=list)
    port: int = 0
    tls: ssl.SSLContext | None = None  # serve HTTPS when set

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._tasks: set[asyncio.Task[None]] = set()
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), daemon=True)
        self._thread.start()
        ready.wait(5)

    def _run(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        self._server = self._loop.run_until_complete(asyncio.start_server(self._accept, "127.0.0.1", 0, ssl=self.tls))
        self.port = self._server.sockets[0].getsockname()[1]
        ready.set()
        self._loop.run_forever()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            raw = await reader.readuntil(b"\r\n\r\n")
            request_line, *header_lines = raw.decode("latin-1").split("\r\n")
            method, path, _ = request_line.split(" ", 2)
            headers = {}
            for line in header_lines:
                if ":" in line:
                    name, value = line.split(":", 1)
                    headers[name.strip().lower()] = value.strip()
            request = Request(method, path, headers)
            self.requests.append(request)
            self.hits[path] += 1
            handler = self.routes.get(path) or respond(404, body=b"no route")
            await handler(request, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await writer.wait_closed()
            self._tasks.discard(task)

    async def _shutdown(self) -> None:
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()
