"""Article text extraction off the event loop: a process pool, since trafilatura is CPU-bound."""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

from scrapers.extract import Extracted, extract_article


def _always(_text: str) -> bool:
    return True


def _never(_text: str) -> bool:
    return False


def _extract(body: bytes, url: str, encoding: str | None, thorough: bool) -> Extracted | None:
    # Runs in the pool, off the event loop. Only pages that could be about an exchange (the caller's
    # prefilter) get trafilatura's slower fallback extractors; the rest get the fast path.
    return extract_article(body, url=url, encoding=encoding, thorough=_always if thorough else _never)


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

    async def extract(self, body: bytes, *, url: str, encoding: str | None, thorough: bool = True) -> Extracted | None:
        """The page's text and metadata (None: no main text); `thorough` adds the fallback extractors."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, _extract, body, url, encoding, thorough)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
