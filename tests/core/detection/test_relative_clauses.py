"""A relative clause tells about the noun it follows (invented texts): its destination binds no count outside
it ("215 fighters freed in a swap that sends a politician to Russia" went to Ukraine), while "that" after a
speech verb is a conjunction and a relative clause right after the count's noun is the count's own."""

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
        ("en", "Kyiv says 184 soldiers freed in swap that sends jailed oligarch Petrenko to Russia."),
        ("en", "Ukraine says 184 soldiers were freed in an exchange which brought the pilot Ivanov to Russia."),
        (
            "de",
            "Die Ukraine hat 184 Soldaten befreit beim Austausch, der den Oligarchen Petrenko nach Russland bringt.",
        ),
    ],
)
def test_a_destination_in_a_relative_clause_binds_no_count_outside_it(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (184, None)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In the exchange, Moscow said that 77 Ukrainian soldiers were handed over to Ukraine."),
        ("en", "Under the swap, Kyiv handed over 77 soldiers that Moscow had asked for to Russia."),
    ],
)
def test_that_after_a_speech_verb_or_the_counts_noun_keeps_the_destination(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert 77 in (facts.get("returned_to_ukraine"), facts.get("returned_to_russia"))
    assert facts.get("returned_to_ukraine" if "Ukraine." in text else "returned_to_russia") == 77
