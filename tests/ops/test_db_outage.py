"""A PostgreSQL outage, through a real TCP proxy that is cut: `serve` waits for the database at start, the API
answers 503 + Retry-After while it is gone, the log says so once (with a count), and everything resumes;
a `worker` that never reaches it exits 5 with one line. PostgreSQL pass only (EXCHANGEWATCH_TEST_DB=postgresql).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.support.feeds import Item, rss2
from tests.support.server import LocalServer
from tests.support.tcpproxy import TcpProxy

OUTAGE_SECONDS = 20


@pytest.fixture
def proxy(pg_database_url: str) -> Iterator[TcpProxy]:
    parts = urlsplit(pg_database_url)
    instance = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432).start()
    yield instance
    instance.stop()


def _through(url: str, proxy: TcpProxy) -> str:
    parts = urlsplit(url)
    return parts._replace(netloc=f"{parts.username}@127.0.0.1:{proxy.port}").geturl()


def _env(database_url: str, port: int, **extra: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")},
        "EXCHANGEWATCH_DATABASE_URL": database_url,
        "EXCHANGEWATCH_PORT": str(port),
        "EXCHANGEWATCH_MIGRATE_ON_START": "false",
        "EXCHANGEWATCH_POLL_INTERVAL_SECONDS": "1",
        "EXCHANGEWATCH_POLL_JITTER": "0",
        "EXCHANGEWATCH_SCHEDULER_TICK_SECONDS": "0.2",
        "EXCHANGEWATCH_DELIVERY_TICK_SECONDS": "0.2",
        "EXCHANGEWATCH_EXTRACT_PROCESSES": "1",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        **{f"EXCHANGEWATCH_{k.upper()}": v for k, v in extra.items()},
    }


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _status(url: str) -> int:
    try:
        return httpx.get(url, timeout=5).status_code
    except httpx.HTTPError:
        return 0


def _until(predicate, timeout: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_serve_waits_for_the_database_answers_503_during_an_outage_and_logs_it_once(
    pg_database_url: str, proxy: TcpProxy, server: LocalServer, tmp_path: Path
) -> None:
    server.serve("/feed.xml", rss2([Item("Quiet news", server.url("/a/1"), datetime.now(UTC), "Nothing")]))
    server.serve("/a/1", "<html><body><p>Nothing much happened today.</p></body></html>")
    feeds = tmp_path / "feeds.opml"
    feeds.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline text="Local" type="rss" xmlUrl="{server.url("/feed.xml")}"/></body></opml>'
    )
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "serve.log"
    env = _env(_through(pg_database_url, proxy), port, feeds_file=str(feeds), database_wait_seconds="60")
    proxy.cut()  # the database is down when the service starts
    with log_path.open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "service.cli", "serve"], env=env, stdout=log, stderr=log)
        try:
            time.sleep(3)
            assert proc.poll() is None, "serve gave up instead of waiting for the database"
            proxy.restore()
            assert _until(lambda: _status(base + "/readyz") == 200, 60), log_path.read_text()
            assert _status(base + "/v1/alerts") == 200
            lines_before = len(log_path.read_text().splitlines())

            proxy.cut()
            answers: list[httpx.Response] = []
            started = time.monotonic()
            while time.monotonic() - started < OUTAGE_SECONDS:
                answers.append(httpx.get(base + "/v1/alerts", timeout=10))
                time.sleep(0.25)
            outage_log = log_path.read_text().splitlines()[lines_before:]
            proxy.restore()
            assert _until(lambda: _status(base + "/v1/alerts") == 200, 30), "the API did not recover"
            assert _until(lambda: "reachable again" in log_path.read_text(), 10)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    output = log_path.read_text()
    assert "Traceback" not in output
    assert "database unavailable" in output.split("reachable again")[0]  # the start-up wait said why
    statuses = [a.status_code for a in answers]
    assert 500 not in statuses and statuses.count(503) >= len(statuses) - 1, statuses
    refused = next(a for a in answers if a.status_code == 503)
    assert refused.headers["retry-after"].isdigit()
    assert refused.headers["content-type"] == "application/problem+json"
    told = [line for line in outage_log if "database" in line]
    assert len(told) == 1 and "database unavailable" in told[0], told
    assert len(outage_log) <= 5, outage_log  # the rest of the outage was counted, not logged
    back = next(line for line in output.splitlines()[lines_before:] if "reachable again" in line)
    assert "errors" in back


def test_a_worker_that_cannot_reach_the_database_exits_5_with_one_line(
    pg_database_url: str, proxy: TcpProxy, tmp_path: Path
) -> None:
    proxy.cut()
    env = _env(_through(pg_database_url, proxy), _free_port(), database_wait_seconds="3")
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "worker"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 5, done.stderr
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("error: database unavailable:") and "\n" not in last
    assert "retrying" in done.stderr  # it waited and said so before giving up
