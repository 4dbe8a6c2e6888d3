"""An anniversary's statistics tell no new act (invented texts): a length of time is no count ("Three years",
«Три роки», "Drei Jahre", "Trzy lata" count no one), so a headline that asks after it ("Three years of war: how
many Ukrainians have come home?", «…: скільки…», "…: Wie viele…", "…: ilu…") is a question like one that opens
with it, and its running total ("since February 2022, more than 4,000") background. A count beside a length of
time still tells the act."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

MONDAY = datetime(2025, 2, 24, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Three years of full-scale war: how many Ukrainians have come home from captivity",
            "Since February 2022, Ukraine has brought home more than 4,000 people from Russian captivity, the "
            "Coordination Headquarters says.",
        ),
        (
            "uk",
            "Три роки повномасштабної війни: скільки українців повернулися з полону",
            "З лютого 2022 року Україна повернула з російського полону понад 4000 людей, повідомляє "
            "Координаційний штаб.",
        ),
        (
            "ru",
            "Три года войны: сколько украинцев вернулись из плена",
            "С февраля 2022 года Украина вернула из российского плена более 4000 человек, сообщает "
            "Координационный штаб.",
        ),
        (
            "de",
            "Drei Jahre Krieg: Wie viele Ukrainer aus der Gefangenschaft zurückgekehrt sind",
            "Seit Februar 2022 hat die Ukraine mehr als 4000 Menschen aus russischer Gefangenschaft zurückgeholt, "
            "teilt der Koordinierungsstab mit.",
        ),
        (
            "pl",
            "Trzy lata wojny: ilu Ukraińców wróciło z niewoli",
            "Od lutego 2022 roku Ukraina sprowadziła z rosyjskiej niewoli ponad 4000 osób, podaje sztab koordynacyjny.",
        ),
    ],
)
def test_an_anniversary_question_with_a_running_total_is_no_report(language: str, title: str, text: str) -> None:
    report = detect(Document(title, text, language, MONDAY))
    assert not report.relevant, report.mentions


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Ukraine brings home 90 prisoners of war three years after their capture"),
        ("uk", "Україна повернула з полону 90 військових, які провели там три роки"),
        ("ru", "Три года в плену: Украина вернула 90 военных"),
    ],
)
def test_a_count_beside_a_length_of_time_still_tells_the_act(language: str, title: str) -> None:
    report = detect(Document(title, "", language, MONDAY))
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "pow_exchange" and report.primary.status == "completed"
