"""`Idempotency-Key` on every POST, as Stripe and Svix do it, as plain ASGI.

The first request with a key runs and its response is stored (in the database, so every API process
shares it) for EXCHANGEWATCH_IDEMPOTENCY_KEY_HOURS. A retry with the same key and the same request
(method, path, query, body) gets that response again, marked `Idempotent-Replayed: true`; the same key
with another request is a 422 `idempotency_key_reused`; a retry while the first is still running is a 409
`idempotency_key_in_use`. Server errors and auth failures are not stored, so a retry runs again.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.errors import problem
from service.models import utcnow
from service.settings import Settings
from service.store import idempotency as store

HEADER = "idempotency-key"
_VALID_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
KEPT_HEADERS = ("content-type", "location", "etag")
NOT_STORED = frozenset({401, 403, 413, 429})  # the caller may not use the key yet: let a retry run
STALE_AFTER = timedelta(minutes=5)  # a claim whose request never finished (process died) is taken over
PRUNE_EVERY_SECONDS = 600.0  # expired keys are deleted by the next claim after this


class Idempotency:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.ttl = timedelta(hours=settings.idempotency_key_hours)
        self._pruned_at = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = Headers(scope=scope).get(HEADER) if scope["type"] == "http" and scope["method"] == "POST" else None
        if key is None:
            await self.app(scope, receive, send)
            return
        if not _VALID_KEY.match(key):
            await _refuse(
                422, "invalid_idempotency_key", "Idempotency-Key: 1–255 printable ASCII characters", scope, send
            )
            return
        body = await _read(receive)
        db = scope["app"].state.db
        outcome, row = await self._claim(db, key, _fingerprint(scope, body))
        if outcome == "mismatch":
            detail = "this Idempotency-Key was used with a different request (method, path, query or body)"
            await _refuse(422, "idempotency_key_reused", detail, scope, send)
        elif outcome == "in_progress":
            detail = "a request with this Idempotency-Key is still running; retry in a moment"
            await _refuse(409, "idempotency_key_in_use", detail, scope, send, {"Retry-After": "1"})
        elif outcome == "replay" and row is not None:
            await _replay(row.status or 200, row.headers, row.body, send)
        else:
            await self._first(db, key, scope, body, send)

    async def _claim(self, db: Any, key: str, fingerprint: str) -> tuple[store.ClaimOutcome, Any]:
        for _attempt in range(2):  # a concurrent first claim of the same key wins the insert; then read it
            try:
                async with db.session() as session:
                    if time.monotonic() - self._pruned_at > PRUNE_EVERY_SECONDS:
                        self._pruned_at = time.monotonic()
                        await store.prune(session, utcnow())
                    return await store.claim(
                        session, key, fingerprint, now=utcnow(), ttl=self.ttl, stale_after=STALE_AFTER
                    )
            except IntegrityError:
                continue
        return "in_progress", None

    async def _first(self, db: Any, key: str, scope: Scope, body: bytes, send: Send) -> None:
        """Run the request, store its response, then send it (a retry that races the send finds it stored)."""
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        try:
            await self.app(scope, _replay_body(body), capture)
        except BaseException:
            async with db.session() as session:
                await store.release(session, key)
            raise
        status = int(start.get("status", 500))
        headers = Headers(raw=start.get("headers", []))
        content = b"".join(chunks)
        async with db.session() as session:
            if status >= 500 or status in NOT_STORED:
                await store.release(session, key)
            else:
                kept = {name: headers[name] for name in KEPT_HEADERS if name in headers}
                await store.complete(session, key, status, kept, content.decode("utf-8", "replace"))
        await send(start)
        await send({"type": "http.response.body", "body": content})


def _fingerprint(scope: Scope, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (scope["method"], scope["path"], scope.get("query_string", b"").decode("latin-1")):
        digest.update(part.encode() + b"\0")
    digest.update(body)
    return digest.hexdigest()


async def _read(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay_body(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _replay(status: int, headers: dict[str, str], body: str, send: Send) -> None:
    content = body.encode()
    raw = [(k.encode(), v.encode()) for k, v in headers.items() if k != "content-length"]
    raw += [(b"content-length", str(len(content)).encode()), (b"idempotent-replayed", b"true")]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": content})


async def _refuse(
    status: int, code: str, detail: str, scope: Scope, send: Send, headers: dict[str, str] | None = None
) -> None:
    async def no_body() -> Message:
        return {"type": "http.disconnect"}

    await problem(status, detail, code=code, headers=headers)(scope, no_body, send)
