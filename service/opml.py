"""OPML in and out: the default source list ships as OPML, and operators import/export theirs."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from service.models import Feed
from service.store.feeds import FeedSpec

KINDS = {"rss", "telegram", "google_news", "gdelt"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)


class OpmlError(ValueError):
    """The OPML file cannot be used; the message says why."""


def default_opml() -> bytes:
    return resources.files("service.data").joinpath("default-feeds.opml").read_bytes()


def parse_opml(data: bytes) -> list[FeedSpec]:
    """Every outline with an xmlUrl (nested folders flattened); `type` overrides the kind detected from the URL."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"not valid XML: {exc}") from exc
    if root is None or root.tag != "opml":
        raise OpmlError("not an OPML document (root element is not <opml>)")
    specs: list[FeedSpec] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        if not url.lower().startswith(("http://", "https://")):
            raise OpmlError(f"outline {outline.get('text')!r}: xmlUrl must be http(s): {url}")
        kind = (outline.get("type") or "").strip().lower()
        interval = outline.get("interval")
        specs.append(
            FeedSpec(
                url=url,
                kind=kind if kind in KINDS else None,
                title=outline.get("title") or outline.get("text"),
                language=(outline.get("language") or "").lower() or None,
                official=(outline.get("official") or "").lower() in ("true", "1", "yes"),
                poll_interval_seconds=float(interval) if interval and interval.replace(".", "", 1).isdigit() else None,
            )
        )
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
