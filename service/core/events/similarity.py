"""Cheap, deterministic text signatures for grouping reports of the same event.

A bottom-k MinHash sketch: every word shingle is hashed once with a mixed CRC-32 (stable across
processes, unlike the built-in ``hash()``), and the ``size`` smallest hashes are kept.
The sketch of a union is the bottom-k of the two sketches, so an event's signature can absorb each new
report without keeping its text. Works within one language; numbers and names carry across languages.
"""

from __future__ import annotations

import heapq
import re
import zlib
from collections.abc import Iterable, Sequence

DEFAULT_SIZE = 64
DEFAULT_SHINGLE = 2

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (Unicode letters and digits, so Cyrillic works too)."""
    return _WORD.findall(text.lower())


def _hash(token: str) -> int:
    # CRC-32 is fast and stable across processes; the multiply-xorshift finaliser spreads its linear
    # structure so the smallest values are a fair sample. 32 bits keep signatures exact in JSON anywhere.
    x = zlib.crc32(token.encode("utf-8"))
    x = ((x ^ (x >> 16)) * 0x45D9F3B) & 0xFFFFFFFF
    x = ((x ^ (x >> 16)) * 0x45D9F3B) & 0xFFFFFFFF
    return x ^ (x >> 16)


def shingles(tokens: Sequence[str], k: int = DEFAULT_SHINGLE) -> set[str]:
    """Word k-grams; a text shorter than k yields its single joined token."""
    if len(tokens) < k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)}


def signature(texts: Iterable[str], *, size: int = DEFAULT_SIZE, k: int = DEFAULT_SHINGLE) -> tuple[int, ...]:
    """Bottom-k MinHash sketch of the texts' word shingles, sorted ascending."""
    grams: set[str] = set()
    for text in texts:
        grams |= shingles(words(text), k)
    return tuple(sorted(heapq.nsmallest(size, {_hash(g) for g in grams})))


def merge(a: Sequence[int], b: Sequence[int], *, size: int = DEFAULT_SIZE) -> tuple[int, ...]:
    """The sketch of the union of the two sketched texts."""
    return tuple(sorted(set(a) | set(b))[:size])


def similarity(a: Sequence[int], b: Sequence[int], *, size: int = DEFAULT_SIZE) -> float:
    """Estimated Jaccard similarity of two sketches (0.0 when either is empty)."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    union = sorted(sa | sb)[:size]
    both = sa & sb
    return sum(1 for h in union if h in both) / len(union)
