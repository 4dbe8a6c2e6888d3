"""Operators' endpoints, Kubernetes style: /livez, /readyz, /health (health+json), /metrics."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from service import migrate
from service.api.deps import get_database, get_settings
from service.api.health_checks import threshold_checks, update_gauges
from service.api.probe_cache import snapshot
from service.metrics import REGISTRY
from service.models import utcnow
from service.store import health as health_store
from service.store.health import FeedState, HealthFigures

router = APIRouter(tags=["health"])
HEALTH_JSON = "application/health+json"
STALE_INTERVALS = 3  # a feed with no success within this many poll intervals is stale
SLOW_DB_MS = 500


@router.get("/livez", summary="Liveness: the process answers (no dependencies checked)")
async def livez() -> dict[str, str]:
    return {"status": "pass"}


@router.get("/healthz", include_in_schema=True, summary="Alias of /livez for simple monitors")
async def healthz() -> dict[str, str]:
    return {"status": "pass"}


async def _migrations_current(request: Request) -> bool:
    cache = request.app.state.__dict__.setdefault("_migrations_ok", {})
    if cache.get("ok") and time.monotonic() - cache.get("at", 0) < 60:
        return True
    ok = await asyncio.to_thread(migrate.is_current, get_settings(request).database_url)
    cache.update(ok=ok, at=time.monotonic())
    return ok


@router.get("/readyz", summary="Readiness: database reachable, migrations current, scheduler running")
async def readyz(request: Request) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        async with get_database(request).reader() as session:
            await health_store.ping(session)
        checks["database"] = "pass"
        checks["migrations"] = "pass" if await _migrations_current(request) else "fail"
    except Exception as exc:  # unreachable database: not ready, say why
        checks["database"] = f"fail: {type(exc).__name__}"
    runtime = request.app.state.runtime
    if runtime is not None:
        checks["scheduler"] = "pass" if runtime.running else "fail"
    ready = all(v == "pass" for v in checks.values())
    return JSONResponse({"status": "pass" if ready else "fail", "checks": checks}, status_code=200 if ready else 503)


def _check(status: str, value: Any, unit: str | None = None, **extra: Any) -> list[dict[str, Any]]:
    entry = {"status": status, "observedValue": value, "time": utcnow().isoformat(), **extra}
    if unit:
        entry["observedUnit"] = unit
    return [entry]


@router.get("/health", summary="Health in application/health+json: pass, warn (200) or fail (503)")
async def health(request: Request) -> JSONResponse:
    settings = get_settings(request)
    checks: dict[str, list[dict[str, Any]]] = {}
    now = utcnow()

    async def load() -> tuple[float, HealthFigures]:
        started = time.perf_counter()
        async with get_database(request).reader() as session:
            await health_store.ping(session)
            latency = (time.perf_counter() - started) * 1000
            stale_after = timedelta(seconds=settings.poll_interval_seconds * STALE_INTERVALS)
            return latency, await health_store.health_figures(session, now=now, stale_after=stale_after)

    try:
        latency, figures = await snapshot(request, "health", settings.probe_cache_seconds).get(load)
    except Exception as exc:
        checks["database:responseTime"] = _check("fail", None, output=type(exc).__name__)
        return _health_response(checks)
    checks["database:responseTime"] = _check("pass" if latency < SLOW_DB_MS else "warn", round(latency, 2), "ms")
    runtime = request.app.state.runtime
    if runtime is not None:
        lag = runtime.lag_seconds(now)
        lag_status = "fail" if not runtime.running else "warn" if lag is not None and lag > 60 else "pass"
        checks["scheduler:lag"] = _check(lag_status, None if lag is None else round(lag, 3), "s")
    checks.update(threshold_checks(figures, settings, now))
    checks["feeds:stale"] = _check("warn" if figures.feeds_stale else "pass", figures.feeds_stale)
    checks["alerts:last"] = _check("pass", figures.last_alert_at.isoformat() if figures.last_alert_at else None)
    update_gauges(figures, None, now)
    checks["webhooks:pending"] = _check("pass", figures.deliveries_pending)
    checks["webhooks:failing"] = _check("warn" if figures.deliveries_failing else "pass", figures.deliveries_failing)
    checks["webhooks:dead"] = _check("warn" if figures.deliveries_dead else "pass", figures.deliveries_dead)
    checks["webhooks:disabledEndpoints"] = _check(
        "warn" if figures.endpoints_disabled else "pass", figures.endpoints_disabled
    )
    return _health_response(checks)


def _health_response(checks: dict[str, list[dict[str, Any]]]) -> JSONResponse:
    statuses = {entry["status"] for items in checks.values() for entry in items}
    overall = "fail" if "fail" in statuses else "warn" if "warn" in statuses else "pass"
    body = {"status": overall, "serviceId": "exchangewatch", "checks": checks}
    return JSONResponse(body, status_code=503 if overall == "fail" else 200, media_type=HEALTH_JSON)


@router.get("/metrics", summary="Prometheus metrics (exchangewatch_ prefix)")
async def metrics(request: Request) -> Response:
    now = utcnow()

    async def load() -> tuple[HealthFigures, list[FeedState]]:
        async with get_database(request).reader() as session:
            figures = await health_store.health_figures(session, now=now, stale_after=timedelta(days=1))
            return figures, await health_store.feed_states(session)

    try:
        figures, feeds = await snapshot(request, "metrics", get_settings(request).probe_cache_seconds).get(load)
        update_gauges(figures, feeds, now)
    except Exception:  # metrics must answer even when the database does not
        pass
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
