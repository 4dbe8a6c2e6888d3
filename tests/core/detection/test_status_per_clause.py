"""Status decided per coordinated clause: a wish, an offer or an accusation in one clause does not decide
for the act another clause reports ("discussed exchanges and that the sides would swap 210 each on
Thursday"). All sentences are invented."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.clauses import clause_status, coordinated_clauses, predicate_part
from service.core.detection.detect import detect
from service.core.detection.sentences import Sentence, analyse
from service.core.domain import Document, Report
from service.core.topics import load_topic

TUESDAY = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def _detect(text: str, language: str, title: str = "") -> Report:
    return detect(Document(title, text, language, TUESDAY))


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Putin and Erdogan talk prisoners",
            "The Kremlin said the two presidents also discussed prisoner exchanges and that Moscow and Kyiv would "
            "swap 210 prisoners of war each on Thursday. In addition, 19 severely wounded soldiers will be handed "
            "over, the Kremlin said.",
        ),
        (
            "en",
            "Prisoner swap",
            "Kyiv said it was ready to swap all for all after Moscow announced that Russia and Ukraine would swap "
            "210 prisoners of war each the following day. In addition, 19 severely wounded soldiers will be handed "
            "over.",
        ),
        (
            "ru",
            "Путин и Эрдоган обсудили пленных",
            "В Кремле сообщили, что президенты обсудили обмен пленными, а также что Россия и Украина в четверг "
            "обменяют по 210 военнопленных. Кроме того, будут переданы 19 тяжелораненых.",
        ),
        (
            "uk",
            "Путін і Ердоган обговорили полонених",
            "У Кремлі заявили, що президенти обговорили можливий обмін полоненими, а також що в четвер Росія і "
            "Україна обміняють по 210 військовополонених. Крім того, буде передано 19 тяжкопоранених.",
        ),
        (
            "de",
            "Putin und Erdogan sprechen über Gefangene",
            "Der Kreml teilte mit, die Präsidenten hätten über einen möglichen Gefangenenaustausch gesprochen und "
            "dass Russland und die Ukraine am Donnerstag je 210 Kriegsgefangene austauschen werden. Zusätzlich "
            "sollen 19 Schwerverletzte übergeben werden.",
        ),
    ],
)
def test_a_wish_in_one_clause_leaves_the_planned_swap_of_another_its_figure(
    language: str, title: str, text: str
) -> None:
    report = _detect(text, language, title)
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("agreement", "agreed")
    facts = report.primary.fact_values()
    assert (facts.get("agreed_to_ukraine"), facts.get("agreed_to_russia")) == (210, 210), facts


def test_polish_discussion_and_plan_in_two_clauses_is_an_agreement() -> None:
    report = _detect(
        "Kreml podał, że prezydenci omawiali możliwą wymianę jeńców oraz że w czwartek Rosja i Ukraina będą "
        "wymieniać po 210 jeńców wojennych.",
        "pl",
        "Putin i Erdogan rozmawiali o jeńcach",
    )
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("agreement", "agreed")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Kyiv accused Moscow of delaying exchanges and the two sides agreed to swap 210 prisoners each on "
            "Thursday.",
        ),
        (
            "ru",
            "Киев обвинил Москву в затягивании обменов, и стороны договорились обменять по 210 военнопленных "
            "в четверг.",
        ),
    ],
)
def test_an_accusation_in_one_clause_does_not_postpone_the_agreement_of_another(language: str, text: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("agreement", "agreed")


def _sentence(text: str, language: str) -> Sentence:
    (s,) = analyse(Document("", text, language, TUESDAY), load_topic())
    return s


@pytest.mark.parametrize(
    ("language", "text", "status"),
    [
        # a wish beside a completion: the completion (unchanged)
        (
            "en",
            "Zelensky said Ukraine hopes to bring everyone home and that 210 soldiers were returned on Thursday.",
            "completed",
        ),
        (
            "uk",
            "Зеленський заявив, що Україна прагне повернути всіх, і що в четвер з полону повернулися 210 військових.",
            "completed",
        ),
        # negation stays in its clause: the clause that failed is the one told
        ("en", "The exchange planned for Monday did not take place, the ombudsman said.", "postponed"),
        # a condition in the only clause that holds the act: an offer
        ("en", "Russia is ready to hand over 500 more bodies if Ukraine agrees.", None),
        # one subject of two parties is no clause break
        (
            "de",
            "Der in Doha vereinbarte Austausch von jeweils 300 Gefangenen zwischen Russland und der Ukraine "
            "verzögert sich.",
            "postponed",
        ),
    ],
)
def test_each_clause_keeps_its_own_cues(language: str, text: str, status: str | None) -> None:
    assert clause_status(_sentence(text, language), False) == status


def test_two_parties_joined_by_and_are_one_clause() -> None:
    s = _sentence("Russia and Ukraine agreed to swap 210 prisoners each.", "en")
    assert len(coordinated_clauses(s, predicate_part(s))) == 1


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Putin and Erdogan discussed prisoner exchanges and Russia will hand over 210 Ukrainian soldiers on "
            "Thursday.",
        ),
        ("ru", "Путин и Эрдоган обсудили обмен пленными, и Россия в четверг передаст Украине 210 военнопленных."),
        ("uk", "Путін і Ердоган обговорили можливий обмін, і Росія в четвер передасть Україні 210 військовополонених."),
        (
            "de",
            "Putin und Erdogan sprachen über einen möglichen Austausch und Russland wird am Donnerstag 210 ukrainische "
            "Kriegsgefangene übergeben.",
        ),
    ],
)
def test_a_second_finite_verb_after_and_opens_a_clause_of_its_own(language: str, text: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("agreement", "agreed")
    assert report.primary.fact_values().get("agreed_to_ukraine") == 210


def test_two_infinitives_under_one_wish_stay_one_clause() -> None:
    s = _sentence("Робимо все, щоб знайти та повернути кожного, хто в полоні.", "uk")
    assert len(coordinated_clauses(s, predicate_part(s))) == 1
    assert clause_status(s, False) is None


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The exchange planned for Monday did not take place, but on Thursday 210 Ukrainian prisoners of war "
            "were returned from Russian captivity.",
        ),
        (
            "uk",
            "Обмін, запланований на понеділок, не відбувся, але в четвер з російського полону повернулися 210 "
            "українських військовополонених.",
        ),
        (
            "ru",
            "Обмен в понедельник не состоялся, но в четверг из украинского плена вернулись 210 российских "
            "военнопленных.",
        ),
        (
            "de",
            "Der für Montag geplante Austausch fand nicht statt, aber am Donnerstag kehrten 210 ukrainische "
            "Kriegsgefangene aus russischer Gefangenschaft zurück.",
        ),
        (
            "pl",
            "Wymiana zaplanowana na poniedziałek nie odbyła się, ale w czwartek z rosyjskiej niewoli wróciło 210 "
            "ukraińskich jeńców.",
        ),
    ],
)
def test_a_failed_date_in_one_clause_does_not_undo_the_return_another_clause_counts(language: str, text: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")
    assert 210 in report.primary.fact_values().values()


def test_a_wish_and_its_refusal_in_two_clauses_stay_a_wish() -> None:
    s = _sentence(
        "Омбудсман зауважив, що полонені хочуть повернутися додому, однак їх ніхто не хоче забирати.",
        "uk",
    )
    assert len(coordinated_clauses(s, predicate_part(s))) > 1
    assert clause_status(s, False) is None


@pytest.mark.parametrize(
    "text",
    [
        "Putin i Erdogan omawiali możliwą wymianę jeńców, a Rosja w czwartek przekaże Ukrainie 210 jeńców wojennych.",
        "Kreml podał, że prezydenci omawiali możliwą wymianę jeńców oraz że w czwartek Rosja i Ukraina wymienią "
        "po 210 jeńców.",
    ],
)
def test_a_polish_perfective_future_is_a_plan_in_its_own_clause(text: str) -> None:
    report = _detect(text, "pl")
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("agreement", "agreed")
