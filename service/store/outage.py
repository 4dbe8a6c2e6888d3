"""Database outages, told once: a warning when the database goes, a reminder a minute, a line when it is back.

Every part of a process meets an outage at once (each API request, each feed, each article, each tick) and
each used to log its traceback: a 25-second outage wrote 36,330 lines. The engine reports every failed
connection or statement here (``handle_error``) and every success (``after_cursor_execute``); while an
outage lasts, ``QuietDuringOutage`` drops the log records whose exception is that outage and counts them.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

from service.store.errors import is_unavailable

log = logging.getLogger("service.database")
REMIND_EVERY = 60.0


class Outage:
    """Whether the database is reachable, as this process last saw it (thread-safe: engines run in threads)."""

    def __init__(self, clock: Any = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self.since: float | None = None
        self.errors = 0
        self.suppressed = 0
        self._reminded = 0.0

    @property
    def active(self) -> bool:
        return self.since is not None

    def failed(self, exc: BaseException) -> None:
        now = self._clock()
        with self._lock:
            self.errors += 1
            if self.since is None:
                self.since, self._reminded, self.errors, self.suppressed = now, now, 1, 0
                log.warning(
                    "database unavailable: %s; API answers 503, work waits; errors counted, not logged", _one_line(exc)
                )
            elif now - self._reminded >= REMIND_EVERY:
                self._reminded = now
                log.warning("database still unavailable after %.0f s (%d errors)", now - self.since, self.errors)

    def recovered(self) -> None:
        if self.since is None:  # the common case, without the lock
            return
        with self._lock:
            if self.since is None:
                return
            took = self._clock() - self.since
            log.warning(
                "database reachable again after %.0f s: %d errors, %d log records suppressed",
                took,
                self.errors,
                self.suppressed,
            )
            self.since = None


OUTAGE = Outage()


def _one_line(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    text = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {text[0] if text else ''}".strip()


class QuietDuringOutage(logging.Filter):
    """Drops records that carry the ongoing outage's exception (the outage has been told once already)."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if exc is not None and OUTAGE.active and is_unavailable(exc):
            OUTAGE.suppressed += 1
            return False
        return True


def install(engine: Engine) -> None:
    """Report this engine's connection failures and successes to OUTAGE."""

    @event.listens_for(engine, "handle_error")
    def _failed(context: Any) -> None:
        exc = context.sqlalchemy_exception or context.original_exception
        if context.is_disconnect or is_unavailable(exc) or is_unavailable(context.original_exception):
            OUTAGE.failed(exc)

    @event.listens_for(engine, "after_cursor_execute")
    def _succeeded(*_args: Any) -> None:
        OUTAGE.recovered()
