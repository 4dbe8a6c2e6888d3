"""How counts are bound to sides (invented texts): mirror formulas ("84 za 84"), a bare count after "each"
ending its clause ("… 314 Gefangene ausgetauscht – jeweils 157"), and a bare count of the subject's own
people or "in return" in a sentence of its own ("Russia got back 80 of its own"), which counts the people
of the sentences before it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.domain import Document
from service.core.topics import load_topic
from tests.support.detection import primary_facts

FRIDAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _counts(title: str, text: str, language: str) -> dict[str, Any]:
    facts = primary_facts(Document(title, text, language, FRIDAY))
    return {k: v for k, v in facts.items() if k.startswith(("returned_", "bodies_"))}


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "pl",
            "Ukraina i Rosja wymieniły jeńców",
            "Ukraina i Rosja przeprowadziły w piątek wymianę jeńców wojennych według formuły 84 za 84, "
            "poinformował resort obrony.",
        ),
        (
            "cs",
            "Ukrajina a Rusko si vyměnily zajatce",
            "Ukrajina a Rusko v pátek provedly výměnu válečných zajatců ve formátu 84 za 84, uvedlo ministerstvo "
            "obrany.",
        ),
        (
            "ro",
            "Schimb de prizonieri între Ucraina și Rusia",
            "Ucraina și Rusia au efectuat vineri un schimb de prizonieri de război după formula 84 pentru 84, a "
            "anunțat Ministerul Apărării.",
        ),
        (
            "nl",
            "Oekraïne en Rusland wisselen gevangenen uit",
            "Oekraïne en Rusland hebben vrijdag krijgsgevangenen uitgewisseld volgens de formule 84 voor 84, "
            "meldde het ministerie van Defensie.",
        ),
    ],
)
def test_a_mirror_formula_gives_both_sides_the_count(language: str, title: str, text: str) -> None:
    assert _counts(title, text, language) == {"returned_to_ukraine": 84, "returned_to_russia": 84}


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "de",
            "Ukraine und Russland tauschen 314 Gefangene aus",
            "Die Ukraine und Russland haben am Freitag 314 Gefangene ausgetauscht – jeweils 157.",
        ),
        ("pl", "Ukraina i Rosja wymieniły 314 jeńców", "Ukraina i Rosja wymieniły w piątek 314 jeńców – po 157."),
    ],
)
def test_each_before_a_bare_count_ending_its_clause_splits_the_total(language: str, title: str, text: str) -> None:
    assert _counts(title, text, language) == {"returned_to_ukraine": 157, "returned_to_russia": 157}


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Ukraine gets back 84 prisoners of war",
            "Ukraine got back 84 soldiers on Friday. Russia got back 80 of its own, the Defence Ministry said.",
        ),
        (
            "en",
            "Ukraine gets back 84 prisoners of war",
            "Ukraine got back 84 soldiers on Friday. Moscow received 80 in return, the Defence Ministry said.",
        ),
        (
            "no",
            "Ukraina fikk tilbake 84 krigsfanger",
            "Ukraina fikk tilbake 84 soldater fredag. Russland fikk tilbake 80 av sine egne, opplyser "
            "forsvarsdepartementet.",
        ),
        (
            "de",
            "Ukraine bekommt 84 Kriegsgefangene zurück",
            "Die Ukraine bekam am Freitag 84 Soldaten zurück. Russland erhielt 80 seiner eigenen zurück, teilte "
            "das Verteidigungsministerium mit.",
        ),
        (
            "uk",
            "Україна повернула 84 полонених",
            "У пʼятницю Україна повернула 84 військових. Москва натомість отримала 80 своїх.",
        ),
        ("ru", "Украина вернула 84 пленных", "В пятницу Украина вернула 84 военных. Москва взамен получила 80 своих."),
        (
            "pl",
            "Ukraina odzyskała 84 jeńców",
            "W piątek Ukraina odzyskała 84 żołnierzy. Rosja w zamian otrzymała 80 swoich.",
        ),
        (
            "ro",
            "Ucraina a primit 84 de prizonieri de război",
            "Ucraina a primit vineri 84 de soldați. Rusia a primit în schimb 80 dintre ai săi.",
        ),
        (
            "sv",
            "Ukraina fick tillbaka 84 krigsfångar",
            "Ukraina fick tillbaka 84 soldater på fredagen. Ryssland fick tillbaka 80 av sina egna.",
        ),
    ],
)
def test_a_bare_count_of_its_own_counts_the_people_before(language: str, title: str, text: str) -> None:
    assert _counts(title, text, language) == {"returned_to_ukraine": 84, "returned_to_russia": 80}


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Ukraine receives the bodies of 900 fallen soldiers",
            "Ukraine received the bodies of 900 fallen soldiers on Friday. Russia got back 31 of its own.",
        ),
        (
            "no",
            "Ukraina fikk tilbake 900 falne soldater",
            "Ukraina har mottatt levningene av 900 falne soldater fredag. Russland fikk tilbake 31 av sine egne.",
        ),
    ],
)
def test_a_bare_count_of_its_own_after_bodies_counts_bodies(language: str, title: str, text: str) -> None:
    assert _counts(title, text, language) == {"bodies_to_ukraine": 900, "bodies_to_russia": 31}


@pytest.mark.parametrize(
    ("language", "title", "text", "expected"),
    [
        (
            "ka",
            "რუსეთმა უკრაინას 900 დაღუპული ჯარისკაცის ცხედარი გადასცა",
            "უკრაინამ რუსეთისგან 900 დაღუპული სამხედროს ცხედარი მიიღო. მოსკოვმა სანაცვლოდ 31 რუსი ჯარისკაცის "
            "ცხედარი დაიბრუნა.",
            {"bodies_to_ukraine": 900, "bodies_to_russia": 31},
        ),
        ("ka", "უკრაინამ 84 ტყვე დაიბრუნა", "უკრაინამ რუსეთისგან 84 ტყვე მიიღო.", {"returned_to_ukraine": 84}),
    ],
)
def test_a_party_with_a_postposition_is_no_subject(
    language: str, title: str, text: str, expected: dict[str, int]
) -> None:
    """Georgian "რუსეთისგან" (from Russia) is the giver, the ergative "უკრაინამ" the subject that receives."""
    assert _counts(title, text, language) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukrayna tarafı, takasla 84 kişinin ülkeye döndüğünü bildirdi.", {"returned_to_ukraine": 84}),
        ("Rus tarafı, takasla 84 askerin ülkeye döndüğünü açıkladı.", {"returned_to_russia": 84}),
    ],
)
def test_a_verb_final_clause_that_receives_binds_to_its_subject(text: str, expected: dict[str, int]) -> None:
    """ "The Ukrainian side said 84 people came home": the count's own receiving verb, after it, gives the
    subject's side — not a handover phrase matched elsewhere ("Ukrayna tarafı" also opens handovers)."""
    assert _counts("Rusya ile Ukrayna arasında esir takası", text, "tr") == expected


