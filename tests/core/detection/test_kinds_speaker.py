"""One person who speaks of a swap ("he expects a prisoner exchange with Russia soon") is its speaker, not a
story's freed hero; one person freed or hoping to be is still a story."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

MONDAY = datetime(2026, 2, 23, 11, 0, tzinfo=UTC)


def _detect(text: str, title: str = "") -> Report:
    return detect(Document(title, text, "en", MONDAY))


def test_a_speaker_expecting_a_swap_reports_a_planned_one() -> None:
    report = _detect(
        "Ukraine's ombudsman told reporters she expects a prisoner exchange with Russia within days.",
        title="Ombudsman expects new swap soon",
    )
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"


@pytest.mark.parametrize(
    "text",
    [
        "He was freed from Russian captivity in a swap and now teaches in Lviv.",
        "He hopes to be exchanged soon, his mother says.",
    ],
)
def test_one_persons_act_is_still_a_story(text: str) -> None:
    assert not _detect(text).relevant
