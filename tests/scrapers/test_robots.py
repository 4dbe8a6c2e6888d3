"""robots.txt through the polite client: rules honoured, fetched once per origin, failure policy, TTLs."""

from __future__ import annotations

import asyncio

import pytest

from scrapers.errors import RobotsDisallowed, ServerError
from scrapers.http import HTML_ACCEPT, HttpConfig, PoliteClient
from scrapers.robots import RobotsCache, robots_url
from tests.scrapers.rawserver import RawServer, respond

ROBOTS = b"""\xef\xbb\xbfUser-agent: *
Disallow: /everyone-out

User-agent: exchangewatch
Disallow: /private/
Crawl-delay: 3
"""
PAGE = respond(200, {"Content-Type": "text/html"}, b"<html>ok</html>")


@pytest.fixture
async def client() -> PoliteClient:
    async with PoliteClient(HttpConfig(allow_private=True)) as polite:
        yield polite


def test_robots_url() -> None:
    assert robots_url("https://u:p@News.Example:8443/a/b?x=1#f") == "https://news.example:8443/robots.txt"
    assert robots_url("http://news.example/a") == "http://news.example/robots.txt"


async def test_rules_for_our_agent_are_honoured_and_fetched_once(raw_server: RawServer, client: PoliteClient) -> None:
    raw_server.routes["/robots.txt"] = respond(200, {"Content-Type": "text/plain"}, ROBOTS)
    raw_server.routes["/private/a"] = PAGE
    raw_server.routes["/news/a"] = PAGE
    raw_server.routes["/everyone-out"] = PAGE
    with pytest.raises(RobotsDisallowed) as caught:
        await client.fetch(raw_server.url("/private/a"), accept=HTML_ACCEPT, check_robots=True)
    assert caught.value.kind == "robots" and caught.value.url == raw_server.url("/private/a")
    ok = await asyncio.gather(
        *(client.fetch(raw_server.url(p), accept=HTML_ACCEPT, check_robots=True) for p in ("/news/a",) * 3)
    )
    assert all(result.status == 200 for result in ok)
    # Our own group replaces the "*" group, so "/everyone-out" is allowed for us.
    await client.fetch(raw_server.url("/everyone-out"), accept=HTML_ACCEPT, check_robots=True)
    assert raw_server.hits["/robots.txt"] == 1 and raw_server.hits["/private/a"] == 0
    assert await client.robots.crawl_delay(raw_server.url("/news/a")) == 3.0


async def test_robots_not_checked_unless_asked(raw_server: RawServer, client: PoliteClient) -> None:
    raw_server.routes["/robots.txt"] = respond(200, {}, ROBOTS)
    raw_server.routes["/private/a"] = PAGE
    assert (await client.fetch(raw_server.url("/private/a"), accept=HTML_ACCEPT)).status == 200
    assert raw_server.hits["/robots.txt"] == 0


@pytest.mark.parametrize("status", [404, 410, 401, 403])
async def test_4xx_robots_allows_everything(raw_server: RawServer, client: PoliteClient, status: int) -> None:
    raw_server.routes["/robots.txt"] = respond(status)
    raw_server.routes["/private/a"] = PAGE
    result = await client.fetch(raw_server.url("/private/a"), accept=HTML_ACCEPT, check_robots=True)
    assert result.status == 200


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_5xx_allows_but_is_cached_briefly(raw_server: RawServer, client: PoliteClient) -> None:
    raw_server.routes["/robots.txt"] = respond(500)
    clock = Clock()
    cache = RobotsCache(_body_fetcher(client), ttl=3600, error_ttl=60, clock=clock)
    assert await cache.allowed(raw_server.url("/private/a"))
    clock.now += 30
    assert await cache.allowed(raw_server.url("/private/a"))
    assert raw_server.hits["/robots.txt"] == 1
    raw_server.routes["/robots.txt"] = respond(200, {}, ROBOTS)  # the site recovers
    clock.now += 31
    assert not await cache.allowed(raw_server.url("/private/a"))
    assert raw_server.hits["/robots.txt"] == 2


async def test_unreachable_and_successful_ttls() -> None:
    calls: list[str] = []

    async def fetcher(url: str) -> bytes:
        calls.append(url)
        if "down" in url:
            raise ServerError("down", status=502)
        return b"User-agent: exchangewatch\nDisallow: /x\n"

    clock = Clock()
    cache = RobotsCache(fetcher, ttl=100, error_ttl=10, clock=clock)
    assert await cache.allowed("https://down.example/x")
    assert not await cache.allowed("https://up.example/x")
    clock.now += 50
    await cache.allowed("https://down.example/x")
    await cache.allowed("https://up.example/x")
    assert calls == [
        "https://down.example/robots.txt",
        "https://up.example/robots.txt",
        "https://down.example/robots.txt",
    ]


def _body_fetcher(client: PoliteClient):
    async def fetch(url: str) -> bytes:
        return (await client.fetch(url, accept="text/plain")).body

    return fetch
