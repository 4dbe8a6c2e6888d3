"""`exchangewatch worker` as a parent and a polling child (issue 16's idle memory): the child runs while work
is due, exits when idle, is started again when a feed is due, and never outlives the parent."""

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


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def polls(base: str) -> float:
    for line in httpx.get(base + "/metrics").text.splitlines():
        if line.startswith('exchangewatch_feed_polls_total{outcome="ok"}'):
            return float(line.split()[-1])
    return 0.0


def start_worker(database_url: str, feed_url: str, tmp_path: Path, port: int) -> subprocess.Popen[bytes]:
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head><body>'
        f'<outline text="Local" type="rss" xmlUrl="{feed_url}"/></body></opml>'
    )
    env = {
        **os.environ,
        "EXCHANGEWATCH_DATABASE_URL": database_url,
        "EXCHANGEWATCH_FEEDS_FILE": str(opml),
        "EXCHANGEWATCH_POLL_INTERVAL_SECONDS": "6",  # longer than the idle exit: the child goes in between
        "EXCHANGEWATCH_POLL_JITTER": "0",
        "EXCHANGEWATCH_WORKER_IDLE_EXIT_SECONDS": "1",
        "EXCHANGEWATCH_EXTRACT_PROCESSES": "1",
        "EXCHANGEWATCH_PORT": str(port),
        "PYTHONPATH": str(ROOT),
    }
    with (tmp_path / "worker.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker"], env=env, stdout=log, stderr=log, cwd=ROOT
        )


def test_the_polling_child_exits_when_idle_and_comes_back_when_a_feed_is_due(
    database_url: str, server: LocalServer, tmp_path: Path
) -> None:
    port = free_port()
    worker = start_worker(database_url, serve_story(server), tmp_path, port)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: bool(children(worker.pid)), 30), "a child started for the first poll"
        assert wait_for(lambda: polls(base) >= 1, 30), "the child's counters reach the parent's /metrics"
        assert wait_for(lambda: not children(worker.pid), 30), "the child exits once idle"
        assert polls(base) == 1  # a finished child's counts stay
        assert httpx.get(base + "/readyz").json()["checks"]["scheduler"] == "pass"
        lag = httpx.get(base + "/health").json()["checks"]["scheduler:lag"][0]
        assert lag["status"] == "pass" and lag["observedValue"] is not None  # the parent's due checks keep it fresh
        assert wait_for(lambda: polls(base) >= 2, 30), "the feed fell due again: a new child polled it"
        assert "Traceback" not in (tmp_path / "worker.log").read_text()
    finally:
        worker.terminate()
        worker.wait(30)


def test_sigterm_stops_the_child_too_and_sigkill_leaves_no_orphan(
    database_url: str, server: LocalServer, tmp_path: Path
) -> None:
    for how in (signal.SIGTERM, signal.SIGKILL):
        port = free_port()
        worker = start_worker(database_url, serve_story(server), tmp_path, port)
        try:
            pid = worker.pid
            assert wait_for(lambda: bool(children(pid)), 30)  # noqa: B023 (called within this iteration)
            (child,) = children(pid)
            worker.send_signal(how)
            worker.wait(30)
            gone = wait_for(lambda: not alive(child), 10)  # noqa: B023
            assert gone, f"the child outlived its parent ({how.name})"
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait(10)


def test_the_parent_does_not_import_the_polling_stack() -> None:
    """The parent holds the probes and the due check only: no HTTP client, feed parser, lxml or detection."""
    code = (
        "import sys, service.cli.app, service.worker.server, service.worker.supervisor;"
        "print(sorted(m for m, v in sys.modules.items() if v is not None and m.split('.')[0] in"
        " ('httpx', 'feedparser', 'lxml', 'scrapers', 'trafilatura', 'apscheduler', 'lingua')"
        " or m.startswith(('service.flows', 'service.core', 'service.worker.runner'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
