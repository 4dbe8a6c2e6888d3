"""SSRF guard: address table, literal spellings, injected resolvers, DNS rebinding, private redirects."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import ssl
from pathlib import Path

import httpcore
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrapers.errors import ConnectFailed, UnsafeAddress
from scrapers.http import HttpConfig, PoliteClient
from scrapers.netguard import PinnedTransport, check_url, is_public_address, parse_ip_literal, resolve_checked
from tests.scrapers.rawserver import RawServer, redirect, respond
from tests.support.server import LocalServer

BLOCKED = [
    ("0.0.0.0", "unspecified"),
    ("0.1.2.3", "this network"),
    ("127.0.0.1", "loopback"),
    ("127.255.255.254", "loopback range"),
    ("10.0.0.1", "RFC 1918"),
    ("172.16.0.1", "RFC 1918"),
    ("172.31.255.255", "RFC 1918"),
    ("192.168.1.1", "RFC 1918"),
    ("169.254.169.254", "link-local / cloud metadata"),
    ("100.64.0.1", "CGNAT"),
    ("100.127.255.255", "CGNAT"),
    ("192.0.0.8", "IETF protocol assignments"),
    ("192.0.2.1", "TEST-NET-1"),
    ("198.51.100.7", "TEST-NET-2"),
    ("203.0.113.9", "TEST-NET-3"),
    ("198.18.0.1", "benchmarking"),
    ("198.19.255.255", "benchmarking"),
    ("192.88.99.1", "6to4 relay anycast"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast (SSDP)"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("::", "IPv6 unspecified"),
    ("::1", "IPv6 loopback"),
    ("fe80::1", "IPv6 link-local"),
    ("fc00::1", "IPv6 ULA"),
    ("fd12:3456:789a::1", "IPv6 ULA"),
    ("fec0::1", "IPv6 site-local (deprecated)"),
    ("ff02::1", "IPv6 multicast"),
    ("2001:db8::1", "IPv6 documentation"),
    ("100::1", "IPv6 discard"),
    ("::ffff:127.0.0.1", "IPv4-mapped loopback"),
    ("::ffff:10.0.0.1", "IPv4-mapped private"),
    ("::ffff:169.254.169.254", "IPv4-mapped metadata"),
    ("::127.0.0.1", "IPv4-compatible loopback"),
    ("::8.8.8.8", "IPv4-compatible (deprecated, never dialled)"),
    ("2002:7f00:1::", "6to4 wrapping 127.0.0.1"),
    ("2002:a00:1::", "6to4 wrapping 10.0.0.1"),
    ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
    ("64:ff9b::7f00:1", "NAT64 wrapping 127.0.0.1"),
    ("64:ff9b::a9fe:a9fe", "NAT64 wrapping 169.254.169.254"),
    ("64:ff9b:1::1", "local-use NAT64"),
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::"]


@pytest.mark.parametrize(("address", "why"), BLOCKED)
def test_blocked_ranges(address: str, why: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address)), why
    with pytest.raises(UnsafeAddress):
        check_url(f"http://{_bracket(address)}/", allow_private=False)
    check_url(f"http://{_bracket(address)}/", allow_private=True)


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))
    check_url(f"https://{_bracket(address)}/feed", allow_private=False)


def test_scoped_ipv6_is_refused() -> None:
    assert not is_public_address(ipaddress.IPv6Address("2606:4700::1%eth0"))


@pytest.mark.parametrize(
    ("spelling", "means"),
    [
        ("2130706433", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("0x7F.0.0.0x1", "127.0.0.1"),
        ("012.0x1.1", "10.1.0.1"),
        ("0xa9.0xfe.0xa9.0xfe", "169.254.169.254"),
        ("3232235777", "192.168.1.1"),
        ("0", "0.0.0.0"),
        ("[::ffff:7f00:1]", "::ffff:127.0.0.1"),
    ],
)
def test_literal_spellings_normalised_like_inet_aton(spelling: str, means: str) -> None:
    assert parse_ip_literal(spelling) == ipaddress.ip_address(means)
    with pytest.raises(UnsafeAddress):
        check_url(f"http://{spelling}/", allow_private=False)


@pytest.mark.parametrize("name", ["example.com", "1.2.3.4.5", "256.1.1.1", "0x1g", "08.1.1.1", "1..1", "", "v1.2"])
def test_non_literals_are_not_ip(name: str) -> None:
    assert parse_ip_literal(name) is None


@given(
    st.lists(
        st.sampled_from(["0x1f", "0X0", "017", "0", "255", "1", "65535", "4294967295", "08"]),
        min_size=1,
        max_size=4,
    )
)
def test_literal_parser_agrees_with_inet_aton(parts: list[str]) -> None:
    text = ".".join(parts)
    try:
        expected: ipaddress.IPv4Address | None = ipaddress.IPv4Address(socket.inet_aton(text))
    except OSError:
        expected = None
    assert parse_ip_literal(text) == expected


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/feed",
        "file:///etc/passwd",
        "gopher://example.com/",
        "http://user:secret@example.com/",
        "http:///nohost",
        "http://example.com:0/",
        "http://exa mple.com/",
        "http://example.com\\@127.0.0.1/",
        "http://localhost:8000/",
        "http://api.localhost/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://printer.local/",
    ],
)
def test_check_url_refuses(url: str) -> None:
    with pytest.raises(UnsafeAddress):
        check_url(url, allow_private=False)


def test_check_url_https_only() -> None:
    check_url("https://example.com/hook", allow_private=False, allow_http=False)
    with pytest.raises(UnsafeAddress):
        check_url("http://example.com/hook", allow_private=False, allow_http=False)


class FakeResolver:
    """Answers from a script: each call to a host pops the next answer (the last one repeats)."""

    def __init__(self, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> list[str]:
        self.calls.append(host)
        script = self.answers.get(host)
        if not script:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return script.pop(0) if len(script) > 1 else script[0]


async def test_hostname_resolving_to_private_is_refused() -> None:
    resolver = FakeResolver({"intranet.example": [["10.20.30.40"]], "mixed.example": [["8.8.8.8", "127.0.0.1"]]})
    for host in ("intranet.example", "mixed.example"):
        with pytest.raises(UnsafeAddress, match="non-public"):
            await resolve_checked(host, 80, allow_private=False, resolver=resolver)
    assert await resolve_checked("intranet.example", 80, allow_private=True, resolver=resolver) == ["10.20.30.40"]


async def test_resolution_failure_is_transient() -> None:
    with pytest.raises(ConnectFailed):
        await resolve_checked("nxdomain.example", 80, allow_private=False, resolver=FakeResolver({}))


async def test_literals_skip_the_resolver() -> None:
    resolver = FakeResolver({})
    assert await resolve_checked("8.8.8.8", 80, allow_private=False, resolver=resolver) == ["8.8.8.8"]
    with pytest.raises(UnsafeAddress):
        await resolve_checked("0x7f.1", 80, allow_private=False, resolver=resolver)
    assert resolver.calls == []


class LoopbackBackend(httpcore.AsyncNetworkBackend):
    """Records the IP the guard chose to dial, then really connects to the local test server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.dialled: list[str] = []
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None, **kwargs: object):
        self.dialled.append(host)
        return await self._inner.connect_tcp("127.0.0.1", self.port, timeout=timeout)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


