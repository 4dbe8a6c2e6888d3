"""A realistic history of exchanges and repatriations since 2022, run through the real processing flow.

Texts are written for this project (not copied from any outlet); figures follow the public record
approximately. Articles are stored the way the poller stores feed posts (text in the feed, no page to
fetch), so `process_articles` runs detection, grouping and alerts on them with no network, and the
outlets keep their real names ("ukrinform.net", "t.me/koordshtab") in the timeline.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from service.db import Database
from service.flows.context import WorkerContext
from service.flows.process import process_articles
from service.models import Article

MEDIATOR = {"UAE": "the United Arab Emirates", "TR": "Türkiye", "SA": "Saudi Arabia", "QA": "Qatar"}


@dataclass(frozen=True)
class Happened:
    day: datetime
    kind: str  # pow | bodies
    to_ukraine: int
    to_russia: int
    mediator: str | None = None


def _d(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(hour=9, tzinfo=UTC)


HISTORY: tuple[Happened, ...] = (
    Happened(_d("2022-04-01"), "pow", 86, 86),
    Happened(_d("2022-06-29"), "pow", 144, 144),
    Happened(_d("2022-09-21"), "pow", 215, 55, "TR"),
    Happened(_d("2022-10-29"), "pow", 52, 50),
    Happened(_d("2022-12-31"), "pow", 140, 82),
    Happened(_d("2023-02-04"), "pow", 116, 63, "UAE"),
    Happened(_d("2023-03-07"), "pow", 130, 90, "UAE"),
    Happened(_d("2023-05-06"), "pow", 45, 3),
    Happened(_d("2023-06-11"), "pow", 95, 95),
    Happened(_d("2023-08-07"), "pow", 22, 22),
    Happened(_d("2024-01-03"), "pow", 230, 248, "UAE"),
    Happened(_d("2024-01-31"), "pow", 207, 195, "UAE"),
    Happened(_d("2024-02-08"), "pow", 100, 100, "UAE"),
    Happened(_d("2024-05-31"), "pow", 75, 75, "UAE"),
    Happened(_d("2024-06-25"), "pow", 90, 90, "UAE"),
    Happened(_d("2024-08-24"), "pow", 115, 115, "UAE"),
    Happened(_d("2024-10-18"), "pow", 95, 95, "UAE"),
    Happened(_d("2024-12-30"), "pow", 150, 150, "UAE"),
    Happened(_d("2025-02-05"), "pow", 150, 150, "UAE"),
    Happened(_d("2025-03-19"), "pow", 175, 175, "UAE"),
    Happened(_d("2025-04-19"), "pow", 246, 246, "UAE"),
    Happened(_d("2025-05-23"), "pow", 390, 390),
    Happened(_d("2025-06-09"), "pow", 84, 84, "UAE"),
    Happened(_d("2023-06-16"), "bodies", 79, 0),
    Happened(_d("2023-11-17"), "bodies", 94, 0),
    Happened(_d("2024-03-15"), "bodies", 100, 0),
    Happened(_d("2024-08-16"), "bodies", 250, 38),
    Happened(_d("2024-11-15"), "bodies", 563, 37),
    Happened(_d("2025-02-14"), "bodies", 757, 0),
    Happened(_d("2025-04-18"), "bodies", 909, 43),
    Happened(_d("2025-06-16"), "bodies", 1212, 27),
)


def _english(h: Happened) -> tuple[str, str]:
    if h.kind == "bodies":
        back = f" Russia received the bodies of {h.to_russia} of its soldiers." if h.to_russia else ""
        text = (
            f"Ukraine received the bodies of {h.to_ukraine:,} fallen soldiers on {h.day:%A}, the coordination"
            f" headquarters for the treatment of prisoners of war said.{back} Forensic experts will identify the dead."
        )
        return "Bodies of fallen soldiers returned to Ukraine", text
    mediated = f" The exchange was mediated by {MEDIATOR[h.mediator]}." if h.mediator else ""
    text = (
        f"Ukraine and Russia carried out a prisoner exchange on {h.day:%A}, officials in Kyiv said."
        f" {h.to_ukraine} Ukrainian defenders returned home from Russian captivity, among them wounded servicemen."
        f" In return, {h.to_russia} Russian servicemen were handed over to Russia.{mediated}"
    )
    return "Ukraine and Russia exchange prisoners of war", text


def _ukrainian(h: Happened) -> tuple[str, str]:
    if h.kind == "bodies":
        back = f" Росії передано тіла {h.to_russia} загиблих військових." if h.to_russia else ""
        return (
            "Репатріація тіл загиблих",
            f"Сьогодні в Україну повернули тіла {h.to_ukraine} загиблих захисників.{back}",
        )
    return (
        "Обмін полоненими",
        f"Сьогодні відбувся черговий обмін полоненими. Додому повернулися {h.to_ukraine} українських захисників."
        f" Росії передано {h.to_russia} військовополонених.",
    )


def articles_for(h: Happened) -> list[Article]:
    """An outlet's report the same day and the official channel's post an hour earlier."""
    stamp = h.day.strftime("%Y%m%d")
    title, text = _english(h)
    official_title, official_text = _ukrainian(h)
    outlet = "ukrinform.net" if h.day.month % 2 else "kyivindependent.com"
    return [
        _article(
            f"https://t.me/koordshtab/{stamp}", "t.me/koordshtab", official_title, official_text, "uk", h.day, True
        ),
        _article(f"https://{outlet}/news/{stamp}-{h.kind}", outlet, title, text, "en", h.day + timedelta(hours=1)),
    ]


def _article(url: str, source: str, title: str, text: str, lang: str, at: datetime, official: bool = False) -> Article:
    return Article(
        url=url,
        fingerprint=hashlib.sha256(text.encode()).hexdigest(),
        source=source,
        official=official,
        title=title,
        summary=text,
        text=text,
        language=lang,
        published_at=at,
        discovered_at=at,
        fetch_page=False,
        text_source="post" if official else "feed",
    )


async def seed_history(ctx: WorkerContext, database: Database, history: tuple[Happened, ...] = HISTORY) -> int:
    """Store every report and process them in publication order; returns the number of articles."""
    articles = sorted((a for h in history for a in articles_for(h)), key=lambda a: a.published_at or a.discovered_at)
    for article in articles:
        async with database.session() as session:
            session.add(article)
            await session.flush()
            article_id = article.id
        assert article_id is not None
        ctx.clock = lambda at=article.discovered_at: at + timedelta(minutes=5)
        await process_articles(ctx, [article_id])
    return len(articles)
