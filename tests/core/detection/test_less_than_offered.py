"""An official's complaint: "Russia offered to hand over 935 prisoners, but Kyiv took back only 279" (invented) —
an act after a contrast, limited by "only", against an offer before it, on no day, is what one side says the
other accepted, not news of an exchange (uk/ru/de read it as a completed exchange of 935). A day keeps it a
report; "only" without an offer ("but only ten of them were wounded") changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2024, 11, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "uk",
            "Захарова звинуватила Київ у саботажі обмінів",
            "Росія пропонувала передати 935 українських військовополонених, але Київ забрав лише 279, "
            "заявила Захарова.",
        ),
        (
            "ru",
            "Захарова обвинила Киев в саботаже обменов",
            "Россия предлагала передать 935 украинских военнопленных, однако Киев забрал лишь 279, заявила Захарова.",
        ),
        (
            "de",
            "Sacharowa wirft Kiew Sabotage vor",
            "Russland habe angeboten, 935 ukrainische Kriegsgefangene zu übergeben, doch Kiew habe nur 279 "
            "zurückgenommen, sagte Sacharowa.",
        ),
        (
            "en",
            "Zakharova accuses Kyiv of sabotaging exchanges",
            "Russia offered to hand over 935 Ukrainian prisoners of war, but Kyiv received only 279, Zakharova said.",
        ),
        (
            "pl",
            "Zacharowa oskarża Kijów o sabotowanie wymian",
            "Rosja proponowała przekazanie 935 ukraińskich jeńców, ale Kijów odebrał tylko 279 – "
            "powiedziała Zacharowa.",
        ),
    ],
)
def test_less_than_offered_is_a_complaint(language: str, title: str, text: str) -> None:
    report = detect(Document(title, text, language, SATURDAY))
    assert not report.relevant, report.mentions


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "uk",
            "Росія пропонувала передати 1000 полонених, але в п'ятницю Київ забрав лише 279, повідомило міноборони.",
        ),
        (
            "en",
            "Ukraine brought home 90 soldiers from Russian captivity on Saturday, but only ten of them were wounded.",
        ),
        ("ru", "Россия и Украина обменялись 90 пленными, но лишь десять из них были ранены, сообщило Минобороны."),
    ],
)
def test_a_day_or_no_offer_keeps_the_report(language: str, text: str) -> None:
    report = detect(Document("", text, language, SATURDAY))
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "pow_exchange" and report.primary.status == "completed"
