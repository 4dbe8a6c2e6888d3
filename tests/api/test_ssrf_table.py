"""SSRF through the service, table-driven: feed polling with fetch_allow_private=False and webhook creation
and delivery with webhook_allow_private=False refuse every internal destination, in every spelling, via DNS
and via redirects; with the allow-private setting on, the same local destinations work.

tests/scrapers/test_netguard.py tests the guard itself; here the service's own wiring (build_context,
create_sender, the routes) is what is under test. DNS is faked by replacing the system resolver, and the
one "public" address the fake DNS hands out is dialled on 127.0.0.1, so refusals are never vacuous: the
control rows prove the same server is reachable when the destination is allowed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpcore
import httpx
import pytest
from sqlalchemy import select

from scrapers import netguard
from service.api.app import create_app
from service.api.webhooks import get_resolver
from service.db import Database
from service.delivery.sender import create_sender
from service.delivery.signing import generate_secret
from service.metrics import REGISTRY
from service.models import Feed, utcnow
from service.models.webhooks import WebhookMessage
from service.settings import Settings
from service.store import feeds as feed_store
from service.store import webhooks as webhook_store
from service.worker.deliver import deliver_tick
from service.worker.runner import build_context
from service.worker.ticks import poll_tick
from tests.conftest import ADMIN_TOKEN, make_settings
from tests.scrapers.rawserver import RawServer, respond
from tests.support.feeds import Item, rss2
from tests.support.webhooks import Clock, make_alert, make_context

PUBLIC = "93.184.216.34"  # what the fake DNS answers for public names; dialled on 127.0.0.1
FAKE_DNS = {
    "feeds.example.com": [PUBLIC],
    "intranet.example.com": ["10.1.2.3"],
    "metadata.example.com": ["169.254.169.254"],
    "mixed.example.com": [PUBLIC, "192.168.0.7"],
    "ula.example.com": ["fd12:3456::1"],
    "loop.example.com": ["127.0.0.1"],
}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def private_spellings(port: int) -> list[str]:
    """Internal destinations in every form an attacker might use (hosts with the local server's port)."""
    return [
        f"http://127.0.0.1:{port}",  # loopback
        f"http://127.1:{port}",  # short form
        f"http://2130706433:{port}",  # decimal
        f"http://0177.0.0.1:{port}",  # octal
        f"http://0x7f.0x0.0x0.0x1:{port}",  # hex
        f"http://0x7f000001:{port}",  # one hex number
        "http://10.0.0.1",  # RFC 1918
        "http://172.16.0.1",
        "http://192.168.1.1",
        "http://169.254.169.254/latest/meta-data",  # link-local / cloud metadata
        "http://100.64.0.1",  # CGNAT
        "http://0.0.0.0",
        f"http://[::1]:{port}",  # IPv6 loopback
        "http://[fd00::1]",  # ULA
        "http://[fe80::1]",  # IPv6 link-local
        f"http://[::ffff:127.0.0.1]:{port}",  # IPv4-mapped IPv6
        f"http://[::ffff:7f00:1]:{port}",  # the same, in hex
        "http://[::ffff:a9fe:a9fe]",  # mapped metadata address
        f"http://localhost:{port}",
        f"http://intranet.example.com:{port}",  # a name that resolves to a private address
        f"http://metadata.example.com:{port}",
        f"http://mixed.example.com:{port}",  # one private answer poisons the name
        f"http://ula.example.com:{port}",
        f"http://loop.example.com:{port}",
    ]


class LoopbackBackend(httpcore.AnyIOBackend):
    """Dials PUBLIC on 127.0.0.1, so a checked-public connection reaches the local test server."""

    async def connect_tcp(self, host: str, port: int, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        return await super().connect_tcp("127.0.0.1" if host == PUBLIC else host, port, *args, **kwargs)


@pytest.fixture
def fake_network(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    dns = {name: list(answers) for name, answers in FAKE_DNS.items()}

    async def resolver(host: str, _port: int) -> list[str]:
        if host not in dns:
            raise OSError(f"no such host {host}")
        return dns[host]

    monkeypatch.setattr(netguard, "system_resolver", resolver)
    monkeypatch.setattr(httpcore, "AnyIOBackend", LoopbackBackend)  # read when the transport is built
    return dns


def polls(outcome: str) -> float:
    return REGISTRY.get_sample_value("exchangewatch_feed_polls_total", {"outcome": outcome}) or 0.0


FEED = rss2([Item("Story", "https://outlet.example/story", utcnow(), "x")])


def serve_feed_and_secret(raw_server: RawServer) -> None:
    raw_server.routes["/feed"] = respond(200, {"Content-Type": "application/rss+xml"}, FEED)
    raw_server.routes["/secret"] = respond(200, {"Content-Type": "application/rss+xml"}, FEED)


async def add_feeds(database: Database, urls: list[str]) -> dict[str, int]:
    ids = {}
    async with database.session() as session:
        for url in urls:
            feed, _ = await feed_store.add_feed(session, feed_store.FeedSpec(url=url), utcnow(), kind="rss")
            ids[url] = feed.id
    return ids  # type: ignore[return-value]


async def outcomes(database: Database, ids: dict[str, int]) -> dict[str, str | None]:
    async with database.reader() as session:
        return {url: (await session.get(Feed, fid)).last_error_kind or "ok" for url, fid in ids.items()}  # type: ignore[union-attr]


async def poll_all(settings: Settings, database: Database, count: int) -> None:
    ctx = build_context(settings, database)
    try:
        polled = 0
        while polled < count:
            done = await poll_tick(ctx)
            assert done, "every feed should have been due"
            polled += done
    finally:
        await ctx.aclose()


async def test_feed_polling_refuses_internal_destinations(
    fake_network: dict[str, list[str]], raw_server: RawServer, database_url: str, database: Database
) -> None:
    serve_feed_and_secret(raw_server)
    port = raw_server.port
    redirects = {
        f"/to-{n}": target + "/secret"
        for n, target in enumerate([f"http://127.0.0.1:{port}", "http://169.254.169.254", f"http://[::1]:{port}"])
    } | {"/to-name": f"http://loop.example.com:{port}/secret", "/to-decimal": f"http://2130706433:{port}/secret"}
    for path, location in redirects.items():
        raw_server.routes[path] = respond(302, {"Location": location})
    refused = [base + "/secret" for base in private_spellings(port)]
    refused += [f"http://feeds.example.com:{port}{path}" for path in redirects]
    control = f"http://feeds.example.com:{port}/feed"
    settings = make_settings(database_url, fetch_allow_private=False, feeds_per_tick=100, respect_robots=False)
    ids = await add_feeds(database, [*refused, control])
    before = polls("unsafe_url")

    await poll_all(settings, database, len(ids))

    seen = await outcomes(database, ids)
    assert seen.pop(control) == "ok"  # the server is reachable through the fake DNS
    assert {url: kind for url, kind in seen.items() if kind != "unsafe_url"} == {}
    assert raw_server.hits["/secret"] == 0
    assert polls("unsafe_url") == before + len(refused)


async def test_dns_rebinding_after_a_good_answer_is_caught_on_the_next_connection(
    fake_network: dict[str, list[str]], raw_server: RawServer, database_url: str, database: Database
) -> None:
    """Each poll opens a new connection (the server closes it) which resolves and checks again, then
    dials the address it checked, never a second lookup's answer."""
    serve_feed_and_secret(raw_server)
    url = f"http://feeds.example.com:{raw_server.port}/feed"
    settings = make_settings(database_url, fetch_allow_private=False, respect_robots=False)
    ids = await add_feeds(database, [url])
    await poll_all(settings, database, 1)
    assert (await outcomes(database, ids))[url] == "ok" and raw_server.hits["/feed"] == 1
    fake_network["feeds.example.com"] = ["127.0.0.1"]  # the attacker rebinds the name
    async with database.session() as session:
        feed = await session.get(Feed, ids[url])
        assert feed is not None
        feed.next_check_at = utcnow()
        session.add(feed)
    await poll_all(settings, database, 1)
    assert (await outcomes(database, ids))[url] == "unsafe_url" and raw_server.hits["/feed"] == 1


async def test_feed_polling_reaches_local_destinations_when_allowed(
    fake_network: dict[str, list[str]], raw_server: RawServer, database_url: str, database: Database
) -> None:
    serve_feed_and_secret(raw_server)
    raw_server.routes["/hop"] = respond(302, {"Location": f"http://127.0.0.1:{raw_server.port}/secret"})
    urls = [
        f"http://127.0.0.1:{raw_server.port}/feed",
        f"http://loop.example.com:{raw_server.port}/feed",
        raw_server.url("/hop"),
    ]
    settings = make_settings(database_url, fetch_allow_private=True, respect_robots=False)
    ids = await add_feeds(database, urls)
    await poll_all(settings, database, len(ids))
    assert set((await outcomes(database, ids)).values()) == {"ok"}
    assert raw_server.hits["/secret"] == 1


@pytest.fixture
async def strict_api(database_url: str, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    settings = make_settings(
        database_url, fetch_allow_private=False, webhook_allow_private=False, webhook_allow_http=True
    )
    app = create_app(settings, database=database)

    async def resolver(host: str, _port: int) -> list[str]:
        if host not in FAKE_DNS:
            raise OSError(f"no such host {host}")
        return FAKE_DNS[host]

    app.dependency_overrides[get_resolver] = lambda: resolver
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")
    async with app.router.lifespan_context(app), http:
        yield http


async def test_api_refuses_internal_feed_and_webhook_urls(strict_api: httpx.AsyncClient) -> None:
    accepted: dict[str, int] = {}
    for base in private_spellings(8080):
        feed = await strict_api.post("/v1/feeds", json={"url": base + "/rss"}, headers=ADMIN)
        hook = await strict_api.post("/v1/webhooks", json={"url": base + "/hook"}, headers=ADMIN)
        for label, response in (("feed " + base, feed), ("webhook " + base, hook)):
            if response.status_code != 422:
                accepted[label] = response.status_code
    # Feeds are checked without DNS at creation (the poller checks names); webhooks resolve names now.
    by_name = {f"feed http://{n}:8080" for n in ("intranet.example.com", "metadata.example.com")}
    by_name |= {f"feed http://{n}:8080" for n in ("mixed.example.com", "ula.example.com", "loop.example.com")}
    assert set(accepted) <= by_name, accepted
    public = await strict_api.post("/v1/webhooks", json={"url": "http://feeds.example.com/hook"}, headers=ADMIN)
    assert public.status_code == 201, public.text


async def test_delivery_refuses_an_internal_url_stored_earlier(
    fake_network: dict[str, list[str]], raw_server: RawServer, database_url: str, database: Database
) -> None:
    """An endpoint accepted when it was public (or before the setting changed) is checked again on every
    attempt: the receiver on a private address never gets the POST, the attempt says why."""
    raw_server.routes["/hook"] = respond(204)
    settings = make_settings(database_url, webhook_allow_private=False, webhook_allow_http=True)
    urls = [
        raw_server.url("/hook"),
        f"http://2130706433:{raw_server.port}/hook",
        f"http://[::ffff:127.0.0.1]:{raw_server.port}/hook",
        f"http://loop.example.com:{raw_server.port}/hook",
    ]
    control = f"http://feeds.example.com:{raw_server.port}/hook"
    async with database.session() as session:
        endpoints = {
            u: await webhook_store.create_endpoint(session, secret=generate_secret(), url=u, now=utcnow())
            for u in [*urls, control]
        }
    await make_alert(database)
    sender = create_sender(settings)
    try:
        await deliver_tick(make_context(settings, database, Clock(utcnow()), sender))
    finally:
        await sender.aclose()
    async with database.reader() as session:
        messages = {
            m.endpoint_id: m
            for m in (await session.exec(select(WebhookMessage))).scalars().all()  # type: ignore[call-overload]
        }
    assert raw_server.hits["/hook"] == 1  # only the control endpoint was reached
    for url in urls:
        message = messages[endpoints[url].id]
        assert message.status in ("failed", "dead") and message.first_delivered_at is None, url
    assert messages[endpoints[control].id].status == "delivered"
