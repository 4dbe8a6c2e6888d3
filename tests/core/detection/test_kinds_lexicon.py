"""Lexicon classes: freed prisoners who tell their story in the plural (Polish "opowiadają", Ukrainian
«розповідають») report no exchange; the Swedish perfect "har tagit emot" (has received) tells a handover."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

FRIDAY = datetime(2025, 6, 13, 16, 0, tzinfo=UTC)


def _detect(text: str, title: str, language: str) -> Report:
    return detect(Document(title, text, language, FRIDAY))


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Uwolnieni jeńcy opowiadają o głodzie w rosyjskich koloniach",
            "Byli jeńcy z Ukrainy opisują warunki w rosyjskich koloniach karnych.",
            "pl",
        ),
        (
            "Звільнені з полону захисники розповідають про голод у російських колоніях",
            "Колишні полонені з України описують умови в російських колоніях.",
            "uk",
        ),
    ],
)
def test_freed_prisoners_telling_their_story_report_no_exchange(title: str, text: str, language: str) -> None:
    report = _detect(text, title, language)
    assert all(m.status != "completed" for m in report.mentions), report.mentions


def test_a_swedish_perfect_of_receiving_bodies_is_a_handover() -> None:
    report = _detect(
        "Ukraina har på fredagen tagit emot 800 kroppar av stupade soldater från Ryssland.",
        "Ukraina har fått tillbaka 800 stupade",
        "sv",
    )
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("body_repatriation", "completed")
