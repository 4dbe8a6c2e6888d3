"""Give memory back when the worker is idle: detection's models, caches, then the heap's free pages.

A worker spends most of its life waiting for the next poll. After a whole check period in which no page
or document was processed, detection's models are let go if this process holds them (with a process
pool they live in the pool, which lets itself go), and glibc is asked to return free heap pages to the
kernel: CPython frees objects to malloc, which keeps the pages (malloc_trim is glibc's; elsewhere this
step is skipped).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import logging
import os
import sys
from collections.abc import Callable
from functools import cache

log = logging.getLogger(__name__)
CHECK_SECONDS = 30.0


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function: Callable[[int], int] = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    return function


M_ARENA_MAX = -8  # glibc's mallopt parameter
MALLOC_ARENAS = 2


def limit_malloc_arenas() -> None:
    """Let glibc's malloc keep at most MALLOC_ARENAS arenas (its default: eight per core, one per thread as
    threads appear). The worker's threads (aiosqlite's, the loop's executor, extraction) mostly wait on the
    GIL or I/O, so arenas of their own buy no speed and each keeps its freed pages: ~10 MB of the
    2,000-article `poll --once` peak (issue 16). Call before threads start; the MALLOC_ARENA_MAX environment
    variable, when set, wins."""
    if os.environ.get("MALLOC_ARENA_MAX") or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt(M_ARENA_MAX, MALLOC_ARENAS)


def trim() -> None:
    """Collect cycles and return the heap's free pages to the kernel."""
    gc.collect()
    malloc_trim = _malloc_trim()
    if malloc_trim is not None:
        malloc_trim(0)


def _rss_mb() -> float | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * 4096 / 1e6
    except OSError:
        return None


class IdleMemory:
    """Called every CHECK_SECONDS: after a check period without work, release and trim once.

    `work` counts the jobs done so far (pages and documents processed); without it, detect()'s own count.
    """

    def __init__(self, work: Callable[[], int] | None = None) -> None:
        self._work = work
        self._seen = -1
        self._trimmed = True

    def _count(self) -> int | None:
        detect = sys.modules.get("service.core.detection.detect")
        uses = detect.uses() if detect is not None else 0
        if self._work is None:
            return uses if detect is not None else None  # nothing detected yet, nothing loaded
        return self._work() + uses

    def due(self) -> bool:
        """A whole check period without work since the last look, and not released since."""
        now = self._count()
        if now is None:
            return False
        if now != self._seen:
            self._seen, self._trimmed = now, False
            return False
        return not self._trimmed

    def release(self) -> None:
        """Let detection's models and caches go (if this process holds them), then trim the heap."""
        before = _rss_mb()
        if "service.core.detection.detect" in sys.modules:
            from service.core.detection import resources

            resources.release()
        trim()
        self._trimmed = True
        log.info("idle: memory released, heap trimmed rss_mb=%s->%s", before, _rss_mb())

    def check(self) -> bool:
        """Release when due; True when it let memory go this time."""
        if not self.due():
            return False
        self.release()
        return True
