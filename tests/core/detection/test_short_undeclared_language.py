"""One-line texts with no declared language (invented): Belarusian without "ў" is told by its mix of "і" and
"ы"/"э" with no "и" (it was read as Ukrainian, whose words miss it), Pashto by "ې" beside its other letters (it
was read as Urdu); Ukrainian and Russian one-liners keep their language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.detection.language import document_language
from service.core.domain import Document

SATURDAY = datetime(2025, 6, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("be", "Расія і Украіна абмяняліся 90 ваеннапалоннымі."),
        ("be", "Украіна вярнула з палону 90 вайскоўцаў і мірных жыхароў."),
        ("ps", "روسیې او اوکراین ۹۰ جنګي بندیان تبادله کړل."),
        ("uk", "Україна і Росія обмінялися полоненими: додому повернулися 90 захисників."),
        ("ru", "Россия и Украина обменялись пленными: домой вернулись 90 военных."),
        ("uk", "Росія і Україна обміняли по 90 полонених."),
    ],
)
def test_a_one_liner_gets_its_language(language: str, text: str) -> None:
    assert document_language("", text, None) == language
    report = detect(Document("", text, None, SATURDAY))
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "pow_exchange" and report.primary.status == "completed"
