"""Date expressions and their resolution against a publication date or a date the text states."""

from __future__ import annotations

from datetime import date

import pytest

from service.core.detection.dates import DateMention, dateline, find_dates, resolve, url_date
from service.core.topics import normalize, tokenize

PUBLISHED = date(2025, 5, 27)  # a Tuesday


def _resolve(text: str, anchor: date | None = PUBLISHED, published: bool = True) -> list[tuple[date | None, str]]:
    return [resolve(m, anchor, published=published) for m in find_dates(tokenize(normalize(text)))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the swap happened today", date(2025, 5, 27)),
        ("yesterday the sides swapped", date(2025, 5, 26)),
        ("on Sunday the third stage followed", date(2025, 5, 25)),
        ("в воскресенье прошёл третий этап", date(2025, 5, 25)),
        ("у неділю відбувся обмін", date(2025, 5, 25)),
        ("am Sonntag wurden Gefangene ausgetauscht", date(2025, 5, 25)),
        ("сьогодні повернули тіла", date(2025, 5, 27)),
        ("вчера состоялся обмен", date(2025, 5, 26)),
        ("on Tuesday Kyiv received", date(2025, 5, 27)),
    ],
)
def test_relative_days_and_weekdays(text: str, expected: date) -> None:
    assert _resolve(text) == [(expected, "day")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the exchange ran May 23–25", date(2025, 5, 23)),
        ("23 травня повернулися 390 людей", date(2025, 5, 23)),
        ("23 мая вернулись", date(2025, 5, 23)),
        ("am 23. Mai", date(2025, 5, 23)),
        ("el 23 de mayo de 2025", date(2025, 5, 23)),
        ("le 24 mai", date(2025, 5, 24)),
        ("il 25 maggio", date(2025, 5, 25)),
        ("on Dec. 30", date(2024, 12, 30)),
        ("published 30.12.2024", date(2024, 12, 30)),
        ("see 2024-12-30", date(2024, 12, 30)),
        ("May 23, 2024", date(2024, 5, 23)),
    ],
)
def test_explicit_days(text: str, expected: date) -> None:
    assert _resolve(text)[0] == (expected, "day")


def test_a_day_month_shortly_after_publication_stays_in_the_same_year() -> None:
    assert _resolve("expected on June 2")[0] == (date(2025, 6, 2), "day")


def test_month_only() -> None:
    assert _resolve("у квітні повернули 909 тіл")[0] == (date(2025, 4, 1), "month")
    assert _resolve("in December 2024 the bodies of 503")[0] == (date(2024, 12, 1), "month")


@pytest.mark.parametrize(
    "text",
    [
        "la segunda etapa del canje terminó en la frontera",  # Spanish text, Portuguese weekday word
        "a quinta troca de prisioneiros do ano",
        "na sexta ronda de conversações",
        "schimbul a fost amânat de patru luni",  # Romanian "luni": months
        "în ultimele luni nu a avut loc niciun schimb",
    ],
)
def test_an_ordinal_or_noun_that_spells_a_weekday_elsewhere_is_no_weekday(text: str) -> None:
    assert [m.weekday for m in find_dates(tokenize(normalize(text)))] == []


@pytest.mark.parametrize(
    ("text", "weekday"),
    [
        ("nesta segunda-feira chegaram 40 militares", 1),
        ("a troca aconteceu na sexta-feira", 5),
        ("luni, părțile au schimbat prizonieri", 1),
        ("el jueves de la segunda fase", 4),
    ],
)
def test_the_same_words_in_their_days_company_are_weekdays(text: str, weekday: int) -> None:
    assert [m.weekday for m in find_dates(tokenize(normalize(text)))] == [weekday]


def test_may_as_a_verb_is_not_a_month() -> None:
    assert _resolve("the exchange may take place next week") == []


def test_weekday_fixes_the_year_without_a_publication_date() -> None:
    # 15 March fell on a Friday in 2024 (not in 2022, 2023 or 2025).
    assert _resolve("у п'ятницю, 15 березня, повернули тіла", anchor=None) == [(date(2024, 3, 15), "day")]


def test_without_a_publication_date_weekdays_and_relative_days_are_unknown() -> None:
    assert _resolve("on Sunday", anchor=date(2025, 5, 23), published=False) == [(None, "unknown")]
    assert _resolve("today", anchor=None) == [(None, "unknown")]


def test_stated_date_gives_a_year_to_a_later_day_month() -> None:
    # Background from December 2024, then the news of February 14: the news is in 2025.
    assert _resolve("on February 14", anchor=date(2024, 12, 1), published=False) == [(date(2025, 2, 14), "day")]


def test_url_date() -> None:
    text = "Read more: https://example.org/news/2024/9/14/some-story"
    assert url_date(text) == date(2024, 9, 14)
    assert url_date("no link here") is None


def _lines(text: str) -> list[tuple[list[str], list[DateMention]]]:
    out = []
    for line in text.splitlines():
        tokens = tokenize(normalize(line))
        out.append((tokens, find_dates(tokens)))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Обмін полоненими\n12 березня 2031 р. 10:15\nСьогодні додому повернулися 50 захисників.", date(2031, 3, 12)),
        ("09:40 среда, 12 марта 2031 г.\nСегодня состоялся обмен пленными.", date(2031, 3, 12)),
        ("12.03.2031 10:15\nUkraine and Russia swapped prisoners today.", date(2031, 3, 12)),
        ("Kyiv\nMarch 12, 2031\nUkraine and Russia swapped prisoners today.", date(2031, 3, 12)),
    ],
)
def test_a_date_line_above_the_text_is_its_publication_day(text: str, expected: date) -> None:
    assert dateline(_lines(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "On 12 March 2031 Ukraine and Russia swapped 50 prisoners each.",  # the event's day, in a sentence
        "12 березня\nСьогодні додому повернулися 50 захисників.",  # no year: not a publication day
        "A\nB\nC\nD\nE\nF\nG\nH\n12.03.2031 10:15",  # far below the top: a timeline entry, not a date line
    ],
)
def test_a_date_inside_a_sentence_or_without_a_year_is_no_date_line(text: str) -> None:
    assert dateline(_lines(text)) is None


def test_an_undated_text_is_dated_by_its_date_line() -> None:
    from service.core.detection.detect import detect
    from service.core.domain import Document

    text = "12 березня 2031 р. 10:15\nСьогодні додому з російського полону повернулися 50 українських захисників."
    report = detect(Document("Обмін полоненими", text, "uk", None))
    assert report.primary is not None and report.primary.event_date == date(2031, 3, 12)


@pytest.mark.parametrize(
    "text",
    [
        "Rusia dan Ukraina pada Selasa (27/5) saling membebaskan 90 tawanan perang",  # Indonesian house style
        "Russia and Ukraine on Tuesday 27/5 freed 90 prisoners each",
    ],
)
def test_a_weekday_with_its_day_and_month_in_digits_is_one_date(text: str) -> None:
    mentions = find_dates(tokenize(normalize(text)))
    assert [(m.day, m.month, m.weekday) for m in mentions] == [(27, 5, 2)]
    assert _resolve(text) == [(date(2025, 5, 27), "day")]
