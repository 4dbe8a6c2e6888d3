"""Inflected number words (invented texts): a count written in words in a case other than the nominative
("Siedemdziesięciu pięciu ukraińskich żołnierzy", «тела шестисот сорока погибших», "těla sedmdesáti pěti
padlých") is read whole, from the forms scripts/build_number_forms.py takes from pymorphy3 and simplemma."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import pytest

from scripts.build_number_forms import fingerprint, tables
from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _counts(title: str, text: str, language: str) -> dict[str, Any]:
    facts = primary_facts(Document(title, text, language, FRIDAY))
    return {k: v for k, v in facts.items() if k.startswith(("returned_", "bodies_"))}


@pytest.mark.parametrize(
    ("language", "title", "text", "expected"),
    [
        (
            "pl",
            "Wymiana jeńców wojennych",
            "Siedemdziesięciu pięciu ukraińskich żołnierzy wróciło w piątek z rosyjskiej niewoli.",
            {"returned_to_ukraine": 75},
        ),
        (
            "pl",
            "Wymiana jeńców wojennych",
            "W piątek Ukraina odzyskała z rosyjskiej niewoli stu dwudziestu trzech żołnierzy.",
            {"returned_to_ukraine": 123},
        ),
        (
            "uk",
            "Обмін полоненими",
            "У пʼятницю з російського полону повернули сімдесятьох пʼятьох українських військових.",
            {"returned_to_ukraine": 75},
        ),
        (
            "ru",
            "Обмен пленными",
            "В пятницу Россия передала Украине тела шестисот сорока погибших военных.",
            {"bodies_to_ukraine": 640},
        ),
        (
            "cs",
            "Výměna zajatců",
            "Ukrajina v pátek získala zpět těla sedmdesáti pěti padlých vojáků.",
            {"bodies_to_ukraine": 75},
        ),
        (
            "cs",
            "Výměna zajatců",
            "V pátek se z ruského zajetí vrátilo sedmdesát pět ukrajinských vojáků.",
            {"returned_to_ukraine": 75},
        ),
        (
            "cs",
            "Výměna zajatců",
            "Ukrajina v pátek získala zpět těla devíti set padlých vojáků z Ruska.",
            {"bodies_to_ukraine": 900},
        ),
        (
            "sk",
            "Výmena zajatcov",
            "V piatok sa z ruského zajatia vrátilo sedemdesiat päť ukrajinských vojakov.",
            {"returned_to_ukraine": 75},
        ),
        (
            "el",
            "Ανταλλαγή αιχμαλώτων μεταξύ Ουκρανίας και Ρωσίας",
            "Την Παρασκευή επέστρεψαν από τη ρωσική αιχμαλωσία σαράντα επτά Ουκρανοί στρατιώτες.",
            {"returned_to_ukraine": 47},
        ),
        (
            "el",
            "Ανταλλαγή αιχμαλώτων μεταξύ Ουκρανίας και Ρωσίας",
            "Η Ουκρανία παρέλαβε την Παρασκευή τις σορούς τριών στρατιωτών από τη Ρωσία.",
            {"bodies_to_ukraine": 3},
        ),
        (
            "fi",
            "Vankienvaihto Ukrainan ja Venäjän välillä",
            "Ukraina sai takaisin perjantaina viisikymmentä seitsemän sotilasta Venäjän vankeudesta.",
            {"returned_to_ukraine": 57},
        ),
        (
            "lt",
            "Keitimasis belaisviais",
            "Penktadienį iš Rusijos nelaisvės grįžo septyniasdešimt penki Ukrainos kariai.",
            {"returned_to_ukraine": 75},
        ),
    ],
)
def test_an_inflected_number_word_is_read_whole(language: str, title: str, text: str, expected: dict[str, int]) -> None:
    assert _counts(title, text, language) == expected


def test_the_forms_were_built_for_the_current_tables() -> None:
    """A number word added to a table without re-running scripts/build_number_forms.py fails here."""
    forms = json.loads(resources.files("service.core.topics").joinpath("exchanges.numbers.json").read_text("utf-8"))
    assert forms["fingerprint"] == fingerprint(tables())
