"""Whom an agreement covers, told by its criteria (invented texts): "the agreed categories: wounded, …",
"First of all, these are the seriously wounded", "Vorrang hätten Schwerverletzte und Frauen" — a sentence
naming categories or priorities in an agreement's report names its categories, with no exchange word."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.domain import Document
from tests.support.detection import primary

THURSDAY = datetime(2031, 3, 6, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title", "text", "expected"),
    [
        (
            "en",
            "Ukraine opens talks with Russia on swapping prisoners",
            "Ukraine says it has begun talks with Russia over exchanging prisoners, its ombudsman said on Wednesday. "
            '"We have priority categories. First of all, these are the seriously wounded," he said.',
            {"wounded"},
        ),
        (
            "de",
            "Moskau will über einen Gefangenenaustausch reden",
            "Die russische Menschenrechtsbeauftragte hat sich an ihren ukrainischen Amtskollegen gewandt, um über "
            "einen Gefangenenaustausch zu sprechen. Vorrang hätten für Kiew Schwerverletzte und Frauen.",
            {"wounded", "women"},
        ),
        (
            "ro",
            "Moscova acuză Kievul că a amânat schimbul de prizonieri",
            "Rusia susține că Ucraina a amânat schimbul de prizonieri convenit la Geneva. "
            "Kievul afirmă că Rusia a trimis liste care nu respectă categoriile: răniți și bolnavi grav.",
            {"wounded", "seriously_ill"},
        ),
    ],
)
def test_an_agreements_criteria_are_its_categories(language: str, title: str, text: str, expected: set[str]) -> None:
    mention = primary(Document(title, text, language, THURSDAY))
    assert mention.kind == "agreement"
    assert set(mention.fact_values().get("categories", ())) == expected
