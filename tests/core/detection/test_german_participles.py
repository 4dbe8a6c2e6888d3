"""German past participles by their shape (invented texts): an act verb formed as a participle tells the act
done, whether or not it is in the list of participles; an auxiliary of the future or a modal still makes it
a plan."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2025, 6, 14, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Die Ukraine hat am Samstag 84 Soldaten aus russischer Gefangenschaft zurückgeholt.", "pow_exchange"),
        (
            "84 ukrainische Soldaten sollen am Samstag aus russischer Gefangenschaft zurückgeholt werden.",
            "agreement",
        ),
        ("Die Ukraine will am Samstag 84 Soldaten aus russischer Gefangenschaft zurückholen.", None),
    ],
)
def test_a_participles_shape_tells_the_act_done(text: str, kind: str | None) -> None:
    report = detect(Document("", text, "de", SATURDAY))
    assert (report.primary.kind if report.primary else None) == kind
