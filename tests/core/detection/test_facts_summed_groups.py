"""Totals and parts: "175 defenders and 22 severely wounded" adds the criterion's people as it adds "120
civilians", and such a sum elsewhere in the text outranks the bare first figure it contains."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

WEDNESDAY = datetime(2025, 3, 19, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "uk",
            "Додому повертаються 160 захисників і 14 важкопоранених",
            "Україна повернула з російського полону 160 військовослужбовців. Також додому повернулися 14 "
            "важкопоранених.",
        ),
        (
            "en",
            "Ukraine brings home 160 soldiers and 14 seriously wounded",
            "Ukraine has returned 160 servicemen from Russian captivity on Wednesday. Fourteen seriously wounded "
            "soldiers came home too.",
        ),
        (
            "de",
            "",
            "Nach einem Gefangenenaustausch mit Russland sind am Mittwoch 160 ukrainische Soldaten zurückgekehrt. "
            "Heimgekehrt sind 160 Soldaten und 14 Schwerverletzte.",
        ),
    ],
)
def test_a_sum_with_a_criterions_people_is_the_total(language: str, title: str, text: str) -> None:
    assert primary_facts(Document(title, text, language, WEDNESDAY))["returned_to_ukraine"] == 174


def test_each_side_and_an_extra_apart_keep_the_formula() -> None:
    facts = primary_facts(
        Document(
            "",
            "Russia and Ukraine exchanged 160 prisoners each on Wednesday. In addition, Moscow handed over 14 "
            "severely wounded Ukrainian soldiers.",
            "en",
            WEDNESDAY,
        )
    )
    assert facts["returned_to_ukraine"] == 160
    assert facts["returned_to_russia"] == 160
