"""Public Telegram channel previews (https://t.me/s/<channel>) → ParsedFeed; posts are never fetched."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import lxml.html
from lxml import etree

from scrapers.errors import ParseError
from scrapers.feeds import FeedEntry, ParsedFeed, cap_entries, sane_date
from scrapers.text import decode_body, guess_cyrillic_language

TITLE_MAX = 200
_LEADING_SYMBOLS = re.compile(r"^[\W_]+", re.U)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


_MESSAGES = f"//div[{_has_class('tgme_widget_message')}][@data-post]"
# The reply quote and link preview carry other posts' text: only the message's own text counts.
_REPLY = f"ancestor::a[{_has_class('tgme_widget_message_reply')}]"
_TEXT = f".//div[{_has_class('tgme_widget_message_text')}][not({_REPLY})]"
_DATE = f".//a[{_has_class('tgme_widget_message_date')}]/time/@datetime"
_META = f".//span[{_has_class('tgme_widget_message_meta')}]"
_OWNER = f".//a[{_has_class('tgme_widget_message_owner_name')}]"
_FORWARDED = f".//a[{_has_class('tgme_widget_message_forwarded_from_name')}]"
_CHANNEL_TITLE = f"//div[{_has_class('tgme_channel_info_header_title')}]"


def _link(anchor: Any) -> str:
    text = _render(anchor)
    href = (anchor.get("href") or "").strip()
    # Keep where a link points unless its text already says it (hashtags and mentions are relative).
    if href.startswith(("http://", "https://")) and text.strip() and href.rstrip("/") not in text:
        return f"{text} ({href})"
    return text


def _render(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            if child.tag == "br":
                parts.append("\n")
            elif child.tag == "a":
                parts.append(_link(child))
            else:
                parts.append(_render(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def make_title(text: str) -> str:
    """First line of a post, else its first sentence, at most TITLE_MAX characters."""
    first = next((line for line in text.split("\n") if line.strip()), "")
    first = _LEADING_SYMBOLS.sub("", first).strip() or first.strip()
    if len(first) > TITLE_MAX:
        first = _SENTENCE_END.split(first, maxsplit=1)[0]
    if len(first) > TITLE_MAX:
        first = first[:TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return first


def _first_text(node: Any, xpath: str) -> str | None:
    found = node.xpath(xpath)
    return " ".join(found[0].text_content().split()) or None if found else None


def _entry(node: Any, now: datetime | None) -> FeedEntry | None:
    post = node.get("data-post", "").strip("/")
    texts = node.xpath(_TEXT)
    if "service_message" in node.get("class", "") or "/" not in post or not texts:
        return None  # service notices, photo-only posts and polls carry nothing to read
    content = _clean(_render(texts[0]))
    if not content:
        return None
    dates = node.xpath(_DATE)
    published = _parse_time(dates[0], now) if dates else None
    edited = any(m.text_content().strip().startswith("edited") for m in node.xpath(_META))
    forwarded = node.xpath(_FORWARDED)
    return FeedEntry(
        guid=post,
        url=f"https://t.me/{post}",
        title=make_title(content),
        summary=" ".join(content.split())[:500],
        published=published,
        language=guess_cyrillic_language(content),
        author=_first_text(node, _OWNER),
        content_id=None,
        content=content,
        fetch_page=False,
        publisher=" ".join(forwarded[0].text_content().split()) if forwarded else None,
        publisher_url=forwarded[0].get("href") if forwarded else None,
        # The preview says "edited" but not when; the post time marks that an edit happened.
        updated=published if edited else None,
    )


def _parse_time(value: str, now: datetime | None) -> datetime | None:
    try:
        return sane_date(datetime.fromisoformat(value.strip()), now)
    except ValueError:
        return None


def parse_channel(body: bytes, *, url: str, now: datetime | None = None, max_entries: int = 500) -> ParsedFeed:
    """Messages of a t.me/s/ preview page, newest first; raises ParseError on other pages."""
    if not body.strip():
        raise ParseError("empty body", url=url)
    text, _ = decode_body(body, "text/html; charset=utf-8")
    try:
        tree: Any = lxml.html.document_fromstring(text)  # lxml-stubs type xpath() as a union of everything
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"unparseable Telegram page: {exc}", url=url) from exc
    messages = tree.xpath(_MESSAGES)
    if not messages and not tree.xpath(_CHANNEL_TITLE):
        raise ParseError("not a Telegram channel preview (the channel may have previews disabled)", url=url)
    entries = [e for e in (_entry(node, now) for node in messages) if e is not None]
    og_title = tree.xpath("//meta[@property='og:title']/@content")
    return ParsedFeed(
        title=_first_text(tree, _CHANNEL_TITLE) or (og_title[0] if og_title else None),
        language=None,
        ttl_minutes=None,
        entries=cap_entries(entries, max_entries),
        warning=None,
    )
