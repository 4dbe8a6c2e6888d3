"""Papers handed to a recipient are paperwork too: «передала посольству Венгрии свои соображения», "handed the
Ukrainian side its proposals" — a recipient and a possessive may stand between the verb and the papers; other
words than these, more than two, leave the act an act ("swapped on Monday, according to lists, 90 prisoners").
People named before the papers changed hands themselves ("handed over 50 prisoners and the lists"). Invented
texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

MONDAY = datetime(2031, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Российская сторона передала посольству Венгрии свои соображения по обмену пленными с Украиной."),
        ("uk", "Українська сторона передала посольству Угорщини свої пропозиції щодо обміну полоненими з Росією."),
        ("en", "Moscow handed the Ukrainian side its proposals for a prisoner exchange."),
    ],
)
def test_papers_handed_to_a_recipient_report_no_exchange(language: str, text: str) -> None:
    report = detect(Document("", text, language, MONDAY))
    assert not report.relevant, [(m.kind, m.status) for m in report.mentions]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Россия передала Украине 50 пленных и списки."),
        ("uk", "Росія передала Україні 50 полонених і списки."),
    ],
)
def test_people_handed_over_beside_papers_still_are(language: str, text: str) -> None:
    [mention] = detect(Document("", text, language, MONDAY)).mentions
    assert (mention.kind, mention.status) == ("pow_exchange", "completed")
    assert mention.fact_values()["returned_to_ukraine"] == 50


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Russia and Ukraine swapped on Monday, according to lists from Kyiv, 90 prisoners each."),
        ("ru", "Россия передала в понедельник по спискам 90 военнопленных Украине."),
    ],
)
def test_an_act_three_words_before_papers_with_no_recipient_stays_an_act(language: str, text: str) -> None:
    [mention] = detect(Document("", text, language, MONDAY)).mentions
    assert (mention.kind, mention.status) == ("pow_exchange", "completed")
