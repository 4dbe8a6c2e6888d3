"""SSRF guard shared by feed fetching and webhook delivery.

Three layers, cheapest first:

* ``check_url`` — sync, no DNS: scheme, userinfo, odd characters, literal IPs in any spelling.
* ``resolve_checked`` — resolves a host and refuses it if *any* address is not public.
* ``PinnedTransport`` — an httpx transport whose every new connection goes through ``resolve_checked``
  and then connects to the checked IP itself, so a DNS answer that changes between check and connect
  (DNS rebinding) cannot redirect us to an internal address.

Using it (webhook sender, tests, anything that talks to user-supplied URLs)::

    transport = PinnedTransport(allow_private=False, limits=httpx.Limits(max_connections=20))
    async with httpx.AsyncClient(transport=transport, follow_redirects=False, trust_env=False) as client:
        check_url(url, allow_private=False)           # fail fast, before any I/O
        response = await client.post(url, content=payload)   # raises UnsafeAddress on a bad address

Follow redirects by hand (or not at all) so every hop passes through ``check_url`` again;
``trust_env=False`` keeps HTTP(S)_PROXY from routing around the guard.
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import re
import select
import socket
import ssl
import threading
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import httpcore
import httpx
from httpcore import AsyncConnectionInterface

from scrapers.errors import ConnectFailed, UnsafeAddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[list[str]]]

# Ranges the stdlib flags miss (or flags as "global") that must still never be reached.
_BLOCKED_NETWORKS = tuple(
    ipaddress.ip_network(net)
    for net in (
        "0.0.0.0/8",  # "this network"
        "100.64.0.0/10",  # carrier-grade NAT
        "192.0.0.0/24",  # IETF protocol assignments
        "192.0.2.0/24",  # TEST-NET-1
        "192.88.99.0/24",  # 6to4 relay anycast
        "198.18.0.0/15",  # benchmarking
        "198.51.100.0/24",  # TEST-NET-2
        "203.0.113.0/24",  # TEST-NET-3
        "240.0.0.0/4",  # reserved, incl. broadcast
        "100::/64",  # discard-only
        "2001::/23",  # IETF protocol assignments, incl. Teredo
        "2001:db8::/32",  # documentation
        "3fff::/20",  # documentation (RFC 9637)
        "fc00::/7",  # unique local
        "fe80::/10",  # link-local
        "fec0::/10",  # deprecated site-local, still routed by some stacks
        "64:ff9b:1::/48",  # local-use NAT64
    )
)
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
_LOCAL_NAMES = re.compile(r"(^|\.)(localhost|localdomain|local|internal|home\.arpa)\.?$", re.IGNORECASE)
_BAD_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address smuggles: mapped, compatible, 6to4, Teredo, NAT64."""
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    packed = int(ip)
    if packed >> 32 == 0 and packed > 1:  # deprecated IPv4-compatible ::a.b.c.d
        found.append(ipaddress.IPv4Address(packed & 0xFFFFFFFF))
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(packed & 0xFFFFFFFF))
    return found


