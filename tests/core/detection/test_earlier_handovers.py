"""A handover told done on a day before the one the article reports is background (invented texts): it was
news on its own day; here it is stored and linked, never alerted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2025, 6, 14, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "earlier",
    [
        "The swap comes three days after the previous one on Wednesday, June 11, when Ukraine said 60 of its "
        "soldiers came home.",
        "On Wednesday, June 11, Ukraine brought home 60 soldiers in the first stage.",
    ],
)
def test_the_previous_swap_a_few_days_earlier_is_background(earlier: str) -> None:
    text = "Russia and Ukraine exchanged 84 prisoners each on Saturday, officials on both sides said.\n" + earlier
    report = detect(Document("Russia, Ukraine swap 84 prisoners each", text, "en", SATURDAY))
    assert report.primary is not None and report.primary.event_date is not None
    assert report.primary.event_date.isoformat() == "2025-06-14"
    earlier = [m for m in report.mentions[1:] if m.event_date is not None and m.event_date.isoformat() == "2025-06-11"]
    assert earlier and all(m.recalled for m in earlier)


def test_an_earlier_stage_of_another_kind_is_background_too() -> None:
    text = (
        "Україна в суботу, 14 червня, повернула тіла 1200 загиблих захисників.\n"
        "У четвер, 12 червня, відбувся черговий етап обміну полоненими: додому повернулися 78 українців."
    )
    report = detect(Document("Україна повернула тіла 1200 загиблих", text, "uk", SATURDAY))
    assert report.primary is not None and report.primary.kind == "body_repatriation"
    swaps = [m for m in report.mentions[1:] if m.kind == "pow_exchange"]
    assert swaps and all(m.recalled for m in swaps)


def test_a_swap_and_a_handover_on_the_same_day_both_stay_news() -> None:
    text = (
        "On Saturday, June 14, Ukraine and Russia exchanged 84 prisoners each. On the same day Ukraine received "
        "the bodies of 1,200 fallen soldiers."
    )
    report = detect(Document("", text, "en", SATURDAY))
    assert report.relevant
    assert not any(m.recalled for m in report.mentions if m.event_date == report.primary.event_date)  # type: ignore[union-attr]


def test_a_sentence_opening_with_a_recall_is_background_even_for_yesterday() -> None:
    text = (
        "Україна провела ще один етап обміну полоненими з Росією.\n"
        "Нагадаємо, напередодні, 13 червня, додому повернулася група тяжкопоранених захисників."
    )
    report = detect(Document("Україна провела черговий етап обміну полоненими", text, "uk", SATURDAY))
    assert report.primary is not None and report.primary.event_date is not None
    assert report.primary.event_date.isoformat() == "2025-06-14"
    assert "categories" not in report.primary.fact_values()  # yesterday's group is not today's
