"""Categories by the share that agrees: an agreement's terms, and an unplaced report's only clue (invented texts).

A report of a deal with no date and no figures (a replayed row that lost its publication) has only the
deal's terms to go by: who is to be exchanged. "The wounded defenders of Azovstal" is the deal of exactly
those, not the later deal that names them as one group among five. An undated feature about a swap, with
no figures, is the same: who came home tells which swap it describes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from service.core.detection.detect import detect
from service.core.domain import Document, EventKind, EventState, EventStatus, Fact, Mention
from service.core.events.cluster import GroupParams, match_score
from tests.core.test_grouping_time import Store

PARAMS = GroupParams()


def article(title: str, text: str, language: str, published: datetime | None, source: str) -> Document:
    return Document(title, text, language, published, url=f"https://{source}/a", source=source)


GARRISON_DEAL_EN = article(
    "Kyiv and Moscow agree to swap wounded Azovstal defenders",
    "Ukraine and Russia agreed on Saturday, 17 May, that the wounded defenders of Azovstal will be exchanged for "
    "Russian prisoners of war, the deputy defence minister said.",
    "en",
    datetime(2031, 5, 17, 20, tzinfo=UTC),
    "agency.example",
)
BROAD_DEAL_EN = article(
    "Russia and Ukraine agree on a large exchange",
    "Russia and Ukraine agreed on Monday, 2 June, at talks in Istanbul to exchange all severely wounded and "
    "seriously ill prisoners, those under 25, civilians and the defenders of Azovstal.",
    "en",
    datetime(2031, 6, 2, 20, tzinfo=UTC),
    "wire.example",
)
UNDATED_GARRISON_ES = article(
    "Los defensores de Azovstal serán canjeados",
    "Los defensores heridos de Azovstal serán intercambiados por prisioneros rusos, según el acuerdo alcanzado "
    "entre Kiev y Moscú.",
    "es",
    None,
    "diario.example",
)
UNDATED_WOUNDED_PT = article(
    "Feridos serão trocados",
    "Os prisioneiros feridos serão trocados, segundo o acordo entre Kiev e Moscovo.",
    "pt",
    None,
    "jornal.example",
)


def test_an_undated_report_of_a_deal_joins_the_deal_whose_terms_it_repeats() -> None:
    store = Store()
    [garrison] = store.feed(GARRISON_DEAL_EN)
    [broad] = store.feed(BROAD_DEAL_EN)
    assert broad.before is None
    [undated] = store.feed(UNDATED_GARRISON_ES)
    assert undated.after.key == garrison.after.key


def test_one_common_category_is_not_enough_for_an_undated_report() -> None:
    store = Store()
    store.feed(GARRISON_DEAL_EN)
    store.feed(BROAD_DEAL_EN)
    [vague] = store.feed(UNDATED_WOUNDED_PT)
    assert detect(UNDATED_WOUNDED_PT).mentions[0].fact_values()["categories"] == ("wounded",)
    assert vague.before is None


def _deal(*categories: str) -> EventState:
    return EventState("d", "agreement", "agreed", date(2031, 5, 17), "day", facts={"categories": categories})


def _said(kind: EventKind, *categories: str) -> Mention:
    status: EventStatus = "agreed" if kind == "agreement" else "completed"
    return Mention(kind, status, None, "unknown", (Fact("categories", categories, "s"),))


SWAP_OF_THE_WOUNDED_EN = article(
    "Ukraine and Russia swap 84 prisoners each with UAE mediation",
    "Ukraine and Russia exchanged 84 prisoners of war each on Friday, 14 March, the Coordination Headquarters "
    "said. Among the Ukrainians were severely wounded soldiers and defenders of Mariupol.",
    "en",
    datetime(2031, 3, 14, 18, tzinfo=UTC),
    "wire.example",
)
SWAP_OF_THE_YOUNG_UK = article(
    "Обмін полоненими: додому повернулися 175 українців",
    "У суботу, 22 березня, Україна і Росія провели обмін полоненими: додому повернулися 175 українських "
    "військових, серед них молоді до 25 років.",
    "uk",
    datetime(2031, 3, 22, 15, tzinfo=UTC),
    "ukr.example",
)
FEATURE_WOUNDED_EN = article(
    "Families welcome soldiers home",
    "The families of the freed defenders of Mariupol gathered at a hospital in Chernihiv region after the latest "
    "swap between Ukraine and Russia. Many of the men returned home were severely wounded.",
    "en",
    None,
    "feature.example",
)
FEATURE_YOUNG_UK = article(
    "Повернення з полону",
    "Після обміну полоненими між Україною та Росією молоді військові віком до 25 років повернулися додому.",
    "uk",
    None,
    "hromada.example",
)


def test_an_undated_feature_without_figures_joins_the_swap_of_the_people_it_describes() -> None:
    store = Store()
    [wounded] = store.feed(SWAP_OF_THE_WOUNDED_EN)
    [young] = store.feed(SWAP_OF_THE_YOUNG_UK)
    [feature] = store.feed(FEATURE_WOUNDED_EN)
    assert feature.after.key == wounded.after.key
    [feature] = store.feed(FEATURE_YOUNG_UK)
    assert feature.after.key == young.after.key


def test_terms_count_by_their_share_for_agreements_and_once_for_handovers() -> None:
    exact = match_score(
        _deal("wounded", "azovstal_defenders"), _said("agreement", "wounded", "azovstal_defenders"), None, (), PARAMS
    )
    partial = match_score(
        _deal("wounded", "azovstal_defenders", "civilians", "under_25"),
        _said("agreement", "wounded", "azovstal_defenders"),
        None,
        (),
        PARAMS,
    )
    assert exact == PARAMS.category_weight + PARAMS.terms_weight
    assert partial == PARAMS.category_weight + PARAMS.terms_weight / 2
    # A placed report of a stage: once (the next day's stage has the same categories); an unplaced one by share.
    stage = EventState("s", "pow_exchange", "completed", date(2031, 5, 17), "day", facts={"categories": ("wounded",)})
    placed = replace(_said("pow_exchange", "wounded"), event_date=date(2031, 5, 17), date_precision="day")
    day = (date(2031, 5, 17), date(2031, 5, 17))
    assert match_score(stage, placed, day, (), PARAMS) == 2.0 + PARAMS.category_weight
    unplaced = match_score(stage, _said("pow_exchange", "wounded"), None, (), PARAMS)
    assert unplaced == PARAMS.category_weight + PARAMS.terms_weight


# Talks in Ankara, told in Russian with its date, then in Italian with no date (a replayed row), and a deal
# struck elsewhere in between: the venue, in any language's spelling, names the deal.
ANKARA_DEAL_RU = article(
    "Омбудсмены встретились в Анкаре",
    "Омбудсмены России и Украины во вторник, 14 января, договорились в Анкаре об обмене пленными.",
    "ru",
    datetime(2031, 1, 14, 18, tzinfo=UTC),
    "vesti.example",
)
OTHER_DEAL_EN = article(
    "Russia and Ukraine agree on another prisoner swap",
    "Russia and Ukraine agreed on Friday, 17 January, to exchange prisoners of war, officials said.",
    "en",
    datetime(2031, 1, 17, 18, tzinfo=UTC),
    "wire.example",
)
UNDATED_ANKARA_IT = article(
    "Gli ombudsman concordano uno scambio",
    "Ad Ankara gli ombudsman di Ucraina e Russia hanno concordato uno scambio di prigionieri di guerra.",
    "it",
    None,
    "giornale.example",
)


def test_a_venue_in_any_language_names_the_deal_of_an_undated_report() -> None:
    for text in (ANKARA_DEAL_RU, UNDATED_ANKARA_IT):
        assert detect(text).mentions[0].fact_values().get("venue") == "Ankara", text.language
    store = Store()
    [ankara] = store.feed(ANKARA_DEAL_RU)
    [other] = store.feed(OTHER_DEAL_EN)
    assert other.before is None
    [undated] = store.feed(UNDATED_ANKARA_IT)
    assert undated.after.key == ankara.after.key
