"""The polite HTTP client: one per process, explicit timeouts, byte caps, conditional GET, per-host limits.

``PoliteClient.fetch`` returns a FetchResult for 2xx and 304 and raises a ScrapeError subclass for
everything else (see scrapers.errors). Redirects are followed by hand so every hop is SSRF-checked,
loops are caught, and a chain of permanent redirects can be reported back to update a stored URL.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import lru_cache, partial
from types import MappingProxyType

import httpx

from scrapers.body import (
    check_content_type,
    error_for_status,
    parse_content_type,
    read_capped,
    read_error_head,
)
from scrapers.errors import (
    ConnectFailed,
    RobotsDisallowed,
    ScrapeError,
    Timeout,
    TooLarge,
    TooManyRedirects,
    UnsafeAddress,
)
from scrapers.netguard import PinnedTransport, check_url
from scrapers.robots import RobotsCache

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, application/xml;q=0.9, "
    "text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
HTML_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
ROBOTS_ACCEPT = "text/plain, */*;q=0.5"
# Only what body.CappedDecoder can inflate with a bounded output size.
ACCEPT_ENCODING = "gzip, deflate"

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
ROBOTS_MAX_BYTES = 512_000


@dataclass(frozen=True)
class HttpConfig:
    """Client settings; ``total_timeout`` is a hard deadline for a whole fetch including every body byte."""

    user_agent: str = "exchangewatch/0.1 (+https://github.com/exchangewatch/exchangewatch)"
    connect_timeout: float = 5
    read_timeout: float = 15
    total_timeout: float = 30
    max_bytes: int = 5_000_000
    per_host_limit: int = 2
    max_connections: int = 50
    max_redirects: int = 5
    allow_private: bool = False  # feed URLs (chosen by the operator) may reach non-public addresses
    page_allow_private: bool = False  # any page URL (chosen by feed publishers) may, too

    def __post_init__(self) -> None:
        timeouts = (self.connect_timeout, self.read_timeout, self.total_timeout)
        if min(timeouts) <= 0 or min(self.per_host_limit, self.max_connections) < 1 or self.max_bytes < 0:
            raise ValueError(f"invalid HttpConfig: {self}")


@dataclass(frozen=True)
class FetchResult:
    """A successful (2xx) or not-modified (304) response, body fully read and decompressed."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    not_modified: bool
    permanent_redirect: str | None
    elapsed: float
    content_type: str | None
    encoding: str | None


@lru_cache(maxsize=4096)
def origin_of(url: str) -> str:
    """``scheme://host:port`` with the default port filled in; "" for a URL without a usable host."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        return ""
    if not parsed.host:
        return ""
    port = parsed.port or {"http": 80, "https": 443}.get(parsed.scheme, 0)
    return f"{parsed.scheme}://{parsed.host.lower()}:{port}"


@dataclass(frozen=True)
class PrivateAccess:
    """Which URLs of one fetch may reach non-public addresses: every one, or those on these origins."""

    everywhere: bool = False
    origins: frozenset[str] = frozenset()

    def allows(self, url: str) -> bool:
        return self.everywhere or (bool(self.origins) and origin_of(url) in self.origins)


class _Channel:
    """A transport with default headers, timeouts and a cookie jar: what an httpx.AsyncClient keeps, without
    the per-request machinery we do not use (auth flows, its redirect loop, proxies from the environment,
    event hooks). That machinery cost about a sixth of a 304 poll's CPU. No proxy can route around the SSRF
    guard: requests go straight to the pinned transport."""

    def __init__(self, transport: httpx.AsyncBaseTransport, timeout: httpx.Timeout, headers: dict[str, str]) -> None:
        self.transport = transport
        self.cookies = httpx.Cookies()  # as a client's jar: set by a response, sent back to its site
        # httpx.AsyncClient's defaults, ours on top; a request's own headers (Accept, validators) override.
        self._headers = {"Accept": "*/*", "Connection": "keep-alive", **headers}
        self._timeout = timeout.as_dict()

    async def send(self, url: str, headers: dict[str, str]) -> httpx.Response:
        """GET ``url``; the response's body is left to stream (read it, then aclose())."""
        request = httpx.Request("GET", _parsed(url), headers={**self._headers, **headers})
        request.extensions = {"timeout": self._timeout}
        if self.cookies:
            self.cookies.set_cookie_header(request)
        response = await self.transport.handle_async_request(request)
        response.request = request
        if "set-cookie" in response.headers:
            self.cookies.extract_cookies(response)
        return response

    async def aclose(self) -> None:
        await self.transport.aclose()


