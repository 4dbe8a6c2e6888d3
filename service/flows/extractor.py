"""Article text extraction and detection off the event loop: a process pool, since both are CPU-bound.

The pool starts when the first page needs extracting and shuts down after `idle_seconds` without work, so
an idle worker does not hold two ~60 MB interpreters. With a pool, detection (the topic, lingua's models,
pymorphy3's dictionaries) and the page prefilter run there too, so they live and die with the pool's
processes: the worker process itself never loads them, and its idle memory is its imports plus what
polling and storing keep (issue 16). With one process (`poll --once`, EXTRACT_PROCESSES=1) both run here.

The pool's processes die with their parent: on Linux the kernel sends them SIGKILL when the parent dies
(PR_SET_PDEATHSIG), elsewhere a watcher thread notices the parent is gone; shutdown waits for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import functools
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from scrapers.extracted import Extracted
    from service.core.domain import Document, Report

_T = TypeVar("_T")
PR_SET_PDEATHSIG = 1
IDLE_SECONDS = 60.0


TRIM_INTERVAL_SECONDS = 1.0
_last_trim = 0.0


def trim_now_and_then() -> None:
    """Return the heap's free pages to the kernel, at most once every TRIM_INTERVAL_SECONDS: called after
    each page and document a process works on (this module's jobs, in the pool or in-process).

    glibc gives freed memory back only from the top of the heap; pages freed below live objects stay
    resident until malloc_trim. A run's churn (pages parsed by lxml, lingua's model loading, ORM rows) left
    10–20 MB free inside the heap at the 2,000-article `poll --once` peak; trimming once a second while
    work goes on lowered that peak by ~8 MB (issue 16). One call costs ~0.04 ms when there is nothing to
    give back, so the interval bounds the cost, not the gain."""
    global _last_trim
    now = time.monotonic()
    if now - _last_trim < TRIM_INTERVAL_SECONDS:
        return
    _last_trim = now
    malloc_trim = _malloc_trim()
    if malloc_trim is not None:
        malloc_trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim (None elsewhere: musl has none; not Linux). service.worker.memory has its own,
    for the worker's parent, which imports no flow."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function: Callable[[int], int] = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    return function


def _always(_text: str) -> bool:
    return True


def _never(_text: str) -> bool:
    return False


def _extract(body: bytes, url: str, encoding: str | None, thorough: bool) -> Extracted | None:
    # Runs in the pool, off the event loop. Only pages that could be about an exchange (the caller's
    # prefilter) get trafilatura's slower fallback extractors; the rest get the fast path.
    from scrapers.extract import extract_article

    return extract_article(body, url=url, encoding=encoding, thorough=_always if thorough else _never)


@dataclass(frozen=True)
class PageWork:
    """What the pool made of a fetched page: whether it passed the prefilter, and its extraction."""

    candidate: bool  # the item or the page's visible text passed the prefilter
    extracted: Extracted | None  # None: not extracted (skipped), or no main text found
    skipped: bool = False  # not a candidate, and only candidates are extracted


def _page(body: bytes, url: str, encoding: str | None, item: str, extract_all: bool) -> PageWork:
    # Runs in the pool: the prefilter on the item's text, then on the page's visible text (a regex pass
    # over ~100 KB), uses the pool's core as extraction does, and the event loop only downloads.
    from service.flows.pages import candidate as passes
    from service.flows.pages import page_candidate

    candidate = passes(item) or page_candidate(body, encoding)
    if not candidate and not extract_all:
        work = PageWork(False, None, skipped=True)
    else:
        work = PageWork(candidate, _extract(body, url, encoding, candidate))
    trim_now_and_then()
    return work


def _detect(doc: Document) -> Report:
    from service.core.detection.detect import detect  # on first use: a poll with nothing new need not load it

    report = detect(doc)
    trim_now_and_then()
    return report


def _ready() -> None:
    """A no-op job: submitting it makes the pool spawn a process (and its initializer import)."""


def _retrieved(done: asyncio.Future[None]) -> None:
    """A warming job's outcome is not awaited; a pool that failed to start shows in the next real job."""
    if not done.cancelled():
        done.exception()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _die_with_parent(parent: int) -> None:
    """Pool initializer: end this process when `parent` ends, however it ends (SIGKILL included)."""
    # Ctrl-C reaches the whole process group; the parent decides when its pool stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    armed = False
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        armed = libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(0)
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()
    import scrapers.extract  # noqa: F401  # pay the import once, not inside the first page's time
    from service.core.detection.detect import warm_up

    warm_up()  # and detection's topic and models, while the first pages download


_process_pools: set[int] = set()  # the Extractors (by id) whose process pool is running or retiring


