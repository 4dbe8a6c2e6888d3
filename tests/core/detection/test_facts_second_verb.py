"""A count after a second verb that shares the subject (invented texts): "Russia hands back 1,000 bodies to
Ukraine, receives 31" — the 31 are what the subject received, not more for the party that ends the clause
before; and a count's noun phrase ends with its soldiers when a clause break or "and" follows them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

THURSDAY = datetime(2025, 10, 23, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Russia hands back 1,000 bodies to Ukraine, receives 37"),
        ("ru", "Россия передала Украине 1000 тел погибших военных ВСУ, получила 37"),
        ("uk", "Росія передала Україні 1000 тіл загиблих військових ЗСУ, отримала 37"),
    ],
)
def test_the_second_verbs_count_is_the_subjects(language: str, title: str) -> None:
    facts = primary_facts(Document(title, "", language, THURSDAY))
    assert facts.get("bodies_to_ukraine") == 1000
    assert facts.get("bodies_to_russia") == 37


def test_soldiers_freed_and_a_body_returned_are_counted_apart() -> None:
    title = "Ukraine says 27 soldiers freed, body of a volunteer returned in swap with Russia"
    facts = primary_facts(Document(title, "", "en", THURSDAY))
    assert facts.get("returned_to_ukraine") == 27
    assert facts.get("bodies_to_ukraine") != 27


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "At the talks on Monday Russia and Ukraine agreed to swap all severely wounded prisoners and those aged "
            "18-25, and to return 6,000 bodies of soldiers each.",
        ),
        (
            "uk",
            "На переговорах у понеділок Україна та Росія домовилися обміняти всіх важкопоранених і полонених "
            "віком від 18 до 25 років, а також повернути по 6000 тіл загиблих.",
        ),
    ],
)
def test_an_age_range_is_no_count(language: str, text: str) -> None:
    facts = primary_facts(Document("", text, language, THURSDAY))
    assert facts.get("agreed_bodies") == 6000
