"""/v1/webhooks/{id}/secret: rotation with an overlap window (two signatures for 24 hours)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status

from service.api.deps import AdminDep, DatabaseDep
from service.api.webhooks.schemas import AUTH, NOT_FOUND, SecretRotated
from service.delivery.signing import generate_secret
from service.models import utcnow
from service.store import webhooks as store

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], dependencies=[AdminDep])


@router.post(
    "/{webhook_id}/secret/rotate",
    response_model=SecretRotated,
    summary="Rotate the signing secret",
    responses={**AUTH, **NOT_FOUND},
    description="Returns the new secret once. For 24 hours every message carries two signatures (new and "
    "old), so subscribers can switch secrets without losing a message.",
)
async def rotate_secret(webhook_id: str, db: DatabaseDep) -> SecretRotated:
    now = utcnow()
    async with db.session() as session:
        endpoint = await store.get_endpoint(session, webhook_id)
        if endpoint is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"webhook {webhook_id} not found")
        secret = await store.rotate_secret(session, endpoint, secret=generate_secret(), now=now)
    return SecretRotated(id=webhook_id, secret=secret, previous_secret_expires_at=endpoint.previous_secret_expires_at)
