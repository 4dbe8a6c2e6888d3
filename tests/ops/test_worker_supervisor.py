"""`exchangewatch worker` as a parent and a polling child (issue 16's idle memory): the child runs while work
is due, exits when idle, is started again when a feed is due, and never outlives the parent."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from service.db import Database
from service.metrics import ChildCounts, WithChildCounts, counted_samples
from service.worker.supervisor import Supervisor, restart_delay
from tests.conftest import make_settings
from tests.support.db import add_feed
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


async def _wait(condition: Callable[[], bool], seconds: float = 60.0) -> bool:
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            return False
        await asyncio.sleep(0.05)
    return True


async def test_a_child_that_fails_to_start_is_retried_after_a_growing_wait_not_every_tick(
    database_url: str, server: LocalServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The feed list the child syncs at start cannot be read: each child exits with an error at once. The
    parent says so at ERROR and waits before the next start (1 s doubling; here 0.2 s, then 0.4 s), instead
    of starting one every tick while the feed is due; a child that polls resets the wait."""
    feed_url = serve_story(server)
    feeds = tmp_path / "feeds.opml"
    feeds.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><body><outline text="Local" type="rss" xmlUrl="{feed_url}"/>'
        "</body></opml>"
    )
    settings = make_settings(database_url, feeds_file=feeds, scheduler_tick_seconds=0.05, worker_idle_exit_seconds=1)
    db = Database(database_url)
    try:
        await add_feed(db, feed_url)  # due now: the parent's due check asks for a child every tick
        moved = feeds.rename(tmp_path / "elsewhere.opml")
        supervisor = Supervisor(settings, db)
        supervisor.restart_first_seconds = 0.2
        caplog.set_level(logging.INFO, logger="service.worker.supervisor")
        await supervisor.start()
        try:
            assert await _wait(lambda: supervisor.failed_starts >= 2), "two children failed to start"
            failures = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
            assert "polling child failed to start" in failures[0] and "code=1" in failures[0]
            assert "next start in 0.2 s" in failures[0] and "next start in 0.4 s" in failures[1]
            assert supervisor.children_started == supervisor.failed_starts  # one start per wait, no more

            supervisor.restart_first_seconds = 3600.0  # the next failure's wait outlasts this test
            assert await _wait(lambda: supervisor.failed_starts >= 3)
            started = supervisor.children_started
            await asyncio.sleep(40 * settings.scheduler_tick_seconds)  # forty ticks with the feed due
            assert supervisor.children_started == started, "a child was started during the wait"
            last = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR][-1]
            assert "(3 in a row)" in last and "next start in 300.0 s" in last  # 3600 s doubled twice, capped
        finally:
            await supervisor.stop(grace_seconds=1)

        moved.rename(feeds)  # the operator fixes the list: a new parent's child polls, and the count resets
        supervisor = Supervisor(settings, db)
        supervisor.failed_starts = 5
        await supervisor.start()
        try:
            assert await _wait(lambda: supervisor.failed_starts == 0, 180), "a child finished a tick"
        finally:
            await supervisor.stop(grace_seconds=1)
    finally:
        await db.dispose()


def test_restart_delays_double_up_to_five_minutes() -> None:
    assert [restart_delay(n) for n in range(11)] == [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300]
    assert restart_delay(10_000) == 300


def test_the_childrens_counts_are_added_to_the_parents_series_through_the_public_registry_api() -> None:
    """A child's counters and histogram (read with counted_samples) add to the parent's own series of the same
    name; a series only a child counted appears; an ended child's counts stay when the next one starts."""
    parent, child = CollectorRegistry(), CollectorRegistry()
    Counter("x_polls_total", "Polls.", ["outcome"], registry=parent).labels("ok").inc(2)
    Histogram("x_seconds", "Time.", buckets=(1, 5), registry=parent)
    child_polls = Counter("x_polls_total", "Polls.", ["outcome"], registry=child)
    child_seconds = Histogram("x_seconds", "Time.", buckets=(1, 5), registry=child)
    child_polls.labels("ok").inc(3)
    child_polls.labels("timeout").inc()
    child_seconds.observe(0.5)
    child_seconds.observe(3)
    counts = ChildCounts()
    counts.report(counted_samples(child))
    counts.child_ended()  # and a second child, whose counts start from zero again
    counts.report([("x_polls_total", {"outcome": "ok"}, 1.0)])
    text = generate_latest(WithChildCounts(counts, parent)).decode()
    assert 'x_polls_total{outcome="ok"} 6.0' in text  # 2 + 3 + 1
    assert 'x_polls_total{outcome="timeout"} 1.0' in text  # only a child counted it
    assert 'x_seconds_bucket{le="1.0"} 1.0' in text and 'x_seconds_bucket{le="+Inf"} 2.0' in text
    assert "x_seconds_count 2.0" in text and "x_seconds_sum 3.5" in text
    assert text.count("# TYPE x_polls_total counter") == 1  # one family, not the parent's and the child's
