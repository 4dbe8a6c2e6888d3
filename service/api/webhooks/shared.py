"""What the webhook routes share: the DNS resolver for URL checks, the URL check, the 404 lookup."""

from __future__ import annotations

import logging
from typing import Annotated

import httpx
from fastapi import Depends, HTTPException, status

from scrapers.errors import ConnectFailed, ScrapeError, UnsafeAddress
from scrapers.netguard import Resolver, check_url, resolve_checked
from service.db import Database
from service.models.webhooks import WebhookEndpoint
from service.settings import Settings
from service.store import webhooks as store

log = logging.getLogger(__name__)


def get_resolver() -> Resolver | None:
    """The DNS resolver for URL checks (None: the system's); tests override this dependency."""
    return None


ResolverDep = Annotated[Resolver | None, Depends(get_resolver)]


async def checked_url(url: str, settings: Settings, resolver: Resolver | None) -> str:
    """Refuse URLs the sender would refuse anyway, now, with a 422 that says why.

    A name that does not resolve (yet) is accepted: DNS is resolved and checked again at every delivery,
    so a subscriber can register before its DNS is live; a name resolving to a private address is refused.
    """
    try:
        check_url(url, allow_private=settings.webhook_allow_private, allow_http=settings.webhook_allow_http)
        parsed = httpx.URL(url)
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        await resolve_checked(parsed.host, port, allow_private=settings.webhook_allow_private, resolver=resolver)
    except ConnectFailed:
        log.info("webhook URL %s does not resolve now; it is resolved and checked at each delivery", url)
    except UnsafeAddress as exc:
        hint = "" if settings.webhook_allow_http or not url.startswith("http:") else " (use https)"
        raise HTTPException(422, f"webhook URL refused: {exc.message}{hint}") from None
    except ScrapeError as exc:
        raise HTTPException(422, f"webhook URL refused: {exc.message}") from None
    return url


async def endpoint_or_404(db: Database, endpoint_id: str) -> WebhookEndpoint:
    async with db.reader() as session:
        endpoint = await store.get_endpoint(session, endpoint_id)
    if endpoint is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"webhook {endpoint_id} not found")
    return endpoint
