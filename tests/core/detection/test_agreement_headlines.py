"""An agreement told in the headline is the news when the text tells a handover only in its body, on no day
of its own: "Russia ready to hand over 2,500 more bodies" over "Russia has returned 5,100 bodies under the
agreements" is an announced handover (the earlier ones are what came before it); a handover the body dates
("On Friday, Ukraine got back 90") stays the news. Arabic: the present of "agree" ("تتفقان", the two agree)
and the future of handing over ("ستسلم", will hand over) are an agreement, six to nine in words are numbers.
Invented texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

FRIDAY = datetime(2031, 6, 20, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "en",
            "Russia says it is ready to hand over 2,500 more bodies of Ukrainian soldiers",
            "Kremlin aide Medinsky said the bodies were in refrigerated trains. Russia says it has returned 5,100"
            " bodies under the Istanbul agreements and received 64 in return.",
        ),
        (
            "ru",
            "Мединский: Россия готова передать Украине еще 2500 тел",
            "Россия передала Украине тела 5100 погибших военнослужащих и получила 64 тела своих военных.",
        ),
        (
            "de",
            "Russland bereit zur Übergabe von weiteren 2500 Leichen an die Ukraine",
            "Russland hat der Ukraine nach eigenen Angaben 5100 Leichen übergeben und 64 erhalten.",
        ),
        (
            "pl",
            "Rosja gotowa przekazać Ukrainie kolejne 2500 ciał",
            "Rosja przekazała Ukrainie 5100 ciał poległych żołnierzy i otrzymała 64 ciała swoich żołnierzy.",
        ),
    ],
)
def test_a_headline_deal_outranks_an_undated_handover_in_the_body(language: str, title: str, text: str) -> None:
    report = detect(Document(title, text, language, FRIDAY))
    primary = report.mentions[0]
    assert (primary.kind, primary.status) == ("agreement", "agreed"), report.mentions
    assert primary.fact_values().get("agreed_bodies") == 2500


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Russia and Ukraine agree on a new prisoner swap", "On Friday, Ukraine got back 90 prisoners of war."),
        (
            "ru",
            "Россия и Украина договорились о новом обмене пленными",
            "В пятницу Украина вернула 90 военнопленных.",
        ),
    ],
)
def test_a_handover_the_body_dates_stays_the_news(language: str, title: str, text: str) -> None:
    primary = detect(Document(title, text, language, FRIDAY)).mentions[0]
    assert (primary.kind, primary.status) == ("pow_exchange", "completed")


def test_arabic_present_agreement_and_future_handover() -> None:
    title = "روسيا وأوكرانيا تتفقان في إسطنبول على تبادل الأسرى الجرحى"
    text = "وقال رئيس الوفد الروسي إن موسكو ستسلم أيضاً جثث سبعة آلاف جندي أوكراني."
    report = detect(Document(title, text, "ar", FRIDAY))
    primary = report.mentions[0]
    assert (primary.kind, primary.status) == ("agreement", "agreed"), report.mentions
    assert primary.fact_values().get("agreed_bodies") == 7000
