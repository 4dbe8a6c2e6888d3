"""Adding feeds through the API and the CLI: one flow, a normalised URL, a first fetch, autodiscovery, OPML."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from tests.support.feeds import Item, atom, rss2
from tests.support.server import LocalServer

ROOT = Path(__file__).resolve().parents[2]
ITEMS = [Item(f"Story {n}", f"https://outlet.example/{n}", datetime(2026, 5, n + 1, tzinfo=UTC)) for n in range(3)]
PAGE_WITH_FEED = """<!doctype html><html><head><title>Outlet</title>
<link rel="stylesheet" href="/s.css"><link rel="alternate" type="application/rss+xml" href="/rss#top">
</head><body><p>News</p></body></html>"""
PAGE_WITHOUT_FEED = "<!doctype html><html><head><title>Shop</title></head><body>no feed here</body></html>"


@pytest.fixture
def outlet(server: LocalServer) -> LocalServer:
    server.serve("/rss", rss2(ITEMS, title="Outlet news"), content_type="application/rss+xml")
    server.serve("/atom", atom(ITEMS[:2], title="Outlet atom"), content_type="application/atom+xml")
    server.serve("/page.html", PAGE_WITH_FEED)
    server.serve("/shop.html", PAGE_WITHOUT_FEED)
    return server


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_add_fetches_once_and_reports_what_it_found(
    client: httpx.AsyncClient, admin: dict[str, str], outlet: LocalServer
) -> None:
    created = await client.post("/v1/feeds", json={"url": outlet.url("/rss")}, headers=admin)
    assert created.status_code == 201, created.text
    feed = created.json()
    assert feed["check"] == {
        "url": outlet.url("/rss"),
        "kind": "rss",
        "format": "rss20",
        "title": "Outlet news",
        "items": 3,
        "discovered_from": None,
    }
    assert feed["title"] == "Outlet news"  # the feed's own title when none was given
    atom_feed = (await client.post("/v1/feeds", json={"url": outlet.url("/atom")}, headers=admin)).json()
    assert atom_feed["check"]["format"] == "atom10" and atom_feed["check"]["items"] == 2


async def test_the_same_feed_spelled_differently_is_one_feed(
    client: httpx.AsyncClient, admin: dict[str, str], outlet: LocalServer
) -> None:
    first = await client.post("/v1/feeds", json={"url": outlet.url("/rss")}, headers=admin)
    spelled = outlet.url("/rss").replace("http://", "HTTP://") + "#frag"
    again = await client.post("/v1/feeds", json={"url": spelled}, headers=admin)
    assert again.status_code == 409, again.text
    problem = again.json()
    assert problem["code"] == "feed_exists" and problem["feed_id"] == first.json()["id"]
    assert problem["type"] == "/problems/feed_exists"
    skipped = await client.post("/v1/feeds?check=false", json={"url": spelled.upper()[:7] + "127.0.0.1"}, headers=admin)
    assert skipped.status_code == 201 and skipped.json()["url"] == "http://127.0.0.1/"


async def test_autodiscovery_adds_the_feed_an_html_page_announces(
    client: httpx.AsyncClient, admin: dict[str, str], outlet: LocalServer
) -> None:
    created = await client.post("/v1/feeds", json={"url": outlet.url("/page.html")}, headers=admin)
    assert created.status_code == 201, created.text
    feed = created.json()
    assert feed["url"] == outlet.url("/rss")  # the announced feed, fragment dropped
    assert feed["check"]["discovered_from"] == outlet.url("/page.html") and feed["check"]["items"] == 3
    again = await client.post("/v1/feeds", json={"url": outlet.url("/rss")}, headers=admin)
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("path", "reason"), [("/shop.html", "not_a_feed"), ("/missing.xml", "not_found"), (None, "connect")]
)
async def test_a_source_that_cannot_be_used_is_a_clear_422(
    client: httpx.AsyncClient, admin: dict[str, str], outlet: LocalServer, path: str | None, reason: str
) -> None:
    url = outlet.url(path) if path else f"http://127.0.0.1:{closed_port()}/feed.xml"
    refused = await client.post("/v1/feeds", json={"url": url}, headers=admin)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["code"] == "feed_check_failed" and problem["reason"] == reason
    assert url.split("//")[1].split("/")[0] in problem["detail"]
    assert (await client.get("/v1/feeds")).json()["data"] == []  # nothing stored
    skipped = await client.post("/v1/feeds?check=false", json={"url": url}, headers=admin)
    assert skipped.status_code == 201 and skipped.json()["check"] is None


@pytest.mark.parametrize("url", ["not a url", "javascript:alert(1)", "file:///etc/passwd", "http://", "ftp://x/f"])
async def test_urls_that_are_not_http_feeds_are_refused(
    client: httpx.AsyncClient, admin: dict[str, str], url: str
) -> None:
    for check in ("true", "false"):
        refused = await client.post(f"/v1/feeds?check={check}", json={"url": url}, headers=admin)
        assert refused.status_code == 422, refused.text
        assert "http:// or https://" in refused.text or "no host" in refused.text


def opml(*outlines: str) -> bytes:
    body = "".join(outlines)
    return f'<?xml version="1.0"?><opml version="2.0"><head/><body>{body}</body></opml>'.encode()


async def test_opml_import_reports_a_bad_outline_and_imports_the_rest(
    client: httpx.AsyncClient, admin: dict[str, str], outlet: LocalServer
) -> None:
    document = opml(
        f'<outline text="News" xmlUrl="{outlet.url("/rss")}"/>',
        '<outline text="Bad" xmlUrl="javascript:alert(1)"/>',
        f'<outline text="Folder"><outline text="Atom" xmlUrl="{outlet.url("/atom")}"/></outline>',
        f'<outline text="Gone" xmlUrl="{outlet.url("/missing.xml")}"/>',
        f'<outline text="Again" xmlUrl="{outlet.url("/rss").upper().replace("/RSS", "/rss")}#x"/>',
        f'<outline text="Gone again" xmlUrl="{outlet.url("/missing.xml")}#y"/>',
    )
    headers = {**admin, "content-type": "text/x-opml"}
    report = await client.post("/v1/feeds/import", content=document, headers=headers)
    assert report.status_code == 200, report.text
    body = report.json()
    assert (body["created"], body["existing"], body["failed"]) == (2, 1, 3)
    statuses = {o["title"]: (o["status"], o["code"]) for o in body["outlines"]}
    assert statuses == {  # the same feed twice in one document: the first outline wins, always
        "News": ("created", None),
        "Bad": ("failed", "invalid_url"),
        "Atom": ("created", None),
        "Gone": ("failed", "not_found"),
        "Again": ("exists", "duplicate"),
        "Gone again": ("failed", "not_found"),
    }
    by_title = {o["title"]: o for o in body["outlines"]}
    assert by_title["Again"]["detail"] == "same feed as outline 1"
    assert by_title["Again"]["feed_id"] == by_title["News"]["feed_id"] is not None
    assert by_title["Gone again"]["detail"].startswith("same feed as outline 4: ")
    urls = sorted(f["url"] for f in (await client.get("/v1/feeds")).json()["data"])
    assert urls == [outlet.url("/atom"), outlet.url("/rss")]


async def test_opml_import_refuses_unusable_documents(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    xml = {**admin, "content-type": "application/xml"}
    for document in (b"not xml", b"<html/>", opml()):
        refused = await client.post("/v1/feeds/import", content=document, headers=xml)
        assert refused.status_code == 422 and refused.json()["code"] == "invalid_opml", refused.text
    as_json = await client.post("/v1/feeds/import", json={"x": 1}, headers=admin)
    assert as_json.status_code == 415 and as_json.json()["code"] == "unsupported_media_type"


def cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")}
    env.update(EXCHANGEWATCH_DATABASE_URL=database_url, EXCHANGEWATCH_MIGRATE_ON_START="false")
    command = [sys.executable, "-m", "service.cli", "feeds", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)


def test_cli_validates_and_normalises_exactly_as_the_api(
    database_url: str, outlet: LocalServer, tmp_path: Path
) -> None:
    refused = cli(database_url, "add", "javascript:alert(1)")  # one subprocess per case is slow: the rest
    assert refused.returncode == 2 and "http:// or https://" in refused.stderr, refused  # are API tests
    assert "Traceback" not in refused.stderr
    spelled = outlet.url("/rss").replace("http://", "HTTP://") + "#frag"
    added = cli(database_url, "add", spelled)
    assert added.returncode == 0, added.stderr
    assert "rss20 'Outlet news', 3 items" in added.stdout and f"added: 1 {outlet.url('/rss')}" in added.stdout
    missing = cli(database_url, "add", outlet.url("/missing.xml"))
    assert missing.returncode == 1 and "not_found" in missing.stderr
    path = tmp_path / "feeds.opml"
    path.write_bytes(
        opml(
            f'<outline text="Atom" xmlUrl="{outlet.url("/atom")}"/>',
            '<outline text="Bad" xmlUrl="file:///etc/x"/>',
            f'<outline text="Known" xmlUrl="{spelled}"/>',
        )
    )
    imported = cli(database_url, "import", str(path))
    assert imported.returncode == 1 and "outline 2 file:///etc/x" in imported.stderr
    assert "imported 1 new feeds (1 already known, 1 failed)" in imported.stdout
