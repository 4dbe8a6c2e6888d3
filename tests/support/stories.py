"""A local news site for end-to-end tests: stories served as pages plus an RSS feed, run through the real pipeline.

The texts are written for these tests (same structure as real coverage, not copied from any outlet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from service.db import Database
from service.flows.context import WorkerContext
from service.flows.poll import refresh_feed
from tests.support.db import add_feed
from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

NOW = datetime(2025, 6, 10, 19, 0, tzinfo=UTC)


@dataclass
class Story:
    slug: str
    title: str
    paragraphs: list[str]
    published: datetime
    lang: str = "en"


@dataclass
class NewsSite:
    """One outlet on the local server: every `publish` adds stories to its feed and polls it once."""

    server: LocalServer
    database: Database
    name: str = "outlet"
    official: bool = False
    stories: list[Story] = field(default_factory=list)
    feed_id: int | None = None

    async def publish(self, ctx: WorkerContext, *stories: Story) -> None:
        for story in stories:
            published = story.published.strftime("%Y-%m-%dT%H:%M:%SZ")
            page = article_page(story.title, story.paragraphs, lang=story.lang, published=published, site=self.name)
            self.server.serve(f"/{self.name}/{story.slug}", page)
            self.stories.append(story)
        items = [
            Item(s.title, self.server.url(f"/{self.name}/{s.slug}"), s.published, s.paragraphs[0], language=s.lang)
            for s in reversed(self.stories)
        ]
        self.server.serve(f"/{self.name}/feed.xml", rss2(items, title=self.name), content_type="application/rss+xml")
        if self.feed_id is None:
            self.feed_id = await add_feed(
                self.database, self.server.url(f"/{self.name}/feed.xml"), official=self.official
            )
        await refresh_feed(ctx, self.feed_id)


def pow_exchange(
    slug: str, day: datetime, home: int, to_russia: int, *, mediator: str = "the United Arab Emirates"
) -> Story:
    return Story(
        slug,
        f"Ukraine and Russia exchange prisoners of war, {home} defenders return home",
        [
            f"Ukraine and Russia carried out a prisoner exchange on {day:%A}, officials in Kyiv said.",
            f"{home} Ukrainian defenders returned home from Russian captivity, among them wounded servicemen.",
            f"Russia received {to_russia} of its servicemen in return.",
            f"The exchange was mediated by {mediator}.",
        ],
        day + timedelta(hours=3),
    )


def repatriation(slug: str, day: datetime, bodies: int, to_russia: int) -> Story:
    return Story(
        slug,
        f"Bodies of {bodies} fallen soldiers returned to Ukraine",
        [
            f"Ukraine received the bodies of {bodies} fallen soldiers on {day:%A}, the coordination headquarters said.",
            f"Russia received the bodies of {to_russia} of its soldiers in the repatriation.",
            "Forensic experts will now identify the dead.",
        ],
        day + timedelta(hours=4),
    )
