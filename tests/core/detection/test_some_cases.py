""" "In some cases" («в ряде случаев», «у низці випадків», "in einigen Fällen") tells what happens now and then
in returns in general, not one handover: an identification feature saying that in some cases Russian remains
were among the bodies handed over reports none. Invented texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

MONDAY = datetime(2031, 8, 18, 12, 0, tzinfo=UTC)
RU = "Родственники жалуются на ошибки: в ряде случаев среди переданных оказывались останки российских военных."
UK = "Рідні скаржаться на помилки: у низці випадків Росія передавала останки російських військових."
EN = "Relatives complain of errors: in some cases the bodies handed over included remains of Russian soldiers."
DE = "Angehörige klagen über Fehler: In einigen Fällen waren unter den übergebenen Leichen russische Soldaten."


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("ru", "Как в Украине опознают тела погибших", RU),
        ("uk", "Як в Україні впізнають тіла загиблих", UK),
        ("en", "How Ukraine identifies its fallen", EN),
        ("de", "Wie die Ukraine ihre Gefallenen identifiziert", DE),
    ],
)
def test_what_happens_in_some_cases_is_no_handover(language: str, title: str, text: str) -> None:
    report = detect(Document(title, text, language, MONDAY))
    assert not report.relevant, [(m.kind, m.status) for m in report.mentions]
