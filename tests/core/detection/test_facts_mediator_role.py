"""A mediator is this event's only when the text binds it to this event (invented texts): the role an
organisation plays in general ("has played a crucial role in facilitating communication", «відіграє важливу
роль») names no mediator, the role it played in this exchange does."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _facts(text: str, language: str) -> dict[str, Any]:
    return primary_facts(Document("", text, language, FRIDAY))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Ukraine and Russia exchanged 84 prisoners each on Friday. The Red Cross plays an important role in "
            "keeping contacts between the warring parties, although it has no access to many camps.",
        ),
        (
            "uk",
            "Україна та Росія в пʼятницю обміняли по 84 полонених. Міжнародний комітет Червоного Хреста відіграє "
            "важливу роль у підтримці звʼязку між сторонами.",
        ),
        (
            "ru",
            "Украина и Россия в пятницу обменялись 84 пленными с каждой стороны. Международный комитет Красного "
            "Креста играет важную роль в поддержании контактов между сторонами.",
        ),
        (
            "de",
            "Die Ukraine und Russland haben am Freitag je 84 Gefangene ausgetauscht. Das Internationale Komitee vom "
            "Roten Kreuz spielt eine wichtige Rolle bei der Vermittlung zwischen den Konfliktparteien.",
        ),
        (
            "es",
            "Ucrania y Rusia intercambiaron el viernes 84 prisioneros cada uno. El Comité Internacional de la Cruz "
            "Roja desempeña un papel crucial en la mediación entre las partes.",
        ),
    ],
)
def test_the_role_an_organisation_plays_in_general_names_no_mediator(language: str, text: str) -> None:
    assert "mediators" not in _facts(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Ukraine and Russia exchanged 84 prisoners each on Friday. The Red Cross played a key role in the "
            "exchange, Zelensky said.",
        ),
        (
            "de",
            "Die Ukraine und Russland haben am Freitag je 84 Gefangene ausgetauscht. Das IKRK spielte dabei eine "
            "wichtige Rolle.",
        ),
        (
            "uk",
            "Україна та Росія в пʼятницю обміняли по 84 полонених. Важливу роль в обміні відіграв Червоний Хрест.",
        ),
    ],
)
def test_the_role_it_played_in_this_exchange_names_it(language: str, text: str) -> None:
    assert _facts(text, language).get("mediators") == ("ICRC",)
