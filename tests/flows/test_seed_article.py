"""The seed article end to end: real process flow, real store, one alert for the stage it reports.

The fixture has the structure of the report the project started from (a first stage of a staged exchange
agreed in Istanbul, reported on its day without numbers; the 1,000-for-1,000 swap of 23–25 May recalled;
about 12,000 bodies agreed; accusations of postponing earlier swaps; the Red Cross and the Geneva
Conventions mentioned) in our own words.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from service.core.events.codec import state_from_json
from service.db import Database
from service.flows.context import WorkerContext
from service.flows.process import process_articles
from service.models import Alert, Article, Event, EventReport
from service.settings import Settings
from service.worker.runner import build_context

PUBLISHED = datetime(2025, 6, 9, 15, 0, tzinfo=UTC)
TITLE = "Ukraine and Russia begin staged prisoner swap agreed in Istanbul"
TEXT = "\n".join(
    [
        "Kyiv, Ukraine – June 9, 2025 – Ukraine and Russia on Monday began a new exchange of prisoners of war, the"
        " first stage of a multi-stage operation agreed at direct talks in Istanbul earlier this month. In this"
        " first stage, severely wounded and seriously ill soldiers and those younger than 25 went home to both"
        " sides.",
        "President Volodymyr Zelensky confirmed that the exchange had begun and said it would continue in stages"
        " over the next days. Neither side said how many people were exchanged in this first stage. The Russian"
        " Defence Ministry said an equal number of servicemen had been handed over to each side.",
        "The exchange was prepared at two rounds of talks in Istanbul. After the first round on May 16 the two"
        " sides carried out a 1,000-for-1,000 exchange in three stages from May 23 to 25. At the second round on"
        " June 2 the delegations agreed to exchange prisoners by category rather than by number: the severely"
        " wounded, the seriously ill and all soldiers aged 18 to 25.",
        "In Istanbul both sides also agreed to return the bodies of about 12,000 fallen soldiers. No dates for the"
        " handover of the bodies have been set yet.",
        "In the days before the swap Kyiv and Moscow accused each other of postponing earlier exchanges and the"
        " handover of bodies. Russian officials said Ukraine had unexpectedly postponed the exchange.",
        "International organisations have called for prisoners to be treated in line with the Geneva Conventions."
        " The International Committee of the Red Cross has helped to keep contact between the two sides.",
    ]
)
COUNTS = ("returned_to_ukraine", "returned_to_russia", "bodies_to_ukraine", "bodies_to_russia")


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings, database)
    context.clock = lambda: datetime(2025, 6, 9, 18, 0, tzinfo=UTC)
    yield context
    await context.aclose()


async def _process_seed(ctx: WorkerContext, database: Database) -> dict[str, Any]:
    async with database.session() as session:
        article = Article(
            url="https://www.dw.com/en/staged-swap/a-1",
            fingerprint="seed",
            source="dw.com",
            title=TITLE,
            summary=TEXT,
            language="en",
            published_at=PUBLISHED,
            fetch_page=False,
        )
        session.add(article)
        await session.flush()
        article_id = article.id
    assert await process_articles(ctx, [article_id]) == 1  # type: ignore[list-item]
    async with database.reader() as session:
        events = (await session.exec(select(Event))).scalars().all()  # type: ignore[call-overload]
        links = (await session.exec(select(EventReport))).scalars().all()  # type: ignore[call-overload]
        alerts = (await session.exec(select(Alert).order_by(Alert.id))).scalars().all()  # type: ignore[call-overload,arg-type]
    return {
        "events": {e.id: (e, state_from_json(e.state)) for e in events},
        "links": {link.event_id: link for link in links if link.article_id == article_id},
        "alerts": list(alerts),
    }


def _of_kind(found: dict[str, Any], kind: str, day: date | None = None) -> list[Any]:
    return [
        state
        for _, state in found["events"].values()
        if state.kind == kind and (day is None or state.event_date == day)
    ]


async def test_only_the_9_june_stage_is_alerted(ctx: WorkerContext, database: Database) -> None:
    found = await _process_seed(ctx, database)
    created = [a for a in found["alerts"] if a.type == "event.created"]
    assert len(found["alerts"]) == len(created) == 1
    stage = found["events"][created[0].event_id][1]
    assert (stage.kind, stage.event_date, stage.date_precision) == ("pow_exchange", date(2025, 6, 9), "day")
    assert stage.facts.get("stage") == 1 and not stage.historical
    assert {"under_25"} <= set(stage.facts.get("categories", ()))
    # Every other event the article touched is background: linked to it, stored, never alerted.
    for key, (_, state) in found["events"].items():
        assert key in found["links"]
        if key != stage.key:
            assert found["links"][key].recalled and state.historical


async def test_the_stage_carries_no_counts(ctx: WorkerContext, database: Database) -> None:
    found = await _process_seed(ctx, database)
    [stage] = _of_kind(found, "pow_exchange", date(2025, 6, 9))
    assert not any(key in stage.facts for key in COUNTS)


async def test_the_istanbul_agreement_is_dated_2_june_with_its_bodies(ctx: WorkerContext, database: Database) -> None:
    found = await _process_seed(ctx, database)
    [deal] = _of_kind(found, "agreement")
    assert (deal.event_date, deal.date_precision) == (date(2025, 6, 2), "day")
    assert deal.facts.get("venue") == "Istanbul" and deal.status == "agreed"
    assert any(isinstance(v, int) and 11_000 <= v <= 13_000 for k, v in deal.facts.items() if "bod" in k)
    [stage] = _of_kind(found, "pow_exchange", date(2025, 6, 9))
    assert stage.parent_key == deal.key  # the stage carries out the agreement: linked, not merged


async def test_the_may_exchange_is_historical_linked_and_silent(ctx: WorkerContext, database: Database) -> None:
    found = await _process_seed(ctx, database)
    [may] = [
        s
        for s in _of_kind(found, "pow_exchange")
        if s.event_date and date(2025, 5, 23) <= s.event_date <= date(2025, 5, 25)
    ]
    assert may.historical and found["links"][may.key].recalled
    assert may.key not in {a.event_id for a in found["alerts"]}
