"""A day told in a relative clause about people is theirs, not the act's (invented texts): "Ukraine received
400 bodies, among them those of 30 prisoners of war who died in January" reports today's handover, not one in
January."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary

MARCH = datetime(2031, 3, 14, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "es",
            "Rusia y Ucrania intercambian cuerpos de militares muertos",
            "Rusia y Ucrania llevaron a cabo un intercambio de cuerpos de sus militares muertos.\n"
            "Ucrania recibió 400 cadáveres, entre ellos los de 30 prisioneros de guerra ucranianos, que murieron "
            "en enero cuando su avión fue derribado.\nRusia recibió 25 cuerpos de sus militares caídos.",
        ),
        (
            "en",
            "Russia and Ukraine swap bodies of fallen soldiers",
            "Russia and Ukraine carried out an exchange of the bodies of fallen soldiers.\n"
            "Ukraine received 400 bodies, among them those of 30 Ukrainian prisoners of war who died in January "
            "when their plane was shot down.\nRussia received 25 bodies of its fallen soldiers.",
        ),
    ],
)
def test_a_day_in_a_relative_clause_about_people_does_not_date_the_handover(
    language: str, title: str, text: str
) -> None:
    mention = primary(Document(title, text, language, MARCH))
    facts = mention.fact_values()
    assert facts.get("bodies_to_ukraine") == 400
    assert facts.get("bodies_to_russia") == 25
