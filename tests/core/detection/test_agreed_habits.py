"""Agreements whose content is a habit or a year (invented texts): "agreed that prisoner exchanges will be
regular in 2026" is one deal — the year is the period it covers, not a tally counted over it (a bare year
counts nothing by itself), and "regularly", «регулярними», "regelmäßig" are what was agreed, not a habit
told. A habit told without an agreement before it stays a statement about exchanges in general."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

PUBLISHED = datetime(2026, 1, 14, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Ukraine and Russia agreed that prisoner exchanges will continue in 2026", "The ombudsmen met."),
        (
            "en",
            "Ombudsmen agree Kyiv and Moscow will swap prisoners of war regularly in 2026",
            "The two commissioners met in Minsk. No dates were given.",
        ),
        (
            "uk",
            "Омбудсмени України та Росії домовилися, що обміни полоненими у 2026 році будуть регулярними",
            "Дат не назвали.",
        ),
        ("ru", "Украина и Россия договорились, что обмены пленными в 2026 году будут регулярными", "Сроки не названы."),
        (
            "de",
            "Kiew und Moskau vereinbaren: Gefangenenaustausch im Jahr 2026 wird regelmäßig stattfinden",
            "Termine wurden nicht genannt.",
        ),
        # "einigen sich" agrees; "in einigen Fällen" (in some cases) does not (test_some_cases)
        ("de", "Russland und die Ukraine einigen sich auf regelmäßigen Gefangenenaustausch im Jahr 2026", ""),
        ("pl", "Ukraina i Rosja uzgodniły, że wymiany jeńców w 2026 roku będą regularne", "Terminów nie podano."),
    ],
)
def test_an_agreed_habit_or_year_is_an_agreement(language: str, title: str, text: str) -> None:
    report = detect(Document(title, text, language, PUBLISHED))
    assert report.relevant, report.reasons
    primary = report.mentions[0]
    assert (primary.kind, primary.status, primary.recalled) == ("agreement", "agreed", False)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Prisoner exchanges usually take place after Ukraine and Russia agree on the lists", ""),
        (
            "en",
            "Ukraine and Russia agreed on a ceasefire in Kharkiv",
            "Exchanges of prisoners usually take place at the border.",
        ),
        (
            "de",
            "Gefangenenaustausche finden regelmäßig statt, sobald Russland und die Ukraine die Listen vereinbart haben",
            "",
        ),
    ],
)
def test_a_habit_told_without_a_deal_before_it_stays_a_statement(language: str, title: str, text: str) -> None:
    assert not detect(Document(title, text, language, PUBLISHED)).relevant
