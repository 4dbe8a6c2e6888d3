"""Cheap, deterministic text signatures for grouping reports of the same event.

A bottom-k MinHash sketch: every word shingle is hashed once with an unkeyed BLAKE2b digest
(stable across processes, unlike the built-in ``hash()``), and the ``size`` smallest hashes are kept.
The sketch of a union is the bottom-k of the two sketches, so an event's signature can absorb each new
report without keeping its text. Works within one language; numbers and names carry across languages.
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections.abc import Iterable, Sequence

DEFAULT_SIZE = 64
DEFAULT_SHINGLE = 2

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens (Unicode letters and digits, so Cyrillic works too)."""
    return _WORD.findall(text.lower())


def _hash(token: str) -> int:
    # 32 bits keeps signatures exact in JSON for any client (JavaScript numbers included).
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=4).digest(), "big")


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
    return tuple(sorted(heapq.nsmallest(size, set(a) | set(b))))


def similarity(a: Sequence[int], b: Sequence[int], *, size: int = DEFAULT_SIZE) -> float:
    """Estimated Jaccard similarity of two sketches (0.0 when either is empty)."""
    if not a or not b:
        return 0.0
    union = heapq.nsmallest(size, set(a) | set(b))
    sa, sb = set(a), set(b)
    both = sum(1 for h in union if h in sa and h in sb)
    return both / len(union)
