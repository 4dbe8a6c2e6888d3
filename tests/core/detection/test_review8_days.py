"""Review 8 items 1 and 3: whose day a date is.

1. A weekday after "under the agreements" is the act's own day told last ("Russia handed over 1,000 bodies
   under the agreements on Friday"), not the agreement's; only a calendar date there dates the agreement
   (tests/core/detection/test_facts_other_events.py keeps "under the agreements reached in Istanbul on June 2").
3. When a sentence gives both the day of a speech and the day of the talks ("said on Tuesday that at the talks
   in Geneva on Saturday the sides agreed"), the agreement is the talks' day, resolved as of the speech day."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2025, 6, 14, 12, 0, tzinfo=UTC)

ACT_DAY_LAST = {
    "en": "Russia handed over 1,000 bodies of Ukrainian soldiers under the agreements on Friday.",
    "uk": "Росія передала 1000 тіл українських військових відповідно до домовленостей у п'ятницю.",
    "ru": "Россия передала 1000 тел украинских военных в соответствии с договоренностями в пятницу.",
    "de": "Russland übergab im Rahmen der Vereinbarungen am Freitag 1000 Leichen ukrainischer Soldaten.",
}


@pytest.mark.parametrize("language", sorted(ACT_DAY_LAST))
def test_a_weekday_after_the_link_dates_the_act(language: str) -> None:
    report = detect(Document("", ACT_DAY_LAST[language], language, SATURDAY))
    assert report.primary is not None, report.reasons
    assert report.primary.kind == "body_repatriation"
    assert report.primary.event_date == date(2025, 6, 13)
    assert not report.primary.date_inferred


SPEECH_AND_TALKS_DAYS = {
    "en": "Zelensky said on Tuesday that at the talks in Geneva on Saturday the sides agreed to exchange 500 "
    "prisoners each.",
    "uk": "Зеленський заявив у вівторок, що на переговорах у Женеві в суботу сторони домовилися обміняти по 500 "
    "полонених.",
    "ru": "Зеленский заявил во вторник, что на переговорах в Женеве в субботу стороны договорились обменять по 500 "
    "пленных.",
    "de": "Selenskyj sagte am Dienstag, bei den Gesprächen in Genf am Samstag hätten die Seiten vereinbart, je 500 "
    "Gefangene auszutauschen.",
}


@pytest.mark.parametrize("language", sorted(SPEECH_AND_TALKS_DAYS))
def test_the_agreement_is_the_talks_day_not_the_speech_day(language: str) -> None:
    report = detect(Document("", SPEECH_AND_TALKS_DAYS[language], language, SATURDAY))
    assert report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"
    assert report.primary.event_date == date(2025, 6, 7)  # the Saturday before Tuesday 06-10


def test_a_speech_day_alone_still_dates_the_agreement() -> None:
    text = "Russia and Ukraine agreed to exchange 500 prisoners each, Zelensky said on Tuesday."
    report = detect(Document("", text, "en", SATURDAY))
    assert report.primary is not None and report.primary.kind == "agreement"
    assert report.primary.event_date == date(2025, 6, 10)
