"""A nationality after "and" and an indefinite article is one more person freed beside Ukrainians ("80 soldiers
and an American"), not another country's swap; a swap between that country and Russia stays its own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

WEDNESDAY = datetime(2023, 5, 10, 12, 0, tzinfo=UTC)


def _detect(text: str, title: str, language: str) -> Report:
    return detect(Document(title, text, language, WEDNESDAY))


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        ("Ukraine frees 80 soldiers and an American in a new swap with Russia", "Kyiv thanked the mediators.", "en"),
        (
            "Ucrania recupera a 80 soldados y a un estadounidense en un canje con Rusia",
            "Kiev agradeció la mediación.",
            "es",
        ),
    ],
)
def test_one_more_person_of_another_nationality_is_freed_in_ukraines_swap(title: str, text: str, language: str) -> None:
    report = _detect(text, title, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")


def test_a_swap_between_that_country_and_russia_stays_its_own() -> None:
    report = _detect("Washington thanked Ankara for its help.", "US and Russia swap prisoners, an American freed", "en")
    assert not report.relevant
