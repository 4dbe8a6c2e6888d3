"""Who the people were, told with "it is about" (invented texts): "si tratta di soldati gravemente malati e
feriti", "es geht um schwer verwundete Soldaten" describe the people exchanged (an act noun after it,
«йдеться про повернення 1200», is a plan); and a country after "from" right before a count names the giver,
not the counted people's nationality («Ukrajina dostala od Ruska 800 těl»)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2031, 3, 7, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "it",
            "Nuovo scambio di prigionieri tra Kiev e Mosca",
            "Ucraina e Russia hanno effettuato oggi un nuovo scambio di prigionieri di guerra. "
            "Secondo lo stato maggiore, si tratta di soldati gravemente malati e feriti.",
        ),
        (
            "de",
            "Neuer Gefangenenaustausch zwischen Kiew und Moskau",
            "Die Ukraine und Russland haben heute erneut Kriegsgefangene ausgetauscht. "
            "Es geht um schwer kranke und verwundete Soldaten.",
        ),
        (
            "es",
            "Nuevo canje de prisioneros entre Kiev y Moscú",
            "Ucrania y Rusia realizaron hoy un nuevo canje de prisioneros de guerra. "
            "Según el cuartel general, se trata de soldados gravemente enfermos y heridos.",
        ),
        (
            "uk",
            "Україна і Росія провели новий обмін полоненими",
            "Сьогодні Україна та Росія провели черговий обмін полоненими. "
            "За даними штабу, йдеться про тяжкохворих і поранених військових.",
        ),
    ],
)
def test_it_is_about_people_says_who_they_were(language: str, title: str, text: str) -> None:
    facts = primary_facts(Document(title, text, language, FRIDAY))
    assert set(facts.get("categories", ())) == {"seriously_ill", "wounded"}


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("cs", "Ukrajina dostala od Ruska 800 těl padlých vojáků"),
        ("pl", "Ukraina otrzymała od Rosji 800 ciał poległych żołnierzy"),
    ],
)
def test_a_country_after_from_names_the_giver(language: str, title: str) -> None:
    facts = primary_facts(Document(title, "", language, FRIDAY))
    assert facts.get("bodies_to_ukraine") == 800
    assert "bodies_to_russia" not in facts
