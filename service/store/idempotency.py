"""SQL for idempotency keys: claim a key for a request, complete it with the response, prune expired keys."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import delete
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from service.models import IdempotencyKey

ClaimOutcome = Literal["claimed", "replay", "mismatch", "in_progress"]


async def claim(
    session: AsyncSession, key: str, fingerprint: str, *, now: datetime, ttl: timedelta, stale_after: timedelta
) -> tuple[ClaimOutcome, IdempotencyKey | None]:
    """Take the key for this request, or say why not: a stored response to replay, another request's key,
    or a first request still running. An expired key, or a claim abandoned by a dead process, is taken over."""
    row = await session.get(IdempotencyKey, key)
    if row is not None and (row.expires_at <= now or (row.status is None and row.created_at <= now - stale_after)):
        await session.delete(row)
        await session.flush()
        row = None
    if row is None:
        session.add(IdempotencyKey(key=key, fingerprint=fingerprint, created_at=now, expires_at=now + ttl))
        await session.flush()  # a concurrent claim of the same key fails here (primary key)
        return "claimed", None
    if row.fingerprint != fingerprint:
        return "mismatch", row
    return ("in_progress" if row.status is None else "replay"), row


async def complete(session: AsyncSession, key: str, status: int, headers: dict[str, Any], body: str) -> None:
    row = await session.get(IdempotencyKey, key)
    if row is not None:
        row.status, row.headers, row.body = status, headers, body
        session.add(row)
        await session.flush()


async def release(session: AsyncSession, key: str) -> None:
    """Forget a claim whose request must not be replayed (a server error, an unauthenticated caller)."""
    await session.exec(delete(IdempotencyKey).where(col(IdempotencyKey.key) == key))


async def prune(session: AsyncSession, now: datetime) -> int:
    result = await session.exec(delete(IdempotencyKey).where(col(IdempotencyKey.expires_at) <= now))
    return int(result.rowcount or 0)
