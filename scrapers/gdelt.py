"""GDELT DOC 2.0 API (`mode=artlist&format=json`) → ParsedFeed; the article pages are fetched later."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from scrapers.errors import ParseError, RateLimited
from scrapers.feeds import FeedEntry, ParsedFeed, cap_entries, sane_date
from scrapers.text import decode_body, plain_text

# GDELT names languages in English; map the ones its corpus carries to ISO 639-1.
LANGUAGES = {
    "english": "en", "ukrainian": "uk", "russian": "ru", "german": "de", "french": "fr", "spanish": "es",
    "portuguese": "pt", "italian": "it", "polish": "pl", "turkish": "tr", "arabic": "ar", "chinese": "zh",
    "japanese": "ja", "korean": "ko", "dutch": "nl", "swedish": "sv", "norwegian": "no", "danish": "da",
    "finnish": "fi", "czech": "cs", "slovak": "sk", "hungarian": "hu", "romanian": "ro", "bulgarian": "bg",
    "serbian": "sr", "croatian": "hr", "bosnian": "bs", "slovenian": "sl", "macedonian": "mk",
    "albanian": "sq", "greek": "el", "hebrew": "he", "persian": "fa", "hindi": "hi", "urdu": "ur",
    "bengali": "bn", "indonesian": "id", "malay": "ms", "vietnamese": "vi", "thai": "th", "georgian": "ka",
    "armenian": "hy", "azerbaijani": "az", "kazakh": "kk", "belarusian": "be", "lithuanian": "lt",
    "latvian": "lv", "estonian": "et", "catalan": "ca", "swahili": "sw", "tagalog": "tl",
}  # fmt: skip
_RATE_LIMIT_HINT = "limit requests"


def _seendate(value: Any, now: datetime | None) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.strptime(value.strip(), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None
    return sane_date(parsed, now)


def _entry(article: Any, now: datetime | None) -> FeedEntry | None:
    if not isinstance(article, dict):
        return None
    url = article.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    domain = str(article.get("domain") or "").strip().lower() or None
    return FeedEntry(
        guid=None,
        url=url.strip(),
        title=plain_text(str(article.get("title") or "")),
        summary="",
        published=_seendate(article.get("seendate"), now),
        language=LANGUAGES.get(str(article.get("language") or "").strip().lower()),
        author=None,
        content_id=None,
        fetch_page=True,
        publisher=domain,
        publisher_url=f"https://{domain}" if domain else None,
    )


def _load(body: bytes, url: str) -> Any:
    text, _ = decode_body(body, "application/json; charset=utf-8")
    stripped = text.strip()
    if not stripped:
        raise ParseError("empty body", url=url)
    if not stripped.startswith(("{", "[")):
        # GDELT answers errors (rate limits, bad queries) with plain text or HTML and status 200.
        message = " ".join(plain_text(stripped).split())[:200]
        if _RATE_LIMIT_HINT in message.lower():
            raise RateLimited(f"GDELT: {message}", url=url, retry_after=5.0)
        raise ParseError(f"GDELT returned text, not JSON: {message}", url=url)
    try:
        # strict=False: GDELT titles sometimes contain raw control characters.
        return json.loads(stripped, strict=False)
    except ValueError as exc:
        raise ParseError(f"GDELT returned invalid JSON: {exc}", url=url) from exc


def parse_gdelt(body: bytes, *, url: str, now: datetime | None = None, max_entries: int = 500) -> ParsedFeed:
    """Articles of a DOC 2.0 artlist response; `{}` (GDELT's 'no results') is an empty feed."""
    data = _load(body, url)
    if not isinstance(data, dict):
        raise ParseError("GDELT JSON is not an object", url=url)
    articles = data.get("articles", [])
    if not isinstance(articles, list):
        raise ParseError("GDELT 'articles' is not a list", url=url)
    entries = [e for e in (_entry(a, now) for a in articles) if e is not None]
    skipped = len(articles) - len(entries)
    return ParsedFeed(
        title="GDELT DOC 2.0",
        language=None,
        ttl_minutes=None,
        entries=cap_entries(entries, max_entries),
        warning=f"{skipped} article(s) without a usable url skipped" if skipped else None,
    )
