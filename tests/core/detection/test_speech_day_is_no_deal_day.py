"""An agreement the text does not date itself is dated by the talks it names — not by the day someone spoke
about them: "Zelensky said on Tuesday that the talks in Geneva had brought positive signals" states when he
said it, so the deal keeps the report's own day (inferred, free to reach back to the talks) instead of a stated
Tuesday that kept a later report of the same deal apart. A day the talks themselves are given still dates it.
Invented texts."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

WEDNESDAY = datetime(2031, 2, 26, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Zelensky expects a prisoner exchange with Russia soon",
            "Zelensky said on Tuesday that the talks in Geneva had brought positive signals.",
        ),
        (
            "ru",
            "Зеленский ожидает скорого обмена пленными с Россией",
            "Зеленский заявил во вторник, что переговоры в Женеве дали позитивные сигналы.",
        ),
        (
            "uk",
            "Зеленський очікує найближчим часом обміну полоненими з Росією",
            "Зеленський заявив у вівторок, що переговори в Женеві дали позитивні сигнали.",
        ),
        (
            "de",
            "Selenskyj erwartet baldigen Gefangenenaustausch mit Russland",
            "Selenskyj sagte am Dienstag, die Gespräche in Genf hätten positive Signale gebracht.",
        ),
    ],
)
def test_the_day_of_the_words_does_not_date_the_deal(language: str, title: str, text: str) -> None:
    primary = detect(Document(title, text, language, WEDNESDAY)).mentions[0]
    assert primary.kind == "agreement"
    assert (primary.event_date, primary.date_inferred) == (date(2031, 2, 26), True)


def test_the_talks_own_day_still_dates_it() -> None:
    title = "Zelensky expects a prisoner exchange with Russia soon"
    text = "The talks in Geneva on Tuesday brought positive signals, Zelensky said."
    primary = detect(Document(title, text, "en", WEDNESDAY)).mentions[0]
    assert (primary.event_date, primary.date_inferred) == (date(2031, 2, 25), False)
