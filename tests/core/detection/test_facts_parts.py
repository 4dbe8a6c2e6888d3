"""Totals and parts (invented texts): a count whose own noun is a group ("64 women", "12 civilians") is
the side's count only when nothing else is given; a list of nouns after a count of its own ("75
soldiers, sailors and border guards") is no part; "had" as a full verb is no past perfect; a
comparative right before a count ("more 100") is an approximation, and one right after it with "than" in its clause
("five more prisoners than it handed over") is a difference."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _facts(text: str, language: str = "en", title: str = "") -> dict[str, Any]:
    return primary_facts(Document(title, text, language, FRIDAY))


def test_an_all_female_exchange_counts_its_women() -> None:
    facts = _facts(
        "Another exchange of prisoners took place today, the presidential office said: we freed 64 women "
        "from Russian captivity.",
        title="Ukraine says 64 women freed in swap with Russia",
    )
    assert facts["returned_to_ukraine"] == 64


def test_a_part_does_not_outrank_the_total() -> None:
    facts = _facts(
        "Russia and Ukraine exchanged prisoners on Friday. 150 Ukrainian soldiers returned home. "
        "Russia also freed 12 Ukrainian civilians."
    )
    assert facts["returned_to_ukraine"] == 150


def test_soldiers_and_civilians_add_up_once() -> None:
    facts = _facts("On Friday 150 Ukrainian soldiers and 12 civilians returned home from Russian captivity.")
    assert facts["returned_to_ukraine"] == 162
    assert "returned_to_russia" not in facts


def test_a_list_of_nouns_after_the_count_is_no_part() -> None:
    facts = _facts(
        "Dozens of families had good reason to celebrate, as Ukraine's ombudsman announced that 75 soldiers, "
        "sailors, border guards and others captured by Russia were on their way home after a prisoner exchange."
    )
    assert facts["returned_to_ukraine"] == 75


def test_the_past_perfect_still_narrates_what_came_before() -> None:
    report = detect(
        Document(
            "",
            "Russia and Ukraine swapped 90 prisoners each on Friday. "
            "Russian officials had accused Kyiv of delaying 300 prisoners' return in March.",
            "en",
            FRIDAY,
        )
    )
    assert report.primary is not None
    assert report.primary.fact_values()["returned_to_ukraine"] == 90


def test_more_right_before_a_count_is_an_approximation() -> None:
    facts = _facts(
        "Ukraine and Russia each freed more 100 prisoners on Friday in a swap. "
        "Russia released 108 Ukrainian women, the Ukrainian headquarters said."
    )
    assert facts["returned_to_ukraine"] == 108


def test_the_agreed_figure_and_those_who_stayed_are_not_who_came() -> None:
    facts = _facts(
        "Another exchange of prisoners took place today: we freed 64 women from captivity. "
        "A Russian-installed official confirmed the exchange, saying that out of 66 people agreed in the swap, "
        "two people had decided to remain in Russia.",
        title="Ukraine says 64 women freed in swap with Russia",
    )
    assert facts["returned_to_ukraine"] == 64


def test_ru_those_who_stayed_are_not_who_came() -> None:
    facts = _facts(
        "Сегодня Россия и Украина провели обмен пленными. Освобождены 64 женщины из плена. "
        "Двое пленных украинцев не захотели вернуться домой и остались в России.",
        "ru",
    )
    assert facts["returned_to_ukraine"] == 64


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Ukraine received five more prisoners than it handed over in the latest exchange with Russia. Kyiv said "
            "63 Ukrainians came home on Wednesday. Moscow said 58 Russian soldiers had been freed.",
            "en",
        ),
        (
            "Україна повернула на пʼять полонених більше, ніж передала Росії. У середу додому повернулися 63 "
            "українці, Росія отримала 58 військових.",
            "uk",
        ),
        (
            "Ukraina odzyskała o pięciu jeńców więcej, niż przekazała Rosji. W środę do domu wróciło 63 Ukraińców, "
            "Rosja otrzymała 58 żołnierzy.",
            "pl",
        ),
    ],
)
def test_how_many_more_than_the_other_side_is_no_count(text: str, language: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (63, 58)


def test_more_without_a_comparison_is_a_count() -> None:
    facts = _facts(
        "Ukraine brought home 84 more prisoners on Saturday in the second stage of the exchange with Russia."
    )
    assert facts.get("returned_to_ukraine") == 84