@lru_cache(maxsize=4096)
def _parsed(url: str) -> httpx.URL:
    return httpx.URL(url)


@dataclass
class _HostSlot:
    semaphore: asyncio.Semaphore
    users: int = 0


@dataclass(frozen=True)
class _Redirect:
    status: int
    location: str


class PoliteClient:
    """Fetches URLs politely and safely; share one per process and close it on shutdown."""

    def __init__(self, config: HttpConfig = HttpConfig(), *, transport: httpx.AsyncBaseTransport | None = None):
        self.config = config
        # Two pools: connections opened for a URL allowed to be private never serve one that is not.
        if transport is None:
            limits = httpx.Limits(
                max_connections=config.max_connections,
                max_keepalive_connections=min(20, config.max_connections),
            )
            self._open = self._new_client(PinnedTransport(allow_private=True, limits=limits))
            self._strict = self._new_client(PinnedTransport(allow_private=False, limits=limits))
        else:
            self._open = self._strict = self._new_client(transport)
        self._hosts: dict[str, _HostSlot] = {}
        self.robots = RobotsCache(self._fetch_robots_txt)

    def _new_client(self, transport: httpx.AsyncBaseTransport) -> _Channel:
        timeout = httpx.Timeout(
            connect=self.config.connect_timeout,
            read=self.config.read_timeout,
            write=self.config.read_timeout,
            pool=self.config.total_timeout,
        )
        return _Channel(transport, timeout, {"User-Agent": self.config.user_agent, "Accept-Encoding": ACCEPT_ENCODING})

    def page_access(self, feed_url: str | None) -> PrivateAccess:
        """What an article page linked from ``feed_url`` may reach: only the feed's own origin, if the feed
        itself may be private (an intranet feed's own pages), unless ``page_allow_private`` says more."""
        own = frozenset({origin_of(feed_url)}) if feed_url and self.config.allow_private else frozenset()
        return PrivateAccess(everywhere=self.config.page_allow_private, origins=own - {""})

    async def __aenter__(self) -> PoliteClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close pooled connections."""
        await self._open.aclose()
        if self._strict is not self._open:
            await self._strict.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
        max_bytes: int | None = None,
        check_robots: bool = False,
        private: PrivateAccess | None = None,
    ) -> FetchResult:
        """GET ``url`` (conditionally when validators are given); raise a ScrapeError unless 2xx/304.

        ``private`` says which hops may reach non-public addresses (default: all when ``allow_private``,
        the feed rule); robots.txt is fetched under the same rule as the page it governs.
        """
        access = private or PrivateAccess(everywhere=self.config.allow_private)
        try:
            if check_robots:
                check_url(url, allow_private=access.allows(url))
                if not await self.robots.allowed(url, fetcher=partial(self._fetch_robots_txt, access=access)):
                    raise RobotsDisallowed("robots.txt disallows this URL")
            headers = {"Accept": accept}
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            limit = self.config.max_bytes if max_bytes is None else max_bytes
            return await self._follow(url, headers, accept, limit, access)
        except ScrapeError as exc:
            exc.url = exc.url or url
            raise

    async def _follow(
        self, url: str, headers: dict[str, str], accept: str, limit: int, access: PrivateAccess
    ) -> FetchResult:
        started = time.monotonic()
        deadline: float | None = None
        current, seen, all_permanent = url, {url}, True
        for _hop in range(self.config.max_redirects + 1):
            private_ok = access.allows(current)  # judged per hop: a redirect may leave the trusted origin
            check_url(current, allow_private=private_ok)
            client = self._open if private_ok else self._strict
            async with self._host_slot(_host_of(current)):
                # The deadline starts once we hold a slot, so queueing behind a busy host is not penalised.
                deadline = deadline or asyncio.get_running_loop().time() + self.config.total_timeout
                outcome = await self._request(client, current, headers, accept, limit, deadline)
            if isinstance(outcome, FetchResult):
                moved = current if current != url and all_permanent else None
                elapsed = time.monotonic() - started
                return replace(outcome, permanent_redirect=moved, elapsed=elapsed)
            all_permanent = all_permanent and outcome.status in PERMANENT_REDIRECTS
            current = _join(current, outcome.location)
            if current in seen:
                raise TooManyRedirects(f"redirect loop back to {current}", url=url)
            seen.add(current)
        raise TooManyRedirects(f"more than {self.config.max_redirects} redirects", url=url)

    async def _request(
        self, client: _Channel, url: str, headers: dict[str, str], accept: str, limit: int, deadline: float
    ) -> FetchResult | _Redirect:
        try:
            async with asyncio.timeout_at(deadline):
                response = await client.send(url, headers)
                try:
                    return await self._consume(url, response, accept, limit)
                finally:
                    await response.aclose()
        except TimeoutError:
            raise Timeout(f"no complete response within {self.config.total_timeout}s", url=url) from None
        except httpx.TimeoutException as exc:
            raise Timeout(f"{type(exc).__name__}: {exc}", url=url) from None
        except httpx.InvalidURL as exc:
            raise UnsafeAddress(f"invalid URL: {exc}", url=url) from None
        except httpx.RemoteProtocolError as exc:
            # httpx parses Location itself even when not following; a malformed one is not transient.
            if "location header" in str(exc).lower():
                raise UnsafeAddress(f"unusable redirect Location: {exc}", url=url) from None
            raise ConnectFailed(f"{type(exc).__name__}: {exc}", url=url) from None
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise ConnectFailed(f"{type(exc).__name__}: {exc}", url=url) from None

    async def _consume(self, url: str, response: httpx.Response, accept: str, limit: int) -> FetchResult | _Redirect:
        status = response.status_code
        headers = MappingProxyType({name.lower(): value for name, value in response.headers.items()})
        if status in REDIRECT_STATUSES and headers.get("location"):
            return _Redirect(status, headers["location"].strip())
        media_type, charset = parse_content_type(headers.get("content-type"))
        if not (200 <= status < 300 or status == 304):
            raise error_for_status(status, headers, await read_error_head(response), url, datetime.now(UTC))
        body = b""
        if status == 304:
            await _drain(response)
        else:
            check_content_type(media_type, accept)
            declared = headers.get("content-length", "")
            if "content-encoding" not in headers and declared.isdigit() and int(declared) > limit:
                raise TooLarge(f"Content-Length {declared} exceeds {limit} bytes", url=url, status=status)
            body = await read_capped(response, limit)
        return FetchResult(
            url=url,
            status=status,
            headers=headers,
            body=body,
            not_modified=status == 304,
            permanent_redirect=None,
            elapsed=0.0,
            content_type=media_type,
            encoding=charset,
        )

    @asynccontextmanager
    async def _host_slot(self, host: str) -> AsyncIterator[None]:
        slot = self._hosts.setdefault(host, _HostSlot(asyncio.Semaphore(self.config.per_host_limit)))
        slot.users += 1
        try:
            async with slot.semaphore:
                yield
        finally:
            slot.users -= 1
            if slot.users == 0:  # keep the table as small as the set of hosts in flight
                del self._hosts[host]

    async def _fetch_robots_txt(self, url: str, *, access: PrivateAccess | None = None) -> bytes:
        result = await self.fetch(url, accept=ROBOTS_ACCEPT, max_bytes=ROBOTS_MAX_BYTES, private=access)
        return result.body


def _host_of(url: str) -> str:
    return _parsed(url).host


async def _drain(response: httpx.Response) -> None:
    """Read a 304's (always empty) body to its end so the connection goes back to the pool: aclose() on an
    unread body closes it, and every 304 poll would open a new connection."""
    async for _chunk in response.aiter_raw():
        pass


def _join(base: str, location: str) -> str:
    try:
        return str(httpx.URL(base).join(location))
    except (httpx.InvalidURL, ValueError) as exc:
        raise UnsafeAddress(f"unusable redirect Location {location[:200]!r}: {exc}") from None
