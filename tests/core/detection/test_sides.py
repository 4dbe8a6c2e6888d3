"""Numbers bound to the right side and scope, clause by clause, in several languages (invented texts):
who receives by the verb of the count's own clause, people never counted as bodies, totals over their
parts, "the same number" mirrored, and weekdays that are not stage ordinals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

TUESDAY = datetime(2025, 3, 11, 12, 0, tzinfo=UTC)


def _facts(text: str, language: str, title: str = "") -> dict[str, Any]:
    report = detect(Document(title, text, language, TUESDAY))
    assert report.relevant and report.primary is not None, report.reasons
    return report.primary.fact_values()


@pytest.mark.parametrize(
    ("text", "language", "stage"),
    [
        ("Rosja i Ukraina przeprowadziły w piątek trzeci etap wymiany jeńców. Wróciło 70 Ukraińców.", "pl", 3),
        ("Россия и Украина в пятницу провели второй этап обмена пленными, вернулись 70 военных.", "ru", 2),
        ("Україна та Росія в п'ятницю провели третій етап обміну полоненими, повернулися 70 бійців.", "uk", 3),
        ("Rusko a Ukrajina v pátek uskutečnily druhou fázi výměny zajatců, vrátilo se 70 vojáků.", "cs", 2),
        ("Ukrajina i Rusija su u četvrtak provele drugu fazu razmjene zarobljenika, vratilo se 70 vojnika.", "sh", 2),
        ("A Rússia e a Ucrânia realizaram na quinta-feira a segunda fase da troca: 70 prisioneiros voltaram.", "pt", 2),
    ],
)
def test_a_weekday_is_not_the_stage_ordinal(text: str, language: str, stage: int) -> None:
    assert _facts(text, language).get("stage") == stage
