"""The polling child of `exchangewatch worker`: the scheduled ticks (poll, process, deliver, retention),
started by the parent (service/worker/supervisor.py) when work is due, gone after WORKER_IDLE_EXIT_SECONDS
without any.

Run as `python -m service.worker.child FD`: the parent's Settings arrive pickled on stdin (secrets and the
command line's flags included); one JSON line per finished tick and the child's counters go back on FD.
The child dies with its parent (PR_SET_PDEATHSIG, SIGKILL), so a parent killed with SIGKILL leaves no orphan.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import pickle
import signal
import sys
from typing import IO, Any

from service.settings import Settings


def die_with_parent(parent: int) -> None:
    """Ask the kernel for SIGKILL when the parent goes (Linux), and leave if it has already gone.

    SIGKILL, not SIGTERM: a worker killed with SIGKILL dies as a whole, mid-tick, as one process did; its
    leases expire and the next worker redoes the work (tests/ops/test_crash_safety.py).
    """
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's shutdown still stops the child
        pass
    if os.getppid() != parent:
        sys.exit(0)


class Reporter:
    """Writes the child's news to the parent: a tick's name when it finishes, the counters when they moved."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self._sent: list[Any] = []

    def tick(self, name: str) -> None:
        self._send({"tick": name})
        self.counters()

    def counters(self) -> None:
        """The counters' and histograms' cumulative samples, when they moved (service.metrics.counted_samples)."""
        from service.metrics import counted_samples

        samples = [list(sample) for sample in counted_samples()]
        if samples != self._sent:
            self._sent = samples
            self._send({"metrics": samples})

    def _send(self, message: dict[str, Any]) -> None:
        try:
            self.out.write(json.dumps(message).encode() + b"\n")
            self.out.flush()
        except (BrokenPipeError, ValueError):  # the parent is gone; its death signal stops us
            pass


async def run(settings: Settings, reporter: Reporter) -> None:
    from service.bootstrap import sync_feed_list
    from service.db import Database
    from service.worker.runner import WorkerRuntime

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    db = Database(settings.database_url)
    try:
        await sync_feed_list(settings, db)
        runtime = WorkerRuntime(settings, db, on_tick=reporter.tick)
        await runtime.start()
        try:
            limit = settings.worker_idle_exit_seconds
            while not stop.is_set() and runtime.idle_seconds() < limit:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=min(1.0, limit))
        finally:
            await runtime.stop()
    finally:
        await db.dispose()
        reporter.counters()


def main() -> None:
    fd, parent = int(sys.argv[1]), int(sys.argv[2])
    die_with_parent(parent)
    from service.worker.memory import limit_malloc_arenas

    limit_malloc_arenas()  # as `exchangewatch`'s main does, before any thread starts
    settings: Settings = pickle.load(sys.stdin.buffer)
    from service.logs import configure_logging
    from service.store.outage import QuietDuringOutage

    secrets = [settings.admin_token_value() or ""]
    configure_logging(settings.log_format, settings.log_level, secrets=secrets, filters=[QuietDuringOutage()])
    with os.fdopen(fd, "wb") as out:
        reporter = Reporter(out)
        asyncio.run(run(settings, reporter))


if __name__ == "__main__":
    main()