async def test_pinned_transport_defeats_dns_rebinding(raw_server: RawServer) -> None:
    raw_server.routes["/hook"] = respond(200, body=b"ok")
    # First answer public, every later answer private: the classic rebinding attack.
    resolver = FakeResolver({"rebind.example": [["93.184.216.34"], ["127.0.0.1"]]})
    backend = LoopbackBackend(raw_server.port)
    transport = PinnedTransport(allow_private=False, resolver=resolver, network_backend=backend)
    async with httpx.AsyncClient(transport=transport, trust_env=False) as client:
        response = await client.get(f"http://rebind.example:{raw_server.port}/hook")
        assert response.text == "ok"
        assert backend.dialled == ["93.184.216.34"] and resolver.calls == ["rebind.example"]
        assert raw_server.requests[0].headers["host"] == f"rebind.example:{raw_server.port}"
        # The server closed the connection, so the next request dials afresh and is checked afresh.
        with pytest.raises(UnsafeAddress):
            await client.get(f"http://rebind.example:{raw_server.port}/hook")
    assert backend.dialled == ["93.184.216.34"]  # the private answer was never dialled
    assert len(raw_server.requests) == 1


async def test_pooled_connection_is_reused_and_a_new_one_is_checked_again(server: LocalServer) -> None:
    """Keep-alive reuses the checked connection without asking DNS again; once the server closes it, the
    next request resolves and checks afresh, so a rebinding answer between the two is still refused."""
    server.serve("/feed", b"ok")
    server.serve("/last", b"bye", headers={"Connection": "close"})
    resolver = FakeResolver({"rebind.example": [["93.184.216.34"], ["127.0.0.1"]]})
    backend = LoopbackBackend(server.port)
    transport = PinnedTransport(allow_private=False, resolver=resolver, network_backend=backend)
    async with httpx.AsyncClient(transport=transport, trust_env=False) as client:
        for _ in range(3):
            assert (await client.get(f"http://rebind.example:{server.port}/feed")).text == "ok"
        assert backend.dialled == ["93.184.216.34"] and resolver.calls == ["rebind.example"]
        assert (await client.get(f"http://rebind.example:{server.port}/last")).text == "bye"
        with pytest.raises(UnsafeAddress):
            await client.get(f"http://rebind.example:{server.port}/feed")
    assert backend.dialled == ["93.184.216.34"] and len(server.hits("/feed")) == 3


