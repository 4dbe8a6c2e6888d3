"""Categories are who this event returned: the bodies' own noun phrase, a sentence whose subject is a bare
count taking up the people just named, never a running total's composition (invented texts)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from service.core.detection.detect import detect
from service.core.domain import Document
from tests.support.detection import primary

FRIDAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _primary(text: str, language: str = "en") -> tuple[str, dict[str, Any]]:
    mention = primary(Document("", text, language, FRIDAY))
    return mention.kind, mention.fact_values()


def test_bodies_of_azovstal_defenders_name_the_category() -> None:
    kind, facts = _primary(
        "Ukraine has recovered the bodies of 52 defenders of Azovstal from Russia in a repatriation on Friday, "
        "the ministry said."
    )
    assert kind == "body_repatriation"
    assert facts["bodies_to_ukraine"] == 52
    assert facts["categories"] == ("azovstal_defenders",)


def test_uk_bodies_of_azovstal_defenders_name_the_category() -> None:
    kind, facts = _primary("Сьогодні Україна повернула тіла 52 загиблих захисників Азовсталі з Росії.", "uk")
    assert kind == "body_repatriation"
    assert "azovstal_defenders" in facts["categories"]


def test_who_receives_the_bodies_is_not_who_they_were() -> None:
    kind, facts = _primary(
        "The bodies of 310 fallen soldiers were returned to Ukraine from Russia on Friday. "
        "The remains will be passed to police officers and forensic experts for identification."
    )
    assert kind == "body_repatriation"
    assert "officers" not in facts.get("categories", ())


def test_a_bare_count_as_subject_takes_up_the_people_just_named() -> None:
    _, facts = _primary(
        "Russia and Ukraine exchanged prisoners on Friday, and Kyiv said it had freed 64 women from captivity. "
        "Some of the women exchanged were nurses, the ombudsman said. "
        "Nineteen, he added, had been captured at the Azovstal steelworks."
    )
    assert {"women", "azovstal_defenders"} <= set(facts["categories"])


def test_a_dateline_time_takes_up_nobody() -> None:
    _, facts = _primary(
        "Russia and Ukraine exchanged prisoners on Friday: 64 Ukrainian soldiers came home.\n"
        "14:05\n"
        "Mariupol's defenders held the city for weeks in 2022."
    )
    assert "azovstal_defenders" not in facts.get("categories", ())


def test_uk_the_two_days_total_is_not_this_stage() -> None:
    _, facts = _primary(
        "Сьогодні, 14 березня, Україна та Росія провели обмін полоненими: "
        "додому повернулися 150 військових та троє цивільних. "
        "Серед звільнених за два дні є 12 оборонців Маріуполя.",
        "uk",
    )
    assert facts["categories"] == ("civilians",)


def test_en_the_two_days_total_is_not_this_stage() -> None:
    _, facts = _primary(
        "On Friday 150 Ukrainian soldiers and three civilians came home from Russian captivity. "
        "Among those freed over these two days are 12 defenders of Mariupol."
    )
    assert facts["categories"] == ("civilians",)


def test_uk_both_parties_as_subject_give_no_side_to_those_who_came_home() -> None:
    _, facts = _primary("Сьогодні Україна та Росія провели обмін полоненими: додому повернулися 150 військових.", "uk")
    assert facts["returned_to_ukraine"] == 150
    assert "returned_to_russia" not in facts


def test_en_both_parties_as_subject_give_no_side_to_those_who_came_home() -> None:
    _, facts = _primary("On Friday Ukraine and Russia held a prisoner exchange: 150 soldiers came home.")
    assert facts["returned_to_ukraine"] == 150
    assert "returned_to_russia" not in facts


def test_a_sentence_dated_to_another_day_names_another_events_people() -> None:
    text = (
        "Ukraine returned 95 prisoners of war from Russian captivity, the presidential office said. "
        "On March 2, 40 defenders were returned home: three officers, 35 soldiers and two sailors."
    )
    for published in (FRIDAY, None):  # undated too: a day the sentence states is another event's
        report = detect(Document("", text, "en", published))
        assert report.primary is not None
        facts = report.primary.fact_values()
        assert facts["returned_to_ukraine"] == 95
        assert "officers" not in facts.get("categories", ())


def test_an_undated_sentence_after_a_recalled_one_goes_on_with_the_recall() -> None:
    _, facts = _primary(
        "Ukraine returned 95 prisoners of war from Russian captivity on Friday, the presidential office said. "
        "Ukraine's biggest prisoner exchange with Russia took place on September 21, 2022. "
        "Some 215 POWs, including the Azovstal defenders, were released that day."
    )
    assert facts["returned_to_ukraine"] == 95
    assert "azovstal_defenders" not in facts.get("categories", ())
