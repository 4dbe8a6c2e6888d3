"""PoliteClient against a real local server: every hostile case from the brief, plus the happy paths."""

from __future__ import annotations

import asyncio
import gzip
import socket
import time
import zlib
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import httpcore
import pytest
from starlette.responses import Response

from scrapers.errors import (
    BadContent,
    Blocked,
    ConnectFailed,
    Gone,
    NotFound,
    RateLimited,
    ServerError,
    Timeout,
    TooLarge,
    TooManyRedirects,
    UnsafeAddress,
)
from scrapers.http import FEED_ACCEPT, HTML_ACCEPT, HttpConfig, PoliteClient
from scrapers.netguard import PinnedTransport
from tests.scrapers.rawserver import RawServer, Request, head_bytes, redirect, respond
from tests.support.server import LocalServer

LOCAL = HttpConfig(allow_private=True)  # the test server lives on 127.0.0.1
RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"


class CountingBackend(httpcore.AnyIOBackend):
    """The real network backend, counting the connections it opens."""

    def __init__(self) -> None:
        self.connections = 0

    async def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        self.connections += 1
        return await super().connect_tcp(*args, **kwargs)


@pytest.fixture
async def client() -> PoliteClient:
    async with PoliteClient(LOCAL) as polite:
        yield polite


def conditional(etag: str, last_modified: str):
    async def handler(request: Request, writer: asyncio.StreamWriter) -> None:
        validators = {"ETag": etag, "Last-Modified": last_modified}
        if request.headers.get("if-none-match") == etag or request.headers.get("if-modified-since") == last_modified:
            writer.write(head_bytes(304, validators))
        else:
            headers = {**validators, "Content-Type": "application/rss+xml", "Content-Length": str(len(RSS))}
            writer.write(head_bytes(200, headers) + RSS)
        await writer.drain()

    return handler


async def test_plain_fetch_sends_identity_headers(raw_server: RawServer, client: PoliteClient) -> None:
    raw_server.routes["/feed"] = respond(200, {"Content-Type": "application/rss+xml; charset=UTF-8"}, RSS)
    result = await client.fetch(raw_server.url("/feed"))
    assert (result.status, result.body, result.not_modified) == (200, RSS, False)
    assert (result.content_type, result.encoding) == ("application/rss+xml", "utf-8")
    assert result.url == raw_server.url("/feed") and result.permanent_redirect is None
    sent = raw_server.requests[0].headers
    assert sent["user-agent"].startswith("exchangewatch/")
    assert sent["accept"] == FEED_ACCEPT and sent["accept-encoding"] == "gzip, deflate"


async def test_conditional_get_returns_not_modified(raw_server: RawServer, client: PoliteClient) -> None:
    stamp = "Mon, 09 Jun 2025 10:00:00 GMT"
    raw_server.routes["/feed"] = conditional('"v1"', stamp)
    first = await client.fetch(raw_server.url("/feed"))
    assert first.headers["etag"] == '"v1"' and first.body == RSS
    by_etag = await client.fetch(raw_server.url("/feed"), etag='"v1"')
    by_date = await client.fetch(raw_server.url("/feed"), last_modified=stamp)
    for result in (by_etag, by_date):
        assert (result.status, result.not_modified, result.body) == (304, True, b"")
    assert raw_server.requests[1].headers["if-none-match"] == '"v1"'
    assert raw_server.requests[2].headers["if-modified-since"] == stamp


async def test_not_modified_keeps_the_connection_for_the_next_poll(server: LocalServer) -> None:
    """A 304 has no body, but it must still be read to its end, or the connection is dropped and every poll
    of a quiet feed pays for a new one."""
    server.routes["/feed"] = lambda request: Response(status_code=304, headers={"ETag": '"v1"'})
    dialled = CountingBackend()
    transport = PinnedTransport(allow_private=True, network_backend=dialled)
    async with PoliteClient(LOCAL, transport=transport) as client:
        for _ in range(5):
            assert (await client.fetch(server.url("/feed"), etag='"v1"')).not_modified
    assert dialled.connections == 1 and len(server.hits("/feed")) == 5


