"""One deal told from its two days is one agreement, and the handover on its planned day links to it
(detect → group, invented texts).

The deal is struck on Tuesday for a swap on Wednesday. Reports date it by the call (Tuesday), by their own
publication (Tuesday evening, Wednesday morning) or give no date at all; they all plan the swap for
Wednesday, and they are one agreement. Wednesday's swap is a separate event whose parent is that agreement.
"""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.domain import Document
from tests.core.test_grouping_time import Store


def article(title: str, text: str, language: str, published: datetime | None, source: str) -> Document:
    return Document(title, text, language, published, url=f"https://{source}/a", source=source)


CALL_EN = article(
    "Putin and Trump agree on prisoner swap for Wednesday",
    "Putin and Trump agreed in a phone call on Tuesday that Russia and Ukraine would exchange 90 prisoners of war "
    "each on Wednesday, the Kremlin said.",
    "en",
    datetime(2031, 3, 11, 19, tzinfo=UTC),
    "wire.example",
)
READOUT_RU = article(
    "Путин сообщил Трампу об обмене пленными 90 на 90",
    "Президент России сообщил, что 12 марта Россия и Украина проведут обмен военнопленными по формуле 90 на 90.",
    "ru",
    datetime(2031, 3, 11, 21, tzinfo=UTC),
    "agency-ru.example",
)
MORNING_DE = article(
    "Kreml kündigt Gefangenenaustausch an",
    "Nach dem Telefonat sollen Russland und die Ukraine noch am Mittwoch jeweils 90 Kriegsgefangene austauschen, "
    "teilte der Kreml mit.",
    "de",
    datetime(2031, 3, 12, 6, tzinfo=UTC),
    "zeitung.example",
)
SWAP_UK = article(
    "Додому повернулися 90 українських захисників",
    "Сьогодні, 12 березня, відбувся обмін полоненими: додому повернулися 90 українських військових.",
    "uk",
    datetime(2031, 3, 12, 15, tzinfo=UTC),
    "novyny.example",
)


def test_reports_dating_the_deal_by_the_call_or_by_their_day_are_one_agreement() -> None:
    store = Store()
    keys = {o.after.key for doc in (CALL_EN, READOUT_RU, MORNING_DE) for o in store.feed(doc) if o.primary}
    assert len(keys) == 1
    deal = store.events[keys.pop()]
    assert (deal.kind, str(deal.event_date), deal.facts["planned_for"]) == ("agreement", "2031-03-11", "2031-03-12")


def test_the_deal_reported_first_on_the_planned_day_is_redated_by_the_call() -> None:
    store = Store()
    first = store.feed(MORNING_DE)[0].after
    later = store.feed(CALL_EN)[0].after
    assert later.key == first.key
    assert str(later.event_date) == "2031-03-11"


def test_the_handover_on_the_planned_day_is_its_own_event_linked_to_the_deal() -> None:
    store = Store()
    deal = store.feed(READOUT_RU)[0].after
    swap = store.feed(SWAP_UK)[0]
    assert swap.before is None  # a new event: the readout took no alert of the swap
    assert (swap.after.kind, swap.after.parent_key) == ("pow_exchange", deal.key)


def test_an_undated_report_of_the_deal_joins_it_by_its_figures_and_planned_day() -> None:
    store = Store()
    deal = store.feed(CALL_EN)[0].after
    undated = article(
        "Путін повідомив Трампу про обмін полоненими 90 на 90",
        "У Кремлі заявили, що в середу, 12 березня 2031 року, Україна та Росія обміняються полоненими за формулою "
        "90 на 90.",
        "uk",
        None,
        "portal.example",
    )
    outcome = store.feed(undated)[0]
    assert outcome.after.key == deal.key
