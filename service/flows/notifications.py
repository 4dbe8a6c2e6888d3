"""Notification channels (Apprise URLs): add one validated, send a test now; used by the API and the CLI.

A channel is a webhook endpoint with channel="apprise": alerts reach it through the same outbox, retry
schedule, attempt log and disable rules as webhooks. Its URL is a secret: callers show `public_url()`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from service.db import Database
from service.delivery.apprise import InvalidChannel, check_targets, mask, plugin_for
from service.delivery.sender import SendResult
from service.delivery.signing import generate_secret
from service.flows import deliver
from service.models import utcnow
from service.models.webhooks import APPRISE, WebhookEndpoint
from service.settings import Settings
from service.store import webhooks as store

log = logging.getLogger(__name__)
FILTERS = ("event_types", "kinds", "languages", "min_confidence", "official_only")


@dataclass(frozen=True)
class TestOutcome:
    delivery_id: str
    result: SendResult


def public_url(endpoint: WebhookEndpoint) -> str:
    """What responses and logs show of a channel's URL."""
    return mask(endpoint.url)


async def validate(url: str, settings: Settings) -> str:
    """The URL if Apprise understands it and its hosts pass the SSRF rules; InvalidChannel otherwise."""
    plugin_for(url)
    await check_targets(url, allow_private=settings.webhook_allow_private, allow_http=settings.webhook_allow_http)
    return url


class SubscriptionQuota(InvalidChannel):
    """MAX_SUBSCRIPTIONS reached (an InvalidChannel, so every caller already reports it)."""


def quota_message(cap: int) -> str:
    return f"the service holds at most {cap} subscriptions (webhooks and notification channels); delete one first"


async def add_channel(
    db: Database, settings: Settings, url: str, *, description: str = "", filters: dict[str, Any] | None = None
) -> WebhookEndpoint:
    """Validate and store a channel (enabled); raises InvalidChannel with the reason."""
    await validate(url, settings)
    columns = {key: value for key, value in (filters or {}).items() if key in FILTERS}
    columns["official_only"] = bool(columns.get("official_only"))
    async with db.session() as session:
        if await store.count_endpoints(session) >= settings.max_subscriptions:
            raise SubscriptionQuota(quota_message(settings.max_subscriptions))
        endpoint = await store.create_endpoint(
            session,
            url=url,
            secret=generate_secret(),  # unused by Apprise; the column is shared with webhooks
            now=utcnow(),
            channel=APPRISE,
            description=description,
            **columns,
        )
    log.info("notification channel added endpoint_id=%s url=%s", endpoint.id, public_url(endpoint))
    return endpoint


async def get_channel(db: Database, channel_id: str) -> WebhookEndpoint | None:
    async with db.reader() as session:
        return await store.get_endpoint(session, channel_id, channel=APPRISE)


async def list_channels(db: Database) -> list[WebhookEndpoint]:
    async with db.reader() as session:
        return await store.list_endpoints(session, channel=APPRISE)


async def send_test(db: Database, settings: Settings, endpoint: WebhookEndpoint) -> TestOutcome:
    """Send a test message now, outside the retry schedule, and log the attempt like any delivery."""
    delivery_id, result = await deliver.send_test(db, settings, endpoint)
    log.info("notification test endpoint_id=%s ok=%s error_class=%s", endpoint.id, result.ok, result.error_class)
    return TestOutcome(delivery_id, result)


__all__ = [
    "InvalidChannel",
    "TestOutcome",
    "add_channel",
    "get_channel",
    "list_channels",
    "public_url",
    "send_test",
]
