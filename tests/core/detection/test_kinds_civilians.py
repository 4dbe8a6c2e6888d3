"""People released by the other side with no exchange word are a return from captivity ("Russia has freed
12 Ukrainian civilians", "Rusia liberó a doce civiles"); people who only come home, or are named on lists that change
hands, are not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

SATURDAY = datetime(2024, 7, 13, 10, 0, tzinfo=UTC)


def _detect(text: str, title: str = "", language: str = "en") -> Report:
    return detect(Document(title, text, language, SATURDAY))


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        ("", "Russia has freed 12 Ukrainian civilians, among them a journalist, Zelensky said on Saturday.", "en"),
        ("Rusia liberó a doce civiles ucranianos", "Kiev agradeció la mediación de Catar.", "es"),
    ],
)
def test_civilians_released_by_the_other_side_came_back_from_captivity(title: str, text: str, language: str) -> None:
    report = _detect(text, title=title, language=language)
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ukrainian civilians returned to Kherson after Russian troops withdrew from the city.", "en"),
        ("Ukraine has returned 12 civilians from the occupied territories to their home soil, officials said.", "en"),
        ("Списки мирных жителей Курской области переданы украинской стороне, сообщила Москалькова.", "ru"),
        ("Kyiv handed over lists of civilians and is ready for an exchange at any moment, Lubinets said.", "en"),
    ],
)
def test_people_who_only_come_home_or_are_listed_were_not_released(text: str, language: str) -> None:
    report = _detect(text, language=language)
    assert all(m.status != "completed" for m in report.mentions), report.mentions


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nine Ukrainian civilians, released by Russia, came back home on Saturday, the ombudsman said.", "en"),
        ("Nueve civiles ucranianos, liberados por Rusia, volvieron a casa el sábado, informó el defensor.", "es"),
        ("Neuf civils ukrainiens, libérés par la Russie, sont rentrés chez eux samedi, a indiqué le médiateur.", "fr"),
    ],
)
def test_a_side_only_as_the_passives_agent_is_read_alike_in_every_language(text: str, language: str) -> None:
    """With no captivity or exchange word, a party after "by"/"por"/"par" (binding.agent_prepositions) is no
    release by a side in any language (English "released" is also a handing-over verb, Spanish "liberados" is
    not: they used to be read differently)."""
    assert not _detect(text, language=language).relevant
