"""The visible text of an HTML page, cheaply: scripts, styles, inline JSON and markup dropped.

Used to decide whether a page deserves extraction, so it must cost far less than extraction itself:
it scans for the few elements whose content is never text with literal searches (C speed) instead of
building a tree, then drops the remaining tags with two regular expressions.
"""

from __future__ import annotations

import html
import re

# Elements whose content is not visible text. `head` holds the title, which the caller has from the feed.
_HIDDEN = ("script", "style", "noscript", "template", "svg", "head", "textarea")
_OPEN = re.compile(r"<(?i:(script|style|noscript|template|svg|head|textarea)\b)|<!--")
_CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in _HIDDEN}
# Inline tags vanish without a space ('Ukr<b>ai</b>ne' stays one word); any other tag separates words.
# The names are factored and led by a class of their first letters (case-insensitive as the names are), so the
# ~1,600 tags of a page are not each tried against sixteen alternatives: the same matches at half the cost.
_INLINE_TAG = re.compile(
    r"</?(?i:(?=[abcefimqsu])(?:a(?:bbr)?|b|code|em|font|i|mark|q|s(?:mall|pan|trong|ub|up)?|u))\b[^<>]*>"
)
_TAG = re.compile(r"<[^<>]*>")


def _without_hidden(page: str) -> str:
    kept: list[str] = []
    pos = 0
    while (found := _OPEN.search(page, pos)) is not None:
        kept.append(page[pos : found.start()])
        if found.group(1) is None:  # a comment
            end = page.find("-->", found.end())
            pos = len(page) if end < 0 else end + 3
        else:
            close = _CLOSE[found.group(1).lower()].search(page, found.end())
            pos = len(page) if close is None else close.end()
        kept.append(" ")
    kept.append(page[pos:])
    return "".join(kept)


def visible_text(page: str) -> str:
    """Text a reader could see on the page (menus and teasers included), entities unescaped."""
    text = _TAG.sub(" ", _INLINE_TAG.sub("", _without_hidden(page)))
    return html.unescape(text) if "&" in text else text
