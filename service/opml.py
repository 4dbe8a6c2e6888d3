"""OPML in and out: the default source list ships as OPML, and operators import/export theirs."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from scrapers.feedurl import InvalidFeedUrl, normalise_feed_url
from service.models import Feed
from service.store.feeds import FeedSpec

KINDS = {"rss", "telegram", "google_news", "gdelt"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


class OpmlError(ValueError):
    """The OPML file cannot be used; the message says why."""


def default_opml() -> bytes:
    return resources.files("service.data").joinpath("default-feeds.opml").read_bytes()


@dataclass(frozen=True)
class Outline:
    """One outline with an xmlUrl: its spec when usable, else the reason it is not."""

    position: int  # 1-based, counting only outlines that carry an xmlUrl
    url: str  # as written in the file
    title: str | None
    spec: FeedSpec | None
    error: str | None


def read_outlines(data: bytes) -> list[Outline]:
    """Every outline with an xmlUrl (nested folders flattened), each validated on its own."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"not valid XML: {exc}") from exc
    if root is None or root.tag != "opml":
        raise OpmlError("not an OPML document (root element is not <opml>)")
    found: list[Outline] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        title = outline.get("title") or outline.get("text")
        try:
            spec: FeedSpec | None = _spec(outline, normalise_feed_url(url), title)
            error = None
        except InvalidFeedUrl as exc:
            spec, error = None, str(exc)
        found.append(Outline(len(found) + 1, url, title, spec, error))
    return found


def _spec(outline: etree._Element, url: str, title: str | None) -> FeedSpec:
    kind = (outline.get("type") or "").strip().lower()
    interval = outline.get("interval")
    return FeedSpec(
        url=url,
        kind=kind if kind in KINDS else None,
        title=title,
        language=(outline.get("language") or "").lower() or None,
        official=(outline.get("official") or "").lower() in ("true", "1", "yes"),
        poll_interval_seconds=float(interval) if interval and interval.replace(".", "", 1).isdigit() else None,
    )


def parse_opml(data: bytes) -> list[FeedSpec]:
    """Every usable outline; the first unusable one raises OpmlError (FEEDS_FILE is the source of truth)."""
    specs: list[FeedSpec] = []
    for outline in read_outlines(data):
        if outline.spec is None:
            raise OpmlError(f"outline {outline.title!r}: xmlUrl {outline.url!r}: {outline.error}")
        specs.append(outline.spec)
    return specs


def load_feed_list(path: Path | None) -> list[FeedSpec]:
    """The operator's OPML file when given, else the built-in list."""
    if path is None:
        return parse_opml(default_opml())
    try:
        return parse_opml(path.read_bytes())
    except OSError as exc:
        raise OpmlError(f"cannot read {path}: {exc.strerror}") from exc


def to_opml(feeds: list[Feed]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head><title>exchangewatch sources</title></head>",
        "  <body>",
    ]
    for feed in feeds:
        attrs = {"text": feed.title or feed.url, "type": feed.kind, "xmlUrl": feed.url}
        if feed.language:
            attrs["language"] = feed.language
        if feed.official:
            attrs["official"] = "true"
        if feed.poll_interval_seconds:
            attrs["interval"] = f"{feed.poll_interval_seconds:g}"
        rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)
