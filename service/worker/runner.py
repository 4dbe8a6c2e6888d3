"""APScheduler wiring: interval jobs for polling, processing, delivery and retention."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from scrapers.http import HttpConfig, PoliteClient
from service.db import Database
from service.delivery.sender import create_sender
from service.flows.context import WorkerContext
from service.flows.extractor import Extractor
from service.settings import Settings, cpu_count
from service.worker.memory import CHECK_SECONDS as IDLE_CHECK_SECONDS
from service.worker.memory import IdleMemory
from service.worker.ticks import poll_tick, process_tick, retention_tick

log = logging.getLogger(__name__)
Tick = Callable[[WorkerContext], Awaitable[int]]


def extraction_processes(settings: Settings, *, burst: bool = False) -> int:
    """EXTRACT_PROCESSES, or for 0 (auto): in-process for a burst (`poll --once`) unless every page is
    extracted, else one process per core.

    The candidates policy extracts only pages that pass the prefilter (~5 % of news pages), less work than
    one core's share. A burst ends when its pass does, so a pool's start-up, interpreters (~50 MB each) and
    pickling buy it nothing: on the 2,000-article run (issue 16) in-process took a 236 MB peak and 19 s of
    CPU against 344 MB and 28 s with two processes. A long-running worker keeps the pool, which it lets go
    when idle (in-process extraction would keep trafilatura's ~30 MB for good).
    """
    if settings.extract_processes:
        return settings.extract_processes
    return 1 if burst and settings.page_policy != "all" else cpu_count()


def build_context(settings: Settings, db: Database, *, burst: bool = False) -> WorkerContext:
    http = PoliteClient(
        HttpConfig(
            user_agent=settings.user_agent,
            connect_timeout=settings.connect_timeout_seconds,
            read_timeout=settings.read_timeout_seconds,
            total_timeout=settings.total_timeout_seconds,
            max_bytes=settings.max_page_bytes,
            per_host_limit=settings.per_host_concurrency,
            allow_private=settings.fetch_allow_private,
            page_allow_private=settings.page_allow_private,
        )
    )
    processes = extraction_processes(settings, burst=burst)
    return WorkerContext(
        settings=settings,
        db=db,
        http=http,
        extractor=Extractor(processes),
        webhook_sender=create_sender(settings),
    )


class WorkerRuntime:
    """Owns the scheduler and the worker context; `last_run` feeds the health checks."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        ctx: WorkerContext | None = None,
        on_tick: Callable[[str], None] | None = None,
    ) -> None:
        self.settings = settings
        self.ctx = ctx or build_context(settings, db)
        from apscheduler.schedulers.asyncio import AsyncIOScheduler  # not needed by `poll --once`

        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self.last_run: dict[str, datetime] = {}
        self.started_at: datetime | None = None
        self._running_ticks = 0
        self.last_work = time.monotonic()  # when a tick last did something (the polling child's idle exit)
        self._on_tick = on_tick

    async def start(self) -> None:
        from service.worker.deliver import deliver_tick

        s = self.settings
        self._every("poll", poll_tick, s.scheduler_tick_seconds)
        self._every("process", process_tick, max(5.0, s.scheduler_tick_seconds))
        # An endpoint belongs to one tick at a time, so overlapping delivery ticks are safe and keep a
        # dead endpoint's 15 s timeouts from holding back the others' next messages.
        self._every("deliver", deliver_tick, s.delivery_tick_seconds, instances=3)
        self._every("retention", retention_tick, 3600.0)
        idle = IdleMemory(lambda: self.ctx.extractor.jobs)

        async def memory_tick(_ctx: WorkerContext) -> int:
            return int(idle.check())

        self._every("memory", memory_tick, IDLE_CHECK_SECONDS)
        self.scheduler.start()
        self.started_at = datetime.now(UTC)
        # Detection loads language models and dictionaries on first use: load them now, off the event loop
        # (in the pool's processes when there is a pool; they are let go with it when the worker is idle).
        if self.ctx.extractor.processes == 1:
            from service.core.detection.detect import warm_up  # here only: a pool's processes warm up their own

            self._warm_up = asyncio.create_task(asyncio.to_thread(warm_up))
        else:
            self.ctx.extractor.warm()
        log.info("workers started worker_id=%s", self.ctx.worker_id)

    def _every(self, name: str, tick: Tick, seconds: float, *, instances: int = 1) -> None:
        async def job() -> None:
            self._running_ticks += 1
            try:
                if await tick(self.ctx) and name != "memory":
                    self.last_work = time.monotonic()
            except asyncio.CancelledError:
                # Shutdown cancels a tick mid-way; its leases expire and another tick redoes the work.
                log.info("%s tick cancelled by shutdown", name)
            except Exception:  # one place that catches job errors; the next tick tries again
                log.exception("%s tick failed", name)
            finally:
                self._running_ticks -= 1
                self.last_run[name] = datetime.now(UTC)
                if self._on_tick is not None:
                    self._on_tick(name)

        self.scheduler.add_job(
            job,
            "interval",
            seconds=seconds,
            id=name,
            max_instances=instances,
            coalesce=True,
            next_run_time=datetime.now(UTC),
            misfire_grace_time=None,
        )

    def idle_seconds(self) -> float:
        """How long no tick has done any work (0 while one is running)."""
        return 0.0 if self._running_ticks else time.monotonic() - self.last_work

    @property
    def running(self) -> bool:
        return bool(self.scheduler.running)

    def lag_seconds(self, now: datetime) -> float | None:
        """How late the poll loop is against its interval (None before its first run)."""
        last = self.last_run.get("poll")
        if last is None:
            return None
        return max(0.0, (now - last).total_seconds() - self.settings.scheduler_tick_seconds)

    async def stop(self, *, grace_seconds: float = 10.0) -> None:
        """Start no new ticks, let running ones finish (up to `grace_seconds`), then shut down.

        Cancelling a tick mid-way is safe (its leases expire) but APScheduler reports a cancellation that
        lands in its own job wrapper as an error; a short drain makes a normal shutdown clean.
        """
        if self.scheduler.running:
            self.scheduler.pause()
            deadline = asyncio.get_running_loop().time() + grace_seconds
            while self._running_ticks and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.05)
            self.scheduler.shutdown(wait=False)
        await self.ctx.aclose()
