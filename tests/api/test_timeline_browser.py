"""The timeline in a real headless Chromium: news site → pipeline → API → browser.

Skipped locally without Chromium; under CI=true a missing browser fails (.ci/run installs it).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from service.api.app import create_app
from service.db import Database
from service.flows.context import WorkerContext
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.browser import Browser
from tests.support.server import LocalServer
from tests.support.stories import NOW, NewsSite, pow_exchange, repatriation
from tests.support.webhooks import AppServer

pytestmark = pytest.mark.slow


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings, database)
    context.clock = lambda: NOW
    yield context
    await context.aclose()


async def test_timeline_renders_with_chart_filters_and_event_page(
    server: LocalServer, database: Database, ctx: WorkerContext, settings: Settings, browser: Browser
) -> None:
    site = NewsSite(server, database)
    await site.publish(ctx, pow_exchange("swap", NOW - timedelta(days=1), 84, 84))
    await site.publish(ctx, repatriation("bodies", NOW - timedelta(hours=10), 1212, 27))

    with AppServer(create_app(settings)) as app:
        browser.open(app.base + "/")
        headings = sorted(browser.evaluate("[...document.querySelectorAll('article.event h3')].map(h => h.innerText)"))
        assert len(headings) == 2
        assert headings[0].startswith("POW exchange, 9 June 2025: 84 returned to Ukraine, 84 to Russia")
        assert headings[1].startswith("Repatriation, 10 June 2025: 1,212 bodies returned to Ukraine, 27 to Russia")
        bars = browser.evaluate("[...document.querySelectorAll('svg.chart rect.bar')].map(r => r.textContent)")
        assert "June 2025: 84 people to Ukraine" in bars and "June 2025: 1,212 bodies to Ukraine" in bars
        assert browser.evaluate("document.querySelector('svg.chart rect.bar').getBBox().height") > 0
        # Server-rendered: no script at all, nothing fetched from another origin.
        assert browser.evaluate("document.scripts.length") == 0
        origins = browser.evaluate("performance.getEntriesByType('resource').map(r => new URL(r.name).origin)")
        assert set(origins) <= {app.base}

        # Filters are a plain GET form.
        browser.evaluate("document.querySelector('select[name=kind]').value = 'body_repatriation'")
        browser.evaluate("document.querySelector('form.filters').submit()")
        browser.wait_for("location.search.includes('kind=body_repatriation') && document.readyState === 'complete'")
        assert browser.evaluate("document.querySelectorAll('article.event').length") == 1

        browser.evaluate("document.querySelector('a.event-link').click()")
        browser.wait_for("location.pathname.startsWith('/events/') && document.readyState === 'complete'")
        assert browser.evaluate("document.querySelector('article.event h3').innerText") == headings[1]
        assert browser.evaluate("document.querySelectorAll('blockquote').length") >= 1
        assert "1,212" in browser.evaluate("document.querySelector('ul.figures').innerText")

        # Readable on a phone: nothing wider than the screen.
        browser.viewport(390, 844, mobile=True, scale=2)
        browser.open(app.base + "/")
        assert browser.evaluate("document.documentElement.scrollWidth") <= 390