def _stop_resource_tracker() -> None:
    """End multiprocessing's resource tracker (a ~13 MB process the first pool started) once no pool is left.

    It tracks the pools' named semaphores; those of a pool that was shut down are unregistered when the pool
    is collected, so collect first. The next pool starts a new tracker. Private API: skipped if it changes.
    """
    gc.collect()
    from multiprocessing import resource_tracker

    stop = getattr(resource_tracker._resource_tracker, "_stop", None)
    if stop is not None:
        with contextlib.suppress(Exception):
            stop()


class Extractor:
    """`processes` workers (1: a single thread in this process, handy for tests and small machines)."""

    def __init__(self, processes: int, *, idle_seconds: float = IDLE_SECONDS) -> None:
        self.processes = max(1, processes)
        self.idle_seconds = idle_seconds
        self._pool: Executor | None = None
        self._busy = 0
        self._idle_timer: asyncio.TimerHandle | None = None
        self._retiring: set[asyncio.Future[None]] = set()
        self.jobs = 0  # pages and documents handled so far: an idle spell is one without new jobs

    def _start(self) -> Executor:
        if self.processes == 1:
            return ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
        # spawn: forking a process that runs an event loop and threads is unsafe.
        _process_pools.add(id(self))
        return ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
        )

    @property
    def running(self) -> bool:
        return self._pool is not None

    def warm(self) -> None:
        """Start the pool's processes now, in the background (called when articles are about to be
        processed, so spawning, imports and detection's models overlap the page downloads)."""
        if self._pool is not None or self.processes == 1:
            return
        pool = self._pool = self._start()
        loop = asyncio.get_running_loop()
        for _ in range(self.processes):
            loop.run_in_executor(pool, _ready).add_done_callback(_retrieved)
        if not self._busy and self._idle_timer is None:
            self._idle_timer = loop.call_later(self.idle_seconds, self._shrink)

    async def extract(self, body: bytes, *, url: str, encoding: str | None, thorough: bool = True) -> Extracted | None:
        """The page's text and metadata (None: no main text); `thorough` adds the fallback extractors."""
        return await self._run(_extract, body, url, encoding, thorough)

    async def page(self, body: bytes, *, url: str, encoding: str | None, item: str, extract_all: bool) -> PageWork:
        """Prefilter a fetched page on its feed item's text (`item`: title and summary), then on its
        visible text, and extract it if it passed or `extract_all`; all in the pool."""
        return await self._run(_page, body, url, encoding, item, extract_all)

    async def detect(self, doc: Document) -> Report:
        """Detection on one document: in the pool when there is one, so its models stay out of this
        process; in-process (one process) on the event loop, as before the pool existed."""
        if self.processes == 1:
            self.jobs += 1
            return _detect(doc)
        return await self._run(_detect, doc)

    async def _run(self, job: Callable[..., _T], *args: Any) -> _T:
        self.jobs += 1
        if self._pool is None:
            self._pool = self._start()
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None
        loop = asyncio.get_running_loop()
        pool = self._pool
        self._busy += 1
        try:
            return await loop.run_in_executor(pool, job, *args)
        finally:
            self._busy -= 1
            if not self._busy:
                self._idle_timer = loop.call_later(self.idle_seconds, self._shrink)

    def _shrink(self) -> None:
        """Idle for `idle_seconds`: let the processes go (the next page starts a new pool)."""
        self._idle_timer = None
        if self._busy or self._pool is None:
            return
        pool, self._pool = self._pool, None
        # Joined in a thread so the loop keeps going; aclose() still waits for it.
        retiring = asyncio.ensure_future(asyncio.to_thread(pool.shutdown, wait=True))
        del pool
        self._retiring.add(retiring)
        retiring.add_done_callback(self._retired)

    def _retired(self, retiring: asyncio.Future[None]) -> None:
        self._retiring.discard(retiring)
        self._forget_pool()

    def _forget_pool(self) -> None:
        """No pool of this Extractor is left: when no other has one either, end the resource tracker."""
        if self._pool is None and not self._retiring and id(self) in _process_pools:
            _process_pools.discard(id(self))
            if not _process_pools:
                _stop_resource_tracker()

    async def aclose(self) -> None:
        """Stop the pool and wait for its processes to exit (off the event loop)."""
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)
            del pool
        if self._retiring:
            await asyncio.gather(*self._retiring, return_exceptions=True)
        self._forget_pool()

    def close(self) -> None:
        """Synchronous stop for callers without a running loop; waits for the processes too."""
        pool, self._pool = self._pool, None
        if pool is not None:
            with contextlib.suppress(Exception):
                pool.shutdown(wait=True, cancel_futures=True)
