"""Which articles get their page fetched and extracted: the page policy and the cheap-text prefilter.

Extraction (trafilatura) is the most expensive step of ingest and ~95 % of news pages cannot be about an
exchange. The prefilter asks, on cheap text only — the feed item's title and summary first, then the
page's visible text — whether all three parts of evidence (an object, a predicate, a party) appear. It
uses the topic's own prefilter vocabulary through its public loader, so it keeps everything detection
can find.
"""

from __future__ import annotations

from typing import Literal

from scrapers.text import decode_body
from scrapers.visible import visible_text

PagePolicy = Literal["all", "candidates", "none"]


def candidate(text: str) -> bool:
    """True when the text names an object, a predicate and a party: it could be about an exchange.

    Normalising only the distinct whitespace-separated words (a page repeats most of its words) gives
    the same tokens as normalising the whole text, at a fraction of the cost.
    """
    if not text:
        return False
    # Here, not at the top: the topic module builds its character tables on import (~50 ms), which a
    # `poll --once` that finds nothing new never needs.
    from service.core.topics import load_topic, normalize, tokenize

    words = " ".join(set(text.lower().split()))
    tokens = set(tokenize(normalize(words)))
    cuts: dict[int, set[str]] = {}
    return all(part.hit(tokens, cuts) for part in load_topic().prefilter)


def item_text(title: str | None, summary: str | None) -> str:
    return f"{title or ''}\n{summary or ''}"


def page_candidate(body: bytes, encoding: str | None) -> bool:
    """The prefilter on a fetched page's visible text (never the raw HTML: most of it is inline script)."""
    text, _ = decode_body(body, f"text/html; charset={encoding}" if encoding else None)
    return candidate(visible_text(text))
