"""One agreement told from its two days, and headlines that report what was said (invented texts).

A deal struck on Tuesday for a handover on Wednesday is dated by Tuesday; Wednesday is its ``planned_for``.
A headline whose act is the object of a speech verb ("Putin informed Trump about the exchange…",
«Путин сообщил Трампу об обмене…») reports speech about the act: its status is the one of the sentence
that tells the act — a plan when the text says the swap is for a later day, a swap done when it says so.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from service.core.detection.dates import DateMention, resolve_ahead
from service.core.detection.detect import detect
from service.core.domain import Document
from tests.support.detection import primary

TUESDAY = datetime(2031, 3, 11, 19, tzinfo=UTC)
WEDNESDAY = datetime(2031, 3, 12, 15, tzinfo=UTC)


def doc(title: str, text: str, language: str, published: datetime | None = TUESDAY) -> Document:
    return Document(title, text, language, published)


READOUTS = [
    doc(
        "Putin informed Trump about the exchange of 90 for 90",
        "Russian President Vladimir Putin told Donald Trump during their call on Tuesday that Russia and Ukraine "
        "will exchange 90 prisoners of war each on Wednesday, the Kremlin said.",
        "en",
    ),
    doc(
        "Путин сообщил Трампу об обмене пленными 90 на 90",
        "Президент России в телефонном разговоре с президентом США сообщил, что 12 марта Россия и Украина "
        "проведут обмен военнопленными по формуле 90 на 90.",
        "ru",
    ),
    doc(
        "Путін повідомив Трампу про обмін полоненими 90 на 90",
        "У Кремлі заявили, що в середу Україна та Росія обміняються полоненими за формулою 90 на 90.",
        "uk",
    ),
    doc(
        "Putin informierte Trump über Gefangenenaustausch",
        "Nach dem Telefonat sollen Russland und die Ukraine am Mittwoch jeweils 90 Kriegsgefangene austauschen, "
        "teilte der Kreml mit.",
        "de",
    ),
]


@pytest.mark.parametrize("document", READOUTS, ids=lambda d: d.language)
def test_a_readout_headline_of_a_swap_set_for_tomorrow_is_an_agreement(document: Document) -> None:
    report = detect(document)
    assert report.relevant, report.reasons
    assert [m.kind for m in report.mentions if not m.recalled] == ["agreement"]
    deal = report.mentions[0]
    assert deal.event_date == date(2031, 3, 11)  # the day it was agreed (here: said), not the day planned
    assert deal.fact_values()["planned_for"] == "2031-03-12"


DONE = [
    doc(
        "Zelensky said 90 Ukrainians were freed in a swap with Russia",
        "Ukraine brought home 90 servicemen from Russian captivity on Wednesday, President Volodymyr Zelensky said.",
        "en",
        WEDNESDAY,
    ),
    doc(
        "Зеленський повідомив про повернення 90 захисників",
        "Сьогодні додому з російського полону повернулися 90 українських військових, повідомив Президент.",
        "uk",
        WEDNESDAY,
    ),
    doc(
        "Минобороны сообщило об обмене военнопленными с Украиной",
        "12 марта с подконтрольной Киеву территории возвращены 90 российских военнослужащих. Взамен переданы 90 "
        "военнопленных ВСУ.",
        "ru",
        WEDNESDAY,
    ),
    doc(
        "Selenskyj berichtete über den Gefangenenaustausch",
        "Russland und die Ukraine haben am Mittwoch jeweils 90 Kriegsgefangene ausgetauscht, teilte Präsident "
        "Selenskyj mit.",
        "de",
        WEDNESDAY,
    ),
]


@pytest.mark.parametrize("document", DONE, ids=lambda d: d.language)
def test_speech_about_a_swap_the_text_tells_done_stays_a_swap(document: Document) -> None:
    mention = primary(document)
    assert (mention.kind, mention.status, mention.event_date) == ("pow_exchange", "completed", date(2031, 3, 12))


def test_the_headline_takes_the_status_of_the_sentence_with_its_count_not_of_another_act() -> None:
    mention = primary(
        doc(
            "Зеленський повідомив про повернення 90 українців",
            "Продовження обміну заплановано на вихідні. Сьогодні обміняли 90 людей, серед них цивільні.",
            "uk",
            WEDNESDAY,
        )
    )
    assert (mention.kind, mention.status) == ("pow_exchange", "completed")


def test_the_planned_day_and_the_day_of_the_deal_in_one_sentence() -> None:
    deal = primary(
        doc(
            "Russia and Ukraine agree on prisoner swap",
            "Putin and Trump agreed in a phone call on Monday that Russia and Ukraine would exchange 90 prisoners "
            "of war each on Wednesday.",
            "en",
        )
    )
    assert deal.event_date == date(2031, 3, 10)
    assert deal.fact_values()["planned_for"] == "2031-03-12"


def test_a_headline_infinitive_is_a_plan() -> None:
    deal = primary(
        doc(
            "Russia and Ukraine to swap 90 prisoners each on Wednesday, Moscow says",
            "Russia's defence ministry announced on Tuesday that the two sides will exchange 90 prisoners each.",
            "en",
        )
    )
    assert (deal.kind, deal.event_date, deal.fact_values()["planned_for"]) == (
        "agreement",
        date(2031, 3, 11),
        "2031-03-12",
    )


def test_published_on_the_planned_day_the_deal_is_dated_by_publication_and_reaches_back() -> None:
    deal = primary(
        doc(
            "Kreml kündigt Gefangenenaustausch an",
            "Russland und die Ukraine sollen noch am Mittwoch jeweils 90 Kriegsgefangene austauschen.",
            "de",
            datetime(2031, 3, 12, 6, tzinfo=UTC),
        )
    )
    assert (deal.event_date, deal.date_inferred) == (date(2031, 3, 12), True)
    assert deal.fact_values()["planned_for"] == "2031-03-12"


def test_a_support_verb_in_the_future_makes_the_act_noun_a_plan() -> None:
    deal = primary(
        doc(
            "Россия и Украина обменяются пленными",
            "Россия и Украина 12 марта проведут обмен военнопленными в формате 90 на 90, сообщили в Минобороны.",
            "ru",
        )
    )
    assert (deal.kind, deal.event_date, deal.fact_values()["planned_for"]) == (
        "agreement",
        date(2031, 3, 11),
        "2031-03-12",
    )


def test_an_appeal_is_no_plan() -> None:
    appeal = "Zelensky calls on Russia to exchange all prisoners of war with Ukraine."
    report = detect(doc("Zelensky appeals to Moscow", appeal, "en"))
    assert not report.relevant


def test_a_weekday_of_a_plan_counts_forward() -> None:
    wednesday = DateMention(0, 1, weekday=3)
    assert resolve_ahead(wednesday, date(2031, 3, 11)) == (date(2031, 3, 12), "day")
    assert resolve_ahead(wednesday, date(2031, 3, 12)) == (date(2031, 3, 12), "day")
    assert resolve_ahead(wednesday, date(2031, 3, 11), published=False) == (None, "unknown")


def test_a_day_after_the_agreement_verb_is_its_day_a_day_after_that_is_the_plan() -> None:
    deal = primary(
        doc("Обмен пленными", "Россия и Украина договорились, что 12 марта состоится обмен пленными 90 на 90.", "ru")
    )
    assert (deal.event_date, deal.date_inferred, deal.fact_values()["planned_for"]) == (
        date(2031, 3, 11),
        True,
        "2031-03-12",
    )
    agreed = primary(
        doc(
            "Russia and Ukraine agree on a swap",
            "Russia and Ukraine agreed in Istanbul on Monday to exchange 90 prisoners each.",
            "en",
        )
    )
    assert (agreed.event_date, "planned_for" in agreed.fact_values()) == (date(2031, 3, 10), False)
