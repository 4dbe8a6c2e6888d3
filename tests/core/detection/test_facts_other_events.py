"""Whether a figure belongs to the event the text reports (issue 11, classes 6 and 7): a clause opened by
"when" right after another day ("the first exchange since October, when both sides freed 185 each") tells
that day's figures and people, not this event's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document
from tests.support.detection import primary_facts

FRIDAY = datetime(2026, 2, 6, 18, 0, tzinfo=UTC)


def _facts(text: str, language: str, title: str = "") -> dict[str, Any]:
    return primary_facts(Document(title, text, language, FRIDAY))


# -- "the first since <month>, when …": the recalled day's figures -----------------------------------------

UNDISCLOSED = {
    "en": "Ukraine and Russia exchanged prisoners on Thursday after talks in Abu Dhabi. It was the first exchange "
    "since October, when both sides freed 185 soldiers and 20 civilians each.",
    "de": "Die Ukraine und Russland haben am Donnerstag nach Gesprächen in Abu Dhabi Gefangene ausgetauscht. Es war "
    "der erste Austausch seit Oktober, als beide Seiten jeweils 185 Soldaten und 20 Zivilisten freiließen.",
    "uk": "Україна та Росія у четвер провели обмін полоненими. Це перший обмін з "
    "жовтня, коли сторони звільнили по 185 військових і 20 цивільних.",
    "ru": "Россия и Украина в четверг провели обмен пленными. Это первый обмен с "
    "октября, когда стороны освободили по 185 военных и 20 гражданских.",
    "pl": "Rosja i Ukraina wymieniły w czwartek jeńców po rozmowach w Abu Zabi. To pierwsza wymiana od października, "
    "kiedy obie strony uwolniły po 185 żołnierzy i 20 cywilów.",
    "es": "Ucrania y Rusia intercambiaron prisioneros el jueves tras las conversaciones en Abu Dabi. Fue el primer "
    "canje desde octubre, cuando ambas partes liberaron a 185 soldados y 20 civiles cada una.",
}


@pytest.mark.parametrize("language", sorted(UNDISCLOSED))
def test_the_recalled_days_figures_are_not_this_events(language: str) -> None:
    facts = _facts(UNDISCLOSED[language], language)
    assert "returned_to_ukraine" not in facts  # this exchange's numbers were not given
    assert "returned_to_russia" not in facts
    assert "civilians" not in facts.get("groups", ())  # nor were its people: October's civilians


BEFORE_THE_COUNT = {
    "en": "The exchange on Thursday, the first since October, when both sides freed 185 soldiers each, brought "
    "157 Ukrainian soldiers home.",
    "uk": "Обмін у четвер, перший з жовтня, коли сторони звільнили по 185 військових, повернув додому 157 "
    "українських військових.",
    "ru": "Обмен в четверг, первый с октября, когда стороны освободили по 185 военных, вернул домой 157 "
    "украинских военных.",
}


@pytest.mark.parametrize("language", sorted(BEFORE_THE_COUNT))
def test_the_days_count_after_a_recalled_clause(language: str) -> None:
    facts = _facts(BEFORE_THE_COUNT[language], language)
    assert facts["returned_to_ukraine"] == 157
    assert facts.get("returned_to_russia") != 185


# -- the same construction on this event's own day is this event --------------------------------------------


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Russia and Ukraine exchanged prisoners on February 5, when 157 Ukrainian soldiers came home."),
        ("uk", "Росія та Україна провели обмін 5 лютого, коли додому повернулися 157 українських військових."),
        ("de", "Kiew und Moskau tauschten am 5. Februar Gefangene aus, als 157 ukrainische Soldaten heimkehrten."),
    ],
)
def test_when_on_the_events_own_day_keeps_its_count(language: str, text: str) -> None:
    assert _facts(text, language)["returned_to_ukraine"] == 157


# -- an agreement's terms are not the figures of a "when" clause about another day (review 8, item 4) ---------

AGREED_SINCE = {
    "en": "Russia and Ukraine agreed on Thursday to a new prisoner exchange, the first since October, when 185 "
    "soldiers each were freed.",
    "uk": "Україна та Росія у четвер домовилися про новий обмін полоненими, перший з жовтня, коли сторони звільнили "
    "по 185 військових.",
    "ru": "Россия и Украина в четверг договорились о новом обмене пленными, первом с октября, когда стороны "
    "освободили по 185 военных.",
    "de": "Russland und die Ukraine einigten sich am Donnerstag auf einen neuen Gefangenenaustausch, den ersten seit "
    "Oktober, als jeweils 185 Soldaten freikamen.",
}


@pytest.mark.parametrize("language", sorted(AGREED_SINCE))
def test_the_recalled_days_figures_are_not_agreed_terms(language: str) -> None:
    report = detect(Document("", AGREED_SINCE[language], language, FRIDAY))
    assert report.primary is not None and report.primary.kind == "agreement", report.reasons
    facts = report.primary.fact_values()
    assert "agreed_to_ukraine" not in facts and "agreed_to_russia" not in facts


# -- a "when" clause about the freed people's past names this event's people (review 8, item 7) ---------------

THEIR_PAST = {
    "en": "Russia and Ukraine exchanged prisoners on Thursday: 157 Ukrainian soldiers came home. Many were captured "
    "in May 2022, when the defenders of Mariupol laid down their arms.",
    "uk": "Україна та Росія у четвер провели обмін полоненими: додому повернулися 157 українських військових. Багато "
    "з них потрапили в полон у травні 2022 року, коли захисники Маріуполя склали зброю.",
    "ru": "Россия и Украина в четверг провели обмен пленными: домой вернулись 157 украинских военных. Многие попали "
    "в плен в мае 2022 года, когда защитники Мариуполя сложили оружие.",
    "de": "Russland und die Ukraine tauschten am Donnerstag Gefangene aus: 157 ukrainische Soldaten kehrten heim. "
    "Viele gerieten im Mai 2022 in Gefangenschaft, als die Verteidiger von Mariupol die Waffen niederlegten.",
}


@pytest.mark.parametrize("language", sorted(THEIR_PAST))
def test_a_when_clause_with_no_act_or_count_keeps_the_group(language: str) -> None:
    facts = _facts(THEIR_PAST[language], language)
    assert facts["returned_to_ukraine"] == 157
    assert "mariupol_defenders" in facts.get("groups", ())


def test_german_als_after_a_date_with_no_comma_is_as() -> None:
    text = (
        "Am Donnerstag kehrten 157 ukrainische Soldaten heim, die seit Mai 2022 als Verteidiger von Mariupol in "
        "Gefangenschaft waren."
    )
    assert "mariupol_defenders" in _facts(text, "de").get("groups", ())
    text = "Russland und die Ukraine tauschten am Donnerstag Gefangene aus: Seit Mai 2022 als vermisst gemeldete 157 "
    text += "Soldaten kehrten heim."
    assert _facts(text, "de").get("returned_to_ukraine") == 157


# -- a day after "under the agreements" dates the agreement, not the act ------------------------------------

MONDAY = datetime(2025, 6, 9, 15, 0, tzinfo=UTC)

UNDER_AN_AGREEMENT = {
    "en": "Russia and Ukraine carried out the first stage of the prisoner exchange under the agreements reached in "
    "Istanbul on June 2. Soldiers under 25 came home.",
    "ru": "Россия и Украина провели первый этап обмена военнопленными в соответствии с договоренностями, "
    "достигнутыми в Стамбуле 2 июня. Домой вернулись военные в возрасте до 25 лет.",
    "uk": "Україна та Росія провели перший етап обміну полоненими відповідно до домовленостей, досягнутих у Стамбулі "
    "2 червня. Додому повернулися військові віком до 25 років.",
    "de": "Russland und die Ukraine haben die erste Phase des Gefangenenaustauschs im Rahmen der Vereinbarungen vom "
    "2. Juni in Istanbul durchgeführt. Soldaten unter 25 Jahren kehrten heim.",
}


@pytest.mark.parametrize("language", sorted(UNDER_AN_AGREEMENT))
def test_the_agreements_day_does_not_date_the_stage(language: str) -> None:
    report = detect(Document("", UNDER_AN_AGREEMENT[language], language, MONDAY))
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "pow_exchange"
    assert report.primary.event_date == MONDAY.date()  # not June 2: the stage is the news, not a recollection
    assert report.primary.fact_values().get("stage") == 1  # not "the one after the first"


def test_a_day_after_the_link_before_the_act_dates_the_act() -> None:
    report = detect(Document("", "As agreed, on June 8 Russia and Ukraine exchanged 100 prisoners each.", "en", MONDAY))
    assert report.primary is not None and report.primary.event_date == MONDAY.date().replace(day=8)


# -- a total that adds up the counts of several days is the operation's, not this day's -----------------------

SUNDAY = datetime(2026, 3, 15, 18, 0, tzinfo=UTC)

DAYS_ADDED_UP = {
    "en": "Russia and Ukraine swapped 120 prisoners each on Sunday, completing the three-day exchange. On Friday 200 "
    "prisoners were handed over by each side, and on Saturday 180 soldiers each. In total 500 Ukrainians have come "
    "home.",
    "uk": "Україна та Росія в неділю обміняли по 120 полонених. У п'ятницю сторони передали по 200 полонених, а в "
    "суботу по 180 військових. Загалом додому повернулися 500 українців.",
    "ru": "Россия и Украина в воскресенье обменяли по 120 пленных. В пятницу стороны передали по 200 пленных, а в "
    "субботу по 180 военных. Всего домой вернулись 500 украинцев.",
    "de": "Russland und die Ukraine haben am Sonntag je 120 Gefangene ausgetauscht. Am Freitag übergab jede Seite "
    "200 Gefangene, am Samstag je 180 Soldaten. Insgesamt sind 500 Ukrainer heimgekehrt.",
}


@pytest.mark.parametrize("language", sorted(DAYS_ADDED_UP))
def test_a_total_of_several_days_is_not_this_days_count(language: str) -> None:
    facts = primary_facts(Document("", DAYS_ADDED_UP[language], language, SUNDAY))
    assert facts.get("returned_to_ukraine") == 120


def test_a_total_that_is_no_sum_of_the_days_stays() -> None:
    text = (
        "Russia and Ukraine swapped prisoners on Sunday: 140 Ukrainian soldiers came home. On Friday 90 "
        "prisoners were freed. In total 140 Ukrainians came home on Sunday."
    )
    assert primary_facts(Document("", text, "en", SUNDAY)).get("returned_to_ukraine") == 140
