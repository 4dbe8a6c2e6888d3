"""Feed source URLs: one normal form (so one feed is stored once) and autodiscovery from an HTML page.

``normalise_feed_url`` is the single rule the API, the CLI and OPML import share: http(s) only, a host,
lower-case scheme and host, no default port, no fragment, ``/`` for an empty path. It raises
``InvalidFeedUrl`` with a message a person can act on.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree
from lxml import html as lxml_html

from scrapers.text import decode_body

FEED_LINK_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
DEFAULT_PORTS = {"http": 80, "https": 443}
_CONTROL = re.compile(r"[\x00-\x20\x7f\\]")
MAX_URL_LENGTH = 2048


class InvalidFeedUrl(ValueError):
    """The text is not a usable http(s) feed URL; the message says why."""


def normalise_feed_url(raw: str) -> str:
    """The one normal form of a feed URL; raises InvalidFeedUrl for anything that is not http(s) with a host."""
    text = (raw or "").strip()
    if not text:
        raise InvalidFeedUrl("the URL is empty")
    if len(text) > MAX_URL_LENGTH:
        raise InvalidFeedUrl(f"the URL is longer than {MAX_URL_LENGTH} characters")
    scheme = text.partition(":")[0].lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) else ""
    if not scheme:
        raise InvalidFeedUrl(f"not a URL: {text[:100]!r}; a feed URL starts with http:// or https://")
    if scheme not in DEFAULT_PORTS:
        raise InvalidFeedUrl(f"scheme {scheme!r} is not allowed; a feed URL starts with http:// or https://")
    if _CONTROL.search(text):
        raise InvalidFeedUrl("the URL contains spaces, control characters or backslashes")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidFeedUrl(f"not a valid URL: {exc}") from None
    host = _host(parts.hostname or "")
    if not host:
        raise InvalidFeedUrl("the URL has no host")
    if parts.username is not None or parts.password is not None:
        raise InvalidFeedUrl("credentials in feed URLs are not allowed")
    if port == 0:
        raise InvalidFeedUrl("port 0 is not allowed")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def _host(host: str) -> str:
    host = host.strip().rstrip(".").lower()
    if any(ord(ch) > 127 for ch in host):
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise InvalidFeedUrl(f"the host {host!r} is not a valid domain name") from None
    return host


def discover_feed_links(body: bytes, *, base_url: str, content_type: str | None = None) -> list[str]:
    """Feed URLs an HTML page announces with <link rel="alternate" type="application/rss+xml" …>, in order."""
    text, _ = decode_body(body, content_type)
    if not text.strip():
        return []
    try:
        document = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in document.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        media = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rels or media not in FEED_LINK_TYPES or not href:
            continue
        try:
            url = normalise_feed_url(urljoin(base_url, href))
        except (InvalidFeedUrl, ValueError):
            continue
        if url not in found:
            found.append(url)
    return found
