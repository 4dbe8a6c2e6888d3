"""More binding (invented texts): a bare count right before its destination ("39 para Rusia"), a recipient
told in short verb-less clauses before the predicate («Украинской стороне, по данным Киева, был передан…»),
Dutch "teruggekregen", mediators by involvement, hosting or their negotiators ("amerikanische Unterhändler
waren beteiligt"), never by a nationality alone, and "among them" after an undated report's sentence."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _facts(text: str, language: str, title: str = "", published: datetime | None = FRIDAY) -> dict[str, Any]:
    return primary_facts(Document(title, text, language, published))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "es",
            "Rusia y Ucrania intercambiaron el viernes 75 prisioneros cada uno y entregaron restos de soldados "
            "caídos: 602 cuerpos para Ucrania y 33 para Rusia.",
        ),
        (
            "en",
            "Russia and Ukraine swapped 75 prisoners each on Friday and handed over the remains of fallen soldiers: "
            "602 bodies to Ukraine and 33 to Russia.",
        ),
    ],
)
def test_a_bare_count_goes_to_the_destination_right_after_it(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (602, 33)


def test_ru_the_recipient_before_the_source_clause() -> None:
    text = (
        "Россия вернула из украинского плена 48 военнослужащих, сообщило Минобороны РФ. Украинской стороне, "
        "по данным Киева, был передан 63 военнопленный."
    )
    facts = _facts(text, "ru")
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (63, 48)


def test_nl_got_back() -> None:
    text = (
        "Oekraïne heeft de lichamen van 488 gesneuvelde militairen teruggekregen van Rusland. "
        "Rusland kreeg 29 lichamen terug."
    )
    facts = _facts(text, "nl")
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (488, 29)


@pytest.mark.parametrize(
    ("language", "text", "mediators"),
    [
        (
            "en",
            "Ukraine has brought back 42 people from Russian captivity. The International Committee of the Red Cross "
            "was involved in the exchange, the Coordination Headquarters said.",
            ("ICRC",),
        ),
        (
            "de",
            "Russland und die Ukraine haben am Freitag je 75 Kriegsgefangene ausgetauscht. Vermittelt wurde der "
            "Austausch von den Emiraten, amerikanische Unterhändler waren beteiligt.",
            ("UAE", "USA"),
        ),
        (
            "es",
            "Rusia y Ucrania intercambiaron el viernes 75 prisioneros cada uno, con mediación turca.",
            ("Turkey",),
        ),
        (
            "en",
            "Russia and Ukraine swapped 75 prisoners each on Friday after talks hosted by Qatar.",
            ("Qatar",),
        ),
    ],
)
def test_mediators_by_involvement_hosting_or_their_negotiators(
    language: str, text: str, mediators: tuple[str, ...]
) -> None:
    assert _facts(text, language).get("mediators") == mediators


def test_a_nationality_alone_is_no_mediator() -> None:
    text = (
        "Russia handed over to Ukraine the bodies of 602 fallen soldiers on Friday, among them the body of an "
        "American volunteer, with the help of the Red Cross."
    )
    assert _facts(text, "en").get("mediators") == ("ICRC",)


def test_de_among_them_after_an_undated_reports_sentence() -> None:
    text = (
        "Die Ukraine hat nach eigenen Angaben 141 Menschen aus russischer Gefangenschaft zurückgeholt. Unter ihnen "
        "seien zwölf Zivilisten, teilte der Koordinierungsstab am Dienstag, dem 3. Dezember, mit. Russland "
        "bestätigte den Austausch und sprach von 120 zurückgekehrten Soldaten."
    )
    facts = _facts(text, "de", published=None)
    assert facts.get("returned_to_ukraine") == 141
    assert "civilians" in facts.get("categories", ())


def test_uk_the_first_two_stages_are_no_first_stage() -> None:
    text = (
        "Україна та Росія провели третій етап обміну: сьогодні додому повернулися ще 275 захисників. "
        "У перших двох етапах повернулися 280 і 265 українців відповідно."
    )
    assert _facts(text, "uk").get("stage") == 3


def test_the_sick_among_the_seriously_ill_are_no_category_of_their_own() -> None:
    text = (
        "Україна та Росія у пʼятницю провели обмін тяжкопораненими та тяжкохворими полоненими у форматі «190 на "
        "190». Серед звільнених — військові з ампутаціями, а також хворі на туберкульоз."
    )
    categories = set(_facts(text, "uk").get("categories", ()))
    assert {"wounded", "seriously_ill"} <= categories
    assert "ill" not in categories


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Ucrania repatrió el viernes 617 cuerpos de soldados caídos y Rusia 38."),
        ("pt", "A Ucrânia repatriou na sexta-feira 617 corpos de soldados mortos e a Rússia 38."),
        ("de", "Die Ukraine erhielt am Freitag 617 Leichen gefallener Soldaten, Russland 38."),
    ],
)
def test_a_party_between_the_bodies_and_a_bare_count_makes_it_the_partys(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (617, 38)


def test_de_got_back_and_as_many_in_return() -> None:
    text = (
        "Die Ukraine hat beim Gefangenenaustausch mit Russland 146 Kriegsgefangene zurückerhalten, darunter zwölf "
        "Ausländer. Russland bekam im Gegenzug ebenso viele."
    )
    facts = _facts(text, "de")
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (146, 146)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ro", "Ucrainei i-au fost predate 617 de trupuri, iar Rusiei 38."),
        ("pl", "Ukrainie przekazano ciała 617 poległych, Rosji zaś 38."),
        ("pl", "Rosja przekazała Ukrainie ciała 617 żołnierzy. Rosji przekazano 38 ciała."),
        ("en", "Russia handed over 617 bodies to Ukraine on Friday, and to Russia 38."),
    ],
)
def test_a_gapped_recipient_receives(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (617, 38)


def test_pl_masculine_past_is_done() -> None:
    facts = _facts("Kijów odzyskał 84 jeńców. Moskwa otrzymała tyle samo.", "pl")
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (84, 84)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Russia handed over 617 bodies of soldiers to Ukraine and received 38 in return."),
        ("fr", "La Russie a remis à l'Ukraine 617 corps de soldats et en a reçu 38 en retour."),
        ("de", "Russland übergab der Ukraine 617 Leichen von Soldaten und erhielt im Gegenzug 38."),
        ("es", "Rusia entregó a Ucrania 617 cuerpos de soldados y recibió 38 a cambio."),
        ("it", "La Russia ha consegnato all'Ucraina 617 corpi di soldati e ne ha ricevuti 38 in cambio."),
        ("uk", "Росія передала Україні тіла 617 військових і отримала натомість 38."),
        ("ru", "Россия передала Украине тела 617 военных и получила взамен 38."),
    ],
)
def test_a_bare_count_received_in_return_counts_the_bodies_handed_over(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (617, 38)


def test_en_hands_with_the_recipient_right_after_it_gives() -> None:
    facts = _facts(
        "Russia has handed over to Ukraine the bodies of 617 soldiers.",
        "en",
        title="Russia hands Ukraine 617 bodies of soldiers, gets back 38",
    )
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (617, 38)


def test_it_got_back() -> None:
    text = "Russia e Ucraina si sono scambiate prigionieri. L'Ucraina ha riavuto 152 persone, di cui 12 stranieri."
    assert _facts(text, "it").get("returned_to_ukraine") == 152


def test_pl_po_before_a_count_is_each_side() -> None:
    facts = _facts(
        "Ukraina i Rosja wymieniły w piątek po 86 jeńców za pośrednictwem Zjednoczonych Emiratów Arabskich.", "pl"
    )
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia"), facts.get("mediators")) == (
        86,
        86,
        ("UAE",),
    )


def test_pl_po_meaning_after_is_no_each() -> None:
    facts = _facts("Po wymianie jeńców z Rosją do domu wróciło 86 ukraińskich żołnierzy.", "pl")
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (86, None)


def test_en_under_the_auspices_names_a_mediator() -> None:
    text = "Ukraine and Russia exchanged 86 prisoners each on Friday under the auspices of the United Arab Emirates."
    assert _facts(text, "en").get("mediators") == ("UAE",)


def test_pt_european_moscow_and_the_emiratis() -> None:
    text = (
        "A Rússia e a Ucrânia trocaram hoje 81 prisioneiros de guerra de cada lado. No mesmo dia, Kiev recebeu os "
        "corpos de 602 militares mortos em combate, enquanto Moscovo recebeu 36."
    )
    facts = _facts(text, "pt")
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (602, 36)
    en = _facts(
        "Russia and Ukraine swapped 81 prisoners each on Friday, thanks to the Emiratis, who mediated the swap.", "en"
    )
    assert en.get("mediators") == ("UAE",)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("pt", "Na troca de sexta-feira a Ucrânia recebeu os corpos de 602 militares enquanto a Rússia recebeu 36."),
        ("es", "En el canje del viernes Ucrania recibió los cuerpos de 602 soldados mientras que Rusia recibió 36."),
        (
            "it",
            "Nello scambio di venerdì l'Ucraina ha ricevuto i corpi di 602 soldati mentre la Russia ne ha ricevuti 36.",
        ),
        ("ro", "În schimbul de vineri Ucraina a primit trupurile a 602 militari în timp ce Rusia a primit 36."),
    ],
)
def test_a_contrastive_conjunction_of_the_language_starts_a_clause(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (602, 36)
