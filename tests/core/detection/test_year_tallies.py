"""Statements, not reports (invented texts): a year's tally told over the year ("during 2025", «упродовж 2025
року», «на протяжении 2025 года») is a running total; a headline's complaint is no exchange."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

NEW_YEAR = datetime(2026, 1, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "Упродовж 2025 року Україна повернула з російського полону 1412 своїх громадян."),
        ("ru", "На протяжении 2025 года Украина вернула из российского плена 1412 своих граждан."),
        ("en", "Over 2025, Ukraine brought home 1,412 of its citizens from Russian captivity."),
    ],
)
def test_a_years_tally_is_no_exchange(language: str, text: str) -> None:
    report = detect(Document("", text, language, NEW_YEAR))
    assert not report.relevant, report.mentions


@pytest.mark.parametrize(
    "title",
    ["Zelensky says Russia stalling prisoner swaps", "Kyiv accuses Moscow of blocking prisoner exchanges"],
)
def test_a_headlines_complaint_without_is_raises_nothing(title: str) -> None:
    text = "The Ukrainian president said Moscow had its reasons and that Kyiv would keep pressing for more swaps."
    assert not detect(Document(title, text, "en", NEW_YEAR)).relevant
