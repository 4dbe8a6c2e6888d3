"""An undated handover whose day is told in the next sentence, about who came home, with no party of its own
("The second stage took place. On 14 March severely wounded defenders came home"): that day is the handover's.
A day of talks or a recalled swap told next is not. Invented texts, no publication date (a replayed row)."""

from __future__ import annotations

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "The second stage of the prisoner exchange with Russia took place in Ukraine. According to the "
            "headquarters, on 14 March severely wounded defenders returned home.",
        ),
        (
            "de",
            "Die zweite Phase des Gefangenenaustauschs mit Russland fand in der Ukraine statt. Laut dem Stab "
            "kehrten am 14. März schwer verwundete Verteidiger nach Hause zurück.",
        ),
    ],
)
def test_the_day_told_next_dates_an_undated_handover(language: str, text: str) -> None:
    primary = detect(Document("", text, language, None)).mentions[0]
    assert primary.kind == "pow_exchange" and primary.event_date is None
    assert primary.month_day == (3, 14)


def test_a_recalled_day_told_next_does_not() -> None:
    text = (
        "The second stage of the prisoner exchange with Russia took place in Ukraine. Earlier, on 14 March, "
        "severely wounded defenders had returned home."
    )
    primary = detect(Document("", text, "en", None)).mentions[0]
    assert primary.kind == "pow_exchange" and primary.month_day is None
