"""Errors raised by the scrapers package.

Every failure a fetch or parse can hit is one of these, so callers decide "retry later" vs "give up /
flag the feed" by catching a base class, and metrics label by the short ``kind`` code::

    ScrapeError                      kind             transient
    ├── TransientError                                 yes  (retry with backoff)
    │   ├── Timeout                  "timeout"
    │   ├── ConnectFailed            "connect"
    │   ├── ServerError              "http_5xx"
    │   └── RateLimited              "rate_limited"         (429, or 503 with Retry-After)
    └── PermanentError                                 no   (retrying the same request won't help)
        ├── NotFound                 "not_found"            (404)
        ├── Gone                     "gone"                 (410: stop polling)
        ├── Blocked                  "blocked"              (401/403/451, Cloudflare challenge pages)
        ├── ClientError              "http_4xx"             (any other 4xx)
        ├── TooLarge                 "too_large"            (body over max_bytes, decompressed)
        ├── TooManyRedirects         "redirect_loop"        (loop or more than max_redirects hops)
        ├── UnsafeAddress            "unsafe_url"           (SSRF guard refused the URL or address)
        ├── RobotsDisallowed         "robots"
        ├── BadContent               "bad_content"          (PDF/image where HTML/feed expected, bad gzip)
        └── ParseError               "parse"

"Permanent" means permanent for this request; a feed that is Blocked today may work next week, so the
scheduler still backs off rather than deleting anything.
"""

from __future__ import annotations


class ScrapeError(Exception):
    """Base class: ``kind`` is a short low-cardinality code, safe as a metrics label."""

    kind: str = "error"
    transient: bool = False

    def __init__(
        self,
        message: str = "",
        *,
        url: str | None = None,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message or self.kind)
        self.message = message or self.kind
        self.url = url
        self.status = status
        # Seconds the server asked us to wait (Retry-After); None when it said nothing.
        self.retry_after = retry_after

    def __str__(self) -> str:
        parts = [self.message]
        if self.status is not None:
            parts.append(f"status={self.status}")
        if self.url:
            parts.append(f"url={self.url}")
        return " ".join(parts)


class TransientError(ScrapeError):
    """Likely to succeed later: retry with backoff."""

    kind = "transient"
    transient = True


class Timeout(TransientError):
    """Connect, read or total deadline exceeded."""

    kind = "timeout"


class ConnectFailed(TransientError):
    """DNS failure, refused or reset connection, TLS handshake failure."""

    kind = "connect"


class ServerError(TransientError):
    """5xx without a Retry-After."""

    kind = "http_5xx"


class RateLimited(TransientError):
    """429, or 503 with Retry-After; ``retry_after`` carries the server's wish when given."""

    kind = "rate_limited"


class PermanentError(ScrapeError):
    """Retrying the same request will not help."""

    kind = "permanent"


class NotFound(PermanentError):
    """404."""

    kind = "not_found"


class Gone(PermanentError):
    """410: the resource was removed on purpose."""

    kind = "gone"


class Blocked(PermanentError):
    """401/403/451 or a bot-challenge page (Cloudflare)."""

    kind = "blocked"


class ClientError(PermanentError):
    """Any other 4xx."""

    kind = "http_4xx"


class TooLarge(PermanentError):
    """The (decompressed) body exceeded the byte cap."""

    kind = "too_large"


class TooManyRedirects(PermanentError):
    """A redirect loop or a chain longer than allowed."""

    kind = "redirect_loop"


class UnsafeAddress(PermanentError):
    """The SSRF guard refused the URL, host or resolved address."""

    kind = "unsafe_url"


class RobotsDisallowed(PermanentError):
    """robots.txt forbids our user agent from fetching the URL."""

    kind = "robots"


class BadContent(PermanentError):
    """The response is not what was asked for (PDF/image for a page, undecodable body)."""

    kind = "bad_content"


class ParseError(PermanentError):
    """The bytes arrived but could not be parsed."""

    kind = "parse"
