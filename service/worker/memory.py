"""Give memory back when the worker is idle: detection's models, then the heap's free pages.

A worker spends most of its life waiting for the next poll. After a whole check period in which detection
looked at no document, its models are let go (they load again on the next article, in well under a
second) and glibc is asked to return free heap pages to the kernel: CPython frees objects to malloc, which
keeps the pages (malloc_trim is glibc's; elsewhere this step is skipped).
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
    """Called every CHECK_SECONDS: after a check period without detection, release and trim once."""

    def __init__(self) -> None:
        self._seen = -1
        self._trimmed = True

    def check(self) -> bool:
        """True when it let memory go this time."""
        detect = sys.modules.get("service.core.detection.detect")
        if detect is None:  # nothing detected yet, nothing loaded
            return False
        from service.core.detection import resources

        now = detect.uses()
        if now != self._seen:
            self._seen, self._trimmed = now, False
            return False
        if self._trimmed:
            return False
        before = _rss_mb()
        resources.release()
        trim()
        self._trimmed = True
        log.info("idle: detection models released, heap trimmed rss_mb=%s->%s", before, _rss_mb())
        return True
