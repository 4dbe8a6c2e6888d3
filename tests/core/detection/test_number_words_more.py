"""Hungarian number words, a number word said twice ("ötven-ötven katona": fifty each) and French
"quatre-vingt(s)" (invented texts)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.facts import counts
from service.core.detection.numbers import find_numbers
from service.core.detection.sentences import analyse
from service.core.domain import Document
from service.core.topics import load_topic
from tests.support.detection import primary_facts

THURSDAY = datetime(2031, 3, 6, 15, 0, tzinfo=UTC)


def test_a_number_said_twice_counts_for_each_side() -> None:
    text = "Újabb fogolycsere: negyven-negyven katona térhetett haza"
    sentence = analyse(Document("", text, "hu", THURSDAY), load_topic(), "hu")[-1]
    assert [(c.value, c.side) for c in counts(sentence, load_topic())] == [(40, "both")]


def test_forty_each_in_hungarian() -> None:
    title = "Újabb hadifogolycsere Oroszország és Ukrajna között"
    text = (
        "Oroszország és Ukrajna csütörtökön újabb hadifogolycserét hajtott végre, mindkét fél negyven katonát adott át."
    )
    facts = primary_facts(Document(title, text, "hu", THURSDAY))
    assert facts.get("returned_to_ukraine") == facts.get("returned_to_russia") == 40


@pytest.mark.parametrize(
    ("language", "text", "values"),
    [
        ("fr", "quatre-vingt-dix soldats et quatre-vingts civils", [90, 80]),
        ("en", "two hundred and seven prisoners and twenty three civilians", [207, 23]),
        ("hu", "ötven-ötven katona", [50, 50]),
    ],
)
def test_spelled_numbers(language: str, text: str, values: list[int]) -> None:
    tokens = text.replace("-", " ").split()
    assert [n.value for n in find_numbers(tokens, load_topic(), language)] == values
