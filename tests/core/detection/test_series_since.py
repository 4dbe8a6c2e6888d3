"""A "since" that dates the series an exchange is numbered in ("the 49th exchange since the start of the war")
makes no running total of the count before it; "49 exchanges since …" with its own total still does."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

WEDNESDAY = datetime(2024, 1, 3, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Russia and Ukraine swapped prisoners on Wednesday. The ombudsman said 207 Ukrainians came home in what "
            "he called the 49th exchange since the start of the full-scale invasion.",
        ),
        (
            "fr",
            "Kiev et Moscou ont échangé des prisonniers mercredi. Le médiateur a précisé que 207 Ukrainiens étaient "
            "rentrés au pays lors du 49e échange depuis le début de la guerre.",
        ),
        (
            "uk",
            "Сьогодні відбувся обмін полоненими. Додому повернулися 207 українців — це 49-й обмін з початку "
            "повномасштабного вторгнення.",
        ),
    ],
)
def test_the_series_number_is_counted_since_not_the_people(language: str, text: str) -> None:
    assert primary_facts(Document("", text, language, WEDNESDAY))["returned_to_ukraine"] == 207


def test_a_total_over_many_exchanges_since_is_still_a_running_total() -> None:
    facts = primary_facts(
        Document(
            "",
            "Russia and Ukraine swapped prisoners on Wednesday: 207 Ukrainians came home. The ombudsman said 2,828 "
            "Ukrainians have come home in 49 exchanges since the start of the full-scale invasion.",
            "en",
            WEDNESDAY,
        )
    )
    assert facts["returned_to_ukraine"] == 207
