"""Foreign names that are not another country's swap (invented texts): a foreign citizen or volunteer freed
or returned beside Ukrainians is one of the people of Ukraine's swap; "US" in capitals is the country;
a wire dateline's city is where the reporter files from; a name the exchange is "between" is a party."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document
from service.core.topics import normalize
from tests.support.detection import primary, primary_facts

WEDNESDAY = datetime(2024, 11, 13, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Swap brings home 45 Ukrainian soldiers and one Canadian citizen",
            "Ukraine said on Wednesday that 45 of its soldiers and a Canadian volunteer had been freed in a "
            "prisoner swap with Russia.",
        ),
        (
            "uk",
            "З полону звільнили 45 військових та громадянина Канади",
            "Україна в середу повернула з російського полону 45 військових. Також вдалося звільнити громадянина "
            "Канади, який воював у складі ЗСУ.",
        ),
        (
            "es",
            "Ucrania libera a 45 soldados y a un ciudadano canadiense en un canje con Rusia",
            "Kiev anunció el miércoles que 45 militares ucranianos y un voluntario canadiense fueron liberados "
            "en un intercambio de prisioneros con Rusia.",
        ),
    ],
)
def test_a_foreign_citizen_freed_beside_ukrainians_is_ukraines_swap(language: str, title: str, text: str) -> None:
    mention = primary(Document(title, text, language, WEDNESDAY))
    assert mention.kind == "pow_exchange"
    assert mention.fact_values().get("returned_to_ukraine") == 45


def test_the_body_of_a_foreign_volunteer_returned_in_the_swap_is_ukraines() -> None:
    text = (
        "Ukraine says 27 of its soldiers have been freed and the body of an Israeli volunteer who fought on its "
        "side has been handed over in a prisoner exchange with Russia."
    )
    report = detect(Document("Ukraine says 27 soldiers freed, body of Israeli returned", text, "en", WEDNESDAY))
    assert report.relevant
    assert report.primary is not None and report.primary.kind == "pow_exchange"


def test_another_countrys_citizen_freed_in_its_own_swap_with_russia_stays_foreign() -> None:
    text = (
        "A former US Marine was freed on Wednesday in a prisoner swap between the United States and Russia, "
        "more than two years after Russia invaded Ukraine."
    )
    report = detect(Document("US Marine veteran freed in prisoner swap with Russia", text, "en", WEDNESDAY))
    assert not report.relevant


def test_us_in_capitals_is_the_country_and_us_in_lower_case_the_pronoun() -> None:
    assert normalize("US Marine freed") == "u.s. marine freed"
    assert normalize("Let us bring them home") == "let us bring them home"
    assert normalize("LET US GO") == "let us go"  # a headline in capitals keeps the pronoun


def test_a_citizen_who_helped_names_no_mediator() -> None:
    text = (
        "Ukraine brought home 45 soldiers on Wednesday in a swap with Russia. It was also possible to free a US "
        "citizen who helped our people."
    )
    assert "mediators" not in primary_facts(Document("", text, "en", WEDNESDAY))


def test_the_parties_of_another_swap_are_no_mediators() -> None:
    text = (
        "Ukraine and Russia swapped 90 prisoners each on Wednesday with the mediation of the UAE. The Emirates "
        "also mediated an exchange of prisoners between the US and Russia in 2022."
    )
    assert primary_facts(Document("", text, "en", WEDNESDAY)).get("mediators") == ("UAE",)


def test_a_wire_datelines_city_is_no_venue_or_mediator() -> None:
    text = (
        "ANKARA, Nov 13 (Reuters) - Russia and Ukraine have agreed to exchange 120 prisoners, Ukraine's "
        "ombudsman said on Wednesday, without saying when the swap would take place."
    )
    mention = primary(Document("Russia, Ukraine to swap 120 prisoners - ombudsman", text, "en", WEDNESDAY))
    assert mention.kind == "agreement"
    assert "venue" not in mention.fact_values()
    assert "mediators" not in mention.fact_values()


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Russia, Ukraine to swap 120 prisoners, says ombudsman", "agreement"),
        ("Ukraine to receive bodies of 500 fallen soldiers", "agreement"),
        ("Ukraine gets back 120 prisoners in swap with Russia", "pow_exchange"),
        ("Ukraine managed to return 120 soldiers from Russian captivity", "pow_exchange"),
    ],
)
def test_a_headline_infinitive_tells_what_is_to_happen(title: str, kind: str) -> None:
    report = detect(Document(title, "", "en", WEDNESDAY))
    assert report.primary is not None and report.primary.kind == kind


def test_said_in_an_interview_is_a_speech_frame_not_a_story_about_interviews() -> None:
    text = (
        "Russia and Ukraine have agreed to exchange 120 prisoners, Turkey's president said in an interview "
        "broadcast on Wednesday."
    )
    mention = primary(Document("", text, "en", WEDNESDAY))
    assert mention.kind == "agreement"
