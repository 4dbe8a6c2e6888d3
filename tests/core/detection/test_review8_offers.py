"""Review 8 item 2: "less than offered" needs a real offer with a count and a smaller count right after "only".
A wish is no offer ("Kyiv wants an all-for-all exchange, but just 84 defenders came home" is a report), and a
negated "only" ("не тільки 84, а й 20") limits nothing. The complaints of tests/core/detection/
test_less_than_offered.py stay complaints."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.detection.generic import _less_than_offered
from service.core.detection.sentences import analyse
from service.core.domain import Document
from service.core.topics import load_topic

SATURDAY = datetime(2025, 6, 14, 12, 0, tzinfo=UTC)

A_WISH_AND_A_RETURN = {
    "en": "Kyiv wants an all-for-all exchange, but just 84 defenders came home from Russian captivity.",
    "uk": "Київ хоче обміну всіх на всіх, але лише 84 захисники повернулися додому з російського полону.",
    "ru": "Киев хочет обмена всех на всех, но только 84 защитника вернулись домой из российского плена.",
    "de": "Kiew will einen Austausch aller gegen alle, doch nur 84 Verteidiger kehrten aus russischer "
    "Gefangenschaft heim.",
}


@pytest.mark.parametrize("language", sorted(A_WISH_AND_A_RETURN))
def test_a_wish_is_no_offer(language: str) -> None:
    report = detect(Document("", A_WISH_AND_A_RETURN[language], language, SATURDAY))
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "pow_exchange" and report.primary.status == "completed"


NOT_ONLY = {
    "en": "Russia offered to hand over 500 prisoners, but not only 84 soldiers came home: 20 civilians returned too.",
    "uk": "Росія пропонувала передати 500 полонених, але додому повернулися не тільки 84 військові, а й 20 цивільних.",
    "ru": "Россия предлагала передать 500 пленных, но домой вернулись не только 84 военных, но и 20 гражданских.",
    "de": "Russland hatte angeboten, 500 Gefangene zu übergeben, doch heimgekehrt sind nicht nur 84 Soldaten, "
    "sondern auch 20 Zivilisten.",
}


def _limited(text: str, language: str) -> bool:
    sentence = analyse(Document("", text, language, SATURDAY), load_topic())[0]
    return _less_than_offered(sentence)


@pytest.mark.parametrize("language", sorted(NOT_ONLY))
def test_a_negated_only_limits_nothing(language: str) -> None:
    assert not _limited(NOT_ONLY[language], language)


def test_only_a_smaller_count_than_offered_is_limited() -> None:
    assert _limited("Russia offered to hand over 935 prisoners, but Kyiv received only 279.", "en")
    assert not _limited("Russia offered to hand over 100 prisoners, but Kyiv received only 279 soldiers.", "en")
    assert not _limited("Russia offered an exchange, but Kyiv received only 279 soldiers.", "en")  # no count offered
