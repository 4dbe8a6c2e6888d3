"""POST one signed webhook: never follow redirects, connect 5 s / total 15 s, SSRF-pinned connections."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import httpx

from scrapers.errors import ScrapeError, UnsafeAddress
from scrapers.netguard import PinnedTransport, Resolver, check_url
from service.delivery import signing
from service.delivery.schedule import parse_retry_after
from service.models.types import utcnow
from service.settings import Settings

CONNECT_TIMEOUT = 5.0
TOTAL_TIMEOUT = 15.0
RESPONSE_EXCERPT_BYTES = 4096


@dataclass(frozen=True)
class SendResult:
    """What one attempt did; `error_class` is a short code (timeout, connect, http_5xx, gone, ...)."""

    ok: bool
    duration_ms: int
    status: int | None = None
    error_class: str | None = None
    error: str | None = None
    response_body: str | None = None
    retry_after: float | None = None

    @property
    def gone(self) -> bool:
        return self.status == 410


class WebhookSender:
    """One shared client per process; every new connection is resolved, checked and pinned to that IP."""

    def __init__(
        self,
        *,
        allow_private: bool,
        allow_http: bool,
        user_agent: str,
        resolver: Resolver | None = None,
        max_connections: int = 32,
        total_timeout: float = TOTAL_TIMEOUT,
        connect_timeout: float = CONNECT_TIMEOUT,
    ) -> None:
        self.allow_private = allow_private
        self.total_timeout = total_timeout
        self.allow_http = allow_http
        # No keep-alive: every attempt opens a fresh connection, so the host is resolved and checked
        # again each time (a DNS answer that turned private is caught on the next attempt).
        limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=0)
        # Requests beyond the pool wait here, not in httpcore's queue, which rescans every waiting
        # request on each connection change (a bare loop went from 63 to 840 requests/s with this gate).
        self._admit = asyncio.Semaphore(max_connections)
        transport = PinnedTransport(allow_private=allow_private, resolver=resolver, limits=limits)
        self._client = httpx.AsyncClient(
            transport=transport,
            follow_redirects=False,
            timeout=httpx.Timeout(total_timeout, connect=connect_timeout),
            trust_env=False,
            headers={"user-agent": user_agent},
        )

    async def send(
        self, url: str, msg_id: str, body: str, secrets: list[str], *, timestamp: int | None = None
    ) -> SendResult:
        """Sign and POST `body`; any 2xx is success, everything else is a failure with a reason."""
        data = body.encode()
        stamp = timestamp if timestamp is not None else int(time.time())
        started = time.monotonic()
        try:
            check_url(url, allow_private=self.allow_private, allow_http=self.allow_http)
            async with self._admit, asyncio.timeout(self.total_timeout):
                result = await self._post(url, data, signing.headers(secrets, msg_id, stamp, data))
        except TimeoutError:
            return _failure(started, "timeout", f"no complete response within {self.total_timeout:g} s")
        except httpx.TimeoutException as exc:
            return _failure(started, "timeout", f"{type(exc).__name__}: {exc}")
        except UnsafeAddress as exc:
            return _failure(started, "unsafe_url", f"refused by the SSRF guard, not retried: {exc.message}")
        except ScrapeError as exc:
            return _failure(started, exc.kind, exc.message)
        except httpx.HTTPError as exc:
            return _failure(started, "connect", f"{type(exc).__name__}: {exc}")
        status, excerpt, headers = result
        duration = _elapsed_ms(started)
        if 200 <= status < 300:
            return SendResult(True, duration, status, response_body=excerpt)
        error_class, error = _classify(status, headers)
        retry_after = parse_retry_after(headers.get("retry-after"), utcnow()) if status in (429, 503) else None
        return SendResult(False, duration, status, error_class, error, excerpt, retry_after)

    async def _post(self, url: str, data: bytes, headers: dict[str, str]) -> tuple[int, str, httpx.Headers]:
        async with self._client.stream("POST", url, content=data, headers=headers) as response:
            excerpt = bytearray()
            async for chunk in response.aiter_bytes():
                excerpt += chunk
                if len(excerpt) >= RESPONSE_EXCERPT_BYTES:
                    break  # the log keeps 4 KB; never read a huge body
            text = bytes(excerpt[:RESPONSE_EXCERPT_BYTES]).decode("utf-8", errors="replace")
            return response.status_code, text, response.headers

    async def aclose(self) -> None:
        await self._client.aclose()


def _classify(status: int, headers: httpx.Headers) -> tuple[str, str]:
    if 300 <= status < 400:
        return (
            "redirect",
            f"redirects are not followed (status {status}, location {headers.get('location')!r})",
        )
    if status == 410:
        return "gone", "410 Gone: the endpoint asked to stop deliveries"
    if status == 429 or (status == 503 and "retry-after" in headers):
        return "rate_limited", f"status {status}, retry-after {headers.get('retry-after')!r}"
    if status >= 500:
        return "http_5xx", f"status {status}"
    return "http_4xx", f"status {status}"


def _elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _failure(started: float, error_class: str, error: str) -> SendResult:
    return SendResult(False, _elapsed_ms(started), error_class=error_class, error=error[:500])


def create_sender(settings: Settings) -> WebhookSender:
    """The process-wide sender, configured from settings."""
    return WebhookSender(
        allow_private=settings.webhook_allow_private,
        allow_http=settings.webhook_allow_http,
        user_agent=settings.user_agent,
    )
