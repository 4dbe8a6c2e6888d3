"""Vocabulary of mediators and sides: the mediator's noun in Polish, Greek and Georgian ("Mediatorem …
były", «Τη διαμεσολάβηση ανέλαβαν», "შუამავლის როლი"), and Hungarian "mindkét fél" (both sides) released the
same count each, as "both sides" does."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

SUNDAY = datetime(2023, 1, 8, 15, 0, tzinfo=UTC)


def _facts(text: str, language: str) -> dict[str, object]:
    return primary_facts(Document("", text, language, SUNDAY))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pl", "Do domu wróciło 120 ukraińskich żołnierzy. Mediatorem w wymianie były Zjednoczone Emiraty Arabskie."),
        ("el", "Ρωσία και Ουκρανία αντάλλαξαν 120 αιχμαλώτους. Τη διαμεσολάβηση ανέλαβαν τα Ηνωμένα Αραβικά Εμιράτα."),
        (
            "ka",
            "რუსეთმა და უკრაინამ 120 სამხედრო ტყვე გაცვალეს. "
            "შუამავლის როლი არაბთა გაერთიანებულმა საამიროებმა შეასრულა.",
        ),
    ],
)
def test_the_mediator_noun(language: str, text: str) -> None:
    assert _facts(text, language)["mediators"] == ("UAE",)


def test_hu_both_sides_released_the_same_count() -> None:
    facts = _facts(
        "Oroszország és Ukrajna csütörtökön újabb fogolycserét hajtott végre, amelynek keretében mindkét fél "
        "64 embert engedett szabadon.",
        "hu",
    )
    assert facts["returned_to_ukraine"] == 64
    assert facts["returned_to_russia"] == 64
