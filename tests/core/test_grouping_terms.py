"""An agreement's categories are its terms: the more of them agree, the stronger the evidence (invented texts).

A report of a deal with no date and no figures (a replayed row that lost its publication) has only the
deal's terms to go by: who is to be exchanged. "The wounded defenders of Azovstal" is the deal of exactly
those, not the later deal that names them as one group among five.
"""

from __future__ import annotations

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
    stage = EventState("s", "pow_exchange", "completed", date(2031, 5, 17), "day", facts={"categories": ("wounded",)})
    assert match_score(stage, _said("pow_exchange", "wounded"), None, (), PARAMS) == PARAMS.category_weight
