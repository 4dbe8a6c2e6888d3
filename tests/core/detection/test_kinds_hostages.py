"""Hostages that Russia and Ukraine, both named, are to swap are their prisoners (a mediator's word, Turkish
"rehine"); hostages in a story that names only another conflict stay another conflict's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

TUESDAY = datetime(2022, 9, 20, 9, 0, tzinfo=UTC)


def _detect(text: str, title: str, language: str) -> Report:
    return detect(Document(title, text, language, TUESDAY))


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Arabulucu: Rusya ile Ukrayna arasında 150 rehine takas edilecek",
            "Tarih henüz açıklanmadı.",
            "tr",
        ),
        (
            "Mediator says Russia and Ukraine will swap 150 hostages",
            "No date was given for the handover.",
            "en",
        ),
    ],
)
def test_hostages_the_two_sides_are_to_swap_are_an_agreement(title: str, text: str, language: str) -> None:
    report = _detect(text, title, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"


def test_hostages_of_another_conflict_stay_its_own() -> None:
    report = _detect("Israel and Hamas swapped 30 hostages for 90 prisoners.", "Gaza swap frees hostages", "en")
    assert not report.relevant
