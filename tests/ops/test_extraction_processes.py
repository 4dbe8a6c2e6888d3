"""Extraction processes die with their parent (issue 15 item 4): a real `exchangewatch worker` with a
two-process extraction pool busy on article pages is killed with SIGKILL, or stopped with SIGTERM, and no
child process may survive it; a graceful stop leaves no leaked-semaphore warning."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

ROOT = Path(__file__).resolve().parents[2]
PARAGRAPH = "The city council approved a new budget for public libraries after a long and heated debate. "


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> set[int]:
    """Every live descendant of `pid` (from /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path(f"/proc/{pid}/stat")).read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(predicate: object, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def _start_busy_worker(database_url: str, server: LocalServer, tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path]:
    base = datetime(2025, 6, 10, 9, tzinfo=UTC)
    items = [Item(f"Story {n}", server.url(f"/story/{n}"), base + timedelta(minutes=n), "x") for n in range(200)]
    server.serve("/feed.xml", rss2(items), content_type="application/rss+xml")
    for n in range(200):
        server.serve(f"/story/{n}", article_page(f"Story {n}", [PARAGRAPH * 20] * 30), content_type="text/html")
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><body><outline text="f" type="rss" '
        f'xmlUrl="{server.url("/feed.xml")}"/></body></opml>'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")}
    env.update(
        EXCHANGEWATCH_DATABASE_URL=database_url,
        EXCHANGEWATCH_FEEDS_FILE=str(opml),
        EXCHANGEWATCH_MIGRATE_ON_START="false",
        EXCHANGEWATCH_PORT=str(_free_port()),
        EXCHANGEWATCH_POLL_INTERVAL_SECONDS="3600",
        EXCHANGEWATCH_SCHEDULER_TICK_SECONDS="0.2",
        EXCHANGEWATCH_EXTRACT_PROCESSES="2",
        EXCHANGEWATCH_PAGE_POLICY="all",
        EXCHANGEWATCH_RESPECT_ROBOTS="false",
        EXCHANGEWATCH_LOG_LEVEL="WARNING",
    )
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        worker = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    # Two pool processes (plus multiprocessing's resource tracker) once extraction runs.
    # Generous: a worker starts detection's models and two interpreters; a loaded CI machine is slow.
    busy = _wait(lambda: len(server.hits("/story/3")) > 0 and len(_children(worker.pid)) >= 3, 180)
    if not busy:
        worker.kill()
        worker.wait(10)
    assert busy, "extraction did not start:\n" + log.read_text(errors="replace")
    return worker, log


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_no_extraction_process_survives_its_worker(
    sig: signal.Signals, database_url: str, server: LocalServer, tmp_path: Path
) -> None:
    worker, log = _start_busy_worker(database_url, server, tmp_path)
    children = _children(worker.pid)
    try:
        worker.send_signal(sig)
        worker.wait(30)
    finally:
        if worker.poll() is None:
            worker.kill()
    # SIGKILL: the kernel (parent-death signal) ends the pool; SIGTERM: shutdown waits for it. Only the
    # resource tracker may need a moment to read the closed pipe and exit.
    assert _wait(lambda: not any(_alive(pid) for pid in children), 5), [p for p in children if _alive(p)]
    if sig == signal.SIGTERM:
        output = log.read_text(errors="replace")
        assert "leaked semaphore" not in output and "Traceback" not in output, output
