"""The terms of a deal often follow it in a sentence that names no party: "Russia and Ukraine agreed to swap
all severely wounded prisoners. In addition, 4,000 bodies each are to be handed over", «Кроме того, должны
быть переданы по 4000 тел», "Zudem sollten jeweils 4000 Gefallene übergeben werden". Such a sentence, right
after an agreement the two sides made, is that deal's (its figures are the agreed ones); told done, or after
another country's deal, it is nothing. Right after a sentence saying only that something was agreed ("What
did we agree on? First, …", «О чем договорились? Первое – …») it is the news itself. "Under the deal, the
sides were to swap …": "were to" is a plan. Invented texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

TUESDAY = datetime(2031, 6, 3, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Talks in Istanbul end",
            "At the talks, Russia and Ukraine agreed to exchange all severely wounded prisoners. In addition, 4,000"
            " bodies each are to be handed over.",
        ),
        (
            "ru",
            "Переговоры в Стамбуле завершились",
            "На переговорах Россия и Украина договорились обменять всех тяжелораненых пленных. Кроме того, должны"
            " быть переданы по 4000 тел.",
        ),
        (
            "uk",
            "Переговори у Стамбулі завершилися",
            "На переговорах Україна та Росія домовилися обміняти всіх важкопоранених полонених. Крім того, мають"
            " бути передані по 4000 тіл.",
        ),
        (
            "de",
            "Gespräche in Istanbul beendet",
            "Bei den Gesprächen haben Russland und die Ukraine vereinbart, alle schwer verwundeten Gefangenen"
            " auszutauschen. Zudem sollten jeweils 4000 Gefallene übergeben werden.",
        ),
        (
            "pl",
            "Rozmowy w Stambule zakończone",
            "Podczas rozmów Rosja i Ukraina uzgodniły wymianę wszystkich ciężko rannych jeńców. Ponadto po 4000 ciał"
            " ma zostać przekazanych.",
        ),
        (
            "en",
            "Zelensky doubts the swap will go ahead",
            "Zelensky said Russia was playing games with the lists of prisoners. Under the deal, the sides were to"
            " swap all seriously wounded prisoners and each return 4,000 bodies.",
        ),
    ],
)
def test_terms_after_a_deal_are_its_figures(language: str, title: str, text: str) -> None:
    report = detect(Document(title, text, language, TUESDAY))
    assert report.relevant, report.reasons
    primary = report.mentions[0]
    assert (primary.kind, primary.status) == ("agreement", "agreed"), report.mentions
    facts = primary.fact_values()
    assert (facts.get("agreed_bodies_to_ukraine"), facts.get("agreed_bodies_to_russia")) == (4000, 4000), facts


@pytest.mark.parametrize(
    "text",
    [
        "At the talks, Russia and Ukraine agreed to exchange all severely wounded prisoners. Earlier, 4,000 bodies"
        " were handed over.",
        "Armenia and Azerbaijan agreed to exchange all prisoners. In addition, 40 bodies each are to be handed over.",
    ],
)
def test_a_partyless_sentence_told_done_or_after_another_deal_adds_nothing(text: str) -> None:
    report = detect(Document("Talks end", text, "en", TUESDAY))
    assert all("agreed_bodies" not in m.fact_values() for m in report.mentions), report.mentions
    assert all(m.kind != "body_repatriation" for m in report.mentions), report.mentions


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Russian-Ukrainian talks end in Istanbul",
            "Russia and Ukraine held their first round of talks. What did we agree on? First, a large exchange of"
            " prisoners, 800 for 800, will take place in the coming days.",
        ),
        (
            "ru",
            "В Стамбуле завершились российско-украинские переговоры",
            "Россия и Украина провели первый раунд переговоров. О чем договорились? Первое – в ближайшие дни"
            " произойдёт масштабный обмен пленными 800 на 800.",
        ),
        (
            "uk",
            "У Стамбулі завершилися переговори України та Росії",
            "Україна та Росія провели перший раунд переговорів. Про що домовилися? Перше – найближчими днями"
            " відбудеться великий обмін полоненими 800 на 800.",
        ),
        (
            "de",
            "Gespräche zwischen Russland und der Ukraine in Istanbul beendet",
            "Russland und die Ukraine haben die erste Gesprächsrunde abgeschlossen. Was wurde vereinbart? Erstens"
            " wird in den nächsten Tagen ein großer Gefangenenaustausch 800 gegen 800 stattfinden.",
        ),
        (
            "pl",
            "Rozmowy Rosji i Ukrainy w Stambule zakończone",
            "Rosja i Ukraina zakończyły pierwszą rundę rozmów. Co uzgodniono? Po pierwsze, w najbliższych dniach"
            " odbędzie się duża wymiana jeńców 800 za 800.",
        ),
    ],
)
def test_terms_after_what_was_agreed_are_the_news(language: str, title: str, text: str) -> None:
    report = detect(Document(title, text, language, TUESDAY))
    assert report.relevant, report.reasons
    primary = report.mentions[0]
    assert (primary.kind, primary.status) == ("agreement", "agreed"), report.mentions
    facts = primary.fact_values()
    assert (facts.get("agreed_to_ukraine"), facts.get("agreed_to_russia")) == (800, 800), facts


@pytest.mark.parametrize(
    ("title", "text"),
    [
        (
            "Armenia and Azerbaijan end talks",
            "What did Armenia and Azerbaijan agree on? First, an exchange of 80 prisoners for 80 will take place in"
            " the coming days.",
        ),
        (
            "Russian-Ukrainian talks end in Istanbul",
            "Russia and Ukraine held talks. What did they agree on? Only to meet again. Prisoner exchanges may be"
            " discussed later.",
        ),
    ],
)
def test_no_terms_or_another_countrys_deal_is_none(title: str, text: str) -> None:
    assert not detect(Document(title, text, "en", TUESDAY)).relevant
