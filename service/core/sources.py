"""Which sources are official primary sources (presidents, ministries, the Coordination Headquarters), and
which side a source speaks for.

Pure: a URL and a source label in, a yes/no (or a side) out. The list is data (topics/official_sources.toml), so the
flows (an article found through an aggregator) and the evaluation replay decide it the same way.
"""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from importlib import resources
from urllib.parse import urlsplit

_SIDES = ("ua", "ru", "mediators")  # the tables of official_sources.toml: whose "we" a source's text means


@cache
def _data() -> dict[str, dict[str, list[str]]]:
    # Read beside the package, not through it: importing service.core.topics builds detection's character
    # tables (~50 ms), which storing a poll's entries does not need
    # (nor a worker's memory: with a pool, detection never loads in the worker process).
    raw = resources.files("service.core").joinpath("topics", "official_sources.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


@cache
def _official(side: str) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """(hosts, Telegram channels, names) of one side's official sources."""
    data = _data().get(side, {})
    hosts = tuple(h.lower().strip(".") for h in data.get("hosts", ()))
    channels = frozenset(name.lower() for name in data.get("telegram", ()))
    return hosts, channels, tuple(name.casefold() for name in data.get("names", ()))


def _named(label: str, side: str) -> bool:
    folded = " ".join(label.casefold().split())
    return bool(folded) and any(name in folded for name in _official(side)[2])


def _telegram_channel(host: str, path: str) -> str | None:
    if host not in ("t.me", "telegram.me"):
        return None
    parts = [p for p in path.split("/") if p]
    if parts[:1] == ["s"]:
        parts = parts[1:]
    return parts[0].lower() if parts else None


@lru_cache(maxsize=4096)  # sources repeat (a few hosts and channels); asked for every new article
def _official_side_of_address(address: str) -> str | None:
    if not address:
        return None
    parsed = urlsplit(address if "//" in address else "//" + address)
    host = (parsed.hostname or "").removeprefix("www.")
    channel = _telegram_channel(host, parsed.path)
    for side in _SIDES:
        hosts, channels, _ = _official(side)
        if channel is not None and channel in channels:
            return side
        if channel is None and any(host == h or host.endswith("." + h) for h in hosts):
            return side
    return None


def _official_side(url: str, source: str) -> str | None:
    """The table an official source is listed in, by its URL, its source label's address or its name."""
    side = _official_side_of_address(url) or _official_side_of_address(source)
    return side or next((s for s in _SIDES if _named(source, s)), None)


def is_official(url: str = "", source: str = "") -> bool:
    """True when the article's URL or its source label ("t.me/Koordshtab", "president.gov.ua", "Координаційний
    штаб (Telegram)") is official."""
    return _official_side(url, source) is not None


_SIDE_OF_TLD = {"ua": "ua", "ru": "ru", "su": "ru", "xn--p1ai": "ru", "рф": "ru"}


def source_side(url: str = "", source: str = "") -> str | None:
    """The side whose "we"/"our" ("наших", "нам", "our defenders") a source's text means: "ua" or "ru" — the
    side an official source speaks for (Medinsky's channel, the Coordination Headquarters), else the address's
    country domain (pravda.com.ua, rbc.ru, минобороны.рф), else None."""
    official = _official_side(url, source)
    if official in ("ua", "ru"):
        return official
    for address in (url, source):
        if not address or " " in address.strip():
            continue
        parsed = urlsplit(address if "//" in address else "//" + address)
        side = _SIDE_OF_TLD.get((parsed.hostname or "").rsplit(".", 1)[-1])
        if side is not None:
            return side
    return None
