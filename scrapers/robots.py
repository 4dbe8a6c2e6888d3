"""robots.txt: fetched once per origin through the polite client, parsed with urllib.robotparser, cached.

Failure policy: a 4xx robots.txt means "no rules" (allow all, cached for the full TTL); a 5xx, timeout,
refused address or other failure also allows, but is cached only briefly so real rules are picked up
soon. (RFC 9309 suggests treating 5xx as "disallow all"; for a handful of news pages per day, being
silently starved by a flaky robots.txt is the worse failure.)
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from urllib.robotparser import RobotFileParser

import httpx

from scrapers.errors import BadContent, PermanentError, ScrapeError, TooLarge, TooManyRedirects, UnsafeAddress

USER_AGENT_TOKEN = "exchangewatch"
DEFAULT_TTL = 12 * 3600.0
ERROR_TTL = 10 * 60.0
MAX_ENTRIES = 10_000

RobotsFetcher = Callable[[str], Awaitable[bytes]]

# Permanent errors that say nothing about the site's wishes: treat like 5xx (allow, re-check soon).
_INCONCLUSIVE = (TooLarge, TooManyRedirects, UnsafeAddress, BadContent)


def robots_url(url: str) -> str:
    """The robots.txt URL governing ``url`` (same scheme, host and port)."""
    parsed = httpx.URL(url)
    return str(parsed.copy_with(path="/robots.txt", query=None, fragment=None, userinfo=b""))


class RobotsCache:
    """Answers "may we fetch this URL?"; one robots.txt fetch per origin per TTL, even when concurrent."""

    def __init__(
        self,
        fetcher: RobotsFetcher,
        *,
        ttl: float = DEFAULT_TTL,
        error_ttl: float = ERROR_TTL,
        user_agent: str = USER_AGENT_TOKEN,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetcher = fetcher
        self._ttl = ttl
        self._error_ttl = error_ttl
        self._agent = user_agent
        self._clock = clock
        self._entries: dict[str, tuple[float, RobotFileParser | None]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: str, *, fetcher: RobotsFetcher | None = None) -> bool:
        """True when robots.txt (or its absence) lets our user agent fetch ``url``.

        ``fetcher`` overrides the default one for this call (the page's address rule travels with it).
        """
        parser = await self._parser_for(robots_url(url), fetcher)
        return parser is None or parser.can_fetch(self._agent, url)

    async def crawl_delay(self, url: str) -> float | None:
        """The Crawl-delay robots.txt asks of our user agent, if any."""
        parser = await self._parser_for(robots_url(url), None)
        delay = parser.crawl_delay(self._agent) if parser is not None else None
        return float(delay) if delay is not None else None

    def _cached(self, key: str) -> tuple[bool, RobotFileParser | None]:
        entry = self._entries.get(key)
        if entry is not None and entry[0] > self._clock():
            return True, entry[1]
        return False, None

    async def _parser_for(self, key: str, fetcher: RobotsFetcher | None) -> RobotFileParser | None:
        hit, parser = self._cached(key)
        if hit:
            return parser
        lock = self._locks.setdefault(key, asyncio.Lock())
        async with lock:
            hit, parser = self._cached(key)  # a concurrent caller may have just loaded it
            if hit:
                return parser
            parser, ttl = await self._load(key, fetcher or self._fetcher)
            self._store(key, parser, ttl)
        self._locks.pop(key, None)
        return parser

    def _store(self, key: str, parser: RobotFileParser | None, ttl: float) -> None:
        self._entries.pop(key, None)
        self._entries[key] = (self._clock() + ttl, parser)
        while len(self._entries) > MAX_ENTRIES:
            del self._entries[next(iter(self._entries))]  # oldest insertion first

    async def _load(self, url: str, fetcher: RobotsFetcher) -> tuple[RobotFileParser | None, float]:
        try:
            body = await fetcher(url)
        except _INCONCLUSIVE:
            return None, self._error_ttl
        except PermanentError:
            return None, self._ttl  # 4xx: the site publishes no rules
        except ScrapeError:
            return None, self._error_ttl  # 5xx, timeouts, connection failures
        parser = RobotFileParser(url)
        parser.parse(body.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines())
        return parser, self._ttl
