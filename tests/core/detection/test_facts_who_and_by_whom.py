"""Recall of `categories` and `mediators` as grammar, not item fixes: the mediator of an agreement's
talks, mediators coordinated in a list, a group counted with a number word in a sentence that says who
was among the people, Azovstal named through the plant's noun, a severity that covers both coordinated
criteria, and a generic sentence about the ICRC's usual role that names no mediator of this event.
All texts are invented."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

THURSDAY = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)


def _primary(text: str, language: str, title: str = "") -> tuple[str, dict[str, Any]]:
    report = detect(Document(title, text, language, THURSDAY))
    assert report.relevant and report.primary is not None, report.reasons
    return report.primary.kind, report.primary.fact_values()


@pytest.mark.parametrize(
    ("language", "text", "mediator"),
    [
        (
            "en",
            "Kyiv and Moscow have agreed to swap 300 prisoners of war each next month in talks brokered by Qatar, "
            "both delegations said on Thursday.",
            "Qatar",
        ),
        (
            "ru",
            "Россия и Украина договорились обменяться пленными в формате 300 на 300 в следующем месяце. "
            "Посредником на переговорах выступила Саудовская Аравия.",
            "Saudi Arabia",
        ),
        (
            "de",
            "Russland und die Ukraine haben den Austausch von jeweils 300 Kriegsgefangenen vereinbart. "
            "Die Türkei, die die Gespräche vermittelt hatte, begrüßte die Einigung.",
            "Turkey",
        ),
        (
            "uk",
            "Україна та Росія домовилися про обмін полоненими у форматі 300 на 300. "
            "Посередником у переговорах виступила Саудівська Аравія.",
            "Saudi Arabia",
        ),
    ],
)
def test_the_mediator_of_an_agreements_talks(language: str, text: str, mediator: str) -> None:
    kind, facts = _primary(text, language)
    assert kind == "agreement"
    assert mediator in facts.get("mediators", ())


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Ukraine and Russia swapped prisoners on Thursday. "
            "Among the 150 Ukrainians who came home were defenders of the Azovstal steel plant.",
        ),
        (
            "pl",
            "Ukraina i Rosja wymieniły w czwartek jeńców. Do domu wróciło 150 żołnierzy, w tym obrońcy huty Azowstal.",
        ),
        (
            "ro",
            "Rusia a eliberat joi 150 de militari ucraineni într-un schimb de prizonieri, "
            "printre care apărători ai uzinei Azovstal.",
        ),
        (
            "de",
            "Russland und die Ukraine haben am Donnerstag Gefangene ausgetauscht. "
            "Unter den 150 Heimkehrern sind Verteidiger des Stahlwerks Asowstal.",
        ),
        (
            "uk",
            "Україна та Росія провели у четвер обмін полоненими. "
            "Додому повернулися 150 військових, серед них оборонці заводу «Азовсталь».",
        ),
        (
            "ru",
            "Россия и Украина провели в четверг обмен пленными. "
            "Домой вернулись 150 украинских военных, среди них защитники комбината «Азовсталь».",
        ),
        (
            "fr",
            "L'Ukraine et la Russie ont échangé jeudi des prisonniers. "
            "Parmi les 150 soldats libérés figurent des défenseurs de l'aciérie Azovstal.",
        ),
        (
            "es",
            "Ucrania y Rusia intercambiaron prisioneros el jueves. "
            "Entre los 150 liberados hay defensores de la acería de Azovstal.",
        ),
        (
            "it",
            "Ucraina e Russia hanno scambiato giovedì dei prigionieri. "
            "Tra i 150 soldati liberati ci sono difensori dell'acciaieria Azovstal.",
        ),
        (
            "hu",
            "Ukrajna és Oroszország csütörtökön fogolycserét hajtott végre. "
            "A 150 hazatért ukrán katona között vannak az Azovstal acélmű védői is.",
        ),
    ],
)
def test_azovstal_defenders_through_the_plants_noun(language: str, text: str) -> None:
    _, facts = _primary(text, language)
    assert "azovstal_defenders" in facts.get("categories", ())


def test_the_plant_named_without_its_defenders_is_no_group() -> None:
    _, facts = _primary(
        "Ukraine and Russia swapped prisoners on Thursday, and 150 Ukrainians came home. "
        "The Azovstal plant was besieged for months in 2022.",
        "en",
    )
    assert "azovstal_defenders" not in facts.get("categories", ())
