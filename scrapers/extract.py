"""Article page bytes → main text and metadata (trafilatura, precision-first). Sync: run in a pool."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from scrapers.extracted import Extracted
from scrapers.feeds import sane_date
from scrapers.text import decode_body, looks_like_html, normalise_language
from scrapers.urls import normalise_text

__all__ = ["Extracted", "clean_title", "extract_article", "looks_like_html"]

MIN_TEXT_CHARS = 50
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TITLE_SEP = re.compile(r"\s+(\||–|—|-|::|·)\s+")
_DATE_PART = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_DOMAIN_PART = re.compile(r"^[\w-]+(\.[\w-]+)+$")
_BRANDS = {"dw", "deutsche welle", "dw.com"}
MAX_BYLINE = 200
# DW's pages before 2022: <ul class="smallList"><li><strong>Autor</strong> Name</li>; the label is in the
# page's language.
_LABELLED_BYLINE = "//ul[contains(concat(' ', normalize-space(@class), ' '), ' smallList ')]/li[strong]"
_BYLINE_WORDS = "author authors autor autorin autoren autorka autorzy autori autore autora auteur auteurs"
_BYLINE_WORDS += " автор автори авторы авторка yazar szerző författare forfatter συντάκτης نویسنده الكاتب 作者 लेखक"
_BYLINE_LABELS = frozenset(_BYLINE_WORDS.split())
_DATE_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//meta[@name='date' or @name='pubdate' or @name='publish-date' or @name='DC.date.issued']/@content",
    "//article//time[@datetime]/@datetime",
)
_LANG_XPATHS = (
    "/html/@lang",
    "//meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content",
    "//meta[@property='og:locale']/@content",
    "//meta[@name='language']/@content",
)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return sane_date(parsed)


def _json_ld(tree: Any) -> list[dict[str, Any]]:
    """All JSON-LD objects on the page, @graph and lists flattened."""
    found: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            stack = [json.loads(script)]
        except ValueError:
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                stack.extend(item.get("@graph") or ())
    return found


def _ld_authors(objects: list[dict[str, Any]]) -> str | None:
    names: list[str] = []
    for obj in objects:
        authors = obj.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict) and author.get("@type") == "Person" and author.get("name"):
                names.append(str(author["name"]).strip())
    return "; ".join(dict.fromkeys(names)) or None


def _published(tree: Any, ld: list[dict[str, Any]], fallback: str | None) -> datetime | None:
    candidates = [v for xp in _DATE_XPATHS[:3] for v in tree.xpath(xp)]
    candidates += [o["datePublished"] for o in ld if isinstance(o.get("datePublished"), str)]
    candidates += list(tree.xpath(_DATE_XPATHS[3]))
    for value in candidates:
        if found := _parse_date(value):
            return found
    # trafilatura's date is day-only and sometimes off by the page's time zone: last resort.
    return _parse_date(fallback)


def _language(tree: Any, fallback: str | None) -> str | None:
    for xpath in _LANG_XPATHS:
        for value in tree.xpath(xpath):
            if code := normalise_language(value.split(",")[0]):
                return code
    return normalise_language(fallback)


def _is_noise(part: str, sitename: str | None) -> bool:
    lowered = part.strip().lower()
    brands = _BRANDS | ({sitename.lower(), sitename.lower().removesuffix(".com")} if sitename else set())
    return bool(_DATE_PART.match(lowered) or lowered in brands or _DOMAIN_PART.match(lowered))


def clean_title(title: str | None, sitename: str | None = None) -> str | None:
    """Strip trailing ' | DW | 08.07.2020'-style site/date/section suffixes from a page title."""
    if not title:
        return None
    pieces = _TITLE_SEP.split(" ".join(title.split()))
    parts, seps = pieces[0::2], pieces[1::2]
    stripped_brand = False
    while len(parts) > 1:
        last, sep = parts[-1], seps[-1]
        # A short '| Section' left of the brand ('X | Politika | DW') is a section label too.
        section = stripped_brand and sep == "|" and len(last.split()) <= 2 and len(last) <= 25
        if not (_is_noise(last, sitename) or section):
            break
        stripped_brand = True
        parts.pop()
        seps.pop()
    text = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        text += f" {sep} {part}"
    return text


def _tree(text: str) -> Any:
    try:
        return lxml.html.document_fromstring(_XML_DECL.sub("", text, count=1) or "<html></html>")
    except (etree.ParserError, ValueError):
        return None


def _byline(tree: Any, sitename: str | None) -> str | None:
    """The byline a page shows but does not declare: DW's labelled list ('Autor' / 'Author' / 'Автор' …),
    then rel=author links and itemprop=author (trafilatura reports the publisher's meta author instead)."""
    for item in tree.xpath(_LABELLED_BYLINE):
        label = " ".join(item.xpath("string(strong)").split()).rstrip(":").lower()
        if label in _BYLINE_LABELS:
            name = " ".join(item.text_content().split())[len(label) :].strip(" :")
            if found := _author(name, sitename):
                return found
    for xpath in ("//*[@itemprop='author']//*[@itemprop='name']", "//*[@itemprop='author']", "//a[@rel='author']"):
        names = [" ".join(node.text_content().split()) for node in tree.xpath(xpath)]
        names = [n for n in dict.fromkeys(names) if _author(n, sitename)]
        if names:
            return "; ".join(names)
    return None


def _author(author: str | None, sitename: str | None) -> str | None:
    if not author:
        return None
    lowered = author.lower()
    if len(author) > MAX_BYLINE or not any(c.isalpha() for c in author):
        return None
    if lowered in _BRANDS or (sitename and sitename.lower().removesuffix(".com") in lowered):
        return None  # a publisher name is not a byline
    return author


def _with_lead(text: str, title: str | None, lead: str | None) -> str:
    """Drop a repeated headline; put back a lead that sits in the page header, outside the body."""
    first, _, rest = text.partition("\n")
    if title and rest and normalise_text(first) == normalise_text(title):
        text = rest.strip()
    if lead and len(lead) >= 40 and normalise_text(lead) not in normalise_text(text):
        text = f"{lead.strip()}\n{text}"
    return text


def extract_article(
    body: bytes, *, url: str, encoding: str | None = None, thorough: Callable[[str], bool] | None = None
) -> Extracted | None:
    """Main text + metadata of an article page, or None when the page has no main text.

    `thorough(decoded_page)` says whether the page deserves trafilatura's fallback extractors (about
    twice the cost); pages it turns down get the fast path, which gives the same text on most pages.
    """
    text, _ = decode_body(body, f"text/html; charset={encoding}" if encoding else None)
    tree = _tree(text)
    if tree is None:
        return None
    fast = thorough is not None and not thorough(text)
    document: Any = trafilatura.bare_extraction(
        text,
        url=url,
        favor_precision=True,
        fast=fast,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
    )
    body_text = (document.text or "").strip() if document is not None else ""
    if len(body_text) < MIN_TEXT_CHARS:
        return None
    sitename = document.sitename or None
    title = clean_title(document.title, sitename)
    ld = _json_ld(tree)
    return Extracted(
        title=title,
        text=_with_lead(body_text, title, document.description),
        published=_published(tree, ld, document.date),
        language=_language(tree, document.language),
        author=_ld_authors(ld) or _byline(tree, sitename) or _author(document.author, sitename),
        sitename=sitename,
        thorough=not fast,
    )
