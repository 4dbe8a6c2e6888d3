"""Give back the pages of lingua's shared library that its models were read from.

lingua ships its language models compressed inside its shared library (~100 MB file). Loading a model
reads that part of the file, which stays mapped and counted in the process's resident memory (7–10 MB for
the Latin-script models), although it is never read again: the models now live decompressed on the heap.
`after_classify()` asks the kernel to take those pages back (MADV_PAGEOUT on the library's read-only
data mappings; they are clean file pages, so nothing is lost, and a later model load reads them again).
The 2,000-article `poll --once` peak: ~197 -> ~187 MB (issue 16).

It checks the process's file-backed resident size first (one small read of /proc/self/statm), so the
pages are dropped only after something was read in, not on every classification. Linux only; elsewhere,
and whenever the kernel refuses, it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache
from typing import Any

MADV_PAGEOUT = 21  # Linux >= 5.4; older kernels answer EINVAL and nothing happens
_GROWTH_PAGES = 256  # 1 MB more shared pages than after the last drop: something was read in
_LIBRARY = "/lingua/lingua."  # lingua's extension module (lingua/lingua.cpython-*.so)
_shared_after_drop = 0


@cache
def _madvise() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).madvise
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    return function


def _shared_pages() -> int:
    """Resident pages backed by files (or shared memory): the third field of /proc/self/statm."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[2])


def _data_mappings(path_part: str) -> list[tuple[int, int]]:
    """(start, end) of the read-only, non-executable mappings of files whose path contains `path_part`."""
    ranges = []
    with open("/proc/self/maps") as f:
        for line in f:
            fields = line.split()
            if len(fields) >= 6 and fields[1] == "r--p" and path_part in fields[5]:
                start, end = fields[0].split("-")
                ranges.append((int(start, 16), int(end, 16)))
    return ranges


def drop() -> int:
    """Ask the kernel to take back the resident pages of lingua's read-only data; how many ranges it took."""
    global _shared_after_drop
    madvise = _madvise()
    if madvise is None:
        return 0
    try:
        ranges = _data_mappings(_LIBRARY)
        dropped = sum(madvise(start, end - start, MADV_PAGEOUT) == 0 for start, end in ranges)
        _shared_after_drop = _shared_pages()
    except OSError:
        return 0
    return dropped


def after_classify() -> None:
    """Drop lingua's model pages if files were read in since the last drop (a model was loaded)."""
    if _madvise() is None:
        return
    try:
        grown = _shared_pages() > _shared_after_drop + _GROWTH_PAGES
    except OSError:
        return
    if grown:
        drop()
