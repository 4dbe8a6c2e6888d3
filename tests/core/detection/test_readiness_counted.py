"""A side ready to hand over a counted group announces a handover (an agreement) — also when the count is
written in words ("about three thousand more bodies", «около трех тысяч тел», «близько трьох тисяч») and in
the languages whose offer words include readiness (Polish "gotowa", Romanian "dispusă", Portuguese
"disposta"); an offer with a condition stays no agreement. Invented texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

THURSDAY = datetime(2031, 6, 19, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Russia is ready to hand over about three thousand more bodies to Ukraine", "The Kremlin said so."),
        ("ru", "Путин: Россия готова передать Украине еще около трех тысяч тел", "Об этом сказал президент."),
        ("uk", "Росія готова передати Україні ще близько трьох тисяч тіл", "Про це заявили в Кремлі."),
        ("pl", "Rosja jest gotowa przekazać Ukrainie jeszcze około trzech tysięcy ciał", "Poinformował o tym Kreml."),
        ("ro", "Rusia este dispusă să predea Ucrainei încă 3000 de trupuri", "Anunțul a venit de la Kremlin."),
        ("pt", "A Rússia está disposta a entregar à Ucrânia mais 3000 corpos", "O anúncio foi feito pelo Kremlin."),
    ],
)
def test_readiness_to_hand_over_a_count_is_an_agreement(language: str, title: str, text: str) -> None:
    report = detect(Document(title, text, language, THURSDAY))
    assert report.relevant, report.reasons
    primary = report.mentions[0]
    assert (primary.kind, primary.status) == ("agreement", "agreed")
    assert primary.fact_values().get("agreed_bodies") == 3000


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("ru", "Россия готова передать Украине три тысячи тел, если Киев согласится их принять"),
        ("pl", "Rosja jest gotowa przekazać Ukrainie trzy tysiące ciał, jeśli Kijów się zgodzi"),
        ("en", "Russia is ready to hand over three thousand bodies if Kyiv agrees to take them"),
    ],
)
def test_an_offer_with_a_condition_is_none(language: str, title: str) -> None:
    assert not detect(Document(title, "", language, THURSDAY)).relevant
