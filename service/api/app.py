"""The FastAPI application factory."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from service.api import alerts, articles, atom, events, feeds, health, notifications, pages, vocab, webhooks
from service.api.docs import install_docs
from service.api.errors import install_error_handlers
from service.api.guards import check_request
from service.api.middleware import install_middleware
from service.api.openapi import install_openapi
from service.bootstrap import prepare_database, sync_feed_list
from service.db import Database
from service.flows.feeds import feed_client
from service.settings import Settings

log = logging.getLogger(__name__)

DESCRIPTION = """
exchangewatch watches news feeds and official channels for Russia–Ukraine prisoner-of-war exchanges and
repatriations of the fallen, groups every report of one real-world event into one event, and publishes
deduplicated alerts.

* Read endpoints are open. Write endpoints need `Authorization: Bearer <EXCHANGEWATCH_ADMIN_TOKEN>`.
* Errors are RFC 9457 problem details (`application/problem+json`).
* Alerts share one monotonic cursor across `GET /v1/alerts`, the SSE stream and webhooks.
"""


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    run_workers: bool = False,
) -> FastAPI:
    """Build the API; with `run_workers` the same process also runs the scheduled workers (`serve`).

    A worker-only process (`exchangewatch worker`) serves its operators' endpoints from
    service/worker/server.py instead, without FastAPI.
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await prepare_database(settings)
        db = database or Database(settings.database_url)
        app.state.db = db
        app.state.feed_http = feed_client(settings)  # first fetches when feeds are added
        runtime = None
        if run_workers:
            from service.worker.runner import WorkerRuntime

            await sync_feed_list(settings, db)
            runtime = WorkerRuntime(settings, db)
            await runtime.start()
        app.state.runtime = runtime
        try:
            yield
        finally:
            if runtime is not None:
                await runtime.stop()
            await app.state.feed_http.aclose()
            if database is None:
                await db.dispose()

    app = FastAPI(
        title="exchangewatch",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by install_docs from installed files, not a CDN
        redoc_url=None,
        dependencies=[Depends(check_request)],
        openapi_tags=[
            {"name": "alerts", "description": "Deduplicated alerts: new events and material updates."},
            {"name": "events", "description": "Real-world events built from every report."},
            {"name": "feeds", "description": "Sources polled: RSS/RDF/Atom, Telegram, Google News, GDELT."},
            {"name": "articles", "description": "Articles ingested from the feeds."},
            {"name": "webhooks", "description": "Signed webhook subscriptions (Standard Webhooks)."},
            {
                "name": "notifications",
                "description": "Alerts as short messages through Apprise URLs (Telegram, e-mail…).",
            },
            {"name": "health", "description": "Liveness, readiness, health and metrics for operators."},
            {"name": "pages", "description": "The timeline for browsers (HTML), content-negotiated at `/`."},
        ],
    )
    app.state.settings = settings
    app.state.runtime = None
    install_error_handlers(app)
    install_docs(app)
    install_openapi(app)
    install_middleware(app, settings)
    for module in (feeds, articles, events, vocab, atom, alerts, webhooks, notifications, health, pages):
        app.include_router(module.router)
    return app
