"""The service's own HTTP server settings: bounded headers (431), a header-read deadline against slowloris,
keep-alive timeout, a cap on concurrent connections, and X-Forwarded-For only from configured proxies.

uvicorn's default httptools parser has no header size limit (a 100 MB header was accepted and its memory
kept), and uvicorn starts no timer until a first response is sent (a client that never finishes its
headers holds a connection for ever). So the service runs uvicorn's h11 protocol, subclassed for these.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from service.settings import Settings

log = logging.getLogger(__name__)


class GuardedH11Protocol(H11Protocol):
    """h11 with a 431 for oversized headers, a deadline for receiving them, and a connection cap."""

    max_header_bytes = 16_384
    header_timeout = 10.0
    max_connections = 1000

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        if len(self.connections) > self.max_connections:
            log.warning("connection refused: %d connections open (HTTP_MAX_CONNECTIONS)", len(self.connections) - 1)
            transport.close()
            return
        self._arm_header_timer()

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE and self._head_too_large(data):
            self._refuse_large_head()  # before h11 buffers more of it, and before the app sees it
            return
        super().data_received(data)
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.IDLE:
            self._arm_header_timer()  # a request has begun (or a keep-alive one follows): headers are due
        else:
            self._disarm_header_timer()  # headers complete; the app and its own limits take over

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_header_timer()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        """uvicorn answers every parse error with 400; headers over the limit get their own 431."""
        if len(self.conn.trailing_data[0]) < self.max_header_bytes:
            super().send_400_response(msg)
        else:
            self._refuse_large_head()

    def _head_too_large(self, data: bytes) -> bool:
        """Does the request line plus headers (what h11 holds unparsed, plus ``data``) pass the limit?"""
        head = self.conn.trailing_data[0] + data  # small: anything larger was refused on an earlier call
        end = head.find(b"\r\n\r\n")
        return (len(head) if end < 0 else end + 4) > self.max_header_bytes

    def _refuse_large_head(self) -> None:
        body = f"request line and headers exceed {self.max_header_bytes} bytes\n".encode()
        self.transport.write(
            b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
            b"connection: close\r\ncontent-length: " + str(len(body)).encode() + b"\r\n\r\n" + body
        )
        self.transport.close()

    def _arm_header_timer(self) -> None:
        if getattr(self, "_header_timer", None) is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._header_timeout_expired)

    def _disarm_header_timer(self) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
            self._header_timer = None

    def _header_timeout_expired(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self.transport.close()  # slowloris: the request's headers did not arrive in time


def protocol_for(settings: Settings) -> type[GuardedH11Protocol]:
    """The protocol class with this configuration's limits (uvicorn instantiates it per connection)."""
    return type(
        "ServiceH11Protocol",
        (GuardedH11Protocol,),
        {
            "max_header_bytes": settings.http_max_header_bytes,
            "header_timeout": settings.http_header_timeout_seconds,
            "max_connections": settings.http_max_connections,
        },
    )


def server_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for uvicorn.run / uvicorn.Config: the limits above and the proxy rule."""
    proxies = [p.strip() for p in settings.trusted_proxies.split(",") if p.strip()]
    return {
        "http": protocol_for(settings),
        "h11_max_incomplete_event_size": settings.http_max_header_bytes,
        "timeout_keep_alive": settings.http_keepalive_timeout_seconds,
        # X-Forwarded-For rewrites the client address (and so the rate limit key): only from our proxies.
        "proxy_headers": bool(proxies),
        "forwarded_allow_ips": ",".join(proxies) if proxies else None,
    }
