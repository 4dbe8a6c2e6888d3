"""What is negotiated, expected or done many times over is no exchange carried out (invented texts): a swap
that is the topic of talks, a "future" exchange, releases "in prisoner swaps" with no occasion."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2025, 6, 14, 12, 0, tzinfo=UTC)


def _kind(title: str, text: str, language: str) -> str | None:
    report = detect(Document(title, text, language, SATURDAY))
    return report.primary.kind if report.primary else None


@pytest.mark.parametrize(
    ("language", "title", "kind"),
    [
        ("en", "Ukraine and Russia hold talks on a major POW swap", "agreement"),
        ("ru", "Россия и Украина ведут переговоры об обмене пленными", "agreement"),
        ("ru", "Зеленский заявил о позитивных сигналах по будущему обмену пленными", "agreement"),
        ("uk", "Зеленський заявив про позитивні сигнали щодо майбутнього обміну полоненими", "agreement"),
        ("en", "Ukraine and Russia swapped 84 POWs after talks in Istanbul", "pow_exchange"),
        ("en", "After the talks on Friday, Russia and Ukraine swapped 84 prisoners each", "pow_exchange"),
    ],
)
def test_talks_and_the_future_are_no_swap_done(language: str, title: str, kind: str) -> None:
    assert _kind(title, "", language) == kind


def test_releases_in_prisoner_swaps_with_no_occasion_are_no_report() -> None:
    text = (
        "Drei Jahre nach dem Tod Dutzender Kriegsgefangener im Lager fordern Angehörige eine Untersuchung.\n"
        "Viele der Überlebenden sind inzwischen bei Gefangenenaustauschen freigekommen, andere sind weiter in "
        "russischer Haft."
    )
    assert _kind("Drei Jahre danach: Angehörige fordern Aufklärung", text, "de") is None


@pytest.mark.parametrize(
    ("language", "title", "kind"),
    [
        ("en", "Russia's ombudswoman contacted Kyiv about a prisoner swap, Lubinets says", "agreement"),
        ("uk", "Москалькова вийшла на зв'язок щодо обміну полоненими, — Лубінець", "agreement"),
        ("de", "Lubinez: Russland will über einen Gefangenenaustausch reden", None),
        ("ru", "Захарова обвинила Киев в саботаже обменов военнопленными", None),
        ("en", "Russia and West complete biggest prisoner swap since Cold War", None),
    ],
)
def test_contacts_complaints_and_other_swaps_are_no_swap_done(language: str, title: str, kind: str | None) -> None:
    assert _kind(title, "", language) == kind


def test_earlier_this_week_is_another_day_than_the_news() -> None:
    text = (
        "Russia has released 12 Ukrainian prisoners of war, Kyiv said on Friday.\n"
        "Earlier this week, on Tuesday, the two countries swapped 90 prisoners of war each."
    )
    report = detect(Document("Russia frees 12 Ukrainian POWs", text, "en", datetime(2025, 6, 13, 12, 0, tzinfo=UTC)))
    assert report.primary is not None
    assert report.primary.fact_values().get("returned_to_ukraine") == 12
