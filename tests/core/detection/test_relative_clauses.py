"""A relative clause tells about the noun it follows (invented texts): its destination binds no count outside
it ("215 fighters freed in a swap that sends a politician to Russia" went to Ukraine), while "that" after a
speech verb is a conjunction and a relative clause right after the count's noun is the count's own."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _facts(text: str, language: str) -> dict[str, Any]:
    return primary_facts(Document("", text, language, FRIDAY))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Kyiv says 184 soldiers freed in swap that sends jailed oligarch Petrenko to Russia."),
        ("en", "Ukraine says 184 soldiers were freed in an exchange which brought the pilot Ivanov to Russia."),
        (
            "de",
            "Die Ukraine hat 184 Soldaten befreit beim Austausch, der den Oligarchen Petrenko nach Russland bringt.",
        ),
    ],
)
def test_a_destination_in_a_relative_clause_binds_no_count_outside_it(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (184, None)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In the exchange, Moscow said that 77 Ukrainian soldiers were handed over to Ukraine."),
        ("en", "Under the swap, Kyiv handed over 77 soldiers that Moscow had asked for to Russia."),
    ],
)
def test_that_after_a_speech_verb_or_the_counts_noun_keeps_the_destination(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert 77 in (facts.get("returned_to_ukraine"), facts.get("returned_to_russia"))
    assert facts.get("returned_to_ukraine" if "Ukraine." in text else "returned_to_russia") == 77


TITLES = {
    "en": "Ukraine and Russia swap prisoners of war",
    "de": "Ukraine und Russland tauschen Kriegsgefangene aus",
    "fr": "L'Ukraine et la Russie échangent des prisonniers de guerre",
    "es": "Ucrania y Rusia intercambian prisioneros de guerra",
    "pt": "Ucrânia e Rússia trocam prisioneiros de guerra",
    "it": "Ucraina e Russia si scambiano prigionieri di guerra",
}


def _titled(text: str, language: str) -> dict[str, Any]:
    return primary_facts(Document(TITLES[language], text, language, FRIDAY))


def _sides(facts: dict[str, Any]) -> tuple[Any, Any]:
    return facts.get("returned_to_ukraine"), facts.get("returned_to_russia")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            "Kiev a récupéré 150 prisonniers de guerre lors d'un échange qui a renvoyé l'oligarque Dudko en Russie.",
        ),
        ("es", "Kiev recuperó a 150 prisioneros de guerra en un canje que envió al oligarca Dudko a Rusia."),
        ("pt", "Kiev recuperou 150 prisioneiros de guerra numa troca que enviou o oligarca Dudko para a Rússia."),
        (
            "it",
            "Kiev ha recuperato 150 prigionieri di guerra in uno scambio che ha mandato l'oligarca Dudko in Russia.",
        ),
        (
            "it",
            "Kiev ha riportato a casa 150 prigionieri di guerra nello scambio "
            "con cui Mosca ha riavuto Dudko in Russia.",
        ),
        (
            "es",
            "Kiev recuperó a 150 prisioneros de guerra en un canje en el cual el oligarca Dudko fue enviado a Rusia.",
        ),
    ],
)
def test_romance_a_destination_in_a_relative_clause_binds_no_count_outside_it(language: str, text: str) -> None:
    assert _sides(_titled(text, language)) == (150, None)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Kiev a indiqué dans un communiqué que la Russie a remis 150 prisonniers de guerre."),
        ("fr", "Le ministère a déclaré mardi que la Russie a remis 150 prisonniers de guerre."),
        ("es", "Kiev informó en un comunicado que Rusia entregó 150 prisioneros de guerra."),
        ("pt", "Kiev informou num comunicado que a Rússia entregou 150 prisioneiros de guerra."),
        ("it", "Kiev ha dichiarato in una nota che la Russia ha consegnato 150 prigionieri di guerra."),
    ],
)
def test_romance_que_after_a_verb_of_saying_opens_no_relative_clause(language: str, text: str) -> None:
    """ "a indiqué dans un communiqué que la Russie a remis 150 …": what was said, whose subject gives."""
    assert _sides(_titled(text, language)) == (150, None)


@pytest.mark.parametrize(
    ("language", "text", "sides"),
    [
        ("en", "The prisoner swap that sent the oligarch Dudko to Russia brought 95 POWs back.", (95, None)),
        ("en", "The swap that returned 90 POWs to Russia brought 95 POWs home.", (95, 90)),
        (
            "fr",
            "L'échange qui a renvoyé l'oligarque Dudko en Russie a permis de libérer 150 prisonniers de guerre.",
            (150, None),
        ),
        ("es", "El canje que envió a Dudko a Rusia liberó a 150 prisioneros de guerra.", (150, None)),
        ("pt", "A troca que enviou Dudko para a Rússia libertou 150 prisioneiros de guerra.", (150, None)),
        ("it", "Lo scambio che ha mandato Dudko in Russia ha liberato 150 prigionieri di guerra.", (150, None)),
        (
            "de",
            "Der Gefangenenaustausch, der den Oligarchen Dudko nach Russland brachte, befreite 95 Kriegsgefangene.",
            (95, None),
        ),
    ],
)
def test_a_relative_clause_before_the_count_binds_nothing_after_it(
    language: str, text: str, sides: tuple[int | None, int | None]
) -> None:
    """ "The swap that sent Dudko to Russia | brought 95 POWs back": without a closing comma the relative clause
    ends before the main predicate; neither its destination nor its party («Russland» as the shared subject)
    binds the count after it, and a count inside it is bound within it."""
    assert _sides(_titled(text, language)) == sides


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "fr",
            "L'Ukraine et la Russie échangent des corps de soldats tombés",
            "Le rapatriement qui a ramené 41 corps en Russie a permis à l'Ukraine de récupérer 909 dépouilles de "
            "soldats tombés.",
        ),
        (
            "en",
            "Ukraine brings home the bodies of fallen soldiers",
            "Ukraine received the bodies of 909 fallen defenders in a repatriation that returned 41 bodies to Russia.",
        ),
    ],
)
def test_a_finite_auxiliary_ends_a_relative_clause_and_its_count_stays_in_it(
    language: str, title: str, text: str
) -> None:
    """ "qui a ramené 41 corps en Russie | a permis …": the second auxiliary is the main predicate's, so 41 went to
    Russia and 909 to Ukraine."""
    facts = primary_facts(Document(title, text, language, FRIDAY))
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (909, 41)
