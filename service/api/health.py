"""Operators' endpoints, Kubernetes style: /livez, /readyz, /health (health+json), /metrics.

The answers are service/api/probes.py's, which a worker process also serves without FastAPI.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from service.api.deps import get_database, get_settings
from service.api.probes import HEALTH_JSON, Answer, Probes

__all__ = ["HEALTH_JSON", "router"]
router = APIRouter(tags=["health"])


def _probes(request: Request) -> Probes:
    state = request.app.state
    probes: Probes | None = getattr(state, "probes", None)
    if probes is None or probes.runtime is not state.runtime:
        probes = state.probes = Probes(get_settings(request), get_database(request), state.runtime)
    return probes


def _response(answer: Answer) -> Response:
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type)


@router.get("/livez", summary="Liveness: the process answers (no dependencies checked)")
async def livez() -> dict[str, str]:
    return {"status": "pass"}


@router.get("/healthz", include_in_schema=True, summary="Alias of /livez for simple monitors")
async def healthz() -> dict[str, str]:
    return {"status": "pass"}


@router.get("/readyz", summary="Readiness: database reachable, migrations current, scheduler running")
async def readyz(request: Request) -> Response:
    return _response(await _probes(request).ready())


@router.get("/health", summary="Health in application/health+json: pass, warn (200) or fail (503)")
async def health(request: Request) -> Response:
    return _response(await _probes(request).health())


@router.get("/metrics", summary="Prometheus metrics (exchangewatch_ prefix)")
async def metrics(request: Request) -> Response:
    return _response(await _probes(request).metrics())
