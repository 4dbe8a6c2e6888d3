"""Turkish sides: "kurtardı" (rescued) and "cenazesini aldı" (took the bodies) receive; a breakdown cue that a
participle closes before the count's noun ("aralarında X'in de bulunduğu 55 esir") breaks nothing down; a
mediator that "destek verdi" (gave support)."""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.domain import Document
from tests.support.detection import primary_facts

THURSDAY = datetime(2025, 9, 18, 12, 0, tzinfo=UTC)


def _facts(text: str, language: str = "tr") -> dict[str, object]:
    return primary_facts(Document("", text, language, THURSDAY))


def test_rescued_from_captivity_returns_to_the_subject() -> None:
    facts = _facts(
        "Ukrayna Devlet Başkanlığı Ofisi, ülkesinin 120 kişiyi Rus esaretinden kurtardığını duyurdu. "
        "Rusya da 98 esiri teslim aldı."
    )
    assert facts["returned_to_ukraine"] == 120
    assert facts["returned_to_russia"] == 98


def test_took_the_bodies_in_return() -> None:
    facts = _facts(
        "Ukrayna, Rusya'dan 800 askerin cenazesini teslim aldı. Rusya da karşılığında 31 askerinin cenazesini aldı."
    )
    assert facts["bodies_to_ukraine"] == 800
    assert facts["bodies_to_russia"] == 31


def test_among_whom_before_the_noun_counts_the_whole() -> None:
    facts = _facts(
        "Rusya ile Ukrayna arasında esir takası gerçekleşti. Rusya ise karşılığında eski vali Ivan Petrenko'nun da "
        "aralarında bulunduğu 64 esiri teslim aldı."
    )
    assert facts["returned_to_russia"] == 64


def test_among_them_after_the_total_is_still_a_part() -> None:
    facts = _facts(
        "Rusya ile Ukrayna arasında esir takası gerçekleşti. Ukrayna 120 askerini geri aldı, "
        "bunlar arasında 12 subay bulunuyor."
    )
    assert facts["returned_to_ukraine"] == 120


def test_gave_support_is_mediation() -> None:
    facts = _facts(
        "Ukrayna, Rusya'dan 800 askerin cenazesini teslim aldı. Açıklamada, süreçte Uluslararası Kızılhaç "
        "Komitesinin destek verdiği belirtildi."
    )
    assert facts["mediators"] == ("ICRC",)
