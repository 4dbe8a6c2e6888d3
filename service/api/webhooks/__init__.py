"""/v1/webhooks: signed subscriptions (Standard Webhooks), split by sub-resource like svix-webhooks:
endpoints (CRUD), secrets (rotation), deliveries (test ping, log, resend, recover); schemas apart.

Every route needs the admin token: subscriber URLs often carry their own credentials.
"""

from __future__ import annotations

from fastapi import APIRouter

from service.api.webhooks import deliveries, endpoints, secrets
from service.api.webhooks.schemas import (
    AUTH,
    NOT_FOUND,
    REJECTED,
    STATUS_PATTERN,
    Delivery,
    DeliveryList,
    Filters,
    delivery_out,
    endpoint_out,
)
from service.api.webhooks.shared import get_resolver

router = APIRouter()
for module in (endpoints, secrets, deliveries):
    router.include_router(module.router)

__all__ = [
    "AUTH",
    "NOT_FOUND",
    "REJECTED",
    "STATUS_PATTERN",
    "Delivery",
    "DeliveryList",
    "Filters",
    "delivery_out",
    "endpoint_out",
    "get_resolver",
    "router",
]
