"""The real `exchangewatch api` process against hostile clients on raw sockets: huge headers (431, memory
stays flat), slowloris (disconnected after the header deadline), a connection flood (capped), and a forged
X-Forwarded-For (ignored unless the peer is a configured proxy)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.conftest import drop_database, fresh_database

HEADER_TIMEOUT = 2.0
MAX_CONNECTIONS = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _api(database_url: str, tmp_path: Path, **settings: str) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")},
        "EXCHANGEWATCH_DATABASE_URL": database_url,
        "EXCHANGEWATCH_PORT": str(port),
        "EXCHANGEWATCH_HTTP_HEADER_TIMEOUT_SECONDS": str(HEADER_TIMEOUT),
        "EXCHANGEWATCH_HTTP_KEEPALIVE_TIMEOUT_SECONDS": "1",
        "EXCHANGEWATCH_HTTP_MAX_CONNECTIONS": str(MAX_CONNECTIONS),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
        **{f"EXCHANGEWATCH_{k.upper()}": v for k, v in settings.items()},
    }
    log = (tmp_path / "api.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "service.cli", "api"], env=env, stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 30
        while not _answers(port):
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "api.log").read_text()
            time.sleep(0.2)
        yield port, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    assert b"Traceback" not in (tmp_path / "api.log").read_bytes()


@pytest.fixture(scope="module")
def default_api(
    template_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """One `exchangewatch api` with the limits above for the tests that change no setting (each start is a
    new interpreter importing the whole service)."""
    directory = tmp_path_factory.mktemp("api")
    url = fresh_database(template_database, directory)
    try:
        with _api(url, directory) as served:
            yield served
    finally:
        drop_database(url)


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/livez", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _closed(sock: socket.socket, within: float) -> bool:
    """True when the server closes the connection (EOF or reset) within `within` seconds."""
    sock.settimeout(within)
    try:
        while sock.recv(65536):
            pass
        return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


def _send_huge_header(port: int, megabytes: int) -> bytes:
    """Send one header of `megabytes` MB (or until the server hangs up); return what the server answered."""
    sock = socket.create_connection(("127.0.0.1", port))
    chunk = b"a" * 65536
    try:
        sock.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\nX-Huge: ")
        for _ in range(megabytes * 16):
            sock.sendall(chunk)
    except (ConnectionResetError, BrokenPipeError):
        pass
    answer = b""
    sock.settimeout(5)
    try:
        while part := sock.recv(65536):
            answer += part
    except (ConnectionResetError, TimeoutError):
        pass
    sock.close()
    return answer


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's RSS from /proc")
def test_huge_headers_get_431_and_memory_stays_flat(default_api: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, proc = default_api
    before = _rss_mb(proc.pid)
    answers = [_send_huge_header(port, 100) for _ in range(4)]
    after = _rss_mb(proc.pid)
    assert _answers(port)  # still serving
    for answer in answers:  # a 431, or (the server hung up while we were still sending) nothing at all
        assert answer == b"" or answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    assert any(a.startswith(b"HTTP/1.1 431 ") for a in answers)
    assert after - before < 30, f"RSS grew from {before:.0f} to {after:.0f} MB"


def test_a_header_just_under_the_limit_is_served(default_api: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, _proc = default_api
    ok = httpx.get(f"http://127.0.0.1:{port}/livez", headers={"X-Pad": "a" * 12_000})
    big = httpx.get(f"http://127.0.0.1:{port}/livez", headers={"X-Pad": "a" * 20_000})
    assert ok.status_code == 200
    assert big.status_code == 431


def test_slowloris_clients_are_disconnected_after_the_header_deadline(
    default_api: tuple[int, subprocess.Popen[bytes]],
) -> None:
    port, _proc = default_api
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(10)]
    trickle = socket.create_connection(("127.0.0.1", port))
    trickle.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\n")
    started = time.monotonic()
    cut = False
    while time.monotonic() - started < HEADER_TIMEOUT * 4 and not cut:
        try:
            trickle.sendall(b"X")  # one byte of a header every 0.2 s, never finishing
        except (ConnectionResetError, BrokenPipeError):
            cut = True
        cut = cut or _closed(trickle, 0.2)
    assert cut, "the trickling client was never disconnected"
    assert all(_closed(sock, HEADER_TIMEOUT * 2) for sock in idle)  # silent connections too
    keep_alive = socket.create_connection(("127.0.0.1", port))
    keep_alive.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\n\r\n")
    assert keep_alive.recv(65536).startswith(b"HTTP/1.1 200 ")
    assert _closed(keep_alive, HEADER_TIMEOUT * 2)  # idle after a response: the keep-alive timeout
    assert _answers(port)
    for sock in [*idle, trickle, keep_alive]:
        sock.close()


def test_connections_beyond_the_cap_are_closed_at_once(database_url: str, tmp_path: Path) -> None:
    with _api(database_url, tmp_path, http_header_timeout_seconds="30") as (port, _proc):
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(MAX_CONNECTIONS)]
        time.sleep(0.5)  # let the server accept them all
        extra = socket.create_connection(("127.0.0.1", port))
        extra.sendall(b"GET /livez HTTP/1.1\r\nHost: x\r\n\r\n")
        assert _closed(extra, 5)
        for sock in held:
            sock.close()
        deadline = time.monotonic() + 10
        while not _answers(port):  # served again once the flood is gone
            assert time.monotonic() < deadline
            time.sleep(0.2)
        extra.close()


def _forged(port: int, n: int) -> list[int]:
    with httpx.Client(base_url=f"http://127.0.0.1:{port}") as http:
        return [http.get("/v1/alerts", headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(n)]


def test_a_forged_x_forwarded_for_does_not_bypass_the_rate_limit(database_url: str, tmp_path: Path) -> None:
    with _api(database_url, tmp_path, rate_limit_per_minute="5") as (port, _proc):
        statuses = _forged(port, 10)
    assert statuses[:5] == [200] * 5 and set(statuses[5:]) == {429}


def test_x_forwarded_for_is_believed_from_a_configured_proxy(database_url: str, tmp_path: Path) -> None:
    with _api(database_url, tmp_path, rate_limit_per_minute="5", trusted_proxies="127.0.0.1") as (port, _proc):
        statuses = _forged(port, 10)
    assert statuses == [200] * 10  # each forwarded client has its own bucket