def test_a_receiving_verb_after_the_count_binds_to_its_own_clauses_subject() -> None:
    """German perfect tense puts the receiving participle last in its clause ("hat … zurückerhalten"): the
    clause's own subject receives. Only subject-object-verb languages (topic `sov`, Turkish above) look for a
    subject before the comma (review 8, item 8)."""
    text = "Russland hat nach eigenen Angaben 90 Soldaten zurückerhalten."
    title = "Gefangenenaustausch zwischen Russland und der Ukraine"
    assert _counts(title, text, "de") == {"returned_to_russia": 90}
    sov = load_topic().sov
    assert {"tr", "ka", "ja"} <= sov and not {"en", "de", "nl", "uk", "ru"} & sov


def test_the_counted_nouns_nationality_wins_over_the_word_before_the_count() -> None:
    """Romance adjectives follow their noun: "dalla prigionia russa 84 soldati ucraini" — "russa" tells whose
    captivity, "ucraini" whose soldiers (Korean "억류됐던 우크라이나군 84명" keeps the word before)."""
    facts = _counts(
        "L'Ucraina riporta a casa 84 prigionieri",
        "Venerdì sono tornati dalla prigionia russa 84 soldati ucraini. La Russia ha ricevuto lo stesso numero "
        "di suoi militari.",
        "it",
    )
    assert facts == {"returned_to_ukraine": 84, "returned_to_russia": 84}


