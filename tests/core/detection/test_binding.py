"""Numbers bound within their clause: the recipient by grammar (case, prepositions, destinations), both
sides for "each" and reciprocal totals, and figures of the whole operation or another day kept apart."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.detection.detect import detect
from service.core.detection.morphology import recipient, tense
from service.core.domain import Document
from service.core.topics import normalize, tokenize
from tests.support.detection import primary_facts

FRIDAY = datetime(2025, 6, 13, 12, 0, tzinfo=UTC)


def _facts(text: str, language: str = "en", title: str = "") -> dict[str, Any]:
    return primary_facts(Document(title, text, language, FRIDAY))


def _recipient(text: str, language: str) -> str | None:
    tokens = tokenize(normalize(text))
    return recipient(tokens, 0, len(tokens), language)


def test_case_gives_the_recipient() -> None:
    assert _recipient("России передали 84 военнопленных", "ru") == "ru"  # dative
    assert _recipient("повернули в Україну 84 захисників", "uk") == "ua"  # в + accusative
    assert _recipient("передала до Росії 50 полонених", "uk") == "ru"  # до + genitive
    assert _recipient("в Україні відбувся обмін", "uk") is None  # в + locative: a place
    assert _recipient("Міноборони Росії повідомило про обмін", "uk") is None  # genitive attribute


def test_tense_gives_the_status() -> None:
    assert tense("повернули", "uk") == "done"
    assert tense("передано", "uk") == "done"
    assert tense("передадуть", "uk") == "plan"
    assert tense("вернули", "ru") == "done"
    assert tense("вернут", "ru") == "plan"


def test_ru_dative_recipient_binds_the_count() -> None:
    facts = _facts("Вчера Киев передал России 84 военнопленных, сообщили в Минобороны.", "ru")
    assert facts["returned_to_russia"] == 84
    assert "returned_to_ukraine" not in facts


def test_uk_destination_binds_the_count() -> None:
    facts = _facts("Сьогодні з полону в Україну повернули 84 захисників.", "uk")
    assert facts["returned_to_ukraine"] == 84


def test_en_destination_in_the_same_clause() -> None:
    facts = _facts("Kyiv returned 120 prisoners of war to Moscow on Friday.")
    assert facts["returned_to_russia"] == 120


def test_from_russian_captivity_means_home_to_ukraine() -> None:
    facts = _facts("Andriy Yermak said 45 defenders of Mariupol have been released from Russian captivity.")
    assert facts["returned_to_ukraine"] == 45


def test_a_bare_count_followed_by_each_mirrors() -> None:
    facts = _facts(
        "Russia and Ukraine exchanged prisoners on Friday: 206 prisoners were exchanged, 103 from each side."
    )
    assert (facts["returned_to_ukraine"], facts["returned_to_russia"]) == (103, 103)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Украине передано 600 тел погибших военнослужащих, России — 25, сообщил депутат.", "ru"),  # dative
        ("Україні передано тіла 600 загиблих, Росії — 25.", "uk"),
        ("Россия передала 600 тел, Украина — 25.", "ru"),  # the nominative party gives
    ],
)
def test_a_dash_gapped_count_takes_its_party_and_the_earlier_clauses_noun(text: str, language: str) -> None:
    facts = _facts(text, language=language)
    assert (facts["bodies_to_ukraine"], facts["bodies_to_russia"]) == (600, 25)


def test_es_each_agrees_with_its_noun() -> None:
    facts = _facts("Rusia y Ucrania intercambiaron el viernes 120 prisioneros de guerra cada una.", language="es")
    assert (facts["returned_to_ukraine"], facts["returned_to_russia"]) == (120, 120)


def test_de_every_side_mirrors() -> None:
    facts = _facts(
        "Russland und die Ukraine haben erneut Kriegsgefangene ausgetauscht. Jede Seite habe 140 Gefangene "
        "übergeben, teilten beide Regierungen am Freitag mit.",
        language="de",
    )
    assert (facts["returned_to_ukraine"], facts["returned_to_russia"]) == (140, 140)


def test_a_reciprocal_total_is_not_one_sides_figure() -> None:
    facts = _facts("Moscow and Kyiv swapped 218 prisoners on Friday, officials from both sides said.")
    assert "returned_to_ukraine" not in facts and "returned_to_russia" not in facts


def test_the_operations_formula_is_not_this_stages_count() -> None:
    facts = _facts(
        "Україна та РФ провели третій етап обміну полоненими у форматі «1000 на 1000». "
        "Додому повернулися 303 українські захисники.",
        "uk",
    )
    assert facts["returned_to_ukraine"] == 303
    assert "returned_to_russia" not in facts


def test_in_return_continues_the_previous_sentences_event() -> None:
    facts = _facts(
        "On Friday 300 Russian servicemen returned from Kyiv-controlled territory. In return, 300 Ukrainian "
        "prisoners of war were handed over. A day earlier, on 12 June, 200 Russian soldiers were returned. "
        "In return, 200 prisoners were handed to Ukraine."
    )
    assert (facts["returned_to_ukraine"], facts["returned_to_russia"]) == (300, 300)


def test_uk_future_handover_is_a_plan() -> None:
    report = detect(Document("", "Україна наступного тижня поверне Росії 100 полонених.", "uk", FRIDAY))
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "agreement"


def test_a_verb_with_its_own_count_ranks_only_that_one() -> None:
    facts = _facts(
        "The Russian Ministry of Defence said on Friday it swapped 150 Ukrainian prisoners of war, while "
        "Ukraine's President said 189 Ukrainians had returned home."
    )
    assert facts["returned_to_ukraine"] == 189


def test_a_series_number_this_year_is_not_a_running_total() -> None:
    text = "On Friday, Ukraine held its 11th prisoner exchange this year — 189 Ukrainians returned home."
    report = detect(Document("", text, "en", FRIDAY))
    assert report.relevant and report.primary is not None
    assert not report.primary.recalled
    assert report.primary.fact_values()["returned_to_ukraine"] == 189


def test_a_weekday_dates_the_news_despite_a_recall_cue_inside_it() -> None:
    facts = _facts("Ukraine said 45 prisoners of war captured in Mariupol last year were freed on Friday.")
    assert facts["returned_to_ukraine"] == 45


def test_a_group_within_the_exchange_does_not_outrank_the_total() -> None:
    facts = _facts(
        "Сьогодні з російського полону звільнено ще 307 українських захисників. Крім цього, уточнили, що "
        "додому повернулися 27 захисників Маріуполя.",
        "uk",
    )
    assert facts["returned_to_ukraine"] == 307


def test_gapped_counts_take_the_object_and_party_before_them() -> None:
    report = detect(
        Document(
            "",
            "On Friday the bodies of fallen soldiers were exchanged, with Ukraine retrieving 212 and Russia 45.",
            "en",
            FRIDAY,
        )
    )
    assert report.relevant and report.primary is not None
    facts = report.primary.fact_values()
    assert (facts["bodies_to_ukraine"], facts["bodies_to_russia"]) == (212, 45)


def test_a_series_ordinal_before_the_exchange_is_no_count() -> None:
    facts = _facts("Ukraine and Russia held their 56th exchange on Friday: 49 Ukrainian soldiers returned home.")
    assert facts["returned_to_ukraine"] == 49


def test_a_reciprocal_total_after_a_list_of_parties() -> None:
    facts = _facts("The swap was mediated by Turkey.", title="Moscow, Kyiv swap 218 prisoners, including 108 women")
    assert facts.get("returned_to_ukraine") != 218
    assert facts.get("returned_to_russia") != 218


def test_a_passive_agent_gives() -> None:
    facts = _facts("On Friday Russia said three of its pilots had been released by Kyiv in a prisoner swap.")
    assert facts["returned_to_russia"] == 3
    assert "returned_to_ukraine" not in facts


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Russia and Ukraine exchanged 150 seriously wounded and seriously ill prisoners of war each on Friday.", "en"),
        ("Russland und die Ukraine haben am Freitag jeweils 150 schwer verwundete und schwer kranke "
         "Kriegsgefangene ausgetauscht.", "de"),
    ],
)  # fmt: skip
def test_category_words_between_the_count_and_its_noun(text: str, language: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (150, 150)


def test_a_later_counts_part_is_not_added_to_the_total_before_it() -> None:
    facts = _facts(
        "Ukraine says 90 of its citizens -- 75 servicemen and 15 civilians -- came home from Russian captivity "
        "on Friday in an exchange."
    )
    assert facts["returned_to_ukraine"] == 90
