"""Resources a worker builds once and shares between ticks (arq-style context); every flow runs with one."""

from __future__ import annotations

import asyncio
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
    _page_slots: asyncio.Semaphore | None = field(default=None, repr=False, compare=False)
    _page_slots_loop: Any = field(default=None, repr=False, compare=False)

    def page_slots(self) -> asyncio.Semaphore:
        """FETCH_CONCURRENCY pages at once across every flow of this worker, from the download to the end
        of their prefilter and extraction (the body is held until then).

        Each batch of articles has its own limit on articles at once, and a poll processes up to
        FETCH_CONCURRENCY feeds' batches together: without this, up to 16 × 16 pages were downloaded while
        the extraction thread took them one at a time, and their bodies waited in its queue (63 pages,
        8.3 MB at once in the 2,000-article `poll --once`, more on a quiet machine; issue 16)."""
        loop = asyncio.get_running_loop()
        if self._page_slots is None or self._page_slots_loop is not loop:
            self._page_slots = asyncio.Semaphore(self.settings.fetch_concurrency)
            self._page_slots_loop = loop
        return self._page_slots

    async def aclose(self) -> None:
        await self.http.aclose()
        await self.webhook_sender.aclose()
        await self.extractor.aclose()
