"""Number parsing: grouped digits, spelled-out numbers in several languages, "N for N" formulas."""

from __future__ import annotations

import pytest

from service.core.detection.numbers import find_numbers, n_for_n, parse_number
from service.core.topics import normalize, tokenize


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("84", 84),
        ("1,000", 1000),
        ("1 000", 1000),
        ("1\u00a0000", 1000),
        ("6.057", 6057),
        ("12 000", 12000),
        ("15,801", 15801),
        ("a thousand", 1000),
        ("two hundred and seven", 207),
        ("тисяча", 1000),
        ("тысяча", 1000),
        ("сто", 100),
        ("сто вісімдесят троє", 183),
        ("двісті", 200),
        ("tausend", 1000),
        ("mil", 1000),
        ("dix", 10),
        ("7 тисяч", 7000),
        ("1 тыс", 1000),
        ("12 thousand", 12000),
    ],
)
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


def test_parse_number_rejects_text_that_is_not_one_number() -> None:
    assert parse_number("prisoners") is None
    assert parse_number("12 and 14") is None


def _numbers(text: str) -> list[int]:
    return [n.value for n in find_numbers(tokenize(normalize(text)))]


def test_find_numbers_in_a_sentence() -> None:
    assert _numbers("Kyiv got back 1,250 soldiers and eleven civilians on Friday") == [1250, 11]


def test_a_lone_article_is_not_the_number_one() -> None:
    assert _numbers("ein Gefangener wurde übergeben") == []
    assert _numbers("une dépouille a été rendue") == []


def test_date_parts_separated_by_dots_are_not_thousands() -> None:
    assert _numbers("опубліковано 16.02.2024") == [16, 2, 2024]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a swap in the 1000-for-1000 format", 1000),
        ("обмін за формулою «500 на 500»", 500),
        ("обмен по формуле 84 на 84", 84),
        ("ein Austausch 120 gegen 120", 120),
        ("troca de 95 por 95 prisioneiros", 95),
    ],
)
def test_n_for_n(text: str, value: int) -> None:
    tokens = tokenize(normalize(text))
    pairs = n_for_n(tokens, find_numbers(tokens))
    assert [p.value for p in pairs] == [value]


@pytest.mark.parametrize("text", ["390 390 to 400", "390 390 zu 400", "390 390 за 400", "390 390 на 400"])
def test_a_word_between_formulas_after_two_adjacent_counts_joins_nothing(text: str) -> None:
    """Only Georgian writes the formula word onto the second count ("390 390-ზე", topic n_for_n_after): "to",
    "zu", «за», «на» after two adjacent counts make no formula (review 8, item 9)."""
    tokens = tokenize(normalize(text))
    assert n_for_n(tokens, find_numbers(tokens)) == []


def test_unequal_numbers_are_not_a_formula() -> None:
    tokens = tokenize(normalize("returned 90 for 95"))
    assert n_for_n(tokens, find_numbers(tokens)) == []
