"""The page policy and the cheap-text prefilter: which pages are fetched and extracted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.core.detection.detect import prefilter
from service.db import Database
from service.flows.context import WorkerContext
from service.flows.pages import candidate
from service.flows.poll import refresh_feed
from service.models import Article
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.db import add_feed, rows
from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

SWAP = [
    "Ukraine and Russia exchanged 84 prisoners of war on Thursday, the coordination headquarters said.",
    "The soldiers had been held in captivity since 2022; the exchange was mediated by the UAE.",
]
LIBRARY = ["The Berlin city council approved a new budget for public libraries after a long debate."]
WORDS = [
    "Ukraine",
    "Україна",
    "Росія",
    "prisoners",
    "полонених",
    "обмін",
    "exchange",
    "bodies",
    "тіла",
    "В'язнів",
    "Gefangenenaustausch",
    "returned",
    "повернули",
    "Укpaїнa",
    "1,000",
    "ё",
    "the",
    "council",
    "Kyiv's",
]


@given(st.lists(st.sampled_from(WORDS) | st.text(max_size=12), max_size=30), st.sampled_from([" ", "\n", ", "]))
@settings(max_examples=300, deadline=None)
def test_candidate_agrees_with_the_topic_prefilter(words: list[str], sep: str) -> None:
    text = sep.join(words).replace("<", " ")
    assert candidate(text) == prefilter(text)


def test_candidate_on_item_text_in_several_languages() -> None:
    assert candidate("Обмін полоненими\nУкраїна повернула 95 військових з полону Росії")
    assert candidate("Gefangenenaustausch zwischen Kiew und Moskau")
    assert not candidate("Berlin funds its libraries\nCouncil approves budget")
    assert not candidate("")


@pytest.fixture
def site(server: LocalServer) -> LocalServer:
    when = datetime(2025, 6, 10, tzinfo=UTC)
    script = '<script>window.__STATE__={"related":"Ukraine and Russia exchange prisoners of war"};</script>'
    server.serve("/swap", article_page("Weekly briefing", SWAP))  # the item's own text gives nothing away
    server.serve("/library", article_page("Library budget", LIBRARY).replace(b"</body>", script.encode() + b"</body>"))
    server.serve(
        "/feed",
        rss2(
            [
                Item("Weekly briefing", server.url("/swap"), when, "What happened this week"),
                Item("Library budget", server.url("/library"), when, "Budget summary"),
            ]
        ),
    )
    return server


async def _ingest(site: LocalServer, database: Database, settings: Settings, policy: str) -> dict[str, Article]:
    ctx: WorkerContext = build_context(settings.model_copy(update={"page_policy": policy}), database)
    try:
        await refresh_feed(ctx, await add_feed(database, site.url("/feed")))
    finally:
        await ctx.aclose()
    return {a.title: a for a in await rows(database, Article)}


async def test_candidates_extracts_pages_whose_visible_text_qualifies_and_ignores_script_json(
    site: LocalServer, database: Database, settings: Settings
) -> None:
    stored = await _ingest(site, database, settings, "candidates")
    assert stored["Weekly briefing"].text_source == "page" and stored["Weekly briefing"].relevant
    assert "84 prisoners of war" in stored["Weekly briefing"].text
    # The exchange words are only in the page's inline script: not a candidate, not extracted.
    assert stored["Library budget"].text_source == "summary" and stored["Library budget"].text == "Budget summary"
    assert stored["Library budget"].state == "done"


async def test_all_extracts_every_page(site: LocalServer, database: Database, settings: Settings) -> None:
    stored = await _ingest(site, database, settings, "all")
    assert stored["Library budget"].text_source == "page" and "public libraries" in stored["Library budget"].text
    assert stored["Weekly briefing"].relevant


async def test_none_fetches_no_page_and_keeps_every_item(
    site: LocalServer, database: Database, settings: Settings
) -> None:
    stored = await _ingest(site, database, settings, "none")
    assert {a.text_source for a in stored.values()} == {"summary"}
    assert {a.state for a in stored.values()} == {"done"}
    assert not site.hits("/swap") and not site.hits("/library")


def test_the_default_policy_is_candidates() -> None:
    assert Settings(_env_file=None).page_policy == "candidates"  # type: ignore[call-arg]
