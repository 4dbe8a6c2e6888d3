"""For tests that run the service as a subprocess: a free local port, waiting on it, a feed to poll."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx

from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

STORY = [
    "The regional parliament voted on Wednesday to extend the opening hours of public swimming pools.",
    "Members said the decision would help families during the summer holidays and create new jobs.",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(predicate: Callable[[], bool], timeout: float) -> bool:
    """Poll until the predicate holds (a refused connection counts as "not yet") or the time is up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


def serve_story(server: LocalServer) -> str:
    """An ordinary news story (no exchange) and an RSS feed linking to it; returns the feed's URL."""
    server.serve("/story", article_page("Pools stay open longer", STORY))
    server.serve("/feed.xml", rss2([Item("Pools stay open longer", server.url("/story"), datetime.now(UTC), "Vote")]))
    return server.url("/feed.xml")
