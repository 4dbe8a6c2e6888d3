"""Response helpers for the polite client: capped decompression, Content-Type, status → error.

Decompression is done here rather than by httpx because httpx inflates each network chunk in one call:
a 64 KB gzip chunk can expand to ~64 MB before any size check runs. Here every ``decompress`` call is
bounded by the bytes still allowed, so a gzip bomb costs at most ``limit`` bytes of memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from datetime import datetime

import httpx

from scrapers.errors import (
    BadContent,
    Blocked,
    ClientError,
    Gone,
    NotFound,
    RateLimited,
    ScrapeError,
    ServerError,
    Timeout,
    TooLarge,
)
from scrapers.freshness import parse_retry_after

SUPPORTED_ENCODINGS = ("gzip", "x-gzip", "deflate")
ERROR_HEAD_BYTES = 16_384  # enough of an error page to recognise a bot challenge

# Bot-challenge pages: Cloudflare's interstitials carry these in the first few KB.
CHALLENGE_MARKERS = (
    b"cf-chl",
    b"cf_chl_opt",
    b"/cdn-cgi/challenge-platform/",
    b"Just a moment...",
    b"Attention Required! | Cloudflare",
)

# Types that are never a page or a feed; refused before the body is read unless the caller asked for them.
BINARY_MAJOR_TYPES = ("image", "audio", "video", "font")
BINARY_TYPES = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/gzip",
        "application/x-tar",
        "application/msword",
        "application/vnd.ms-excel",
        "application/x-shockwave-flash",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
)


class CappedDecoder:
    """Undo Content-Encoding incrementally, raising TooLarge once more than ``limit`` bytes come out.

    With ``truncate=True`` it instead keeps the first ``limit`` bytes and sets ``done`` (for error pages,
    where only the head matters).
    """

    def __init__(self, content_encoding: str | None, limit: int, *, truncate: bool = False) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
        codings = [c for c in codings if c and c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in SUPPORTED_ENCODINGS):
            raise BadContent(f"unsupported Content-Encoding {content_encoding!r}")
        self._coding = codings[0] if codings else None
        self._limit = limit
        self._truncate = truncate
        self.done = False
        self._total = 0
        self._started = False
        self._inflater = self._new_inflater()

    def _new_inflater(self, raw_deflate: bool = False) -> zlib._Decompress | None:
        if self._coding is None:
            return None
        if self._coding == "deflate":
            # "deflate" should be zlib-wrapped, but some servers send raw deflate; the first chunk tells.
            return zlib.decompressobj(-zlib.MAX_WBITS if raw_deflate else zlib.MAX_WBITS)
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    @property
    def total(self) -> int:
        """Decoded bytes produced so far."""
        return self._total

    def _count(self, piece: bytes) -> bytes:
        room = self._limit - self._total
        self._total += len(piece)
        if self._total <= self._limit:
            return piece
        if not self._truncate:
            raise TooLarge(f"body exceeds {self._limit} bytes")
        self.done, self._total = True, self._limit
        return piece[:room]

    def feed(self, chunk: bytes) -> bytes:
        """Decode one raw chunk."""
        if self.done:
            return b""
        if self._inflater is None:
            return self._count(chunk)
        first, self._started = not self._started, True
        try:
            return self._inflate(chunk)
        except zlib.error:
            if not (first and self._coding == "deflate"):
                raise BadContent(f"corrupt {self._coding} body") from None
        self._inflater = self._new_inflater(raw_deflate=True)
        try:
            return self._inflate(chunk)
        except zlib.error:
            raise BadContent("corrupt deflate body") from None

    def _inflate(self, data: bytes) -> bytes:
        out: list[bytes] = []
        while data and self._inflater is not None and not self.done:
            # One byte more than we may keep, so "exactly at the limit" and "over it" are distinguishable.
            piece = self._inflater.decompress(data, self._limit - self._total + 1)
            out.append(self._count(piece))
            data = self._inflater.unconsumed_tail
            if self._inflater.eof:
                data = self._inflater.unused_data
                if not data.strip(b"\0") or self._coding == "deflate":
                    break
                self._inflater = self._new_inflater()  # concatenated gzip members are legal
        return b"".join(out)

    def flush(self) -> bytes:
        """Emit whatever the decompressor still buffers; a truncated stream is tolerated."""
        if self._inflater is None or self.done:
            return b""
        try:
            return self._count(self._inflater.flush())
        except zlib.error:
            raise BadContent(f"corrupt {self._coding} body") from None


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """Split a Content-Type header into (lower-case media type, charset), either possibly None."""
    if not value:
        return None, None
    media, *params = value.split(";")
    charset = None
    for param in params:
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'").lower() or None
    return media.strip().lower() or None, charset


def check_content_type(media_type: str | None, accept: str) -> None:
    """Raise BadContent for a binary type the caller did not explicitly ask for."""
    if media_type is None:
        return
    major = media_type.partition("/")[0]
    if major not in BINARY_MAJOR_TYPES and media_type not in BINARY_TYPES:
        return
    asked = {part.split(";")[0].strip().lower() for part in accept.split(",")}
    if media_type in asked or f"{major}/*" in asked:
        return
    raise BadContent(f"unexpected content type {media_type}")


def is_challenge(status: int, headers: Mapping[str, str], head: bytes) -> bool:
    """True for a bot-challenge interstitial (Cloudflare and look-alikes)."""
    if status not in (403, 429, 503):
        return False
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    if any(marker in head for marker in CHALLENGE_MARKERS):
        return True
    # A bare Cloudflare 403 is a firewall block; a Cloudflare 503 alone may be a real origin outage.
    return status == 403 and headers.get("server", "").lower() == "cloudflare"


def error_for_status(status: int, headers: Mapping[str, str], head: bytes, url: str, now: datetime) -> ScrapeError:
    """Map a non-2xx, non-304, non-redirect response to the right ScrapeError."""
    retry_after = parse_retry_after(headers.get("retry-after"), now)
    cls, message = _classify(status, retry_after, is_challenge(status, headers, head))
    return cls(message, url=url, status=status, retry_after=retry_after)


def _classify(status: int, retry_after: float | None, challenge: bool) -> tuple[type[ScrapeError], str]:
    if challenge:
        return Blocked, "bot challenge page"
    if status == 429 or (status == 503 and retry_after is not None):
        return RateLimited, "server asked us to slow down"
    if status >= 500:
        return ServerError, "server error"
    if status in (401, 403, 451):
        return Blocked, "access refused"
    simple: dict[int, tuple[type[ScrapeError], str]] = {
        404: (NotFound, "not found"),
        410: (Gone, "gone"),
        408: (Timeout, "server timed out the request"),
    }
    if status in simple:
        return simple[status]
    if 300 <= status < 400:
        return BadContent, "redirect without a usable Location"
    return ClientError, "client error"


async def read_error_head(response: httpx.Response) -> bytes:
    """The first few KB of an error page, or nothing if it cannot be decoded."""
    try:
        return await read_capped(response, ERROR_HEAD_BYTES, truncate=True)
    except BadContent:
        return b""


async def read_capped(response: httpx.Response, limit: int, *, truncate: bool = False) -> bytes:
    """Stream and decode the body, stopping as soon as ``limit`` decoded bytes are exceeded."""
    parts: list[bytes] = []
    decoder = CappedDecoder(response.headers.get("content-encoding"), limit, truncate=truncate)
    async for chunk in response.aiter_raw():
        parts.append(decoder.feed(chunk))
        if decoder.done:
            # Leaving the rest unread: aclose() drops the connection instead of draining it.
            return b"".join(parts)
    parts.append(decoder.flush())
    return b"".join(parts)
