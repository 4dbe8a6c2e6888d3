"""A sentence naming another swap's day after the act noun ("The exchange follows a swap on Dec. 31") does not
date the sentence before it: the other side's figure stays with today's exchange."""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.detection.detect import detect
from service.core.domain import Document

SUNDAY = datetime(2023, 1, 8, 15, 0, tzinfo=UTC)


def test_the_day_of_the_swap_it_follows_is_not_this_ones() -> None:
    report = detect(
        Document(
            "Ukraine brings home 40 soldiers in prisoner swap with Russia",
            "Ukraine has returned 40 of its soldiers from Russian captivity, officials said on Sunday. Russia's "
            "Defense Ministry said that 40 Russian servicemen had been returned from territory controlled by Kyiv "
            "in the same swap. The exchange follows a swap on Dec. 29, when 120 Ukrainians returned home.",
            "en",
            SUNDAY,
        )
    )
    assert report.primary is not None
    assert report.primary.fact_values()["returned_to_russia"] == 40


def test_this_exchange_on_a_day_still_dates_the_one_before() -> None:
    report = detect(
        Document(
            "",
            "Ukraine and Russia exchanged prisoners: 40 Ukrainians came home. This exchange took place on 5 January "
            "in the Sumy region.",
            "en",
            SUNDAY,
        )
    )
    assert report.primary is not None
    assert report.primary.event_date is not None and report.primary.event_date.day == 5
