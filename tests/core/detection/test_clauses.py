"""Clauses and status: cues count where the predicate is, and nothing defaults to completed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

FRIDAY = datetime(2025, 6, 13, 12, 0, tzinfo=UTC)


def _detect(text: str, title: str = "", language: str = "en", official: bool = False) -> Report:
    return detect(Document(title, text, language, FRIDAY, official=official))


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine and Russia are making every effort to bring all prisoners home.",  # a policy statement
        "Exchange of prisoners with Russia.",  # a verb-less subheading in the body
        "Kyiv wants to return all its soldiers from Russian captivity.",  # a wish
        "Russia is ready to hand over 500 more bodies if Ukraine agrees.",  # an offer
    ],
)
def test_no_cue_means_no_completed_exchange(text: str) -> None:
    report = _detect(text)
    assert not any(m.status == "completed" for m in report.mentions), report.mentions


def test_a_headline_in_the_present_tense_is_news() -> None:
    report = _detect("The swap was mediated by the United Arab Emirates.", title="Ukraine, Russia swap prisoners")
    assert report.relevant and report.primary is not None
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")


@pytest.mark.parametrize(
    "text",
    [
        "Russia will hand over 500 bodies to Ukraine next week.",
        "The 120 prisoners will be exchanged at the border, Ukraine's ombudsman said.",  # participle under "will be"
        "Die Ukraine und Russland werden am Montag 200 Gefangene austauschen, sagte Selenskyj.",
    ],
)
def test_future_handovers_are_plans(text: str) -> None:
    report = _detect(text, language="de" if "Ukraine und" in text else "en")
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "agreement"


def test_a_side_clause_about_the_last_swap_does_not_make_the_report_a_recollection() -> None:
    report = _detect("Ukraine and Russia exchanged 150 prisoners each on Friday, after their last swap in May.")
    assert report.relevant and report.primary is not None
    assert not report.primary.recalled
    assert report.primary.event_date == date(2025, 6, 13)
    assert report.primary.fact_values()["returned_to_ukraine"] == 150


def test_a_recall_cue_in_the_main_clause_still_recalls() -> None:
    report = _detect("Earlier, Ukraine and Russia exchanged 150 prisoners each.")
    assert not report.relevant


def test_reported_speech_in_the_past_perfect_is_a_report() -> None:
    report = _detect("The defence ministry in Kyiv said 90 soldiers had been freed from Russian captivity.")
    assert report.relevant and report.primary is not None
    assert report.primary.fact_values()["returned_to_ukraine"] == 90


def test_a_record_is_news_not_a_running_total() -> None:
    report = _detect(
        "It was the largest exchange since the start of the war: 390 Ukrainians returned home from Russian captivity."
    )
    assert report.relevant and report.primary is not None
    assert not report.primary.recalled
    assert report.primary.fact_values()["returned_to_ukraine"] == 390


def test_a_running_total_is_still_background() -> None:
    report = _detect("Since 2022, Ukraine has brought 5,000 prisoners home from Russian captivity.")
    assert not report.relevant


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Russia and Ukraine swapped 120 prisoners each on Friday, bringing the total freed this year to 900.", "en"),
        ("Україна та Росія в п'ятницю обміняли по 120 полонених, загалом з початку року звільнено 900.", "uk"),
    ],
)
def test_a_running_total_in_its_own_clause_leaves_the_news_clause_news(text: str, language: str) -> None:
    report = _detect(text, language=language)
    assert report.relevant and report.primary is not None and not report.primary.recalled
    assert report.primary.fact_values()["returned_to_ukraine"] == 120


@pytest.mark.parametrize(
    "text",
    [
        "Since the start of the invasion, 4,000 Ukrainians have been released in 60 exchanges, officials said.",
        "The UAE said its mediation had helped secure the release of 4,000 prisoners since 2022.",
    ],
)
def test_a_running_total_qualifying_the_whole_sentence_is_background(text: str) -> None:
    assert not _detect(text).relevant


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Киев и Москва 20 июня начнут проведение новых обменов ранеными пленными, заявил переговорщик.", "ru"),
        ("Київ і Москва 20 червня розпочнуть проведення нових обмінів пораненими полоненими.", "uk"),
    ],
)
def test_the_day_of_a_date_does_not_count_exchanges_into_a_running_total(text: str, language: str) -> None:
    # «обменов»/«обмінів» after a number is a tally ("in 60 exchanges"); "20 June" is a day, not a count, so
    # a plan of new exchanges on a date is news (it was background, and the article's recap of earlier
    # talks dated the announcement).
    report = _detect(text, language=language)
    assert report.relevant and report.primary is not None and not report.primary.recalled
    assert report.primary.kind == "agreement"


def test_uk_including_is_not_a_recall_cue() -> None:
    report = _detect("Україна повернула з полону 84 захисників, у тому числі двох цивільних.", language="uk")
    assert report.relevant and report.primary is not None
    assert report.primary.fact_values()["returned_to_ukraine"] == 84


def test_uk_a_year_ago_is_a_recall_cue() -> None:
    report = _detect("Рік тому Україна повернула з полону 84 захисників.", language="uk")
    assert not report.relevant


def test_german_separable_verbs_are_put_back_together() -> None:
    report = _detect(
        "Der Gefangenenaustausch mit Russland fand am Freitag statt. "
        "84 ukrainische Soldaten kehrten nach Hause zurück.",
        language="de",
    )
    assert report.relevant and report.primary is not None
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")
    assert report.primary.fact_values()["returned_to_ukraine"] == 84


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("84 Ukrainian defenders are home.", "en"),
        ("Відбувся обмін полоненими. Додому повертаються 84 українці.", "uk"),
        ("Наші люди повертаються. 84 українці вдома!", "uk"),  # people, no soldier noun, no swap word
        ("Today 84 of our people returned home.", "en"),
    ],
)
def test_an_official_short_post_is_enough(text: str, language: str) -> None:
    assert not _detect(text, language=language).relevant  # from anyone else, no party is named
    report = _detect(text, language=language, official=True)
    assert report.relevant and report.primary is not None
    assert report.primary.status == "completed"
    assert report.primary.fact_values()["returned_to_ukraine"] == 84


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Обмен, состоявшийся в пятницу, снова был неравным: Украина вернула 84 человека, Россия — 60.", "ru"),
        ("Обмін, що відбувся у п'ятницю, був нерівним: Україна повернула 84 людини, Росія — 60.", "uk"),
        ("Friday's swap was uneven again: Ukraine got back 84 people, Russia 60.", "en"),
    ],
)
def test_people_counted_in_a_swap_are_its_prisoners(text: str, language: str) -> None:
    report = _detect(text, language=language)
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "pow_exchange"
    assert report.primary.fact_values()["returned_to_ukraine"] == 84


def test_people_coming_home_from_elsewhere_need_an_official_source_or_a_swap() -> None:
    assert not _detect("84 Ukrainians returned home from Israel on an evacuation flight.").relevant


def test_rescue_stories_are_not_repatriations() -> None:
    report = _detect(
        "Rescuers recovered the body of a woman from the rubble in Kyiv. Another body was recovered from the "
        "rubble overnight, rescuers said. The head of the city military administration said the body of a "
        "man had been recovered."
    )
    assert not report.relevant


def test_an_auxiliary_governs_a_coordinated_participle() -> None:
    report = _detect("The prisoners are planned to be exchanged for Russian soldiers and returned to Ukraine.")
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "agreement"


def test_a_future_infinitive_makes_a_plan() -> None:
    report = _detect("The fighters are later to be taken to Ukraine as part of a prisoner swap, Kyiv said.")
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "agreement"


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        (
            "Gefangenenaustausch vereinbart, Waffenruhe nicht in Sicht",
            "Russland und die Ukraine haben sich in Istanbul auf den Austausch von 300 Gefangenen geeinigt.",
            "de",
        ),
        (
            "Prisoner swap agreed, no ceasefire in sight",
            "Russia and Ukraine will exchange 300 prisoners each, negotiators said in Istanbul.",
            "en",
        ),
    ],
)
def test_a_negation_in_another_clause_does_not_deny_the_swap(title: str, text: str, language: str) -> None:
    report = _detect(text, title=title, language=language)
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "agreement"
    assert report.primary.evidence[0] == title  # the headline is evidence, not denied by "no ceasefire"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Russia and Ukraine exchanged lists of 500 prisoners of war on Friday, negotiators said.", "en"),
        ("Россия и Украина в пятницу обменялись списками военнопленных для обмена 500 на 500.", "ru"),
        ("Україна передала Росії списки 500 полонених для обміну, про який сторони домовилися.", "uk"),
        ("Die Ukraine hat Russland am Freitag die Listen von 500 Kriegsgefangenen übergeben.", "de"),
    ],
)
def test_lists_changing_hands_are_no_exchange(text: str, language: str) -> None:
    report = _detect(text, language=language)
    assert all(m.status != "completed" for m in report.mentions), report.mentions


def test_a_posts_hashtag_line_is_no_report_of_an_exchange() -> None:
    text = (
        "Підтверджую: за результатами перемовин в Абу-Дабі є домовленість про новий обмін полоненими.\n"
        "Дякую партнерам за посередництво.\n#полонені #обмін"
    )
    report = _detect(text, language="uk", official=True)
    assert report.primary is not None and report.primary.kind == "agreement"
    assert all(m.status != "completed" for m in report.mentions)
