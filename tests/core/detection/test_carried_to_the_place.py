"""Bodies carried to where a handover would happen ("brought to the exchange area", «доставили к месту
обмена», "an die Grenze gebracht") are not handed over: such a sentence reports no repatriation and its count
is nobody's. A handover at the place, or a return home, still is one. All texts are invented."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

MONDAY = datetime(2031, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The Russian negotiator said 950 bodies had been brought in refrigerated trucks to the exchange area, "
            "but the Ukrainian side had not come.",
        ),
        ("ru", "Российская сторона доставила 950 тел погибших к месту обмена, однако украинская сторона не приехала."),
        ("uk", "Росія доставила 950 тіл загиблих до місця обміну, проте українська сторона не з'явилася."),
        (
            "de",
            "Laut Moskau wurden 950 Leichen ukrainischer Soldaten zum Austauschort gebracht; die Übergabe fand "
            "nicht statt.",
        ),
    ],
)
def test_bodies_carried_to_the_place_are_not_handed_over(language: str, text: str) -> None:
    report = detect(Document("", text, language, MONDAY))
    done = [m for m in report.mentions if m.status == "completed"]
    assert not done, [(m.kind, m.fact_values()) for m in done]
    assert all(950 not in m.fact_values().values() for m in report.mentions)


@pytest.mark.parametrize(
    ("language", "text", "key"),
    [
        (
            "en",
            "Russia handed over 950 bodies of fallen Ukrainian soldiers at the border on Monday.",
            "bodies_to_ukraine",
        ),
        ("ru", "В понедельник в Украину доставили тела 950 погибших военных.", "bodies_to_ukraine"),
        ("en", "Ukraine brought home the bodies of 950 fallen soldiers on Monday.", "bodies_to_ukraine"),
    ],
)
def test_a_handover_at_the_place_or_a_return_home_still_is_one(language: str, text: str, key: str) -> None:
    [mention] = detect(Document("", text, language, MONDAY)).mentions
    assert (mention.kind, mention.status) == ("body_repatriation", "completed")
    assert mention.fact_values()[key] == 950


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "On Monday 950 bodies of fallen soldiers were taken to the border and handed over to Ukraine by Russia.",
        ),
        ("ru", "В понедельник 950 тел погибших военных доставили к границе и передали Украине."),
        ("uk", "У понеділок 950 тіл загиблих військових доставили до кордону і передали Україні."),
    ],
)
def test_bodies_carried_to_the_border_and_handed_over_keep_their_count(language: str, text: str) -> None:
    [mention] = detect(Document("", text, language, MONDAY)).mentions
    assert (mention.kind, mention.status) == ("body_repatriation", "completed")
    assert mention.fact_values()["bodies_to_ukraine"] == 950
