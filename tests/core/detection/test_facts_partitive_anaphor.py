"""A sentence opening with "many of them", "Viele von ihnen", «багато з них» takes up the previous sentence's
people, so the group it names ("are wounded") is theirs, whatever its verb."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

SUNDAY = datetime(2023, 6, 11, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "de",
            "Die Ukraine und Russland haben erneut Kriegsgefangene ausgetauscht. Nach Angaben des Präsidialamts "
            "kehrten 88 Soldaten zurück. Viele von ihnen seien verwundet, hieß es.",
        ),
        (
            "fr",
            "L'Ukraine et la Russie ont procédé dimanche à un échange de prisonniers. 88 soldats ukrainiens sont "
            "rentrés. Beaucoup d'entre eux sont blessés.",
        ),
        (
            "pl",
            "Ukraina i Rosja przeprowadziły w niedzielę wymianę jeńców. Do domu wróciło 88 ukraińskich żołnierzy. "
            "Wielu z nich jest rannych.",
        ),
    ],
)
def test_many_of_them_are_the_people_just_told(language: str, text: str) -> None:
    assert "wounded" in primary_facts(Document("", text, language, SUNDAY)).get("categories", ())