def is_public_address(ip: IPAddress) -> bool:
    """True only for globally routable unicast addresses, looking inside IPv6 forms that embed IPv4."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return False  # a zone index only makes sense for link-local destinations
        embedded = _embedded_ipv4(ip)
        if embedded:
            # Mapped and NAT64 carry a real IPv4 destination: judge that, not the wrapper range (which the
            # stdlib calls reserved). 6to4 and Teredo must pass both checks; IPv4-compatible never does.
            wrapper_ok = ip.ipv4_mapped is not None or ip in _NAT64
            return all(is_public_address(v4) for v4 in embedded) and (wrapper_ok or _plain_public(ip))
    return _plain_public(ip)


def _plain_public(ip: IPAddress) -> bool:
    flags = (ip.is_private, ip.is_loopback, ip.is_link_local, ip.is_multicast, ip.is_reserved)
    if any(flags) or ip.is_unspecified or not ip.is_global:
        return False
    return not any(ip in net for net in _BLOCKED_NETWORKS if net.version == ip.version)


def parse_ip_literal(host: str) -> IPAddress | None:
    """Parse ``host`` as an IP literal the way inet_aton/getaddrinfo would (decimal, octal, hex, short)."""
    text = host.strip().strip("[]")
    if ":" in text:
        try:
            return ipaddress.IPv6Address(text)
        except ValueError:
            return None
    parts = text.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    values: list[int] = []
    for part in parts:
        if re.fullmatch(r"0[xX][0-9a-fA-F]*", part):
            values.append(int(part[2:] or "0", 16))
        elif re.fullmatch(r"0[0-7]*", part):
            values.append(int(part, 8))
        elif re.fullmatch(r"[1-9][0-9]*", part):
            values.append(int(part))
        else:
            return None
    # inet_aton: leading parts are single bytes, the last part fills all remaining bytes.
    *leading, last = values
    if any(v > 255 for v in leading) or last >= 256 ** (4 - len(leading)):
        return None
    number = last
    for index, value in enumerate(leading):
        number |= value << (8 * (3 - index))
    return ipaddress.IPv4Address(number)


def check_url(url: str, *, allow_private: bool, allow_http: bool = True) -> None:
    """Refuse URLs that are malformed or plainly internal; sync, no DNS (resolve_checked does that).

    A pure function of its arguments, so URLs that passed are remembered (a fetch checks its URL twice, and
    a feed is polled again and again); a refusal is an exception, never remembered, so it is decided anew.
    """
    _checked(url, allow_private, allow_http)


@functools.lru_cache(maxsize=4096)
def _checked(url: str, allow_private: bool, allow_http: bool) -> None:
    if _BAD_URL_CHARS.search(url):
        raise UnsafeAddress("URL contains whitespace, control characters or backslashes", url=url)
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise UnsafeAddress(f"invalid URL: {exc}", url=url) from None
    allowed = ("https", "http") if allow_http else ("https",)
    if parsed.scheme not in allowed:
        raise UnsafeAddress(f"scheme {parsed.scheme!r} not allowed", url=url)
    if not parsed.host:
        raise UnsafeAddress("URL has no host", url=url)
    if parsed.userinfo:
        raise UnsafeAddress("credentials in URLs are not allowed", url=url)
    if parsed.port == 0:
        raise UnsafeAddress("port 0 is not allowed", url=url)
    if allow_private:
        return
    literal = parse_ip_literal(parsed.host)
    if literal is not None and not is_public_address(literal):
        raise UnsafeAddress(f"{parsed.host} is a non-public address ({literal})", url=url)
    if literal is None and _LOCAL_NAMES.search(parsed.host):
        raise UnsafeAddress(f"{parsed.host} is a local name", url=url)


async def system_resolver(host: str, port: int) -> list[str]:
    """Resolve via the OS resolver (getaddrinfo runs in the loop's thread pool)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def resolve_checked(host: str, port: int, *, allow_private: bool, resolver: Resolver | None = None) -> list[str]:
    """Resolve ``host`` and return its addresses, refusing it if any address is not public."""
    literal = parse_ip_literal(host)
    if literal is not None:
        if not allow_private and not is_public_address(literal):
            raise UnsafeAddress(f"{host} is a non-public address ({literal})")
        return [str(literal)]
    if not allow_private and _LOCAL_NAMES.search(host):
        raise UnsafeAddress(f"{host} is a local name")
    try:
        answers = await (resolver or system_resolver)(host, port)
    except (OSError, UnicodeError) as exc:
        raise ConnectFailed(f"cannot resolve {host}: {exc}") from None
    addresses: list[str] = []
    for answer in answers:
        ip = ipaddress.ip_address(answer.split("%")[0])
        # One bad answer poisons the name: round-robin would otherwise reach it sooner or later.
        if not allow_private and not is_public_address(ip):
            raise UnsafeAddress(f"{host} resolves to non-public address {ip}")
        if str(ip) not in addresses:
            addresses.append(str(ip))
    if not addresses:
        raise ConnectFailed(f"{host} resolved to no addresses")
    return addresses


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Network backend that resolves and checks once, then dials the checked IP (never the name)."""

    def __init__(self, *, allow_private: bool, resolver: Resolver | None, inner: httpcore.AsyncNetworkBackend) -> None:
        self._allow_private = allow_private
        self._resolver = resolver
        self._inner = inner
        self.streams: set[_PooledStream] = set()  # open connections' streams, for the pool's readability poll

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                addresses = await resolve_checked(
                    host, port, allow_private=self._allow_private, resolver=self._resolver
                )
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} timed out") from None
        failure: Exception | None = None
        for address in addresses:
            try:
                stream = await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
                return _PooledStream(stream, owner=self.streams)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc
        assert failure is not None  # resolve_checked never returns an empty list
        raise failure

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        raise UnsafeAddress("unix sockets are not allowed")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _readable(sock: socket.socket | None) -> bool:
    """Data (or EOF) waiting on an idle connection: the server closed it. A socket without a descriptor
    counts as readable, i.e. closed (httpcore's rule)."""
    fd = -1 if sock is None else sock.fileno()
    if fd < 0:
        return True
    ready = getattr(_pass, "readable", None)
    if ready is not None:  # the pool's pass in progress polled every open socket at once
        return fd in ready
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


_pass = threading.local()  # `readable`: descriptors with data or EOF, during one pool pass in this thread


def _poll_all(streams: Iterable[_PooledStream]) -> set[int]:
    """Descriptors among these streams' sockets that have data, EOF or an error waiting: one poll(2) for
    all of them, where asking each idle connection in turn made one poll object and syscall per
    connection, for every connection, twice per request."""
    poller = select.poll()
    for stream in streams:
        fd = -1 if stream._socket is None else stream._socket.fileno()
        if fd >= 0:
            poller.register(fd, select.POLLIN)
    return {fd for fd, _events in poller.poll(0)}


class _PooledStream(httpcore.AsyncNetworkStream):
    """A connected stream that remembers its socket and peer, asked for once when the connection was made.

    httpcore checks every idle pooled connection for "is_readable" on every request it places; anyio answers
    each of those by building a fresh attribute table, getpeername() included. The socket and the peer of a
    connection never change, so they are looked up once here. This is not a security check: the peer was
    chosen by ``_GuardedBackend.connect_tcp`` (resolved and checked) before the stream existed, and every new
    connection goes through it again.
    """

    def __init__(
        self,
        inner: httpcore.AsyncNetworkStream,
        sock: socket.socket | None = None,
        owner: set[_PooledStream] | None = None,
    ) -> None:
        self._inner = inner
        self._socket = sock if sock is not None else inner.get_extra_info("socket")
        self._peer: Any = None
        self._owner = owner
        if owner is not None:
            owner.add(self)

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        if self._owner is not None:
            self._owner.discard(self)
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.AsyncNetworkStream:
        wrapped = await self._inner.start_tls(ssl_context, server_hostname, timeout)
        if self._owner is not None:
            self._owner.discard(self)  # the TLS stream stands for the connection now
        return _PooledStream(wrapped, self._socket, self._owner)  # TLS runs over the same socket

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            return _readable(self._socket)
        if info == "socket":
            return self._socket
        if info == "server_addr":
            if self._peer is None:
                self._peer = self._inner.get_extra_info("server_addr")
            return self._peer
        return self._inner.get_extra_info(info)


class _LinearPool(httpcore.AsyncConnectionPool):
    """httpcore's pool with its bookkeeping made linear in the number of connections.

    ``_assign_requests_to_connections`` runs twice per request; httpcore's version counts the connections
    once per connection (``len([c.is_idle() for c in connections])``) and lists the idle ones once per queued
    request, so with 16 keep-alive connections to one host that pass alone cost about a tenth of a 304
    poll's CPU. Same decisions, same order: closed ones are dropped, expired ones and (while the pool holds
    more than ``max_keepalive_connections``) idle ones are closed, then each queued request takes the first
    available connection for its origin, a new one, or the slot of the first idle one.
    """

    ssl_factory: Callable[[], ssl.SSLContext] | None = None  # builds the TLS context for the first https origin

    def create_connection(self, origin: httpcore.Origin) -> AsyncConnectionInterface:
        if self._ssl_context is None and self.ssl_factory is not None and origin.scheme == b"https":
            self._ssl_context = self.ssl_factory()  # loading the CA bundle is ~20 ms: not for http-only work
        return super().create_connection(origin)

    async def _close_connections(self, closing: list[AsyncConnectionInterface]) -> None:
        if closing:  # most passes close nothing; the shield around nothing was a cancel scope per request
            await super()._close_connections(closing)

    def _assign_requests_to_connections(self) -> list[AsyncConnectionInterface]:
        streams = getattr(self._network_backend, "streams", None)
        if not streams or len(self._connections) < 2:
            return self._assign()
        _pass.readable = _poll_all(streams)  # every idle connection's "is it closed?" from one syscall
        try:
            return self._assign()
        finally:
            _pass.readable = None

    def _assign(self) -> list[AsyncConnectionInterface]:
        closing: list[AsyncConnectionInterface] = []
        kept: list[AsyncConnectionInterface] = []
        remaining = len(self._connections)
        for held in self._connections:
            if held.is_closed():
                remaining -= 1
            elif held.has_expired() or (held.is_idle() and remaining > self._max_keepalive_connections):
                remaining -= 1
                closing.append(held)
            else:
                kept.append(held)
        self._connections = kept
        for pool_request in self._requests:
            if not pool_request.is_queued():
                continue
            origin = pool_request.request.url.origin
            connection = next((c for c in kept if c.can_handle_request(origin) and c.is_available()), None)
            if connection is None:
                if len(kept) >= self._max_connections:
                    idle = next((c for c in kept if c.is_idle()), None)
                    if idle is None:
                        continue  # stays queued until a connection frees up
                    kept.remove(idle)
                    closing.append(idle)
                connection = self.create_connection(origin)
                kept.append(connection)
            pool_request.assign_to_connection(connection)
        return closing


class PinnedTransport(httpx.AsyncHTTPTransport):
    """httpx transport that SSRF-checks every request URL and pins each connection to a checked IP.

    The URL keeps its hostname, so the Host header, TLS SNI and certificate verification all use the
    original name, and pooled connections are keyed by hostname; only the socket dials the IP.
    ``resolver`` and ``network_backend`` are injectable for tests.
    """

    def __init__(
        self,
        *,
        allow_private: bool = False,
        resolver: Resolver | None = None,
        network_backend: httpcore.AsyncNetworkBackend | None = None,
        verify: bool | ssl.SSLContext = True,
        limits: httpx.Limits = DEFAULT_LIMITS,
        http2: bool = False,
    ) -> None:
        # Not calling super().__init__: it would build a pool without our backend. The parent's
        # request/response plumbing only needs ``self._pool`` (httpx 0.2x); a test pins this behaviour.
        self._allow_private = allow_private
        self._pool = _LinearPool(
            ssl_context=None,  # built on the first https connection (see _LinearPool.create_connection)
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=http2,
            network_backend=_GuardedBackend(
                allow_private=allow_private,
                resolver=resolver,
                inner=network_backend or httpcore.AnyIOBackend(),
            ),
        )
        self._pool.ssl_factory = functools.partial(httpx.create_ssl_context, verify=verify, trust_env=False)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Check the URL (sync) and send; the connection itself is checked when it is opened."""
        check_url(str(request.url), allow_private=self._allow_private)
        return await super().handle_async_request(request)
