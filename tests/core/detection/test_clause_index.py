"""The clause of a token is found by bisection over the clause starts (sentences.clause_index), one helper for
the paperwork and the place rules; an empty piece between two breaks (a start repeated) splits nothing."""

from __future__ import annotations

import pytest

from service.core.detection.sentences import clause_index

STARTS = (0, 4, 4, 9)  # "a b c d , , e f g h i , j": the second comma opens an empty clause


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [(0, 3, True), (3, 4, False), (4, 8, True), (8, 9, False), (9, 20, True), (0, 9, False)],
)
def test_two_tokens_share_a_clause_when_no_start_lies_between_them(left: int, right: int, same: bool) -> None:
    assert (clause_index(STARTS, left) == clause_index(STARTS, right)) is same


def test_no_starts_is_one_clause() -> None:
    assert clause_index((), 0) == clause_index((), 7)
