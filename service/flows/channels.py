"""Send one outbox job on its channel: a webhook is signed and POSTed, an Apprise channel gets a title and text.

The outbox, the retry schedule and the disable rules do not care which: service.flows.deliver decides what
an attempt means from the SendResult alone.
"""

from __future__ import annotations

import json

from service.core.events.notice import Notice, notice
from service.delivery.apprise import create_notifier
from service.delivery.sender import SendResult, WebhookSender
from service.models.webhooks import APPRISE
from service.render import TEST_TYPE
from service.settings import Settings
from service.store.webhooks import Job


async def send(job: Job, *, settings: Settings, webhook_sender: WebhookSender) -> SendResult:
    """One attempt at delivering the job on its endpoint's channel."""
    if job.channel == APPRISE:
        return await send_apprise(settings, job.url, job.body)
    return await webhook_sender.send(job.url, job.msg_id, job.body, job.secrets)


def message_for(body: str, public_url: str = "") -> Notice:
    """An outbox body (Standard Webhooks JSON of an alert or a test) as a title and a short markdown text."""
    envelope = json.loads(body)
    if envelope.get("type") == TEST_TYPE:
        return Notice("exchangewatch test", "Your notification channel works: alerts will arrive here.")
    return notice(envelope.get("data") or {}, base_url=public_url)


async def send_apprise(settings: Settings, url: str, body: str) -> SendResult:
    """Send one outbox body to an Apprise channel (the delivery tick and tests call this)."""
    message = message_for(body, settings.public_url)
    return await create_notifier(settings).send(url, message.title, message.body)
