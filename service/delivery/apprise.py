"""Notifications through Apprise (Telegram, Slack, e-mail, ntfy, Matrix, ~100 more) from the webhook outbox.

An Apprise URL holds the channel's secret (a bot token, an SMTP password), so it is only ever shown
masked (Apprise's own privacy form, without the query string) and errors are scrubbed of its parts.
The hosts a URL reaches pass the webhook SSRF rules before every send: WEBHOOK_ALLOW_PRIVATE for
non-public addresses and WEBHOOK_ALLOW_HTTP for plaintext (http, SMTP without TLS). Apprise opens its
own connections, so the checked address is not pinned as it is for webhooks (see SECURITY.md).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import warnings
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from scrapers.errors import ScrapeError, UnsafeAddress
from scrapers.netguard import Resolver, parse_ip_literal, resolve_checked
from service.delivery.sender import SendResult

SEND_TIMEOUT = 30.0
MIN_SECRET = 3  # shorter URL parts are not worth scrubbing (and would mangle ordinary words)


class InvalidChannel(ValueError):
    """An Apprise URL that no plugin understands, or one the SSRF rules refuse."""


def _library() -> Any:
    """Apprise, loaded on first use: its ~130 plugins take a second or more to import, which a worker that
    sends no notification should not pay at start."""
    with _LOADING:
        if not _LOADED:
            with warnings.catch_warnings():
                # Apprise's e-mail plugin imports the deprecated imghdr module; nothing of ours uses it.
                warnings.simplefilter("ignore", DeprecationWarning)
                import apprise
                from apprise.manager_plugins import NotificationManager

                NotificationManager().load_modules()
            logger = logging.getLogger("apprise")
            logger.addHandler(_LOG)
            logger.propagate = False  # its records may quote a URL: only the scrubbed error reaches our logs
            _LOADED.append(apprise)
        return _LOADED[0]


def plugin_for(url: str) -> Any:
    """Apprise's plugin object for a URL, or InvalidChannel."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        plugin = _library().Apprise.instantiate(url, suppress_exceptions=True)
    if plugin is None:
        raise InvalidChannel("not an Apprise URL this server understands (see https://appriseit.com/services/)")
    return plugin


def mask(url: str) -> str:
    """The URL as Apprise shows it with privacy on (tokens and passwords elided), without the query."""
    try:
        return str(plugin_for(url).url(privacy=True)).split("?", 1)[0]
    except InvalidChannel:
        return urlsplit(url).scheme + "://****"


def secret_parts(url: str) -> list[str]:
    """Every part of a URL but its scheme and host: what must never appear in a log or an error."""
    parts = urlsplit(url)
    pieces = [parts.username, parts.password, *parts.path.split("/"), *parts.query.replace("&", "=").split("=")]
    found = {unquote(p) for p in pieces if p and len(p) >= MIN_SECRET} | {
        p for p in pieces if p and len(p) >= MIN_SECRET
    }
    if parts.hostname and "." not in parts.hostname:
        found.add(parts.hostname)  # a token in the host position (tgram://<bot token>/...)
    return sorted(found, key=len, reverse=True)


def scrub(text: str, url: str) -> str:
    for part in secret_parts(url):
        text = text.replace(part, "****")
    return text


def _targets(plugin: Any) -> list[tuple[str, int, bool]]:
    """(host, port, encrypted) the plugin connects to, when the URL chooses them.

    Services with a fixed public endpoint (Telegram, Discord, Slack) keep tokens in the host position;
    those are not hosts and are skipped. Anything that can be a hostname or an address is checked.
    """
    host = str(getattr(plugin, "smtp_host", None) or getattr(plugin, "host", None) or "")
    if not host:
        return []
    fixed = any(
        isinstance(value, str) and value.startswith("https://")
        for name, value in vars(type(plugin)).items()
        if name.endswith("url")
    )
    if fixed and "." not in host and parse_ip_literal(host) is None and host != "localhost":
        return []
    secure = bool(getattr(plugin, "secure", False))
    port = int(getattr(plugin, "port", None) or (443 if secure else 80))
    return [(host, port, secure)]


async def check_targets(url: str, *, allow_private: bool, allow_http: bool, resolver: Resolver | None = None) -> None:
    """Refuse a channel whose hosts are non-public or reached in plaintext (unless the settings allow it)."""
    for host, port, secure in _targets(plugin_for(url)):
        if not secure and not allow_http:
            raise InvalidChannel(f"{host} would be reached without TLS (use the service's secure scheme)")
        try:
            await resolve_checked(host, port, allow_private=allow_private, resolver=resolver)
        except UnsafeAddress as exc:
            raise InvalidChannel(exc.message) from None
        except ScrapeError:
            continue  # unresolvable now: Apprise cannot reach it either; checked again before each send


class _Capture(logging.Handler):
    """Collects Apprise's warnings during one send into that send's list, so errors never mix channels.

    The list travels in a context variable: asyncio.to_thread and Apprise's own worker threads
    (submit_with_context) carry the caller's context. So sends run side by side: a stalled channel holds
    only its own thread (a global lock used to make every other channel wait for it).
    """

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        found = _ERRORS.get()
        if found is not None:
            found.append(record.getMessage())


_ERRORS: ContextVar[list[str] | None] = ContextVar("apprise_errors", default=None)
_LOG = _Capture()
_LOADING = threading.Lock()
_LOADED: list[Any] = []


@dataclass(frozen=True)
class AppriseSender:
    allow_private: bool
    allow_http: bool
    resolver: Resolver | None = None
    timeout: float = SEND_TIMEOUT

    async def send(self, url: str, title: str, text: str) -> SendResult:
        """Deliver one short message (a title, a markdown text); never raises."""
        started = time.monotonic()
        try:
            await check_targets(
                url, allow_private=self.allow_private, allow_http=self.allow_http, resolver=self.resolver
            )
            ok, errors = await asyncio.wait_for(asyncio.to_thread(_notify, url, title, text), self.timeout)
        except InvalidChannel as exc:
            return _result(started, False, "unsafe_url", scrub(str(exc), url))
        except TimeoutError:
            return _result(started, False, "timeout", f"no answer within {self.timeout:g} s")
        except Exception as exc:  # a plugin bug must not stop the delivery loop
            return _result(started, False, "internal", scrub(f"{type(exc).__name__}: {exc}", url))
        if ok:
            return _result(started, True, None, None)
        return _result(started, False, "rejected", scrub("; ".join(errors[-3:]) or "the service refused it", url))


def _notify(url: str, title: str, text: str) -> tuple[bool, list[str]]:
    """Runs in a worker thread: Apprise is synchronous."""
    library = _library()
    channel = library.Apprise()
    if not channel.add(url):
        return False, ["Apprise could not load the URL"]
    errors: list[str] = []
    token = _ERRORS.set(errors)
    try:
        ok = channel.notify(title=title, body=text, body_format=library.NotifyFormat.MARKDOWN)
    finally:
        _ERRORS.reset(token)
    return bool(ok), errors


def _result(started: float, ok: bool, error_class: str | None, error: str | None) -> SendResult:
    duration = int((time.monotonic() - started) * 1000)
    return SendResult(ok, duration, error_class=error_class, error=error[:500] if error else None)


def create_notifier(settings: Any) -> AppriseSender:
    """The Apprise sender under the webhook SSRF settings (it holds no connections: cheap to build)."""
    return AppriseSender(
        allow_private=settings.webhook_allow_private,
        allow_http=settings.webhook_allow_http,
    )
