"""Number words are read only in their own language (invented sentences): German "um eine" is no
Portuguese "um" (one) plus "eine", so a German aside gives no count of two."""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.detection.detect import detect
from service.core.detection.numbers import find_numbers
from service.core.domain import Document
from service.core.topics import load_topic, normalize, tokenize


def _values(text: str, language: str | None) -> list[int]:
    return [n.value for n in find_numbers(tokenize(normalize(text)), load_topic(), language)]


def test_german_um_eine_is_no_number() -> None:
    assert _values("Kiew bemüht sich seit Monaten um eine Rückgabe von Gefallenen.", "de") == []


def test_portuguese_reads_its_own_words() -> None:
    assert _values("Foram libertados duzentos e dois mil soldados e dois civis.", "pt")[-1] == 2


def test_german_reads_its_own_words() -> None:
    assert _values("Es kamen zwölf Gefangene zurück.", "de") == [12]


def test_unknown_language_reads_every_languages_words() -> None:
    assert _values("zwölf", None) == [12]


def test_a_german_aside_lends_the_bodies_no_count() -> None:
    report = detect(
        Document(
            "",
            "Russland hat der Ukraine die Leichen von 212 Soldaten übergeben. "
            "Kiew verhandelt immer wieder mit Moskau um eine Rückführung von Gefallenen.",
            "de",
            datetime(2025, 3, 14, 12, tzinfo=UTC),
        )
    )
    assert report.relevant and report.primary is not None
    assert report.primary.fact_values().get("bodies_to_ukraine") == 212