async def test_idle_connections_the_server_closed_are_never_reused() -> None:
    """With several keep-alive connections pooled, every one the server closed while idle is dropped before the
    next request is placed (the pool asks all of them at once): the request dials afresh and succeeds."""
    writers: list[asyncio.StreamWriter] = []

    async def keep_alive(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        with contextlib.suppress(asyncio.IncompleteReadError, ConnectionError):
            while await reader.readuntil(b"\r\n\r\n"):
                await asyncio.sleep(0.05)  # slow enough that concurrent requests open their own connections
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        writer.close()

    server = await asyncio.start_server(keep_alive, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    resolver = FakeResolver({"feeds.example": [["93.184.216.34"]]})
    backend = LoopbackBackend(port)
    transport = PinnedTransport(allow_private=False, resolver=resolver, network_backend=backend)
    try:
        async with httpx.AsyncClient(transport=transport, trust_env=False) as client:
            url = f"http://feeds.example:{port}/feed"
            assert [r.text for r in await asyncio.gather(*(client.get(url) for _ in range(3)))] == ["ok"] * 3
            assert len(backend.dialled) == 3  # three connections in the pool, idle now
            for writer in writers:  # the server ends every one of them
                writer.close()
            await asyncio.sleep(0.1)
            assert (await client.get(url)).text == "ok"
            assert len(backend.dialled) == 4 and len(resolver.calls) == 4
    finally:
        for writer in writers:
            writer.close()
        server.close()
        await server.wait_closed()
        await asyncio.sleep(0.05)  # the handlers see their connections end and return


async def test_pinned_transport_refuses_literal_before_connecting(raw_server: RawServer) -> None:
    backend = LoopbackBackend(raw_server.port)
    transport = PinnedTransport(allow_private=False, resolver=FakeResolver({}), network_backend=backend)
    async with httpx.AsyncClient(transport=transport, trust_env=False) as client:
        for url in ("http://169.254.169.254/latest/meta-data/", "http://2130706433/", "http://[::1]/"):
            with pytest.raises(UnsafeAddress):
                await client.get(url)
    assert backend.dialled == []


@pytest.mark.parametrize(
    "target",
    [
        "http://intranet.example:{port}/secret",
        "http://127.0.0.1:{port}/secret",
        "http://169.254.169.254/latest",
    ],
)
async def test_redirect_to_private_address_is_refused(raw_server: RawServer, target: str) -> None:
    raw_server.routes["/start"] = redirect(302, target.format(port=raw_server.port))
    raw_server.routes["/secret"] = respond(200, body=b"internal")
    resolver = FakeResolver({"feeds.example": [["93.184.216.34"]], "intranet.example": [["10.1.2.3"]]})
    backend = LoopbackBackend(raw_server.port)
    transport = PinnedTransport(allow_private=False, resolver=resolver, network_backend=backend)
    async with PoliteClient(HttpConfig(allow_private=False), transport=transport) as polite:
        with pytest.raises(UnsafeAddress) as caught:
            await polite.fetch(f"http://feeds.example:{raw_server.port}/start")
    assert caught.value.kind == "unsafe_url"
    assert backend.dialled == ["93.184.216.34"] and raw_server.hits["/secret"] == 0


async def test_public_redirect_through_pinned_transport_works(raw_server: RawServer) -> None:
    raw_server.routes["/start"] = redirect(301, f"http://cdn.example:{raw_server.port}/feed")
    raw_server.routes["/feed"] = respond(200, {"Content-Type": "application/rss+xml"}, b"<rss/>")
    resolver = FakeResolver({"feeds.example": [["93.184.216.34"]], "cdn.example": [["2606:4700::6810:1"]]})
    backend = LoopbackBackend(raw_server.port)
    transport = PinnedTransport(allow_private=False, resolver=resolver, network_backend=backend)
    async with PoliteClient(HttpConfig(allow_private=False), transport=transport) as polite:
        result = await polite.fetch(f"http://feeds.example:{raw_server.port}/start")
    assert result.body == b"<rss/>" and result.permanent_redirect == f"http://cdn.example:{raw_server.port}/feed"
    assert backend.dialled == ["93.184.216.34", "2606:4700::6810:1"]


TLS = Path(__file__).parent.parent / "fixtures" / "tls"  # test-only CA and a leaf for feeds.example


async def test_pinned_tls_verifies_the_original_hostname() -> None:
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(TLS / "feeds.example.pem", TLS / "feeds.example.key")
    tls_server = RawServer(tls=server_tls)
    tls_server.start()
    try:
        tls_server.routes["/feed"] = respond(200, {"Content-Type": "application/rss+xml"}, b"<rss/>")
        public = [["93.184.216.34"]]
        resolver = FakeResolver({"feeds.example": list(public), "impostor.example": list(public)})
        backend = LoopbackBackend(tls_server.port)
        client_tls = ssl.create_default_context(cafile=str(TLS / "ca.pem"))
        transport = PinnedTransport(allow_private=False, resolver=resolver, network_backend=backend, verify=client_tls)
        async with PoliteClient(HttpConfig(allow_private=False), transport=transport) as polite:
            # We dial an IP, yet SNI and the certificate check use the hostname from the URL.
            result = await polite.fetch(f"https://feeds.example:{tls_server.port}/feed")
            assert result.body == b"<rss/>"
            with pytest.raises(ConnectFailed, match=r"CERTIFICATE_VERIFY_FAILED|certificate"):
                await polite.fetch(f"https://impostor.example:{tls_server.port}/feed")
        assert backend.dialled == ["93.184.216.34", "93.184.216.34"]
        assert tls_server.hits["/feed"] == 1
    finally:
        tls_server.stop()


def _bracket(address: str) -> str:
    return f"[{address}]" if ":" in address else address
