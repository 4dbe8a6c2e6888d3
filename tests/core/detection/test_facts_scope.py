"""Which figure belongs to the reported handover: a stage's count over the whole operation's formula, a
side's own figure over the other side's, counts in sentences whose verb only says who received them, and
date ranges that are no counts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from service.core.detection.facts import counts
from service.core.detection.sentences import analyse
from service.core.domain import Document
from service.core.topics import load_topic
from tests.support.detection import primary_facts

SATURDAY = datetime(2025, 5, 24, 18, 0, tzinfo=UTC)


def _facts(text: str, language: str = "en", title: str = "") -> dict[str, Any]:
    return primary_facts(Document(title, text, language, SATURDAY))


# -- the whole operation's "N for N" against this stage's count ------------------------------------


def test_en_stage_count_beats_the_operation_formula() -> None:
    facts = _facts(
        "Ukraine and Russia held the second stage of the 500-for-500 exchange on Saturday. "
        "Kyiv said 214 soldiers returned home from Russian captivity."
    )
    assert facts["returned_to_ukraine"] == 214
    assert "returned_to_russia" not in facts  # the text gives no Russian figure for this stage


def test_ru_started_formula_exchange_keeps_the_day_count() -> None:
    facts = _facts(
        "Москва и Киев начали обмен пленными «500 на 500». Сегодня в Россию вернули 175 военнослужащих.",
        "ru",
    )
    assert facts["returned_to_russia"] == 175
    assert facts.get("returned_to_ukraine") != 500


def test_uk_formula_equal_to_the_count_is_this_handover() -> None:
    facts = _facts(
        "Україна та Росія провели обмін полоненими за формулою 95 на 95. Додому повернулися 95 українських захисників.",
        "uk",
    )
    assert facts["returned_to_ukraine"] == 95
    assert facts["returned_to_russia"] == 95


def test_formula_alone_still_counts() -> None:
    facts = _facts("Russia and Ukraine swapped prisoners on Saturday in a 64-for-64 exchange.")
    assert facts["returned_to_ukraine"] == facts["returned_to_russia"] == 64


# -- disputed figures: each side's own count of its returned people ---------------------------------


def test_de_own_people_figure_beats_the_other_sides_formula() -> None:
    facts = _facts(
        "Die Ukraine und Russland haben erneut Kriegsgefangene ausgetauscht. "
        '"142 unserer Leute sind zurückgekehrt", schrieb der ukrainische Ombudsmann am Samstag. '
        "Nach Angaben aus Moskau wurden 136 russische gegen 136 ukrainische Soldaten ausgetauscht.",
        "de",
    )
    assert facts["returned_to_ukraine"] == 142
    assert facts["returned_to_russia"] == 136


def test_en_bring_home_sentence_counts_without_an_exchange_word() -> None:
    facts = _facts(
        "Russia and Ukraine completed a prisoner swap on Saturday, with 120 people from each side released. "
        '"Today our team managed to bring 131 Ukrainians home," the president said.'
    )
    assert facts["returned_to_ukraine"] == 131
    assert facts["returned_to_russia"] == 120


def test_uk_soldiers_returned_to_russia() -> None:
    facts = _facts(
        "У суботу відбувся черговий обмін полоненими з Росією. Додому повернулися 88 українських військових. "
        "Зазначається, що до Росії також повернули 88 солдатів.",
        "uk",
    )
    assert facts["returned_to_russia"] == 88


# -- a date range is not a count ------------------------------------------------------------------


def test_first_day_of_a_range_is_no_count() -> None:
    for text, language in (
        ("Россия и Украина обменялись пленными в период с 22 по 24 мая.", "ru"),
        ("Обмін полоненими між Україною та Росією тривав з 22 по 24 травня.", "uk"),
        ("Ukraine and Russia exchanged prisoners from 22 to 24 May, Kyiv said on Saturday.", "en"),
    ):
        sentence = analyse(Document("", text, language, SATURDAY), load_topic())[0]
        assert counts(sentence, load_topic()) == [], text


# -- future offers and "the same number" in a sentence of its own ------------------------------------


def test_ru_offer_of_more_bodies_is_not_this_handover() -> None:
    facts = _facts(
        "Россия передала Украине 3040 тел погибших военнослужащих ВСУ. "
        "В Минобороны заявили о готовности передать еще 1850 тел украинской стороне.",
        "ru",
    )
    assert facts["bodies_to_ukraine"] == 3040


def test_en_offer_of_more_prisoners_is_not_this_swap() -> None:
    facts = _facts(
        "Ukraine brought home 73 prisoners of war on Saturday, Kyiv said. "
        "Moscow said it was ready to hand over 500 more prisoners to Ukraine."
    )
    assert facts["returned_to_ukraine"] == 73


def test_pl_same_number_mirrors_the_previous_sentence() -> None:
    facts = _facts(
        "Ukraina i Rosja przeprowadziły w sobotę wymianę jeńców. "
        "Strona ukraińska przekazała stronie rosyjskiej 58 osób. "
        "Zełenski powiadomił, że Rosjanie przekazali taką samą liczbę jeńców ukraińskich.",
        "pl",
    )
    assert facts["returned_to_russia"] == 58
    assert facts["returned_to_ukraine"] == 58


def test_en_same_number_in_return_mirrors_to_the_other_side() -> None:
    facts = _facts(
        "Russia handed over 61 Ukrainian prisoners of war on Saturday. "
        "In return, Kyiv released the same number of captives."
    )
    assert facts["returned_to_ukraine"] == 61
    assert facts["returned_to_russia"] == 61


def test_uk_same_number_mirrors_bodies() -> None:
    facts = _facts(
        "Сьогодні в Україну повернули тіла 212 загиблих захисників. Росії передали таку ж кількість тіл загиблих.",
        "uk",
    )
    assert facts["bodies_to_ukraine"] == 212
    assert facts["bodies_to_russia"] == 212


# -- a stage numbered by the stages the text names for other days ------------------------------------


def test_ru_previous_day_first_stage_makes_this_the_second() -> None:
    facts = _facts(
        "Сегодня в Россию вернулись 240 военнослужащих, взамен Украине передали 240 пленных. "
        "Днем ранее, 23 мая, в рамках первого этапа обмена были возвращены еще 180 российских военных.",
        "ru",
    )
    assert facts["returned_to_russia"] == 240
    assert facts["stage"] == 2


def test_uk_tomorrow_third_stage_makes_this_the_second() -> None:
    facts = _facts(
        "Сьогодні, 24 травня, Україна та Росія провели ще один обмін полоненими. "
        "Сьогодні було звільнено ще 240 українських захисників. "
        'Завтра очікується третій етап обміну "500 на 500".',
        "uk",
    )
    assert facts["returned_to_ukraine"] == 240
    assert facts["stage"] == 2


def test_en_stated_stage_wins_over_inference() -> None:
    facts = _facts(
        "Ukraine and Russia carried out the second stage of the prisoner exchange on Saturday, Kyiv said. "
        "The third stage is expected tomorrow."
    )
    assert facts["stage"] == 2


def test_no_stage_without_a_numbered_one() -> None:
    facts = _facts("Ukraine brought home 73 prisoners of war on Saturday. More exchanges will follow.")
    assert "stage" not in facts


def test_uk_this_is_the_second_stage_names_the_news() -> None:
    facts = _facts(
        "Це другий етап обміну на виконання домовленостей: 23 травня з полону звільнили ще 150 військових. "
        "24 травня в Україну повернулися з російського полону 210 військовослужбовців.",
        "uk",
    )
    assert facts["returned_to_ukraine"] == 210
    assert facts["stage"] == 2


def test_a_total_of_one_sides_people_is_that_sides_count() -> None:
    facts = _facts("Russia and Ukraine swapped prisoners on Saturday: in total 56 Ukrainians came home, Kyiv said.")
    assert facts["returned_to_ukraine"] == 56
    both = _facts("Russia and Ukraine swapped a total of 112 prisoners of war on Saturday.")
    assert both.get("returned_to_ukraine") != 112


def test_en_mediator_beside_a_running_total() -> None:
    facts = _facts(
        "Russia and Ukraine exchanged 95 prisoners of war each on Saturday. "
        "Zelensky said the United Arab Emirates had again brokered the exchange, "
        "the 58th since Russia launched its full-scale invasion in February 2022."
    )
    assert facts["mediators"] == ("UAE",)
