"""The operators' answers (/livez, /readyz, /health, /metrics) without a web framework.

The API serves them through its FastAPI routes (service/api/health.py); a worker process serves them from
its own small ASGI app (service/worker/server.py), which spares it FastAPI, Starlette and the API's
modules (issue 16: ~16 MB of a worker's idle memory). Each answer is a status code, a media type and a
body, the same bytes on either server.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from service import migrate
from service.api.health_checks import threshold_checks, update_gauges
from service.api.probe_cache import Snapshot, snapshot
from service.db import Database
from service.metrics import REGISTRY
from service.models import utcnow
from service.settings import Settings
from service.store import health as health_store
from service.store.health import FeedState, HealthFigures

log = logging.getLogger(__name__)
JSON = "application/json"
HEALTH_JSON = "application/health+json"
STALE_INTERVALS = 3  # a feed with no success within this many poll intervals is stale
SLOW_DB_MS = 500


class Scheduler(Protocol):
    """What the probes read of a worker runtime (service.worker.runner.WorkerRuntime)."""

    @property
    def running(self) -> bool: ...

    def lag_seconds(self, now: datetime) -> float | None: ...


@dataclass(frozen=True)
class Answer:
    status: int
    media_type: str
    body: bytes


def json_bytes(content: Any) -> bytes:
    """JSON as the API renders it (compact, UTF-8, no NaN)."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode()


@dataclass
class Probes:
    """One server's probe state: its database, settings, worker runtime (None in an API-only process),
    and the shared snapshots that keep a probe flood to one query set per PROBE_CACHE_SECONDS."""

    settings: Settings
    db: Database
    runtime: Scheduler | None = None
    snapshots: dict[str, Snapshot[Any]] = field(default_factory=dict)
    # What /metrics serves: this process's registry, or (a worker's parent) one that adds its child's counts.
    registry: Any = REGISTRY
    _migrations: dict[str, Any] = field(default_factory=dict)

    def live(self) -> Answer:
        return Answer(200, JSON, json_bytes({"status": "pass"}))

    async def _migrations_current(self) -> bool:
        cache = self._migrations
        if cache.get("ok") and time.monotonic() - cache.get("at", 0) < 60:
            return True
        ok = await asyncio.to_thread(migrate.is_current, self.settings.database_url)
        cache.update(ok=ok, at=time.monotonic())
        return ok

    async def ready(self) -> Answer:
        checks: dict[str, str] = {}
        try:
            async with self.db.reader() as session:
                await health_store.ping(session)
            checks["database"] = "pass"
            checks["migrations"] = "pass" if await self._migrations_current() else "fail"
        except Exception as exc:  # unreachable database: not ready, say why
            checks["database"] = f"fail: {type(exc).__name__}"
        if self.runtime is not None:
            checks["scheduler"] = "pass" if self.runtime.running else "fail"
        ready = all(v == "pass" for v in checks.values())
        body = {"status": "pass" if ready else "fail", "checks": checks}
        return Answer(200 if ready else 503, JSON, json_bytes(body))

    async def health(self) -> Answer:
        settings = self.settings
        checks: dict[str, list[dict[str, Any]]] = {}
        now = utcnow()

        async def load() -> tuple[float, HealthFigures]:
            started = time.perf_counter()
            async with self.db.reader() as session:
                await health_store.ping(session)
                latency = (time.perf_counter() - started) * 1000
                stale_after = timedelta(seconds=settings.poll_interval_seconds * STALE_INTERVALS)
                return latency, await health_store.health_figures(session, now=now, stale_after=stale_after)

        try:
            latency, figures = await snapshot(self.snapshots, "health", settings.probe_cache_seconds).get(load)
        except Exception as exc:
            checks["database:responseTime"] = _check("fail", None, output=type(exc).__name__)
            return _health_answer(checks)
        checks["database:responseTime"] = _check("pass" if latency < SLOW_DB_MS else "warn", round(latency, 2), "ms")
        runtime = self.runtime
        if runtime is not None:
            lag = runtime.lag_seconds(now)
            lag_status = "fail" if not runtime.running else "warn" if lag is not None and lag > 60 else "pass"
            checks["scheduler:lag"] = _check(lag_status, None if lag is None else round(lag, 3), "s")
        checks.update(threshold_checks(figures, settings, now))
        checks["feeds:stale"] = _check("warn" if figures.feeds_stale else "pass", figures.feeds_stale)
        checks["alerts:last"] = _check("pass", figures.last_alert_at.isoformat() if figures.last_alert_at else None)
        update_gauges(figures, None, now)
        checks["webhooks:pending"] = _check("pass", figures.deliveries_pending)
        checks["webhooks:failing"] = _check(
            "warn" if figures.deliveries_failing else "pass", figures.deliveries_failing
        )
        checks["webhooks:dead"] = _check("warn" if figures.deliveries_dead else "pass", figures.deliveries_dead)
        checks["webhooks:disabledEndpoints"] = _check(
            "warn" if figures.endpoints_disabled else "pass", figures.endpoints_disabled
        )
        return _health_answer(checks)

    async def metrics(self) -> Answer:
        now = utcnow()

        async def load() -> tuple[HealthFigures, list[FeedState]]:
            async with self.db.reader() as session:
                figures = await health_store.health_figures(session, now=now, stale_after=timedelta(days=1))
                return figures, await health_store.feed_states(session)

        try:
            ttl = self.settings.probe_cache_seconds
            figures, feeds = await snapshot(self.snapshots, "metrics", ttl).get(load)
            update_gauges(figures, feeds, now)
        except Exception:  # metrics must answer even when the database does not, but say why they are stale
            # During an outage the database's own warning has told it (QuietDuringOutage drops this one).
            log.warning("metrics: database figures unreadable, gauges keep their last values", exc_info=True)
        return Answer(200, CONTENT_TYPE_LATEST, generate_latest(self.registry))


def _check(status: str, value: Any, unit: str | None = None, **extra: Any) -> list[dict[str, Any]]:
    entry = {"status": status, "observedValue": value, "time": utcnow().isoformat(), **extra}
    if unit:
        entry["observedUnit"] = unit
    return [entry]


def _health_answer(checks: dict[str, list[dict[str, Any]]]) -> Answer:
    statuses = {entry["status"] for items in checks.values() for entry in items}
    overall = "fail" if "fail" in statuses else "warn" if "warn" in statuses else "pass"
    body = {"status": overall, "serviceId": "exchangewatch", "checks": checks}
    return Answer(503 if overall == "fail" else 200, HEALTH_JSON, json_bytes(body))
