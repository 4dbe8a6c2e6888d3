"""Logging: stdlib logging, JSON lines when LOG_FORMAT=json, httpx per-request lines quieted."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import IO, Any

_access_log = logging.getLogger("exchangewatch.access")
_STD_ATTRS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line; `extra={...}` fields become top-level keys."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STD_ATTRS})
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


# Secrets by shape: webhook signing secrets, bearer tokens, passwords in URLs (database URLs).
_SECRET_SHAPES = (
    (re.compile(r"whsec_[A-Za-z0-9+/=_-]+"), "whsec_***"),
    (re.compile(r"(?i)(bearer\s+)[^\s'\",]+"), r"\1***"),
    (re.compile(r"(://[^/:@\s]+:)[^@\s]+@"), r"\1***@"),
)


class RedactingFormatter(logging.Formatter):
    """Formats with ``inner``, then masks every secret in the finished line (message, args and traceback):
    no secret reaches a log at any level, whichever library wrote the record."""

    def __init__(self, inner: logging.Formatter, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.inner = inner
        self.secrets = [s for s in secrets if s and len(s) >= 6]

    def format(self, record: logging.LogRecord) -> str:
        return redact(self.inner.format(record), self.secrets)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    for pattern, replacement in _SECRET_SHAPES:
        text = pattern.sub(replacement, text)
    return text


def configure_logging(
    fmt: str = "text",
    level: str = "INFO",
    *,
    secrets: Iterable[str] = (),
    stream: IO[str] | None = None,
    filters: Iterable[logging.Filter] = (),
) -> None:
    """Root logging for a service process; ``secrets`` (the admin token…) are masked in every line and
    ``filters`` see every record (a handler filter, so records from every library pass through it)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    for record_filter in filters:
        handler.addFilter(record_filter)
    inner = JsonFormatter() if fmt == "json" else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler.setFormatter(RedactingFormatter(inner, secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in (
        "httpx",
        "httpcore",
        "apscheduler.executors.default",
        "apscheduler.scheduler",
        "trafilatura",
        "htmldate",
        "charset_normalizer",
        "readability",
        "uvicorn.access",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # aiosqlite's DEBUG lines repeat every statement with its parameters: noise, and a leak if unmasked.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    # A tick still running when the next is due is skipped by design (max_instances=1), not a problem.
    logging.getLogger("apscheduler.scheduler").setLevel(logging.ERROR)


def log_access(scope: Mapping[str, Any], status: int, ms: float) -> None:
    """One line per HTTP request, from its ASGI scope (ACCESS_LOG=true: the API's middleware and the worker's
    server); with LOG_FORMAT=json the fields are keys of their own."""
    query = scope.get("query_string", b"").decode("latin-1")[:200]
    path = scope["path"] + (f"?{query}" if query else "")
    client = scope["client"][0] if scope.get("client") else "-"
    _access_log.info(
        "%s %s %d %.1fms client=%s",
        scope["method"],
        path,
        status,
        ms,
        client,
        extra={"method": scope["method"], "path": path, "status": status, "ms": round(ms, 1), "client": client},
    )
