"""Numbers in news text: digits with thousand separators, spelled-out numbers, "N for N" formulas.

Works on the token lists that `service.core.topics.tokenize(normalize(text))` produces, where a grouped
number such as "1,000", "1 000", "6.057" or "12\u00a0000" is already a single token "1000"
(a dot followed by three digits is a thousands separator in de/uk/ru and in practice in this domain).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from service.core.topics import Topic, load_topic, normalize, tokenize

# Tokens that multiply a preceding digit: "7 тисяч", "1 тыс.", "12 thousand", "2 mil".
_MULTIPLIER = 1000


@dataclass(frozen=True)
class NumberSpan:
    """A number found at token indices [start, end)."""

    start: int
    end: int
    value: int
    spelled: bool = False  # written in words (e.g. "сто", "two hundred and seven")


_SCORE = 20


def _spelled(tokens: list[str], i: int, topic: Topic, words: Mapping[str, int]) -> NumberSpan | None:
    """A run of number words starting at i: "two hundred and seven", "сто вісімдесят троє"."""
    total = current = 0
    j = i
    last = i
    seen = False
    small: int | None = None  # the last word below a hundred: the parts of one number descend ("twenty three")
    while j < len(tokens):
        token = tokens[j]
        value = words.get(token)
        if value == _SCORE and small == 4:
            current += 4 * _SCORE - 4  # French "quatre-vingt(s)": four twenties
            small, seen, last, j = None, True, j, j + 1
            continue
        if value is not None and value < 100 and small is not None and value >= small:
            break  # Hungarian "ötven-ötven" (fifty each): two numbers, not a hundred
        if value is None and token in topic.number_articles and j + 1 < len(tokens):
            nxt = words.get(tokens[j + 1])
            value = 1 if nxt is not None and nxt >= 100 and not seen else None
        if value is None:
            connector = seen and token in topic.number_connectors and j + 1 < len(tokens)
            if connector and words.get(tokens[j + 1]) is not None:
                j += 1
                continue
            break
        if value == 100:
            current = (current or 1) * 100
            small = None
        elif value == _MULTIPLIER:
            total += (current or 1) * _MULTIPLIER
            current = 0
            small = None
        else:
            current += value
            small = value
        seen = True
        last = j
        j += 1
    if not seen:
        return None
    return NumberSpan(i, last + 1, total + current, spelled=True)


def find_numbers(tokens: list[str], topic: Topic | None = None, language: str | None = None) -> list[NumberSpan]:
    """All numbers in a token list, in order; words are read as numbers only in their own language."""
    topic = topic or load_topic()
    words = topic.number_words_for(language)
    found: list[NumberSpan] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.isdecimal():
            value = int(token)
            end = i + 1
            if end < len(tokens) and words.get(tokens[end]) == _MULTIPLIER:
                value *= _MULTIPLIER
                end += 1
            found.append(NumberSpan(i, end, value))
            i = end
            continue
        span = _spelled(tokens, i, topic, words)
        if span is not None:
            # A lone "one"/"un"/"ein" is an article far more often than a count.
            if span.value > 1 or span.end - span.start > 1:
                found.append(span)
            i = span.end
            continue
        i += 1
    return found


def n_for_n(tokens: list[str], numbers: list[NumberSpan], topic: Topic | None = None) -> list[NumberSpan]:
    """Formulas "1000 for 1000" / "303 на 303" / "25 x 25": one span covering both equal counts; a postposition
    written onto the second count (`n_for_n_after`: Georgian "390 390-ზე") joins two adjacent ones, the words
    between two counts do not ("390 390 to …" is no formula)."""
    topic = topic or load_topic()
    pairs: list[NumberSpan] = []
    for a, b in itertools.pairwise(numbers):
        between = b.start == a.end + 1 and tokens[a.end] in topic.n_for_n
        after = b.start == a.end and b.end < len(tokens) and tokens[b.end] in topic.n_for_n_after
        if a.value == b.value and (between or after):
            pairs.append(NumberSpan(a.start, b.end, a.value))
    return pairs


def parse_number(text: str, topic: Topic | None = None) -> int | None:
    """Parse one number written in digits or words ("1,000", "6.057", "тисяча", "a thousand")."""
    tokens = tokenize(normalize(text))
    numbers = find_numbers(tokens, topic)
    if len(numbers) != 1 or numbers[0].start != 0 or numbers[0].end != len(tokens):
        return None
    return numbers[0].value
