"""An appeal to start an exchange "so that 1,200 soldiers from each side could return home" reports no
return: the purpose clause («чтобы», «щоб», "damit", "aby", "so that") is a side unit whose "could return" is
no completion, and the appeal verbs («закликав», "wezwał", "forderte … auf") are wishes like "called on" and
«призвал». Russian imperfective «договаривались» (they had agreed) is an agreement. Invented texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2031, 6, 7, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title"),
    [
        (
            "ru",
            "Мединский призвал Киев немедленно приступить к обмену, чтобы по 1200 военнослужащих с каждой стороны"
            " смогли вернуться домой",
        ),
        (
            "uk",
            "Мединський закликав Київ негайно розпочати обмін, щоб по 1200 військових з кожного боку змогли"
            " повернутися додому",
        ),
        (
            "pl",
            "Miedinski wezwał Kijów do natychmiastowego rozpoczęcia wymiany, aby po 1200 żołnierzy z każdej strony"
            " mogło wrócić do domu",
        ),
        (
            "de",
            "Medinski forderte Kiew auf, den Austausch sofort zu beginnen, damit je 1200 Soldaten beider Seiten"
            " heimkehren konnten",
        ),
    ],
)
def test_an_appeal_with_a_purpose_reports_no_return(language: str, title: str) -> None:
    report = detect(Document(title, "", language, SATURDAY))
    assert all(m.status != "completed" for m in report.mentions), report.mentions


def test_russian_imperfective_agreed() -> None:
    report = detect(Document("Мединский: Россия и Украина договаривались об обмене 1200 на 1200", "", "ru", SATURDAY))
    primary = report.mentions[0]
    assert (primary.kind, primary.status) == ("agreement", "agreed")
    assert (primary.fact_values().get("agreed_to_ukraine"), primary.fact_values().get("agreed_to_russia")) == (
        1200,
        1200,
    )
