"""The Mariupol garrison told with a verb or a defence it led, not only as "defenders of Azovstal"; commanders
as officers; and the city named alone (where soldiers were captured or fought) is still no garrison."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2024, 3, 8, 12, 0, tzinfo=UTC)


def _categories(text: str, language: str) -> set[str]:
    return set(primary_facts(Document("", text, language, FRIDAY)).get("categories", ()))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Ukraine and Russia swapped prisoners on Friday. 112 Ukrainians came home, among them marines who had "
            "defended Mariupol for almost three months.",
        ),
        (
            "de",
            "Russland und die Ukraine haben am Freitag Gefangene ausgetauscht. 112 Ukrainer kehrten heim, darunter "
            "Marineinfanteristen, die Mariupol verteidigt hatten.",
        ),
        (
            "de",
            "Russland und die Ukraine haben am Freitag Gefangene ausgetauscht. 112 Ukrainer kehrten heim. Unter "
            "ihnen sind Mariupols Verteidiger.",
        ),
        (
            "it",
            "Russia e Ucraina hanno scambiato prigionieri venerdì. Sono tornati a casa 112 ucraini, tra cui marinai "
            "che hanno difeso Mariupol.",
        ),
        (
            "uk",
            "У п'ятницю відбувся обмін полоненими. Додому повернулися 112 українців. Серед звільнених — захисники "
            "острова Зміїний, Маріуполя та Херсонщини.",
        ),
        (
            "en",
            "Ukraine and Russia swapped prisoners on Friday: 112 Ukrainians came home, including officers who led "
            "the defence of the Azovstal steel plant.",
        ),
    ],
)
def test_the_garrison_told_with_a_verb_or_the_city_it_held(language: str, text: str) -> None:
    assert "azovstal_defenders" in _categories(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Ukraine and Russia swapped prisoners on Friday. 112 Ukrainians came home; many of them had fought in "
            "Mariupol and were captured there in 2022.",
        ),
        (
            "uk",
            "У п'ятницю відбувся обмін полоненими. Додому повернулися 112 українців. Багато з них потрапили в полон "
            "під час оборони Маріуполя.",
        ),
    ],
)
def test_where_they_fought_or_were_captured_is_no_garrison(language: str, text: str) -> None:
    assert "azovstal_defenders" not in _categories(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Ukraine and Russia swapped prisoners on Friday. 112 Ukrainians came home, among them brigade commanders.",
        ),
        (
            "ru",
            "В пятницу Россия и Украина провели обмен пленными. Домой вернулись 112 украинских военных, среди них "
            "командиры.",
        ),
        (
            "de",
            "Russland und die Ukraine haben am Freitag Gefangene ausgetauscht. 112 Ukrainer kehrten heim, darunter "
            "drei Kommandeure.",
        ),
    ],
)
def test_commanders_are_officers(language: str, text: str) -> None:
    assert "officers" in _categories(text, language)


def test_the_garrison_hides_no_other_group_inside_it() -> None:
    categories = _categories(
        "У п'ятницю відбувся обмін полоненими. Додому повернулися 112 українців. Серед звільнених — захисники та "
        "захисниці Маріуполя.",
        "uk",
    )
    assert {"women", "azovstal_defenders"} <= categories
