"""Ukrainian and Russian "is to take place" / "are to carry out" («має відбутися», «мають провести», «должен
состояться», «должны провести») are plans like English "is to take place", German "soll stattfinden" and Polish
"ma się odbyć": a headline telling an exchange so is an agreement, not a report nor nothing. Invented texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

WEDNESDAY = datetime(2031, 2, 26, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("uk", "Обмін полоненими між Україною та Росією має відбутися в Стамбулі"),
        ("uk", "Обмін 300 полоненими між Україною та Росією мають провести в Стамбулі"),
        ("ru", "Обмен пленными между Россией и Украиной должен состояться в Стамбуле"),
        ("ru", "Обмен 300 пленными между Россией и Украиной должны провести в Стамбуле"),
        ("en", "Prisoner exchange between Ukraine and Russia is to take place in Istanbul"),
        ("de", "Gefangenenaustausch zwischen der Ukraine und Russland soll in Istanbul stattfinden"),
    ],
)
def test_an_exchange_that_is_to_take_place_is_planned(language: str, title: str) -> None:
    report = detect(Document(title, "", language, WEDNESDAY))
    assert report.relevant, report.reasons
    primary = report.mentions[0]
    assert (primary.kind, primary.status) == ("agreement", "agreed"), report.mentions
