"""`exchangewatch worker`'s parent process: a small scheduler that starts the polling child when work is due.

Why two processes (issue 16): the ticks need ~77 MB of imports (SQLAlchemy's ORM paths, httpx, feedparser,
lxml, trafilatura, detection) and leave ~20 MB of heap after a day's polling that Python cannot give back.
The parent imports only the probes' share (settings, the database and its health queries, uvicorn,
prometheus_client; ~70 MB) and holds no per-article state, so an idle worker is the parent alone.

- Every SCHEDULER_TICK_SECONDS without a child, the parent asks the database whether anything is due (a feed,
  a pending article, a webhook message: `store.health.work_due`); if so it starts the child
  (`python -m service.worker.child`), which syncs the feed list, runs the ticks as a one-process worker
  would, and exits after WORKER_IDLE_EXIT_SECONDS without work.
- The child reports each finished tick and its counters on a pipe: /health's scheduler lag is the time since
  the last poll tick (the child's, or the parent's own due check while there is no child), and /metrics adds
  the child's counters to the parent's (a finished child's counts stay; read and served through
  prometheus_client's public collect() and Metric, service.metrics.ChildCounts).
- A child that exits with an error before finishing a tick failed to start (a feed list it cannot read, a
  broken install): the parent logs it at ERROR with the exit code and waits before the next start, 1 s
  doubling to 5 minutes; a child that finishes a tick resets the wait.
- SIGTERM stops the parent's loop, then the child (SIGTERM, its ticks drain, then SIGKILL after the grace);
  the child dies with its parent (PR_SET_PDEATHSIG), so SIGKILL on the parent leaves no orphan.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import pickle
import sys
from datetime import UTC, datetime
from typing import Any

from service.db import Database
from service.metrics import ChildCounts, WithChildCounts
from service.settings import Settings

log = logging.getLogger(__name__)
RESTART_FIRST_SECONDS = 1.0  # the wait after a child's first failed start; doubled after each further one
RESTART_MAX_SECONDS = 300.0


def restart_delay(failures: int, first: float = RESTART_FIRST_SECONDS) -> float:
    """Seconds to wait before the next child after `failures` failed starts in a row (0: none failed)."""
    if failures <= 0:
        return 0.0
    return min(RESTART_MAX_SECONDS, first * 2 ** min(failures - 1, 30))


class Supervisor:
    """The parent's side: the due check, the child's life, and what the probes read (running, lag)."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self.settings = settings
        self.db = db
        self.last_run: dict[str, datetime] = {}
        self.started_at: datetime | None = None
        self.children_started = 0
        self.child: asyncio.subprocess.Process | None = None
        self._task: asyncio.Task[None] | None = None
        self._reader: asyncio.Task[None] | None = None
        self.counts = ChildCounts()
        self.metrics = WithChildCounts(self.counts)  # what /metrics serves in the parent
        self.failed_starts = 0  # children in a row that exited with an error before finishing a tick
        self.restart_first_seconds = RESTART_FIRST_SECONDS
        self._child_ticked = False
        self._not_before = 0.0  # loop time before which no child is started (after failed starts)

    async def start(self) -> None:
        self.started_at = datetime.now(UTC)
        self._task = asyncio.create_task(self._loop())
        log.info(
            "worker supervisor started (polling child exits after %.0f s idle)", self.settings.worker_idle_exit_seconds
        )

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def lag_seconds(self, now: datetime) -> float | None:
        """How late the poll loop is against its interval (None before its first run)."""
        last = self.last_run.get("poll")
        if last is None:
            return None
        return max(0.0, (now - last).total_seconds() - self.settings.scheduler_tick_seconds)

    async def _loop(self) -> None:
        from service.store import health as health_store

        due = True  # at start: the child syncs the feed list and polls what is due
        while True:
            if self.child is not None and self.child.returncode is not None:
                await self._reap()
            if self.child is None:
                if not due:
                    try:
                        async with self.db.reader() as session:
                            due = await health_store.work_due(session, now=_naive_utc())
                        self.last_run["poll"] = datetime.now(UTC)
                    except Exception:  # a database outage: try again next tick (the probes report it)
                        log.debug("due check failed", exc_info=True)
                if due and asyncio.get_running_loop().time() >= self._not_before:
                    await self._spawn()
                    due = False
            await asyncio.sleep(self.settings.scheduler_tick_seconds)

    async def _spawn(self) -> None:
        read_fd, write_fd = os.pipe()
        try:
            self.child = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "service.worker.child",
                str(write_fd),
                str(os.getpid()),
                stdin=asyncio.subprocess.PIPE,
                pass_fds=(write_fd,),
            )
        except BaseException:
            os.close(read_fd)
            raise
        finally:
            os.close(write_fd)
        self.children_started += 1
        self._child_ticked = False
        self._reader = asyncio.create_task(self._read(read_fd))
        assert self.child.stdin is not None
        self.child.stdin.write(pickle.dumps(self.settings))
        await self.child.stdin.drain()
        self.child.stdin.close()
        log.info("polling child started pid=%d", self.child.pid)

    async def _read(self, fd: int) -> None:
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=1 << 24)
        transport, _ = await loop.connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", buffering=0)
        )
        try:
            async for line in reader:
                try:
                    self._message(json.loads(line))
                except Exception:  # one bad line loses one report, never the parent
                    log.exception("unreadable report from the polling child")
        finally:
            transport.close()

    def _message(self, message: dict[str, Any]) -> None:
        if "tick" in message:
            self.last_run[str(message["tick"])] = datetime.now(UTC)
            self._child_ticked = True
            self.failed_starts = 0  # this child started: the next failure waits the first delay again
        if "metrics" in message:
            self.counts.report([(str(name), dict(labels), float(value)) for name, labels, value in message["metrics"]])

    async def _reap(self) -> None:
        child, self.child = self.child, None
        if self._reader is not None:
            await self._reader  # the child's last counters
            self._reader = None
        self.counts.child_ended()
        if child is None:
            return
        if child.returncode and not self._child_ticked:
            self.failed_starts += 1
            wait = restart_delay(self.failed_starts, self.restart_first_seconds)
            self._not_before = asyncio.get_running_loop().time() + wait
            log.error(
                "polling child failed to start pid=%d code=%s (%d in a row); next start in %.1f s at the earliest",
                child.pid,
                child.returncode,
                self.failed_starts,
                wait,
            )
            return
        log.info("polling child exited pid=%d code=%s", child.pid, child.returncode)

    async def stop(self, *, grace_seconds: float = 10.0) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        child = self.child
        if child is not None and child.returncode is None:
            child.terminate()
            try:
                await asyncio.wait_for(child.wait(), grace_seconds + 5)
            except TimeoutError:
                child.kill()
                await child.wait()
        await self._reap()


def _naive_utc() -> datetime:
    from service.models import utcnow

    return utcnow()
