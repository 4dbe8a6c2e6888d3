"""A day of both (invented texts): the living and the dead counted in one sentence keep their own counts —
a count's body noun is in its own noun phrase, and a count of prisoners that opens a conjunct of its own
after the bodies counts the living."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _facts(title: str, text: str, language: str) -> dict[str, Any]:
    return primary_facts(Document(title, text, language, FRIDAY))


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Ukraine brings home 71 POWs, bodies of 245 fallen", "The exchange took place on Friday."),
        (
            "en",
            "Russia hands over the bodies of 245 fallen and 71 prisoners to Ukraine",
            "The exchange took place on Friday.",
        ),
        ("uk", "В Україну повернули тіла 245 загиблих та 71 полоненого", "Обмін відбувся в пʼятницю."),
        ("ru", "Россия передала Украине тела 245 погибших и 71 военнопленного", "Обмен состоялся в пятницу."),
        ("es", "Ucrania recibe los cuerpos de 245 caídos y 71 prisioneros", "El canje se realizó el viernes."),
        ("it", "L'Ucraina riceve i corpi di 245 caduti e 71 prigionieri", "Lo scambio è avvenuto venerdì."),
    ],
)
def test_the_living_and_the_dead_keep_their_counts(language: str, title: str, text: str) -> None:
    facts = _facts(title, text, language)
    assert facts.get("returned_to_ukraine") == 71
    assert facts.get("bodies_to_ukraine") == 245


def test_a_count_of_other_dead_after_the_bodies_stays_bodies() -> None:
    facts = _facts(
        "Ukraine receives the bodies of 245 fallen soldiers and 31 civilians",
        "Russia handed them over on Friday in a repatriation.",
        "en",
    )
    assert "returned_to_ukraine" not in facts
    assert facts.get("bodies_to_ukraine") in (245, 276)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "Україні передали тіла 245 загиблих військових, а Росії — тіла 31 військового."),
        ("ru", "Украине передали тела 245 погибших военных, а России — тела 31 военного."),
    ],
)
def test_a_gapped_clause_gives_its_count_to_the_party_before_the_dash(language: str, text: str) -> None:
    facts = _facts("", text + " Обмін відбувся в пʼятницю." if language == "uk" else text, language)
    assert facts.get("bodies_to_ukraine") == 245
    assert facts.get("bodies_to_russia") == 31


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Ukraine brings home 71 POWs plus 245 bodies of the fallen", "The exchange took place on Friday."),
        (
            "de",
            "Die Ukraine holt 71 Kriegsgefangene sowie die Leichen von 245 Gefallenen zurück",
            "Der Austausch fand am Freitag statt.",
        ),
        ("fr", "L'Ukraine récupère 71 prisonniers ainsi que les corps de 245 soldats", "L'échange a eu lieu vendredi."),
        (
            "es",
            "Ucrania recupera a 71 prisioneros así como los cuerpos de 245 soldados",
            "El canje se realizó el viernes.",
        ),
        ("it", "L'Ucraina recupera 71 prigionieri nonché i corpi di 245 soldati", "Lo scambio è avvenuto venerdì."),
    ],
)
def test_an_additive_connective_keeps_the_living_apart(language: str, title: str, text: str) -> None:
    facts = _facts(title, text, language)
    assert (facts.get("returned_to_ukraine"), facts.get("bodies_to_ukraine")) == (71, 245)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("uk", "Україна повернула тіла 245 полеглих, а також 71 полоненого", "Обмін відбувся у пʼятницю."),
        ("ru", "Украина получила тела 245 погибших, а также 71 военнопленного", "Обмен состоялся в пятницу."),
        (
            "fr",
            "L'Ukraine a récupéré les corps de 245 soldats ainsi que 71 prisonniers",
            "L'échange a eu lieu vendredi.",
        ),
    ],
)
def test_prisoners_a_word_or_two_after_the_connective_are_the_living(language: str, title: str, text: str) -> None:
    facts = _facts(title, text, language)
    assert (facts.get("returned_to_ukraine"), facts.get("bodies_to_ukraine")) == (71, 245)
