"""Mention splitting: a sentence dated after the news that only follows the same people further (their
arrival, their treatment) is the same event; one with counts of its own is another stage."""

from __future__ import annotations

from datetime import UTC, date, datetime

from service.core.detection.detect import detect
from service.core.domain import Document

PUBLISHED = datetime(2031, 5, 31, 10, tzinfo=UTC)


def _days(title: str, text: str, language: str) -> list[date | None]:
    report = detect(Document(title, text, language, PUBLISHED))
    assert report.relevant
    return [m.event_date for m in report.mentions if not m.recalled]


def test_the_arrival_of_the_released_the_next_day_is_the_same_exchange() -> None:
    english = _days(
        "Russia and Ukraine swap 84 prisoners each",
        "On May 30, Russia and Ukraine exchanged prisoners of war, each side returning 84 people, mediated by "
        "the United Arab Emirates. The 84 Russian servicemen released from Ukrainian captivity arrived in "
        "Moscow today, May 31, the Russian Defence Ministry said.",
        "en",
    )
    russian = _days(
        "Россия и Украина обменялись пленными",
        "30 мая Россия и Украина провели обмен военнопленными: каждая сторона вернула по 84 человека. Сегодня, "
        "31 мая, 84 российских военнослужащих, освобожденных из украинского плена, доставлены в Москву для "
        "лечения, сообщило Минобороны.",
        "ru",
    )
    assert english == russian == [date(2031, 5, 30)]


def test_a_next_day_return_with_its_own_count_is_another_stage() -> None:
    days = _days(
        "Russia and Ukraine swap 84 prisoners each",
        "On May 30, Russia and Ukraine exchanged prisoners of war, each side returning 84 people. On May 31, "
        "Ukraine returned another 120 prisoners of war from Russian captivity, the Coordination Headquarters said.",
        "en",
    )
    assert days == [date(2031, 5, 30), date(2031, 5, 31)]
