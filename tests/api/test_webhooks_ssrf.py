"""SSRF guard for webhooks: the API refuses internal URLs with a reason; the sender re-checks every attempt
and connects to the address it checked."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from service.api.app import create_app
from service.api.webhooks import get_resolver
from service.db import Database
from service.settings import Settings
from tests.conftest import ADMIN_TOKEN, make_settings
from tests.support.server import LocalServer
from tests.support.webhooks import local_sender

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
FAKE_DNS = {
    "intranet.example.com": ["10.1.2.3"],
    "mixed.example.com": ["93.184.216.34", "192.168.0.7"],
    "metadata.example.com": ["169.254.169.254"],
    "v6private.example.com": ["fd00::5"],
    "public.example.com": ["93.184.216.34"],
}


async def fake_resolver(host: str, _port: int) -> list[str]:
    if host not in FAKE_DNS:
        raise OSError(f"no such host {host}")
    return FAKE_DNS[host]


@pytest.fixture
async def strict_client(database_url: str, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """The API with production defaults: https only, no private addresses, DNS answered by FAKE_DNS."""
    settings = make_settings(database_url, webhook_allow_private=False, webhook_allow_http=False)
    app = create_app(settings, database=database)
    app.dependency_overrides[get_resolver] = lambda: fake_resolver
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://public.example.com/hook", "scheme 'http' not allowed"),
        ("ftp://public.example.com/hook", "scheme"),
        ("https://127.0.0.1/hook", "non-public"),  # loopback
        ("https://10.0.0.8/hook", "non-public"),  # private
        ("https://172.16.5.4/hook", "non-public"),
        ("https://192.168.1.1/hook", "non-public"),
        ("https://169.254.169.254/latest/meta-data", "non-public"),  # cloud metadata, link-local
        ("https://100.64.0.1/hook", "non-public"),  # CGNAT
        ("https://224.0.0.1/hook", "non-public"),  # multicast
        ("https://240.0.0.1/hook", "non-public"),  # reserved
        ("https://0.0.0.0/hook", "non-public"),
        ("https://2130706433/hook", "non-public"),  # 127.0.0.1 as a decimal integer
        ("https://0x7f.1/hook", "non-public"),  # and in hex shorthand
        ("https://[::1]/hook", "non-public"),  # IPv6 loopback
        ("https://[::ffff:127.0.0.1]/hook", "non-public"),  # IPv4-mapped IPv6
        ("https://[::ffff:a9fe:a9fe]/hook", "non-public"),  # mapped 169.254.169.254 in hex
        ("https://[fe80::1]/hook", "non-public"),  # IPv6 link-local
        ("https://[fc00::1]/hook", "non-public"),  # unique local
        ("https://[ff02::1]/hook", "non-public"),  # IPv6 multicast
        ("https://localhost/hook", "local name"),
        ("https://intranet.example.com/hook", "resolves to non-public address 10.1.2.3"),
        ("https://mixed.example.com/hook", "resolves to non-public address 192.168.0.7"),
        ("https://metadata.example.com/hook", "169.254.169.254"),
        ("https://v6private.example.com/hook", "fd00::5"),
        ("https://user:pw@public.example.com/hook", "credentials"),
    ],
)
async def test_unsafe_webhook_urls_are_refused_with_a_reason(
    strict_client: httpx.AsyncClient, url: str, reason: str
) -> None:
    response = await strict_client.post("/v1/webhooks", json={"url": url}, headers=ADMIN)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert reason in response.json()["detail"]


async def test_public_https_urls_are_accepted_and_patch_is_checked_too(
    strict_client: httpx.AsyncClient,
) -> None:
    created = await strict_client.post("/v1/webhooks", json={"url": "https://public.example.com/h"}, headers=ADMIN)
    assert created.status_code == 201, created.text
    hook = f"/v1/webhooks/{created.json()['id']}"
    patched = await strict_client.patch(hook, json={"url": "https://intranet.example.com/h"}, headers=ADMIN)
    assert patched.status_code == 422 and "10.1.2.3" in patched.json()["detail"]


async def test_a_name_that_does_not_resolve_yet_is_accepted_and_resolved_at_each_delivery(
    strict_client: httpx.AsyncClient,
) -> None:
    """The README's example.org webhook on a machine without DNS: registered, then checked when sent."""
    created = await strict_client.post("/v1/webhooks", json={"url": "https://nxdomain.example.com/hook"}, headers=ADMIN)
    assert created.status_code == 201, created.text
    sender = local_sender(allow_private=False, allow_http=False, resolver=fake_resolver)
    try:
        result = await sender.send("https://nxdomain.example.com/hook", "msg_1", "{}", [_SECRET])
    finally:
        await sender.aclose()
    assert not result.ok and result.error_class == "connect" and "cannot resolve" in (result.error or "")


async def test_sender_refuses_a_name_that_now_resolves_to_a_private_address(server: LocalServer) -> None:
    """DNS can change after registration: every attempt resolves and checks again."""
    server.serve("/hook", "ok")

    async def rebinding(host: str, _port: int) -> list[str]:
        return ["127.0.0.1"]

    sender = local_sender(allow_private=False, allow_http=True, resolver=rebinding)
    try:
        result = await sender.send(f"http://hooks.example.com:{server.port}/hook", "msg_1", "{}", [_SECRET])
    finally:
        await sender.aclose()
    assert not result.ok and result.error_class == "unsafe_url" and "127.0.0.1" in (result.error or "")
    assert server.hits("/hook") == []


async def test_sender_connects_to_the_checked_address_without_resolving_again(server: LocalServer) -> None:
    """The name below exists only in our resolver: a second (system) lookup would fail to connect."""
    server.serve("/hook", "ok")
    lookups: list[str] = []

    async def resolver(host: str, _port: int) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]

    sender = local_sender(allow_private=True, resolver=resolver)
    try:
        for n in range(2):
            result = await sender.send(f"http://only-in-test-dns.invalid:{server.port}/hook", f"m{n}", "{}", [_SECRET])
            assert result.ok, result
    finally:
        await sender.aclose()
    [first, _] = server.hits("/hook")
    assert first.headers["host"] == f"only-in-test-dns.invalid:{server.port}"  # Host kept, IP dialled
    assert lookups == ["only-in-test-dns.invalid"] * 2  # resolved again on every attempt


def test_allow_private_is_off_by_default_and_set_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings(_env_file=None).webhook_allow_private is False  # type: ignore[call-arg]
    assert Settings(_env_file=None).webhook_allow_http is False  # type: ignore[call-arg]
    monkeypatch.setenv("EXCHANGEWATCH_WEBHOOK_ALLOW_PRIVATE", "true")
    assert Settings(_env_file=None).webhook_allow_private is True  # type: ignore[call-arg]


_SECRET = "whsec_" + "A" * 43 + "="
