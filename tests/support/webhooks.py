"""Helpers for webhook and alert tests: alert factory, a controllable clock, a worker context."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import uvicorn

from service.db import Database
from service.delivery.sender import WebhookSender
from service.flows.context import WorkerContext
from service.flows.record import queue_deliveries
from service.models import Alert, Event
from service.settings import Settings

T0 = datetime(2026, 6, 9, 12, 0, tzinfo=UTC)


@dataclass
class Clock:
    """A clock tests move by hand: the retry schedule runs in hours without sleeping."""

    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def catch_up(self, seconds: float = 1) -> datetime:
        """Move past real time: rows the API stamped with the wall clock are then due, however slow the run."""
        self.now = max(self.now, datetime.now(self.now.tzinfo)) + timedelta(seconds=seconds)
        return self.now


@dataclass
class AlertSpec:
    type: str = "event.created"
    kind: str = "pow_exchange"
    language: str | None = "uk"
    confidence: float = 0.9
    facts: dict[str, Any] = field(default_factory=lambda: {"returned_to_ukraine": 84, "stage": 2})


async def make_alert(db: Database, spec: AlertSpec | None = None, *, at: datetime = T0, enqueue: bool = True) -> Alert:
    """One Event + Alert (and, like the pipeline, its outbox rows in the same transaction)."""
    spec = spec or AlertSpec()
    async with db.session() as session:
        event = Event(id=uuid.uuid4().hex, kind=spec.kind, status="completed", confidence=spec.confidence)
        session.add(event)
        await session.flush()
        alert = Alert(
            type=spec.type,
            event_id=event.id,
            revision=1,
            kind=spec.kind,
            language=spec.language,
            confidence=spec.confidence,
            created_at=at,
            payload={
                "event": {"id": event.id, "kind": spec.kind, "status": "completed"},
                "facts": spec.facts,
                "changes": [],
                "evidence": [{"sentence": "84 defenders returned home.", "source": "ukrinform.ua"}],
                "sources": [{"source": "ukrinform.ua", "url": "https://www.ukrinform.ua/x", "official": False}],
            },
        )
        session.add(alert)
        await session.flush()
        if enqueue:
            await queue_deliveries(session, alert)
    return alert


def make_context(
    settings: Settings, db: Database, clock: Clock, sender: WebhookSender, worker: str = "w1"
) -> WorkerContext:
    """A worker context with only what the delivery tick uses."""
    return WorkerContext(
        settings=settings,
        db=db,
        http=None,  # type: ignore[arg-type]
        extractor=None,  # type: ignore[arg-type]
        webhook_sender=sender,
        worker_id=worker,
        clock=clock,
    )


def local_sender(**overrides: Any) -> WebhookSender:
    values: dict[str, Any] = {"allow_private": True, "allow_http": True, "user_agent": "exchangewatch-test"}
    values.update(overrides)
    return WebhookSender(**values)


class AppServer:
    """A real uvicorn serving an app on 127.0.0.1 in a thread (httpx's ASGITransport buffers streams)."""

    def __init__(self, app: Any) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self.base = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", access_log=False, timeout_graceful_shutdown=2)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=lambda: asyncio.run(self._server.serve(sockets=[self._sock])))

    def __enter__(self) -> AppServer:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("app server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *_exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
