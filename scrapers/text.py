"""Small text helpers shared by the parsers: markup stripping, charset decoding, language codes."""

from __future__ import annotations

import codecs
import html
import re

_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)[^<>]*>|<!--.*?-->", re.S)
# Inline tags vanish without a space ('<b>x</b>.' → 'x.'); any other tag separates words.
_INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "code",
        "em",
        "font",
        "i",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "u",
    }
)
_DROP_BLOCKS = re.compile(r"<(script|style|noscript)\b[^>]*>.*?</\1\s*>", re.S | re.I)
_BREAKS = re.compile(r"<br\s*/?>|</(p|div|li|h[1-6]|blockquote|tr)\s*>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b", re.I | re.S)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I)
_LANG = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]{1,8})*$")
# Latin-1 letters dominating decoded text is the classic sign of Cyrillic/Greek bytes read as latin-1.
_MOJIBAKE = re.compile(r"[\u00c0-\u00ff]")


def _tag_gap(match: re.Match[str]) -> str:
    name = match.group(1)
    return "" if name and name.lower() in _INLINE else " "


def plain_text(value: str | None) -> str:
    """Markup stripped, entities unescaped (also double-escaped ones), whitespace collapsed."""
    text = value or ""
    # Feeds escape titles once, twice, or not at all; unescape until stable (bounded).
    for _ in range(3):
        stripped = html.unescape(_TAG.sub(_tag_gap, _DROP_BLOCKS.sub(" ", text)))
        if stripped == text:
            break
        text = stripped
    return " ".join(_CONTROL.sub(" ", text).split())


def html_to_text(value: str | None) -> str:
    """Like plain_text but keeps line breaks for <br> and block ends (full post/article bodies)."""
    marked = _BREAKS.sub("\n", _DROP_BLOCKS.sub(" ", value or ""))
    text = _CONTROL.sub(" ", html.unescape(_TAG.sub(_tag_gap, marked)))
    lines = (" ".join(_SPACES.sub(" ", line).split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def looks_like_html(body: bytes) -> bool:
    """True when the bytes start like an HTML document (an error page or a site instead of a feed)."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    lowered = head.lower()
    return b"<html" in lowered and b"<rss" not in lowered and b"<feed" not in lowered


def normalise_language(value: str | None) -> str | None:
    """'en-US', 'uk_UA', 'RU' → ISO 639-1 lower-case; anything else → None."""
    if not value:
        return None
    match = _LANG.match(value.strip())
    return match.group(1).lower() if match else None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def declared_charset(body: bytes, content_type: str | None = None) -> str | None:
    """Charset from the Content-Type header, else the XML declaration, else a <meta> tag."""
    if content_type and "charset=" in content_type.lower():
        found = _codec(content_type.lower().split("charset=", 1)[1].split(";")[0].strip("\"' "))
        if found:
            return found
    head = body[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match and (found := _codec(match.group(1).decode("ascii", "ignore"))):
            return found
    return None


def _looks_mojibake(text: str) -> bool:
    letters = sum(1 for ch in text if ch.isalpha())
    return letters > 20 and len(_MOJIBAKE.findall(text)) / letters > 0.3


def detect_charset(body: bytes, declared: str | None) -> str:
    """Best charset for bytes: valid UTF-8 wins, then the declared one unless it yields mojibake."""
    lossy = body.decode("utf-8", errors="replace")
    invalid = lossy.count("\ufffd")
    # A few broken sequences in otherwise valid UTF-8 are damage, not another charset.
    if invalid == 0 or invalid < 0.25 * sum(1 for ch in lossy if ord(ch) > 127):
        return "utf-8"
    import charset_normalizer  # here: only a body that is not UTF-8 needs it (~20 ms, ~2.4 MB to import)

    guess = charset_normalizer.from_bytes(body[:200_000]).best()
    guessed = _codec(guess.encoding) if guess else None
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        try:
            decoded = body.decode(declared)
        except UnicodeDecodeError:
            decoded = None
        if decoded is not None and not (guessed and guessed != declared and _looks_mojibake(decoded)):
            return declared
    return guessed or "windows-1252"


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode bytes robustly → (text, charset used); never raises."""
    charset = detect_charset(body, declared_charset(body, content_type))
    text = body.decode(charset, errors="replace")
    return text.lstrip("\ufeff"), charset


_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэъёЫЭЪЁ")


def guess_cyrillic_language(text: str) -> str | None:
    """'uk' or 'ru' from letters only one of the two alphabets has; None when undecided."""
    uk = sum(1 for ch in text if ch in _UK_LETTERS)
    ru = sum(1 for ch in text if ch in _RU_LETTERS)
    if uk == ru:
        return None
    return "uk" if uk > ru else "ru"
