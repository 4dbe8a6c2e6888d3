"""Article text extraction off the event loop: a process pool, since trafilatura is CPU-bound."""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import Literal

from scrapers.extract import Extracted, extract_article
from scrapers.text import decode_body
from service.core.detection.detect import prefilter

Skipped = Literal["skipped"]
SKIPPED: Skipped = "skipped"


def _extract(body: bytes, url: str, encoding: str | None, candidates_only: bool) -> Extracted | Skipped | None:
    # Runs in the pool, off the event loop. Only pages that could be about an exchange get trafilatura's
    # slower fallback extractors; the rest get the fast path, or no extraction at all in candidates_only.
    if candidates_only:
        text, _ = decode_body(body, f"text/html; charset={encoding}" if encoding else None)
        if not prefilter(text):
            return SKIPPED
    return extract_article(body, url=url, encoding=encoding, thorough=prefilter)


class Extractor:
    """`processes` workers (1: a single thread in this process, handy for tests and small machines)."""

    def __init__(self, processes: int) -> None:
        self.processes = max(1, processes)
        self._pool: Executor
        if self.processes == 1:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        else:
            # spawn: forking a process that runs an event loop and threads is unsafe.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=context)

    async def extract(
        self, body: bytes, *, url: str, encoding: str | None, candidates_only: bool = False
    ) -> Extracted | Skipped | None:
        """The page's text and metadata; SKIPPED when `candidates_only` and the page cannot be relevant."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _extract, body, url, encoding, candidates_only)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