async def test_429_with_retry_after_seconds(raw_server: RawServer, client: PoliteClient) -> None:
    raw_server.routes["/feed"] = respond(429, {"Retry-After": "120"})
    with pytest.raises(RateLimited) as caught:
        await client.fetch(raw_server.url("/feed"))
    assert caught.value.retry_after == 120 and caught.value.transient and caught.value.status == 429
    assert caught.value.kind == "rate_limited" and caught.value.url == raw_server.url("/feed")


async def test_503_with_retry_after_http_date(raw_server: RawServer, client: PoliteClient) -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    raw_server.routes["/feed"] = respond(503, {"Retry-After": later})
    with pytest.raises(RateLimited) as caught:
        await client.fetch(raw_server.url("/feed"))
    assert caught.value.retry_after is not None and 80 <= caught.value.retry_after <= 91


async def test_503_without_retry_after_is_server_error(raw_server: RawServer, client: PoliteClient) -> None:
    raw_server.routes["/feed"] = respond(503, body=b"down")
    with pytest.raises(ServerError) as caught:
        await client.fetch(raw_server.url("/feed"))
    assert caught.value.transient and caught.value.retry_after is None


@pytest.mark.parametrize(("status", "error"), [(404, NotFound), (410, Gone), (403, Blocked)])
async def test_permanent_statuses(raw_server: RawServer, client: PoliteClient, status: int, error: type) -> None:
    raw_server.routes["/x"] = respond(status, body=b"nope")
    with pytest.raises(error) as caught:
        await client.fetch(raw_server.url("/x"))
    assert not caught.value.transient and caught.value.status == status


@pytest.mark.parametrize(
    ("status", "headers", "body"),
    [
        (403, {"Server": "cloudflare"}, b"<title>Attention Required! | Cloudflare</title>"),
        (503, {"Server": "cloudflare"}, b"<html><title>Just a moment...</title><script src='/cf-chl/x'>"),
        (503, {"cf-mitigated": "challenge", "Retry-After": "5"}, b"<html></html>"),
        (503, {"Server": "cloudflare"}, b"<title>Just a moment...</title>" + b" " * 200_000),
        (
            503,
            {"Content-Encoding": "gzip"},
            gzip.compress(b"<title>Just a moment...</title>" + b" " * 200_000),
        ),
    ],
)
async def test_cloudflare_challenge_is_blocked(
    raw_server: RawServer, client: PoliteClient, status: int, headers: dict[str, str], body: bytes
) -> None:
    raw_server.routes["/page"] = respond(status, {"Content-Type": "text/html", **headers}, body)
    with pytest.raises(Blocked) as caught:
        await client.fetch(raw_server.url("/page"), accept=HTML_ACCEPT)
    assert caught.value.kind == "blocked" and caught.value.status == status


def endless(total: int, declare_length: bool, sent: list[int]):
    """Stream ``total`` bytes in 64 KB chunks, recording how many actually went out."""

    async def handler(request: Request, writer: asyncio.StreamWriter) -> None:
        headers = {"Content-Type": "text/html"}
        if declare_length:
            headers["Content-Length"] = str(total)
        writer.write(head_bytes(200, headers))
        chunk = b"a" * 65536
        while sent[0] < total:
            writer.write(chunk)
            await writer.drain()
            sent[0] += len(chunk)

    return handler


@pytest.mark.parametrize("declare_length", [True, False])
async def test_50mb_body_is_capped_without_reading_it(raw_server: RawServer, declare_length: bool) -> None:
    sent = [0]
    raw_server.routes["/big"] = endless(50_000_000, declare_length, sent)
    async with PoliteClient(HttpConfig(allow_private=True, max_bytes=1_000_000)) as polite:
        with pytest.raises(TooLarge):
            await polite.fetch(raw_server.url("/big"), accept=HTML_ACCEPT)
    await asyncio.sleep(0.2)  # let the server notice the closed socket
    assert sent[0] < 20_000_000  # socket buffers hold a few MB at most; the rest was never sent


