"""The long-running commands as an operator runs them: flags instead of variables, CORS for a browser
dashboard, the access log, and a clean stop on SIGTERM (drained, no tracebacks, no leaked semaphores,
no extraction processes left behind)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from tests.support.processes import free_port, serve_story, wait_for
from tests.support.server import LocalServer

ROOT = Path(__file__).resolve().parents[2]


def start(tmp_path: Path, *args: str, **env: str) -> tuple[subprocess.Popen[bytes], Path]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")}
    environ.update(PYTHONPATH=str(ROOT), **env)
    log = tmp_path / f"{args[0]}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "service.cli", *args], cwd=tmp_path, env=environ, stdout=out, stderr=out
        )
    return proc, log


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            if f"\nPPid:\t{pid}\n" in status:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in state


def test_serve_with_flags_stops_cleanly_on_sigterm(tmp_path: Path, server: LocalServer) -> None:
    feed_url = serve_story(server)
    opml = tmp_path / "feeds.opml"
    opml.write_text(f'<opml version="2.0"><body><outline text="L" xmlUrl="{feed_url}"/></body></opml>')
    port = free_port()
    proc, log = start(
        tmp_path,
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--database-url",
        f"sqlite:///{tmp_path / 'flags.db'}",
        "--feeds-file",
        str(opml),
        EXCHANGEWATCH_EXTRACT_PROCESSES="2",  # a real process pool, the one that used to leak semaphores
        EXCHANGEWATCH_PAGE_POLICY="all",
        EXCHANGEWATCH_PAGE_ALLOW_PRIVATE="true",
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(
            lambda: any(a["text_source"] == "page" for a in httpx.get(base + "/v1/articles").json()["data"]), 60
        ), log.read_text()
        pool = children(proc.pid)
        assert pool, "extraction ran in child processes"
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
    output = log.read_text()
    assert code in (0, -signal.SIGTERM), output  # uvicorn re-raises the signal after a graceful stop
    assert "Traceback" not in output and "leaked semaphore" not in output and "resource_tracker" not in output
    assert "Application shutdown complete" in output
    assert wait_for(lambda: not any(alive(pid) for pid in pool), 10), "extraction processes outlived the service"
    assert (tmp_path / "flags.db").exists()  # --database-url won over the default ./exchangewatch.db
    assert not (tmp_path / "exchangewatch.db").exists()


def test_api_answers_a_browser_dashboard_cross_origin_and_logs_access(tmp_path: Path) -> None:
    port = free_port()
    dashboard = "https://dash.example"
    proc, log = start(
        tmp_path,
        "api",
        "--port",
        str(port),
        "--access-log",
        EXCHANGEWATCH_DATABASE_URL=f"sqlite:///{tmp_path / 'cors.db'}",
        EXCHANGEWATCH_CORS_ORIGINS=f"{dashboard}, https://other.example",
        EXCHANGEWATCH_LOG_FORMAT="json",
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: httpx.get(base + "/livez").status_code == 200, 60), log.read_text()
        preflight = httpx.options(
            base + "/v1/webhooks",
            headers={
                "Origin": dashboard,
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == dashboard
        assert "POST" in preflight.headers["access-control-allow-methods"]
        assert "authorization" in preflight.headers["access-control-allow-headers"].lower()
        refused = httpx.options(
            base + "/v1/alerts",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
        )
        assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
        page = httpx.get(base + "/v1/alerts", headers={"Origin": dashboard})
        assert page.headers["access-control-allow-origin"] == dashboard
        assert "etag" in page.headers["access-control-expose-headers"].lower()
        with httpx.stream("GET", base + "/v1/alerts/stream", headers={"Origin": dashboard}, timeout=10) as stream:
            assert stream.status_code == 200
            assert stream.headers["content-type"].startswith("text/event-stream")
            assert stream.headers["access-control-allow-origin"] == dashboard
            assert "retry:" in next(stream.iter_text())  # the stream's opening lines are readable
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
    output = log.read_text()
    assert code in (0, -signal.SIGTERM) and "Traceback" not in output
    assert '"logger": "exchangewatch.access"' in output and '"path": "/v1/alerts/stream"' in output
