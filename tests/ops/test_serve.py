"""The one-command service, as a user runs it: `exchangewatch serve` with a local feed list."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

STORY = [
    "The regional parliament voted on Wednesday to extend the opening hours of public swimming pools.",
    "Members said the decision would help families during the summer holidays and create new jobs.",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


@pytest.fixture
def opml(tmp_path: Path, server: LocalServer) -> Path:
    server.serve("/story", article_page("Pools stay open longer", STORY))
    server.serve("/feed.xml", rss2([Item("Pools stay open longer", server.url("/story"), datetime.now(UTC), "Vote")]))
    path = tmp_path / "feeds.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
        f'<outline text="Local" type="rss" xmlUrl="{server.url("/feed.xml")}"/>'
        '<outline text="Down" xmlUrl="http://127.0.0.1:9/unreachable.xml"/></body></opml>'
    )
    return path


@contextmanager
def _service(command: str, database_url: str, opml: Path, port: int, tmp_path: Path) -> Iterator[str]:
    env = {
        **os.environ,
        "EXCHANGEWATCH_DATABASE_URL": database_url,
        "EXCHANGEWATCH_FEEDS_FILE": str(opml),
        "EXCHANGEWATCH_POLL_INTERVAL_SECONDS": "1",
        "EXCHANGEWATCH_PORT": str(port),
        "EXCHANGEWATCH_EXTRACT_PROCESSES": "1",
        "EXCHANGEWATCH_PAGE_POLICY": "all",  # the test page is ordinary news: extract it anyway
        "EXCHANGEWATCH_LOG_FORMAT": "json",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    log = (tmp_path / f"{command}.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", command], env=env, stdout=log, stderr=log, cwd=tmp_path
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    assert b"Traceback" not in (tmp_path / f"{command}.log").read_bytes()


def test_serve_polls_the_feed_list_and_serves_articles(database_url: str, opml: Path, tmp_path: Path) -> None:
    with _service("serve", database_url, opml, _free_port(), tmp_path) as base:
        assert _wait(lambda: httpx.get(base + "/readyz").status_code == 200, 30)
        assert _wait(
            lambda: any(a["text_source"] == "page" for a in httpx.get(base + "/v1/articles").json()["data"]), 10
        )  # two poll intervals, plus start-up slack on a loaded CI machine
        (article,) = httpx.get(base + "/v1/articles").json()["data"]
        assert "swimming pools" in article["text"]
        feeds = {f["url"]: f for f in httpx.get(base + "/v1/feeds").json()["data"]}
        assert len(feeds) == 2
        assert _wait(lambda: httpx.get(base + "/v1/feeds").json()["data"][1]["error_count"] > 0, 10)
        down = httpx.get(base + "/v1/feeds").json()["data"][1]
        assert down["last_error_kind"] == "connect" and down["enabled"] is True
        health = httpx.get(base + "/health").json()
        assert "scheduler:lag" in health["checks"] and health["status"] in ("pass", "warn")
        metrics = httpx.get(base + "/metrics").text
        assert 'exchangewatch_feed_polls_total{outcome="ok"}' in metrics


def test_worker_serves_only_operator_endpoints(database_url: str, opml: Path, tmp_path: Path) -> None:
    with _service("worker", database_url, opml, _free_port(), tmp_path) as base:
        assert _wait(lambda: httpx.get(base + "/readyz").json()["checks"].get("scheduler") == "pass", 30)
        assert httpx.get(base + "/v1/feeds").status_code == 404
        assert httpx.get(base + "/livez").status_code == 200
