"""A side ready to hand over a counted group announces a handover (the corpus's agreement); an offer on a
condition, or readiness with no count, announces none. German "zu übergeben" is still to be done."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

THURSDAY = datetime(2025, 6, 19, 15, 0, tzinfo=UTC)


def _detect(text: str, title: str = "", language: str = "en") -> Report:
    return detect(Document(title, text, language, THURSDAY))


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Moscow says it is ready to hand over 2,500 more bodies of Ukrainian soldiers",
            "The Kremlin gave no date. Kyiv did not comment.",
            "en",
        ),
        (
            "Кремль: Росія готова передати Україні ще 2 тисячі тіл загиблих",
            "Дату передачі не названо.",
            "uk",
        ),
        (
            "",
            "Der Kreml hat die Bereitschaft Moskaus erklärt, der Ukraine die Leichen von 900 weiteren Soldaten zu "
            "übergeben. Einen Termin nannte er nicht.",
            "de",
        ),
    ],
)
def test_a_counted_handover_a_side_is_ready_for_is_announced(title: str, text: str, language: str) -> None:
    report = _detect(text, title=title, language=language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"
    assert all(m.status != "completed" for m in report.mentions)


@pytest.mark.parametrize(
    "text",
    [
        "Russia is ready to hand over 900 more bodies if Ukraine takes back its wounded first.",
        "Moscow said it was ready to hand over the bodies of Ukrainian soldiers.",
    ],
)
def test_an_offer_on_a_condition_or_without_a_count_announces_nothing(text: str) -> None:
    assert not _detect(text).relevant


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Moscow is ready to hand over 4,000 bodies of Ukrainian soldiers, the Kremlin aide said, but Kyiv "
            "refused to accept them.",
            "en",
        ),
        ("Moscú está dispuesta a entregar 4.000 cuerpos de soldados ucranianos, pero Kiev lo rechazó.", "es"),
    ],
)
def test_a_counted_handover_the_other_side_refuses_is_no_agreement(text: str, language: str) -> None:
    report = _detect(text, language=language)
    assert all(m.status != "agreed" for m in report.mentions), report.mentions


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Le Kremlin a dit que Moscou était prête à remettre 1 500 corps de soldats ukrainiens.", "fr"),
        ("El Kremlin dijo que Moscú está dispuesto a entregar 1.500 cuerpos de soldados ucranianos.", "es"),
        ("Il Cremlino ha detto che Mosca è pronta a consegnare 1.500 corpi di soldati ucraini.", "it"),
        ("A Kreml szerint Moszkva kész átadni 1500 ukrán katona holttestét.", "hu"),
        ("Kremlin, Moskova'nın 1500 Ukraynalı askerin cesedini teslim etmeye hazır olduğunu söyledi.", "tr"),
    ],
)
def test_readiness_to_hand_over_a_counted_group_is_announced_in_each_language(text: str, language: str) -> None:
    report = _detect(text, language=language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"
