"""URL canonicalisation and dedup keys: one story via several URLs/feeds must map to one article."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote_to_bytes, urlsplit, urlunsplit

if TYPE_CHECKING:
    from scrapers.feeds import FeedEntry

# Parameters that only identify the campaign/click, never the document.
TRACKING_PARAMS = frozenset(
    {
        "maca", "fbclid", "gclid", "dclid", "yclid", "msclkid", "igshid", "mc_cid", "mc_eid",
        "ocid", "cmpid", "cmp", "xtor", "ref", "ref_src", "ref_url", "taid", "ito", "_ga", "_gl",
        "amp", "_amp", "usqp", "guccounter", "sr_share", "wt_mc", "wt.mc_id", "s_cid",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "at_", "pk_", "mtm_", "hsa_")
# Mobile/AMP hosts that serve the very same article as the main host (checked, not guessed).
HOST_ALIASES = {
    "m.dw.com": "www.dw.com",
    "amp.dw.com": "www.dw.com",
    "dw.com": "www.dw.com",
    "m.rferl.org": "www.rferl.org",
    "rferl.org": "www.rferl.org",
    "m.svoboda.org": "www.svoboda.org",
    "m.radiosvoboda.org": "www.radiosvoboda.org",
    "amp.theguardian.com": "www.theguardian.com",
    "mobile.reuters.com": "www.reuters.com",
    "m.ukrinform.ua": "www.ukrinform.ua",
    "m.ukrinform.net": "www.ukrinform.net",
    "m.pravda.com.ua": "www.pravda.com.ua",
}
DEFAULT_PORTS = {"http": 80, "https": 443}
_PATH_SAFE = "-._~!$&'()*+,;=:@"
_QUERY_SAFE = "-._~!$'()*,;:@/?"
_AMP_PATH = re.compile(r"(?:/amp/?|\.amp)$", re.I)
# Runs of characters that are not str.isalnum() (re's Unicode \w is exactly isalnum() plus "_"; checked
# over every code point when this replaced a per-character loop).
_NOT_ALNUM = re.compile(r"[\W_]+")


def _requote(part: str, safe: str) -> str:
    """Decode %XX (and raw IRI characters) to bytes, then re-encode: one spelling per character."""
    return quote(unquote_to_bytes(part), safe=safe)


def _host(netloc_host: str) -> str:
    host = netloc_host.strip().rstrip(".").lower()
    if any(ord(ch) > 127 for ch in host):
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            host = quote(host, safe=".-").lower()
    return HOST_ALIASES.get(host, host)


def _netloc(parts: object, scheme: str) -> str:
    host = _host(parts.hostname or "")  # type: ignore[attr-defined]
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port  # type: ignore[attr-defined]
    except ValueError:
        port = None
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""  # type: ignore[attr-defined]
    netloc = f"{userinfo}@{host}" if userinfo else host
    return f"{netloc}:{port}" if port and DEFAULT_PORTS.get(scheme) != port else netloc


def _path(path: str) -> str:
    segments: list[str] = []
    for segment in path.split("/")[1:] if path.startswith("/") else path.split("/"):
        if segment == "..":
            if segments:
                segments.pop()
        elif segment != ".":
            segments.append(_requote(segment, _PATH_SAFE))
    result = "/" + "/".join(segments)
    result = _AMP_PATH.sub("", result) or "/"
    # Trailing slashes are noise on article URLs (sites redirect one form to the other).
    return result.rstrip("/") or "/"


def _is_tracking(name: str, value: str) -> bool:
    key = name.lower()
    if key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES):
        return True
    return key == "outputtype" and value.lower() == "amp"


def _query(query: str) -> str:
    kept: list[tuple[str, str]] = []
    for pair in query.split("&"):
        if not pair:
            continue
        name, _, value = pair.partition("=")
        # '+' means space in query strings; spell it %20 so both forms compare equal.
        name = _requote(name.replace("+", "%20"), _QUERY_SAFE)
        value = _requote(value.replace("+", "%20"), _QUERY_SAFE)
        if name and not _is_tracking(bytes_text(name), bytes_text(value)):
            kept.append((name, value))
    kept.sort(key=lambda kv: kv[0])  # stable: repeated keys keep their order
    return "&".join(f"{k}={v}" if v else k for k, v in kept)


def bytes_text(quoted: str) -> str:
    """Readable form of a percent-encoded component (for comparisons only)."""
    return unquote_to_bytes(quoted).decode("utf-8", "replace")


@lru_cache(maxsize=8192)
def canonicalize_url(url: str) -> str:
    """One spelling per article URL: lower-case host, no tracking/fragment/default port, sorted query.

    Remembered: a poll asks for each entry's URL twice (its keys, its row), and every feed that lists a
    story and every poll of a changed feed asks again for the same URLs.
    """
    raw = url.strip()
    try:
        parts = urlsplit(raw)
    except ValueError:
        return raw
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return raw
    return urlunsplit((scheme, _netloc(parts, scheme), _path(parts.path), _query(parts.query), ""))


def normalise_text(text: str) -> str:
    """Case-, punctuation- and whitespace-insensitive form of text (letters and digits only)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_ALNUM.sub(" ", folded).split())


def content_fingerprint(title: str, text: str) -> str:
    """Stable hash of the normalised title and text, for dedup across URLs."""
    digest = hashlib.sha256(f"{normalise_text(title)}\n{normalise_text(text)}".encode())
    return digest.hexdigest()


def _host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def entry_dedup_keys(entry: FeedEntry) -> tuple[str, ...]:
    """Keys the store looks an article up by: canonical URL first, then GUID and DW content id."""
    canonical = canonicalize_url(entry.url)
    keys = [f"url:{canonical}"]
    if entry.guid:
        guid = entry.guid.strip()
        if guid.startswith(("http://", "https://")):
            keys.append(f"url:{canonicalize_url(guid)}")
        else:
            # Bare GUIDs are only unique per publisher, so scope them by host.
            keys.append(f"guid:{_host_of(canonical)}:{guid}")
    if entry.content_id:
        keys.append(f"cid:{_host_of(canonical)}:{entry.content_id.strip()}")
    return tuple(dict.fromkeys(keys))
