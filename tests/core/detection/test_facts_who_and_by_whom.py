"""Recall of `categories` and `mediators` as grammar, not item fixes: the mediator of an agreement's
talks, mediators coordinated in a list, a group counted with a number word in a sentence that says who
was among the people, Azovstal named through the plant's noun, a severity that covers both coordinated
criteria, and a generic sentence about the ICRC's usual role that names no mediator of this event.
All texts are invented."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

THURSDAY = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)


def _primary(text: str, language: str, title: str = "") -> tuple[str, dict[str, Any]]:
    report = detect(Document(title, text, language, THURSDAY))
    assert report.relevant and report.primary is not None, report.reasons
    return report.primary.kind, report.primary.fact_values()


@pytest.mark.parametrize(
    ("language", "text", "mediator"),
    [
        (
            "en",
            "Kyiv and Moscow have agreed to swap 300 prisoners of war each next month in talks brokered by Qatar, "
            "both delegations said on Thursday.",
            "Qatar",
        ),
        (
            "ru",
            "Россия и Украина договорились обменяться пленными в формате 300 на 300 в следующем месяце. "
            "Посредником на переговорах выступила Саудовская Аравия.",
            "Saudi Arabia",
        ),
        (
            "de",
            "Russland und die Ukraine haben den Austausch von jeweils 300 Kriegsgefangenen vereinbart. "
            "Die Türkei, die die Gespräche vermittelt hatte, begrüßte die Einigung.",
            "Turkey",
        ),
        (
            "uk",
            "Україна та Росія домовилися про обмін полоненими у форматі 300 на 300. "
            "Посередником у переговорах виступила Саудівська Аравія.",
            "Saudi Arabia",
        ),
    ],
)
def test_the_mediator_of_an_agreements_talks(language: str, text: str, mediator: str) -> None:
    kind, facts = _primary(text, language)
    assert kind == "agreement"
    assert mediator in facts.get("mediators", ())
