"""English "ready for an exchange" is an offer like "ready to swap" and «готові до обміну», "bereit zum
Austausch": with no count it announces nothing (a complaint that "Kyiv had handed over lists and was ready for
an exchange at any time" was an agreement, read from "lists"); ready for a counted exchange is an announced
one. Invented texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

THURSDAY = datetime(2031, 1, 22, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Ombudsman accuses Russia of stalling swaps",
            '"Russia is using our people as leverage," the ombudsman said, adding that Kyiv had handed over lists and'
            " was ready for an exchange at any time.",
        ),
        ("en", "Kyiv is ready for a prisoner exchange with Russia, Zelensky says", ""),
        ("en", "Ukraine prepared for an all-for-all exchange of prisoners with Russia", ""),
        ("uk", "Україна готова до обміну полоненими з Росією, заявив Зеленський", ""),
        ("de", "Kiew ist zum Gefangenenaustausch mit Russland bereit, sagt Selenskyj", ""),
    ],
)
def test_readiness_without_a_count_is_an_offer(language: str, title: str, text: str) -> None:
    assert not detect(Document(title, text, language, THURSDAY)).relevant


def test_ready_for_a_counted_exchange_is_announced() -> None:
    title = "Russia is ready for an exchange of 500 prisoners with Ukraine, Kremlin says"
    primary = detect(Document(title, "", "en", THURSDAY)).mentions[0]
    assert (primary.kind, primary.status) == ("agreement", "agreed")
