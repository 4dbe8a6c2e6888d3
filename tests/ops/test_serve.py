"""The one-command service, as a user runs it: `exchangewatch serve` with a local feed list."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.support.processes import free_port, serve_story, wait_for
from tests.support.server import LocalServer


@pytest.fixture
def opml(tmp_path: Path, server: LocalServer) -> Path:
    feed_url = serve_story(server)
    path = tmp_path / "feeds.opml"
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
        f'<outline text="Local" type="rss" xmlUrl="{feed_url}"/>'
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
    with _service("serve", database_url, opml, free_port(), tmp_path) as base:
        assert wait_for(lambda: httpx.get(base + "/readyz").status_code == 200, 30)
        assert wait_for(
            lambda: any(a["text_source"] == "page" for a in httpx.get(base + "/v1/articles").json()["data"]), 10
        )  # two poll intervals, plus start-up slack on a loaded CI machine
        (article,) = httpx.get(base + "/v1/articles").json()["data"]
        assert "swimming pools" in article["text"]
        feeds = {f["url"]: f for f in httpx.get(base + "/v1/feeds").json()["data"]}
        assert len(feeds) == 2
        assert wait_for(lambda: httpx.get(base + "/v1/feeds").json()["data"][1]["error_count"] > 0, 10)
        down = httpx.get(base + "/v1/feeds").json()["data"][1]
        assert down["last_error_kind"] == "connect" and down["enabled"] is True
        health = httpx.get(base + "/health").json()
        assert "scheduler:lag" in health["checks"] and health["status"] in ("pass", "warn")
        metrics = httpx.get(base + "/metrics").text
        assert 'exchangewatch_feed_polls_total{outcome="ok"}' in metrics


def test_worker_serves_only_operator_endpoints(database_url: str, opml: Path, tmp_path: Path) -> None:
    with _service("worker", database_url, opml, free_port(), tmp_path) as base:
        assert wait_for(lambda: httpx.get(base + "/readyz").json()["checks"].get("scheduler") == "pass", 30)
        missing = httpx.get(base + "/v1/feeds")
        assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
        assert missing.json()["code"] == "not_found"
        assert httpx.post(base + "/livez").status_code == 405
        assert httpx.get(base + "/livez").json() == {"status": "pass"}
        assert httpx.get(base + "/healthz").status_code == 200
        health = httpx.get(base + "/health")
        assert health.headers["content-type"] == "application/health+json"
        assert "scheduler:lag" in health.json()["checks"]
        assert wait_for(lambda: 'exchangewatch_feed_polls_total{outcome="ok"}' in httpx.get(base + "/metrics").text, 10)
        metrics = httpx.get(base + "/metrics").text
        assert 'exchangewatch_api_requests_total{method="GET",route="/livez",status="200"}' in metrics


def test_a_worker_process_does_not_import_the_web_framework() -> None:
    """The worker's own endpoints spare it FastAPI and the API's modules (issue 16's idle memory)."""
    code = (
        "import sys, service.cli.app, service.worker.server, service.worker.runner, service.worker.deliver;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fastapi', 'starlette', 'jinja2')"
        " or m.startswith(('service.api.app', 'service.api.alerts', 'service.api.feeds'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
