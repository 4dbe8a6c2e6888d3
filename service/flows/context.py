"""Resources a worker builds once and shares between ticks (arq-style context); every flow runs with one."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from service.db import Database
from service.models.types import utcnow
from service.settings import Settings

if TYPE_CHECKING:
    from scrapers.http import PoliteClient
    from service.delivery.sender import WebhookSender
    from service.flows.extractor import Extractor


def new_worker_id() -> str:
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class WorkerContext:
    """Settings, database, HTTP clients and the extraction pool of one worker process."""

    settings: Settings
    db: Database
    http: PoliteClient
    extractor: Extractor
    webhook_sender: WebhookSender
    worker_id: str = field(default_factory=new_worker_id)
    clock: Callable[[], datetime] = utcnow
    # Processed articles' group-commit writer, shared by every flow of this worker (service.flows.process).
    article_writer: Any = field(default=None, repr=False, compare=False)

    async def aclose(self) -> None:
        await self.http.aclose()
        await self.webhook_sender.aclose()
        await self.extractor.aclose()
