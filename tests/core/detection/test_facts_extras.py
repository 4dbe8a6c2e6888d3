"""Counts that are not the exchange's own figure (invented texts): an extra handed over "in addition" never
replaces the exchange's count, wherever the extra is repeated; "the two sides" names no count; "several
thousand" is no figure."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document
from tests.support.detection import primary_facts

WEDNESDAY = datetime(2025, 3, 19, 18, 0, tzinfo=UTC)


def _facts(title: str, text: str, language: str) -> dict[str, Any]:
    return primary_facts(Document(title, text, language, WEDNESDAY))


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Russia and Ukraine swap 120 POWs each",
            "Russia and Ukraine exchanged 120 prisoners of war each on Wednesday. In addition, 14 seriously "
            "wounded Ukrainian soldiers returned home.",
        ),
        (
            "en",
            "Ukraine and Russia trade prisoners",
            "Ukraine and Russia swapped 120 prisoners of war each on Wednesday. Kyiv said that in addition to the "
            "120 soldiers, Russia also returned 14 badly wounded servicemen. The defence ministry in Moscow confirmed "
            "that the 14 wounded Ukrainians had been transferred as a gesture of goodwill.",
        ),
        (
            "ru",
            "Минобороны сообщило об обмене пленными",
            "Россия и Украина провели обмен военнопленными в формате 120 на 120. Кроме того, в качестве жеста "
            "доброй воли произведен обмен 5 ранеными российскими военнопленными на 14 раненых военнопленных ВСУ.",
        ),
        (
            "uk",
            "Відбувся обмін полоненими 120 на 120",
            "Україна та Росія обміняли по 120 військовополонених. Крім того, додому повернулися 14 "
            "тяжкопоранених українських захисників.",
        ),
        (
            "de",
            "Russland und Ukraine tauschen je 120 Gefangene aus",
            "Russland und die Ukraine haben am Mittwoch jeweils 120 Kriegsgefangene ausgetauscht. Außerdem kehrten 14 "
            "schwer verwundete ukrainische Soldaten in die Ukraine zurück.",
        ),
    ],
)
def test_an_extra_handed_over_in_addition_keeps_the_exchange_figure(language: str, title: str, text: str) -> None:
    facts = _facts(title, text, language)
    assert facts.get("returned_to_ukraine") == 120, facts
    assert facts.get("returned_to_russia") == 120, facts


def test_the_extra_is_still_the_figure_when_nothing_else_is_said() -> None:
    facts = _facts(
        "Russia frees wounded Ukrainian soldiers",
        "In addition to the regular swaps, Russia also handed over 14 seriously wounded Ukrainian prisoners of war "
        "on Wednesday, Kyiv said.",
        "en",
    )
    assert facts.get("returned_to_ukraine") == 14, facts


def test_the_two_sides_are_no_count() -> None:
    report = detect(
        Document(
            "Zelensky: Ukraine ready for swap",
            "President Zelensky said on Wednesday that Ukraine was ready for a prisoner exchange with Russia after "
            "the Kremlin announced that the two sides would swap 175 POWs each the following day.",
            "en",
            WEDNESDAY,
        )
    )
    assert report.relevant and report.primary is not None, report.reasons
    facts = report.primary.fact_values()
    assert facts.get("agreed_to_ukraine") == 175 and facts.get("agreed_to_russia") == 175, facts


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Ukraine repatriates bodies of 503 soldiers",
            "The bodies of 503 Ukrainian soldiers killed in the war have been returned to Ukraine, the Coordination "
            "Headquarters said on Wednesday. Over the war, Ukraine has recovered several thousand bodies of its "
            "fallen soldiers through such exchanges.",
        ),
        (
            "uk",
            "Україна повернула тіла 503 загиблих військових",
            "В Україну повернули тіла 503 загиблих військовослужбовців, повідомив Координаційний штаб. Україна "
            "вже повернула кілька тисяч тіл полеглих у таких обмінах.",
        ),
    ],
)
def test_several_thousand_is_no_figure(language: str, title: str, text: str) -> None:
    assert _facts(title, text, language).get("bodies_to_ukraine") == 503


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "de",
            "Russland und Ukraine tauschen je 60 Gefangene aus",
            "Russland und die Ukraine haben am Mittwoch jeweils 60 Kriegsgefangene ausgetauscht. Zuletzt hatten "
            "beide Seiten im Dezember Gefangene übergeben. Nach ukrainischen Angaben kehrten damals 130 Ukrainer "
            "zurück.",
        ),
        (
            "fr",
            "La Russie et l'Ukraine échangent 60 prisonniers chacune",
            "La Russie et l'Ukraine ont échangé mercredi 60 prisonniers de guerre chacune. Le précédent échange a "
            "eu lieu en décembre : à l'époque, 130 Ukrainiens étaient rentrés chez eux.",
        ),
    ],
)
def test_a_count_told_of_back_then_is_the_earlier_exchange(language: str, title: str, text: str) -> None:
    facts = _facts(title, text, language)
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (60, 60), facts


def test_a_line_without_a_verb_states_the_total_of_the_parts() -> None:
    """An official post's opening "187 of our people." is the total of "170 soldiers, 12 officers and 5 civilians"."""
    text = (
        "187 наших людей. Сьогодні додому повернулися 170 солдатів і сержантів, 12 офіцерів та 5 цивільних. "
        "Дякую всім, хто досягнув цього результату."
    )
    report = detect(Document("", text, "uk", WEDNESDAY, official=True))
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.fact_values().get("returned_to_ukraine") == 187


def test_an_organisation_that_assisted_with_the_handover_is_its_mediator() -> None:
    facts = _facts(
        "Ukraine receives 700 bodies from Russia",
        "Ukraine received the bodies of 700 fallen soldiers from Russia on Wednesday. The International Committee "
        "of the Red Cross assisted with the handover, Ukrainian officials said.",
        "en",
    )
    assert facts.get("mediators") == ("ICRC",), facts


def test_close_to_a_hundred_each_is_no_sides_count() -> None:
    facts = _facts(
        "Russia and Ukraine swap nearly 200 prisoners of war",
        "Russia and Ukraine said on Wednesday they had each freed close to 100 prisoners of war. Russia's defence "
        "ministry said 94 Russian servicemen had been released. Kyiv said 95 Ukrainian soldiers had been returned.",
        "en",
    )
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (95, 94), facts