def test_a_same_number_sentence_without_a_handover_verb_mirrors() -> None:
    """ "Tyle samo jeńców trafiło do Rosji" (as many prisoners went to Russia): "went" is no give/receive verb,
    yet the sentence mirrors the count before it."""
    facts = _counts(
        "Ukraina odzyskała 84 żołnierzy",
        "W piątek z rosyjskiej niewoli wróciło 84 ukraińskich żołnierzy. Tyle samo jeńców trafiło do Rosji.",
        "pl",
    )
    assert facts == {"returned_to_ukraine": 84, "returned_to_russia": 84}


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Ukraine and Russia exchange 314 prisoners of war",
            "Ukraine and Russia exchanged 314 prisoners of war on Friday (157 each), the Coordination Headquarters "
            "said.",
        ),
        (
            "de",
            "Ukraine und Russland tauschen 314 Kriegsgefangene aus",
            "Die Ukraine und Russland haben am Freitag 314 Kriegsgefangene ausgetauscht (jeweils 157), teilte der "
            "Koordinationsstab mit.",
        ),
    ],
)
def test_each_is_the_count_beside_it_not_the_total(language: str, title: str, text: str) -> None:
    """ "314 prisoners (157 each)": "each" belongs to the 157 right beside it; the 314 is both sides' total."""
    assert _counts(title, text, language) == {"returned_to_ukraine": 157, "returned_to_russia": 157}


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Prisoner swap", "Russia and Ukraine swapped prisoners of war on Friday in a 90-to-90 exchange."),
        (
            "de",
            "Gefangenenaustausch",
            "Russland und die Ukraine haben am Freitag Kriegsgefangene im Verhältnis 90 zu 90 ausgetauscht.",
        ),
    ],
)
def test_a_mirror_formula_with_to(language: str, title: str, text: str) -> None:
    assert _counts(title, text, language) == {"returned_to_ukraine": 90, "returned_to_russia": 90}


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine received 84 prisoners of war from Russia on Friday and handed over as many Russian soldiers.",
        "Ukraine received 84 prisoners of war from Russia on Friday. Russia got as many back.",
        "Ukraine received 84 of its soldiers from Russian captivity on Friday. Russia got back as many of its own "
        "servicemen.",
    ],
)
def test_as_many_mirrors_the_count_before(text: str) -> None:
    assert _counts("Prisoner exchange between Ukraine and Russia", text, "en") == {
        "returned_to_ukraine": 84,
        "returned_to_russia": 84,
    }


def test_as_many_as_is_still_an_approximation() -> None:
    facts = _counts(
        "Prisoner exchange between Ukraine and Russia",
        "Ukraine got back 84 prisoners of war on Friday, Russia received as many as 90 of its servicemen.",
        "en",
    )
    assert facts == {"returned_to_ukraine": 84}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Russia and Ukraine swapped 84 prisoners of war for 84 on Friday, the Coordination Headquarters said."),
        ("ru", "Россия и Украина в пятницу обменяли 84 военнопленных на 84, сообщило Минобороны."),
        ("uk", "Україна і Росія в пʼятницю обміняли 84 військовополонених на 84, повідомив Координаційний штаб."),
        ("pl", "Rosja i Ukraina wymieniły w piątek 84 jeńców wojennych za 84, poinformował sztab koordynacyjny."),
        ("de", "Russland und die Ukraine haben am Freitag 84 Kriegsgefangene gegen 84 ausgetauscht."),
        (
            "fr",
            "La Russie et l'Ukraine ont échangé vendredi 84 prisonniers de guerre contre 84, a indiqué le ministère.",
        ),
    ],
)
def test_a_split_formula_gives_both_sides_the_count(language: str, text: str) -> None:
    """ "84 prisoners of war for 84": the formula's first count has its noun, the second is bare."""
    assert _counts("Prisoner exchange", text, language) == {"returned_to_ukraine": 84, "returned_to_russia": 84}


def test_two_equal_counts_joined_by_and_are_no_formula() -> None:
    """Italian "e" is "and" (Turkish "e" links a formula): "84 soldati e 84 civili" adds up."""
    facts = _counts(
        "Scambio di prigionieri", "Venerdì la Russia ha restituito all'Ucraina 84 soldati e 84 civili.", "it"
    )
    assert facts == {"returned_to_ukraine": 168}
