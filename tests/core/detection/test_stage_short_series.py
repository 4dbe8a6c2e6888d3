"""A stage numbered in a series of days (invented texts): "the fourth exchange this week", «п'ятий обмін за
тиждень», "the fifth swap since March 2", "al șaselea schimb din 2 martie" name the stage; "the first exchange
since Feb. 5" tells a gap, and "the 49th exchange since February 2022" a running total."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2031, 3, 14, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text", "stage"),
    [
        (
            "en",
            "Russia and Ukraine swap more wounded POWs",
            "Ukraine and Russia carried out another exchange of prisoners of war on Friday, officials said.\n"
            "It was the fifth swap since March 2, when the sides began exchanging the severely wounded.",
            5,
        ),
        (
            "ro",
            "Rusia și Ucraina au făcut un nou schimb de prizonieri",
            "Rusia și Ucraina au efectuat vineri un nou schimb de prizonieri de război.\n"
            "Este al șaselea schimb din 2 martie încoace.",
            6,
        ),
        (
            "uk",
            "Відбувся вже п'ятий за тиждень обмін полоненими",
            "У пʼятницю, 14 березня, відбувся черговий обмін полоненими між Україною та Росією. "
            "Це уже пʼятий обмін за тиждень.",
            5,
        ),
    ],
)
def test_an_exchange_numbered_in_a_series_of_days_is_a_stage(language: str, title: str, text: str, stage: int) -> None:
    assert primary_facts(Document(title, text, language, FRIDAY)).get("stage") == stage


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the first exchange since Feb. 5, when the sides swapped 150 prisoners each.",
        "It was the 49th exchange since February 2022.",
    ],
)
def test_a_gap_or_a_running_total_is_no_stage(sentence: str) -> None:
    text = f"Ukraine and Russia exchanged 95 prisoners of war each on Friday, officials said.\n{sentence}"
    assert "stage" not in primary_facts(Document("Russia and Ukraine swap 95 POWs each", text, "en", FRIDAY))


def test_another_language_ordinal_is_no_stage() -> None:
    """Latvian "otrais" (second, the stem "otr*") is no Spanish "otro" (another): "otro grupo" is no stage 2."""
    title = "Ucrania y Rusia canjean otro grupo de prisioneros heridos y enfermos graves"
    text = "Ucrania y Rusia llevaron a cabo este viernes un nuevo intercambio de prisioneros de guerra."
    assert "stage" not in primary_facts(Document(title, text, "es", FRIDAY))


@pytest.mark.parametrize(
    "text",
    [
        "Russland overleverte 120 ukrainske krigsfanger til Ukraina fredag, i tillegg til andre grupper av sivile.",
        "Som ved andre runder ble utvekslingen av krigsfanger mellom Russland og Ukraina meglet av De forente "
        "arabiske emirater.",
    ],
)
def test_norwegian_andre_other_is_no_stage(text: str) -> None:
    """Norwegian "andre" is "second" and also "other": "andre grupper" (other groups), "som ved andre runder" (as in
    other rounds) name no second stage."""
    title = "Russland og Ukraina utvekslet 120 krigsfanger hver"
    assert "stage" not in primary_facts(Document(title, text, "no", FRIDAY))
