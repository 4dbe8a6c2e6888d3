"""'Our', 'ours', 'we' and 'own' in every language with a section of its own (invented texts): a count of
"ours" alone ("90 of ours", «90 наших», "90 de los nuestros") is the speaker's people, and "our" is the side
the source speaks for — Ukraine's unless the source's address says Russia."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _facts(text: str, language: str, url: str = "") -> dict[str, Any]:
    return primary_facts(Document("", text, language, FRIDAY, url=url))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "On Friday Ukraine and Russia swapped prisoners. Russia received 84 prisoners, and we got back 90 of ours.",
        ),
        (
            "uk",
            "У пʼятницю Україна та Росія обмінялися полоненими. Росія отримала 84 полонених, а ми повернули 90 наших.",
        ),
        (
            "es",
            "El viernes Ucrania y Rusia canjearon prisioneros. Ucrania entregó a Rusia 84 prisioneros y a cambio "
            "recuperó a 90 de los nuestros.",
        ),
        (
            "fr",
            "Vendredi, l'Ukraine et la Russie ont échangé des prisonniers. La Russie a reçu 84 prisonniers et nous "
            "avons récupéré 90 des nôtres.",
        ),
        (
            "it",
            "Venerdì Ucraina e Russia si sono scambiate prigionieri. La Russia ha ricevuto 84 prigionieri e noi "
            "abbiamo riavuto 90 dei nostri.",
        ),
        (
            "pt",
            "Na sexta-feira a Ucrânia e a Rússia trocaram prisioneiros. A Rússia recebeu 84 prisioneiros e nós "
            "recuperámos 90 dos nossos.",
        ),
        (
            "ro",
            "Vineri Ucraina și Rusia au făcut un schimb de prizonieri. Rusia a primit 84 de prizonieri, iar noi am "
            "primit 90 de militari ai noștri.",
        ),
    ],
)
def test_a_count_of_ours_is_the_speakers_people(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (90, 84)


def test_pl_the_subjects_own_people() -> None:
    text = "W piątek Ukraina i Rosja wymieniły jeńców. Do domu wróciło 84 naszych obrońców, Rosja dostała 90 swoich."
    facts = _facts(text, "pl")
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (84, 90)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "W piątek Rosja i Ukraina wymieniły jeńców. Do domu wróciło 84 naszych żołnierzy."),
        ("hu", "Pénteken Oroszország és Ukrajna fogolycserét hajtott végre, hazatért 84 katonánk."),
        ("es", "El viernes Rusia y Ucrania canjearon prisioneros. Regresaron a casa 84 de nuestros soldados."),
        ("it", "Venerdì Russia e Ucraina si sono scambiate prigionieri. Sono tornati a casa 84 nostri soldati."),
    ],
)
@pytest.mark.parametrize(
    ("url", "key"), [("https://news.example.ru/a/1", "returned_to_russia"), ("", "returned_to_ukraine")]
)
def test_our_soldiers_are_the_sources_side(language: str, text: str, url: str, key: str) -> None:
    facts = _facts(text, language, url)
    assert facts.get(key) == 84
