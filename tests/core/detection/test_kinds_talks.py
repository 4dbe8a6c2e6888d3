"""Talks about an exchange between the sides are an agreement in the making: the talks' own tense or mood
("has begun talks", "wants to discuss") says nothing of the act; a meeting whose only parties are the
people to be returned is no such talk."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

MONDAY = datetime(2024, 9, 2, 9, 0, tzinfo=UTC)


def _detect(text: str, title: str = "", language: str = "en", official: bool = False) -> Report:
    return detect(Document(title, text, language, MONDAY, official=official))


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Kyiv starts negotiations with Moscow on a new swap",
            "Ukraine has begun talks with Russia about exchanging soldiers captured in the Bryansk region, "
            "its intelligence service said.",
            "en",
        ),
        (
            "",
            "Russia's ombudswoman reached out to discuss a possible prisoner swap, her Ukrainian counterpart said.",
            "en",
        ),
        ("Moskau will mit Kiew über einen Gefangenenaustausch reden", "Termine wurden nicht genannt.", "de"),
        ("", "В Анкаре Москалькова и Лубинец обсудили обмен военнопленными и передали друг другу списки.", "ru"),
        ("Rusya ile Ukrayna esir takası için temasa geçti", "Tarih henüz belli değil.", "tr"),
        ("Kijów chce rozmawiać z Moskwą o wymianie jeńców", "Terminu nie podano.", "pl"),
    ],
)
def test_talks_between_the_sides_about_a_swap_are_an_agreement(title: str, text: str, language: str) -> None:
    report = _detect(text, title=title, language=language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"
    assert all(m.status != "completed" for m in report.mentions)


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Ombudsman meets relatives of captured marines",
            "The meeting was devoted to the return of Ukrainians from Russian captivity.",
            "en",
        ),
        (
            "Le médiateur rencontre des proches de soldats captifs",
            "La réunion a porté sur le retour des soldats ukrainiens détenus en Russie.",
            "fr",
        ),
    ],
)
def test_a_meeting_about_the_return_of_prisoners_names_no_side_that_talks(title: str, text: str, language: str) -> None:
    report = _detect(text, title=title, language=language, official=True)
    assert not report.relevant, report.mentions
