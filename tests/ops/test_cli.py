"""The `exchangewatch` command as a user runs it: a real subprocess, its output and its exit code."""

from __future__ import annotations

import json
import os
import pty
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import typer

from service.cli.app import app
from service.cli.common import ExitCode
from service.settings import Settings
from tests.support.feeds import Item, rss2
from tests.support.server import LocalServer

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = {
    "id": "x1",
    "url": "https://x1.example/news",
    "source": "Outlet",
    "language": "en",
    "published": "2031-03-10T09:00:00Z",
    "title": "Ukraine and Russia exchange prisoners",
    "text": "Ukraine and Russia exchanged 100 prisoners of war for 100 on Monday, mediated by the UAE.",
    "label": "pow_exchange",
    "event_key": "pow-2031-03-10",
    "facts": {"returned_to_ukraine": 100},
}


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`exchangewatch ARGS` in tmp_path, stdout and stderr captured (so neither is a terminal)."""
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")},
        "EXCHANGEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "EXCHANGEWATCH_EXTRACT_PROCESSES": "1",
        "PYTHONPATH": str(ROOT),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def assert_user_error(result: subprocess.CompletedProcess[str], code: ExitCode, *phrases: str) -> None:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr


def test_every_command_and_option_is_described() -> None:
    root = typer.main.get_command(app)  # Typer's own click: walk it by duck typing

    def walk(command: Any, path: str) -> None:
        assert command.help or command.short_help, f"{path} has no help"
        for param in command.params:
            assert getattr(param, "help", None), f"{path} {param.name} has no help"
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")

    walk(root, "exchangewatch")
    expected = {"serve", "api", "worker", "poll", "feeds", "db", "eval", "settings"}
    assert expected <= set(root.commands)  # type: ignore[attr-defined]


def test_help_lists_the_settings_and_exit_codes(tmp_path: Path) -> None:
    result = run(tmp_path, "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for name in Settings.model_fields:
        assert f"EXCHANGEWATCH_{name.upper()}" in text
    assert "Exit codes: 0 ok" in text
    serve = " ".join(run(tmp_path, "serve", "--help").stdout.split())
    for flag in ("--host", "--port", "--database-url", "--feeds-file", "--access-log"):
        assert flag in serve
    assert "(env EXCHANGEWATCH_PORT, default 8000)" in serve


def test_settings_shows_current_values_and_hides_the_token(tmp_path: Path) -> None:
    env = {"EXCHANGEWATCH_ADMIN_TOKEN": "s3cret-value", "EXCHANGEWATCH_POLL_INTERVAL_SECONDS": "60"}
    result = run(tmp_path, "settings", "--json", env=env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["EXCHANGEWATCH_POLL_INTERVAL_SECONDS"] == 60.0
    assert values["EXCHANGEWATCH_ADMIN_TOKEN"] == "********" and "s3cret" not in result.stdout
    bad = run(tmp_path, "settings", env={"EXCHANGEWATCH_POLL_INTERVAL_SECONDS": "often"})
    assert_user_error(bad, ExitCode.CONFIG, "EXCHANGEWATCH_POLL_INTERVAL_SECONDS")
    loud = run(tmp_path, "serve", env={"EXCHANGEWATCH_LOG_LEVEL": "loud"})
    assert_user_error(loud, ExitCode.CONFIG, "EXCHANGEWATCH_LOG_LEVEL")


def test_usage_errors_exit_2_without_a_traceback(tmp_path: Path) -> None:
    assert_user_error(run(tmp_path, "serve", "--prot", "9000"), ExitCode.USAGE, "No such option")
    assert_user_error(run(tmp_path, "serve", "--port", "70000"), ExitCode.USAGE, "--port")
    assert_user_error(run(tmp_path, "serve", "--log-level", "LOUD"), ExitCode.USAGE, "--log-level")
    assert_user_error(run(tmp_path, "feeds", "import", "missing.opml"), ExitCode.USAGE, "missing.opml")
    assert_user_error(run(tmp_path, "eval", "missing.jsonl"), ExitCode.USAGE, "missing.jsonl")
    assert_user_error(run(tmp_path, "poll"), ExitCode.USAGE, "--once")
    (tmp_path / "c.jsonl").write_text(json.dumps(ARTICLE) + "\n")
    assert_user_error(run(tmp_path, "eval", "c.jsonl", "--folds", "1"), ExitCode.USAGE, "--folds")


def test_unusable_input_files_exit_4(tmp_path: Path) -> None:
    (tmp_path / "empty.opml").write_text('<?xml version="1.0"?><opml version="2.0"><body/></opml>')
    assert_user_error(run(tmp_path, "feeds", "import", "empty.opml"), ExitCode.DATA, "no feeds in it")
    (tmp_path / "notxml.opml").write_text("feeds, one per line")
    assert_user_error(run(tmp_path, "feeds", "import", "notxml.opml"), ExitCode.DATA, "not valid XML")
    (tmp_path / "corpus.jsonl").write_text(json.dumps(ARTICLE) + "\n{oops\n")
    assert_user_error(run(tmp_path, "eval", "corpus.jsonl"), ExitCode.DATA, "corpus.jsonl line 2: not JSON")
    result = run(tmp_path, "poll", "--once", "--feeds-file", "empty.opml")  # allowed (delivery-only), said loudly
    assert result.returncode == ExitCode.OK and "lists no feeds: every feed is removed" in result.stderr
    result = run(tmp_path, "worker", env={"EXCHANGEWATCH_FEEDS_FILE": str(tmp_path / "notxml.opml")})
    assert_user_error(result, ExitCode.DATA, "EXCHANGEWATCH_FEEDS_FILE")


def test_unreachable_database_or_taken_port_exits_5(tmp_path: Path) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    assert_user_error(run(tmp_path, "feeds", "list", "--database-url", url), ExitCode.UNAVAILABLE, "database")
    assert_user_error(run(tmp_path, "db", "upgrade", "--database-url", url), ExitCode.UNAVAILABLE, "database")
    # serve waits DATABASE_WAIT_SECONDS (60) for a database that may still be starting; a short wait gives the
    # same exit here, and tests/ops/test_db_outage.py covers the wait itself.
    wait = {"EXCHANGEWATCH_DATABASE_WAIT_SECONDS": "1"}
    served = run(tmp_path, "serve", "--database-url", url, env=wait)
    assert_user_error(served, ExitCode.UNAVAILABLE, "database")
    assert "retrying" in served.stderr  # it did wait before giving up
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = str(taken.getsockname()[1])
        assert_user_error(
            run(tmp_path, "api", "--port", port), ExitCode.UNAVAILABLE, f"cannot listen on 127.0.0.1:{port}"
        )


def test_poll_once_exits_1_when_every_feed_fails_and_0_when_one_works(tmp_path: Path, server: LocalServer) -> None:
    down = tmp_path / "down.opml"
    down.write_text('<opml version="2.0"><body><outline text="Down" xmlUrl="http://127.0.0.1:9/a.xml"/></body></opml>')
    failed = run(tmp_path, "poll", "--once", "--feeds-file", str(down))
    assert failed.returncode == ExitCode.FAILED, failed.stderr
    assert "polled 1 feeds: 0 ok, 0 not modified, 1 failed (connect 1)" in failed.stdout
    server.serve("/feed.xml", rss2([Item("Pools", server.url("/gone"), datetime.now(UTC), "Vote")]))
    mixed = tmp_path / "mixed.opml"
    mixed.write_text(
        '<opml version="2.0"><body><outline text="Down" xmlUrl="http://127.0.0.1:9/a.xml"/>'
        f'<outline text="Up" xmlUrl="{server.url("/feed.xml")}"/></body></opml>'
    )
    db = {"EXCHANGEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'mixed.db'}"}
    result = run(tmp_path, "poll", "--once", "--feeds-file", str(mixed), env=db)
    assert result.returncode == ExitCode.OK, result.stderr
    assert "1 ok" in result.stdout and "1 failed" in result.stdout and "1 new articles" in result.stdout
    strict = run(tmp_path, "poll", "--once", "--strict", "--feeds-file", str(mixed), env=db)
    assert strict.returncode in (ExitCode.OK, ExitCode.FAILED)  # the down feed is not due again yet


def test_feeds_commands_and_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "mine.opml").write_text(
        '<opml version="2.0"><body><outline text="A" xmlUrl="https://a.example/feed.xml"/>'
        '<outline text="Folder"><outline text="B" type="telegram" xmlUrl="https://t.me/s/channel_b"/></outline>'
        "</body></opml>"
    )
    result = run(tmp_path, "feeds", "import", "mine.opml", "--no-check")  # *.example: nothing to fetch
    assert result.returncode == 0 and "imported 2 new feeds" in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    listed = [json.loads(line) for line in run(tmp_path, "feeds", "list", "--json").stdout.splitlines()]
    assert {(f["url"], f["kind"]) for f in listed} == {
        ("https://a.example/feed.xml", "rss"),
        ("https://t.me/s/channel_b", "telegram"),
    }
    assert run(tmp_path, "feeds", "export", "-o", "out.opml").returncode == 0
    assert 'xmlUrl="https://t.me/s/channel_b"' in (tmp_path / "out.opml").read_text()
    assert_user_error(run(tmp_path, "feeds", "remove", "9999"), ExitCode.FAILED, "no such feed: 9999")
    assert run(tmp_path, "feeds", "remove", "https://a.example/feed.xml").returncode == 0
    assert_user_error(run(tmp_path, "feeds", "add", "https://x.example/f", "--kind", "blog"), ExitCode.USAGE)
    for bad in ("not a url", "javascript:alert(1)", "file:///etc/passwd"):
        assert_user_error(run(tmp_path, "feeds", "add", bad), ExitCode.USAGE, "invalid_url")
    closed = run(tmp_path, "feeds", "add", "http://127.0.0.1:9/feed.xml")  # the first fetch fails: nothing added
    assert_user_error(closed, ExitCode.FAILED, "connect")


def on_terminal(tmp_path: Path, *args: str) -> tuple[int, bytes, bytes]:
    """Run with stderr on a pseudo-terminal; the exit code, stdout and what the terminal showed."""
    leader, follower = pty.openpty()
    environ = {
        **{k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")},
        "EXCHANGEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "PYTHONPATH": str(ROOT),
        "COLUMNS": "100",
        "TERM": "xterm",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "service.cli", *args], cwd=tmp_path, env=environ, stdout=subprocess.PIPE, stderr=follower
    )
    os.close(follower)
    out, _ = proc.communicate(timeout=90)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    return proc.returncode, out, seen


def test_eval_prints_metrics_and_shows_progress_only_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "corpus.jsonl").write_text(json.dumps(ARTICLE) + "\n")
    quiet = run(tmp_path, "eval", "corpus.jsonl", "--json")
    assert quiet.returncode == 0, quiet.stderr
    assert json.loads(quiet.stdout)["articles"] == 1 and quiet.stderr == ""
    code, out, seen = on_terminal(tmp_path, "eval", "corpus.jsonl")
    assert code == 0 and b"B-cubed" in out
    assert b"replaying articles" in seen


def test_import_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    outlines = "".join(f'<outline text="F{n}" xmlUrl="https://f{n}.example/rss"/>' for n in range(3))
    (tmp_path / "three.opml").write_text(f'<opml version="2.0"><body>{outlines}</body></opml>')
    code, out, seen = on_terminal(tmp_path, "feeds", "import", "three.opml", "--no-check")
    assert code == 0 and b"imported 3 new feeds" in out
    assert b"importing feeds" in seen and b"3/3" in seen


@pytest.mark.parametrize("command", ["--version", "feeds", "db"])
def test_groups_and_version_answer(tmp_path: Path, command: str) -> None:
    result = run(tmp_path, command)
    assert result.returncode in (0, ExitCode.USAGE) and "Traceback" not in result.stderr
    assert result.stdout or result.stderr


def test_the_service_does_not_import_httpx_command_line_client() -> None:
    # rich and pygments (~6 MB, ~0.1 s of every start) come only with httpx's own command-line client.
    script = (
        "import sys, service.cli.app, service.worker.runner, service.api.app\n"
        "print(sorted({'rich', 'pygments'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"
