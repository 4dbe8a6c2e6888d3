"""Georgian writes "N for N" as two counts with the postposition on the second: "390 390-ზე" (invented). Two equal
three-digit groups split by a space were read as one number, 390,390, a running total, so the headline
"Russia and Ukraine exchanged prisoners — 390 for 390" was background; they are two counts now, and the
postposition after the second joins them as the formula (both sides 390). Grouped thousands stay one number."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.detection.numbers import find_numbers, n_for_n
from service.core.domain import Document
from service.core.topics import normalize, tokenize

FRIDAY = datetime(2025, 5, 23, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("title", "text", "count"),
    [
        ("რუსეთმა და უკრაინამ ტყვეები გაცვალეს - 390 390-ზე", "", 390),
        ("", "რუსეთმა და უკრაინამ ტყვეები გაცვალეს 84 84-ზე.", 84),
    ],
)
def test_a_georgian_formula_is_both_sides(title: str, text: str, count: int) -> None:
    report = detect(Document(title, text, "ka", FRIDAY))
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "pow_exchange" and report.primary.status == "completed"
    facts = {f.key: f.value for f in report.primary.facts}
    assert facts.get("returned_to_ukraine") == count and facts.get("returned_to_russia") == count


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("390 390-ზე", [390, 390]),
        ("390\u00a0390-ზე", [390, 390]),  # a no-break space as well (review 8, item 9)
        ("390\u202f390-ზე", [390, 390]),
        ("12 000 тел", [12000]),
        ("1 390 390", [1390390]),
        ("390 391", [390391]),
        ("обмен 1 000 на 1 000", [1000, 1000]),
    ],
)
def test_equal_space_separated_groups_are_two_counts(text: str, values: list[int]) -> None:
    tokens = tokenize(normalize(text))
    assert [n.value for n in find_numbers(tokens)] == values
    if text.endswith("ზე"):
        assert [n.value for n in n_for_n(tokens, find_numbers(tokens))] == [390]
