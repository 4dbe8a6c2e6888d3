"""/docs and /redoc work offline: every script, style and icon comes from this server, and a real headless
Chromium renders the operations from them. `GET /` answers API clients with links."""

from __future__ import annotations

import re

import httpx
import pytest

from service.api.app import create_app
from service.settings import Settings
from tests.support.browser import Browser
from tests.support.webhooks import AppServer

ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url:\s*["']([^"']+)["']""")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
async def test_doc_pages_load_nothing_from_elsewhere(client: httpx.AsyncClient, page: str) -> None:
    html = await client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assets = [a or b for a, b in ASSET.findall(html.text)]
    assert "//" not in html.text.replace("http://www.w3.org", "")  # no absolute URL at all (CDN, fonts)
    scripts = [a for a in assets if a.endswith(".js")]
    assert scripts and all(a.startswith("/") for a in assets), assets
    for asset in assets:
        fetched = await client.get(asset)
        assert fetched.status_code == 200, asset
        if asset.endswith(".js"):
            assert len(fetched.content) > 100_000 and "javascript" in fetched.headers["content-type"]


async def test_root_answers_api_clients_with_links(client: httpx.AsyncClient) -> None:
    index = (await client.get("/", headers={"Accept": "application/json"})).json()
    assert {index["docs"], index["health"], index["alerts"]} == {"/docs", "/health", "/v1/alerts"}
    for link in (index["docs"], index["health"], index["alerts"], index["openapi"]):
        assert (await client.get(link)).status_code == 200, link


@pytest.mark.slow
def test_docs_render_in_a_browser_without_a_cdn(settings: Settings, browser: Browser) -> None:
    with AppServer(create_app(settings)) as server:
        browser.open(server.base + "/docs")
        operations = browser.wait_for("document.querySelectorAll('.swagger-ui .opblock').length")
        assert operations > 20
        browser.open(server.base + "/redoc")
        assert "/v1/feeds/import" in browser.wait_for(
            "document.querySelector('.api-content') && document.body.innerText.includes('/v1/feeds/import')"
            " && document.body.innerText"
        )
