"""What extraction returns, in a module of its own: the extraction process pickles it back to the worker,
and unpickling imports the class's module — which must not be the one importing trafilatura (~26 MB)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Extracted:
    """What an article page says about itself: main text plus metadata."""

    title: str | None
    text: str
    published: datetime | None
    language: str | None
    author: str | None
    sitename: str | None
    thorough: bool = True  # False: the fast path (no fallback extractors) was enough for this page
