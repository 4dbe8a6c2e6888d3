"""Follow-ups of an agreement join the latest deal; new deals stay apart (detect → group, invented texts).

A dispute over a deal, an accusation of delay, "the lists have not been handed over yet", a reminder of
what was agreed: such news comes days or weeks after the deal and has no day of its own (it is dated by
its publication, or only by a month). It is about the latest agreement within its reach unless its own
terms (other figures, another venue) say it is a new one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from service.core.domain import Document, EventState, Fact, Mention
from service.core.events import candidates
from service.core.events.cluster import GroupParams, match_score
from tests.core.test_grouping_time import Store

PARAMS = GroupParams()


def article(title: str, text: str, language: str, published: datetime | None, source: str) -> Document:
    return Document(title, text, language, published, url=f"https://{source}/a", source=source)


def at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2031, month, day, hour, tzinfo=UTC)


DEAL_EN = article(
    "Russia and Ukraine agree to swap 1,200 prisoners each at Istanbul talks",
    "Russia and Ukraine agreed on Wednesday at talks in Istanbul to exchange 1,200 prisoners of war from each side.",
    "en",
    at(7, 23, 20),
    "agency.example",
)
# Two weeks later, no day of its own: a dispute over the deal, which it names only by its venue.
DISPUTE_RU = article(
    "Мединский обвинил Киев в затягивании обмена",
    "Глава российской делегации заявил, что обмен военнопленными, о котором договорились в Стамбуле, до сих пор "
    "не начался: Киев отказывается забирать часть своих военнопленных.",
    "ru",
    at(8, 6, 9),
    "vesti.example",
)
LISTS_UK = article(
    "Росія досі не передала списки для обміну",
    "Російська сторона досі не передала списки полонених для обміну, про який домовилися в Стамбулі, заявив Лубінець.",
    "uk",
    at(8, 9, 10),
    "novyny.example",
)
# Dated only by a month: "at the beginning of August the president said an exchange is being prepared".
MONTH_PL = article(
    "Wymiana jeńców wciąż się opóźnia",
    "Na początku sierpnia prezydent Zełenski poinformował, że trwają przygotowania do wymiany jeńców z Rosją, "
    "uzgodnionej w Stambule. Trwają prace nad listami.",
    "pl",
    at(8, 20, 10),
    "wiadomosci.example",
)
NEW_TERMS_EN = article(
    "Russia and Ukraine agree to swap 300 prisoners each",
    "Russia and Ukraine have agreed to exchange 300 prisoners of war each, Ukraine's ombudsman said.",
    "en",
    at(8, 12, 9),
    "wire.example",
)
OTHER_VENUE_EN = article(
    "New talks in Riyadh bring a prisoner swap deal",
    "Ukraine and Russia agreed at talks in Riyadh to exchange prisoners of war, officials said.",
    "en",
    at(8, 12, 9),
    "wire.example",
)
WOUNDED_DEAL_JULY_10 = article(
    "Russia and Ukraine agree to swap the severely wounded",
    "Russia and Ukraine agreed on Thursday, 10 July, to exchange severely wounded prisoners of war, the Ukrainian "
    "ombudsman said.",
    "en",
    at(7, 10, 18),
    "agency.example",
)
WOUNDED_DEAL_JULY_23 = article(
    "Russia and Ukraine agree on another swap of the severely wounded",
    "Russia and Ukraine agreed on Wednesday, 23 July, on another exchange of severely wounded prisoners of war.",
    "en",
    at(7, 23, 18),
    "wire.example",
)
WOUNDED_DELAY_FR = article(
    "L'échange de blessés graves se fait attendre",
    "L'échange de prisonniers grièvement blessés convenu entre Moscou et Kiev n'a toujours pas eu lieu, "
    "accusent les autorités ukrainiennes.",
    "fr",
    at(8, 4, 9),
    "journal.example",
)


def test_follow_ups_weeks_later_join_the_deal_and_raise_no_new_event() -> None:
    store = Store()
    [deal] = store.feed(DEAL_EN)
    for follow_up in (DISPUTE_RU, LISTS_UK, MONTH_PL):
        [outcome] = store.feed(follow_up)
        assert outcome.before is not None, follow_up.title
        assert outcome.after.key == deal.after.key, follow_up.title
    assert store.events[deal.after.key].event_date == date(2031, 7, 23)  # the deal's own day stays


def test_a_month_dated_agreement_reaches_back_like_one_dated_by_its_publication() -> None:
    month = Mention("agreement", "agreed", date(2031, 8, 1), "month")
    span = candidates.mention_interval(month, None, PARAMS)
    assert span == (date(2031, 7, 2), date(2031, 8, 31))
    handover = Mention("pow_exchange", "completed", date(2031, 8, 1), "month")
    assert candidates.mention_interval(handover, None, PARAMS) == (date(2031, 8, 1), date(2031, 8, 31))


def test_new_terms_or_another_venue_make_a_new_deal() -> None:
    for news in (NEW_TERMS_EN, OTHER_VENUE_EN):
        store = Store()
        [deal] = store.feed(DEAL_EN)
        [outcome] = store.feed(news)
        assert outcome.before is None and outcome.after.key != deal.after.key, news.title


def test_a_follow_up_joins_the_latest_of_two_deals_within_its_reach() -> None:
    store = Store()
    [first] = store.feed(WOUNDED_DEAL_JULY_10)
    [second] = store.feed(WOUNDED_DEAL_JULY_23)
    assert second.before is None
    [delay] = store.feed(WOUNDED_DELAY_FR)
    assert delay.after.key == second.after.key != first.after.key


def test_the_latest_deal_is_joined_unless_something_speaks_against_it() -> None:
    # Alone, being the latest deal in reach is enough; a conflicting figure (a misread count: "Kyiv refuses to
    # take 1,000 of its men" read as the deal's) is evidence against, not a veto: one more sign outweighs it.
    deal = EventState(
        "d",
        "agreement",
        "agreed",
        date(2031, 7, 23),
        "day",
        facts={"agreed_to_ukraine": 1200, "categories": ("civilians",)},
    )
    follow = Mention("agreement", "agreed", date(2031, 8, 6), "day", date_inferred=True)
    span = candidates.mention_interval(follow, None, PARAMS)
    plain = match_score(deal, follow, span, (), PARAMS)
    latest = match_score(deal, follow, span, (), PARAMS, latest=True)
    assert plain is not None and plain < PARAMS.match_threshold
    assert latest == plain + PARAMS.follow_up_weight and latest >= PARAMS.match_threshold
    misread = replace(follow, facts=(Fact("agreed_to_ukraine", 1000, "s"),))
    assert (match_score(deal, misread, span, (), PARAMS, latest=True) or 0.0) < PARAMS.match_threshold
    civilians = replace(misread, facts=(*misread.facts, Fact("categories", ("civilians",), "s")))
    assert (match_score(deal, civilians, span, (), PARAMS, latest=True) or 0.0) >= PARAMS.match_threshold


# A postponement dated by its own day that also recaps the deal it puts off (its talks' day and terms).
POSTPONED_WITH_RECAP_EN = article(
    "Moscow accuses Kyiv of putting off the prisoner swap; Kyiv denies it",
    "KYIV, Aug 9 (Wire) - Russia accused Ukraine on Saturday of postponing indefinitely the prisoner exchange "
    "agreed at the talks in Istanbul. Ukraine said no date had ever been set. "
    "At the July 23 talks in Istanbul, the two sides agreed to exchange 1,200 prisoners of war from each side.",
    "en",
    at(8, 9, 15),
    "wire.example",
)


def test_a_postponement_and_the_deal_it_recaps_are_one_agreement() -> None:
    store = Store()
    [deal] = store.feed(DEAL_EN)
    outcomes = store.feed(POSTPONED_WITH_RECAP_EN)
    agreements = [o for o in outcomes if o.after.kind == "agreement"]
    assert [o.after.key for o in agreements] == [deal.after.key]  # no second agreement from the recap
    assert agreements[0].after.status == "postponed"
    assert all(o.before is not None for o in outcomes if o.after.kind == "agreement")


# A deal first reported with no day of its own (dated by publication), then told with the day it was made.
UNDATED_DEAL_RU = article(
    "Посредник: Россия и Украина договорились обменяться 150 пленными",
    "Посредник заявил, что Москва и Киев договорились об обмене 150 пленными. Сроки обмена не называются.",
    "ru",
    at(9, 16, 7),
    "lenta.example",
)
DATED_DEAL_EN = article(
    "Mediator says Russia, Ukraine to swap 150 prisoners",
    "Russia and Ukraine agreed on Monday to exchange 150 prisoners, the mediator said, without saying when the "
    "exchange would take place.",
    "en",
    at(9, 16, 9),
    "wire.example",
)


def test_a_deal_told_with_its_day_joins_its_earlier_report_dated_by_publication() -> None:
    store = Store()
    [first] = store.feed(UNDATED_DEAL_RU)
    assert first.after.date_inferred and first.after.event_date == date(2031, 9, 16)
    [told] = store.feed(DATED_DEAL_EN)
    assert told.before is not None and told.after.key == first.after.key
    assert store.events[first.after.key].event_date == date(2031, 9, 15)  # dated by when it was made