def gzip_bomb(decompressed: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1_000_000)
    return b"".join(packer.compress(block) for _ in range(decompressed // len(block))) + packer.flush()


async def test_gzip_bomb_is_capped(raw_server: RawServer) -> None:
    bomb = gzip_bomb(200_000_000)
    assert len(bomb) < 300_000
    headers = {"Content-Type": "text/html", "Content-Encoding": "gzip", "Content-Length": str(len(bomb))}
    raw_server.routes["/bomb"] = respond(200, headers, bomb)
    async with PoliteClient(HttpConfig(allow_private=True, max_bytes=2_000_000)) as polite:
        with pytest.raises(TooLarge):
            await polite.fetch(raw_server.url("/bomb"), accept=HTML_ACCEPT)


@pytest.mark.parametrize("coding", ["gzip", "deflate", "raw-deflate"])
async def test_compressed_bodies_are_decoded(raw_server: RawServer, client: PoliteClient, coding: str) -> None:
    packed = {
        "gzip": gzip.compress(RSS),
        "deflate": zlib.compress(RSS),
        "raw-deflate": zlib.compress(RSS)[2:-4],  # servers that forget the zlib wrapper
    }[coding]
    raw_server.routes["/feed"] = respond(200, {"Content-Encoding": coding.removeprefix("raw-")}, packed)
    assert (await client.fetch(raw_server.url("/feed"))).body == RSS


async def test_trickling_server_hits_total_deadline(raw_server: RawServer) -> None:
    async def trickle(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(head_bytes(200, {"Content-Length": "600"}))
        for _ in range(600):
            writer.write(b"x")
            await writer.drain()
            await asyncio.sleep(1)

    raw_server.routes["/slow"] = trickle
    config = HttpConfig(allow_private=True, read_timeout=10, total_timeout=1.5)
    started = time.monotonic()
    async with PoliteClient(config) as polite:
        with pytest.raises(Timeout) as caught:
            await polite.fetch(raw_server.url("/slow"))
    assert time.monotonic() - started < 5
    assert caught.value.transient and caught.value.kind == "timeout"


async def test_redirect_loop_is_detected(raw_server: RawServer, client: PoliteClient) -> None:
    raw_server.routes["/a"] = redirect(302, "/b")
    raw_server.routes["/b"] = redirect(301, raw_server.url("/a"))
    with pytest.raises(TooManyRedirects) as caught:
        await client.fetch(raw_server.url("/a"))
    assert caught.value.kind == "redirect_loop"
    assert raw_server.hits["/a"] == 1 and raw_server.hits["/b"] == 1


async def test_redirect_chain_longer_than_limit(raw_server: RawServer) -> None:
    for hop in range(10):
        raw_server.routes[f"/r{hop}"] = redirect(302, f"/r{hop + 1}")
    async with PoliteClient(HttpConfig(allow_private=True, max_redirects=3)) as polite:
        with pytest.raises(TooManyRedirects):
            await polite.fetch(raw_server.url("/r0"))
    assert raw_server.hits["/r4"] == 0


async def test_301_chain_reports_permanent_redirect(raw_server: RawServer, client: PoliteClient) -> None:
    raw_server.routes["/old"] = redirect(301, "/older-still")
    raw_server.routes["/older-still"] = redirect(308, "/new")
    raw_server.routes["/new"] = respond(200, {"Content-Type": "application/rss+xml"}, RSS)
    result = await client.fetch(raw_server.url("/old"))
    assert result.url == raw_server.url("/new") and result.permanent_redirect == raw_server.url("/new")


async def test_cookie_set_by_a_site_is_sent_back_to_it(raw_server: RawServer, client: PoliteClient) -> None:
    """A cookie-check redirect (set a cookie, send the reader back to the page) works as in a browser."""
    raw_server.routes["/article"] = respond(302, {"Location": "/article2", "Set-Cookie": "consent=yes; Path=/"})
    raw_server.routes["/article2"] = respond(200, {"Content-Type": "text/html"}, b"<p>text</p>")
    result = await client.fetch(raw_server.url("/article"), accept=HTML_ACCEPT)
    assert result.body == b"<p>text</p>"
    assert "cookie" not in raw_server.requests[0].headers
    assert raw_server.requests[1].headers["cookie"] == "consent=yes"


@pytest.mark.parametrize("first", [302, 307, 303])
async def test_temporary_hop_means_no_permanent_redirect(
    raw_server: RawServer, client: PoliteClient, first: int
) -> None:
    raw_server.routes["/old"] = redirect(first, "/mid")
    raw_server.routes["/mid"] = redirect(301, "/new")
    raw_server.routes["/new"] = respond(200, {}, RSS)
    result = await client.fetch(raw_server.url("/old"))
    assert result.url == raw_server.url("/new") and result.permanent_redirect is None


async def test_wrong_declared_charset_passes_bytes_untouched(raw_server: RawServer, client: PoliteClient) -> None:
    cyrillic = "<html><body>Обмін полоненими</body></html>".encode("cp1251")
    raw_server.routes["/page"] = respond(200, {"Content-Type": "text/html; charset=utf-8"}, cyrillic)
    result = await client.fetch(raw_server.url("/page"), accept=HTML_ACCEPT)
    assert result.body == cyrillic and result.encoding == "utf-8"


@pytest.mark.parametrize("content_type", ["application/pdf", "image/png", "video/mp4"])
async def test_binary_content_where_html_expected(
    raw_server: RawServer, client: PoliteClient, content_type: str
) -> None:
    raw_server.routes["/doc"] = respond(200, {"Content-Type": content_type}, b"%PDF-1.7 binary")
    with pytest.raises(BadContent) as caught:
        await client.fetch(raw_server.url("/doc"), accept=HTML_ACCEPT)
    assert caught.value.kind == "bad_content"


async def test_binary_type_allowed_when_asked_for(raw_server: RawServer, client: PoliteClient) -> None:
    raw_server.routes["/doc"] = respond(200, {"Content-Type": "application/pdf"}, b"%PDF-1.7")
    assert (await client.fetch(raw_server.url("/doc"), accept="application/pdf")).body == b"%PDF-1.7"


async def test_private_address_refused_by_default(raw_server: RawServer) -> None:
    async with PoliteClient() as polite:
        with pytest.raises(UnsafeAddress):
            await polite.fetch(raw_server.url("/feed"))
    assert not raw_server.requests


async def test_refused_connection_is_transient(client: PoliteClient) -> None:
    with socket.socket() as probe:  # bind then close: nothing listens on this port afterwards
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(ConnectFailed) as caught:
        await client.fetch(f"http://127.0.0.1:{port}/feed")
    assert caught.value.transient and caught.value.kind == "connect"


async def test_per_host_limit_caps_concurrency(raw_server: RawServer) -> None:
    state = {"now": 0, "peak": 0}

    async def slow(request: Request, writer: asyncio.StreamWriter) -> None:
        state["now"] += 1
        state["peak"] = max(state["peak"], state["now"])
        await asyncio.sleep(0.15)
        state["now"] -= 1
        writer.write(head_bytes(200, {"Content-Length": "2"}) + b"ok")
        await writer.drain()

    raw_server.routes["/slow"] = slow
    async with PoliteClient(HttpConfig(allow_private=True, per_host_limit=2)) as polite:
        results = await asyncio.gather(*(polite.fetch(raw_server.url("/slow")) for _ in range(6)))
    assert all(r.body == b"ok" for r in results)
    assert state["peak"] == 2
    assert not polite._hosts  # slots are dropped when idle


@pytest.mark.parametrize(
    "location", ["ftp://example.com/feed", "file:///etc/passwd", "http://[::1", "http://user:pw@example.com/"]
)
async def test_unusable_redirect_targets_are_refused(
    raw_server: RawServer, client: PoliteClient, location: str
) -> None:
    raw_server.routes["/start"] = redirect(302, location)
    with pytest.raises(UnsafeAddress) as caught:
        await client.fetch(raw_server.url("/start"))
    assert caught.value.kind == "unsafe_url" and not caught.value.transient


async def test_utf8_location_is_percent_encoded(raw_server: RawServer, client: PoliteClient) -> None:
    async def moved(request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(
            head_bytes(301, {"Content-Length": "0"}).replace(b"\r\n\r\n", "\r\nLocation: /новини\r\n\r\n".encode())
        )
        await writer.drain()

    raw_server.routes["/old"] = moved
    raw_server.routes["/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8"] = respond(200, {}, RSS)
    result = await client.fetch(raw_server.url("/old"))
    assert result.body == RSS and result.permanent_redirect == raw_server.url("/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8")


@pytest.mark.parametrize("bad", [{"total_timeout": 0}, {"per_host_limit": 0}, {"max_bytes": -1}])
def test_config_is_validated(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="invalid HttpConfig"):
        HttpConfig(**bad)
