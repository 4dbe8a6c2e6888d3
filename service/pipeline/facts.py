"""Fact extraction for one mention: counts bound to their noun and to the receiving side, stage,
categories, groups, mediators, and for agreements the agreed counts and venue.

Counts ("84 Ukrainian defenders", "тіла 501 полеглого", "303 на 303") are read per sentence in order
(headline first); the first clear value per key wins, and a count whose side is not stated fills a
side only after every stated one, so "150 prisoners … 189 Ukrainians" puts 189 on Ukraine's side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from service.domain import EventKind, Fact
from service.pipeline.numbers import NumberSpan, find_numbers, n_for_n
from service.topics import Span, Topic

if TYPE_CHECKING:
    from service.pipeline.detect import Sentence

_UA, _RU, _BOTH, _UNKNOWN = "ua", "ru", "both", "?"
_AFTER, _BEFORE = 5, 3  # token windows for binding a number to its noun


@dataclass(frozen=True)
class Count:
    value: int
    side: str
    kind: str  # "pow" or "body"
    sentence: str


def _near(hits: dict[str, list[Span]], concept: str, lo: int, hi: int) -> bool:
    return any(lo <= a < hi or lo < b <= hi for a, b in hits.get(concept, ()))


def _skip(s: Sentence, n: NumberSpan) -> bool:
    """Dates, years, ages, approximations, breakdowns and running totals are not a side's count."""
    if any(m.start <= n.start < m.end for m in s.dates):
        return True
    if not n.spelled and 1990 <= n.value <= 2100 and n.end == n.start + 1:
        return True
    if _near(s.hits, "age", n.end, n.end + 2) or _near(s.hits, "approx", n.start - 2, n.start):
        return True
    if _near(s.hits, "subcount", n.end, n.end + 7) or _near(s.hits, "subcount", n.start - 3, n.start):
        return True
    return s.has("cumulative")


def _object_kind(s: Sentence, n: NumberSpan) -> str | None:
    if _near(s.hits, "body", n.start - _BEFORE, n.end + _AFTER - 1):
        return "body"
    if any(_near(s.hits, c, n.end, n.end + _AFTER) for c in ("pow", "captivity", "people")):
        return "pow"
    return None


def _side(s: Sentence, n: NumberSpan) -> str:
    lo, hi = n.start - 2, n.end + 4
    ua, ru = _near(s.hits, "nat_ua", lo, hi), _near(s.hits, "nat_ru", lo, hi)
    if ua != ru:
        return _UA if ua else _RU
    if s.has("same_number") or s.has("each"):
        return _BOTH
    if s.has("to_ua") != s.has("to_ru"):
        return _UA if s.has("to_ua") else _RU
    if s.has("handover_subject_ru"):
        return _UA
    if s.has("handover_subject_ua"):
        return _RU
    return _UNKNOWN


def counts(s: Sentence, topic: Topic) -> list[Count]:
    """Counts of people or bodies in one sentence, with the side that received them."""
    numbers = find_numbers(s.tokens, topic)
    found: list[Count] = []
    for pair in n_for_n(s.tokens, numbers, topic):
        kind = "body" if _near(s.hits, "body", pair.start - _BEFORE, pair.end + _AFTER) else "pow"
        found.append(Count(pair.value, _BOTH, kind, s.text))
    paired = {(p.start, p.end) for p in n_for_n(s.tokens, numbers, topic)}
    for n in numbers:
        if any(a <= n.start < b for a, b in paired) or _skip(s, n):
            continue
        kind = _object_kind(s, n)
        if kind is not None:
            found.append(Count(n.value, _side(s, n), kind, s.text))
    return found


def _assign(all_counts: list[Count], kind: str, keys: tuple[str, str]) -> list[Fact]:
    ua_key, ru_key = keys
    values: dict[str, Fact] = {}
    for c in all_counts:
        if c.kind != kind or c.side == _UNKNOWN:
            continue
        if c.side in (_UA, _BOTH):
            values.setdefault(ua_key, Fact(ua_key, c.value, c.sentence))
        if c.side in (_RU, _BOTH):
            values.setdefault(ru_key, Fact(ru_key, c.value, c.sentence))
    for c in all_counts:
        if c.kind != kind or c.side != _UNKNOWN:
            continue
        if ua_key not in values:
            values[ua_key] = Fact(ua_key, c.value, c.sentence)
        elif ru_key not in values and values[ua_key].value != c.value and kind == "pow":
            values[ru_key] = Fact(ru_key, c.value, c.sentence)
    return [values[k] for k in keys if k in values]


def _labels(sentences: list[Sentence], prefix: str, names: tuple[str, ...]) -> tuple[tuple[str, ...], str]:
    """Category/group/mediator labels in order of appearance; longer phrases hide those inside them."""
    found: list[tuple[int, int, str]] = []
    sentence = ""
    for s in sentences:
        spans = [(a, b, name) for name in names for a, b in s.hits.get(prefix + name, ())]
        for a, b, name in spans:
            if any(a2 <= a and b <= b2 and (b2 - a2) > (b - a) for a2, b2, _ in spans):
                continue
            found.append((s.index * 10_000 + a, b, name))
            sentence = sentence or s.text
    ordered = [name for _, _, name in sorted(found)]
    return tuple(dict.fromkeys(ordered)), sentence


def _stage(sentences: list[Sentence], topic: Topic) -> Fact | None:
    for s in sentences:
        for i, token in enumerate(s.tokens[:-1]):
            value = _ordinal(token, topic)
            if not value:
                continue
            window = (i + 1, i + 3)
            if _near(s.hits, "stage_noun", *window):
                return Fact("stage", value, s.text)
            series = s.has("stage_series") and not s.has("cumulative") and value <= 5
            if series and _near(s.hits, "stage_exchange_noun", *window):
                return Fact("stage", value, s.text)
    return None


def _ordinal(token: str, topic: Topic) -> int | None:
    if token[:1].isdigit():
        digits = token.rstrip("abcdefghijklmnopqrstuvwxyzийгоеяю")
        if digits.isdigit() and digits != token and int(digits) <= 20:
            return int(digits)
        return None
    value = topic.ordinals.get(token)
    return int(value) if value else None


def _mediators(sentences: list[Sentence], topic: Topic) -> Fact | None:
    names: list[str] = []
    sentence = ""
    for s in sentences:
        for name in topic.mediator_names:
            for a, b in s.hits.get("med:" + name, ()):
                if _near(s.hits, "mediation", a - 7, b + 7) and name not in names:
                    names.append(name)
                    sentence = sentence or s.text
    return Fact("mediators", tuple(names), sentence) if names else None


def _agreement_facts(sentences: list[Sentence], topic: Topic) -> list[Fact]:
    facts: dict[str, Fact] = {}
    for s in sentences:
        for c in counts(s, topic):
            if c.kind == "body":
                facts.setdefault("agreed_bodies", Fact("agreed_bodies", c.value, c.sentence))
                continue
            if c.side in (_UA, _BOTH, _UNKNOWN):
                facts.setdefault("agreed_to_ukraine", Fact("agreed_to_ukraine", c.value, c.sentence))
            if c.side in (_RU, _BOTH, _UNKNOWN):
                facts.setdefault("agreed_to_russia", Fact("agreed_to_russia", c.value, c.sentence))
        for a, b in s.hits.get("venue", ()):
            facts.setdefault("venue", Fact("venue", " ".join(s.tokens[a:b]), s.text))
    return list(facts.values())


def extract_facts(
    kind: EventKind, sentences: list[Sentence], topic: Topic, context: list[Sentence] | None = None
) -> tuple[Fact, ...]:
    """Facts of one mention from its evidence sentences (headline first, text order).

    `context` (default: the evidence) is where categories, groups and mediators are looked for: they
    are often named in a sentence of their own ("The UAE mediated the swap").
    """
    context = sentences if context is None else context
    mediators = _mediators(context, topic)
    if kind == "agreement":
        return tuple(_agreement_facts(sentences, topic))
    facts = _count_facts(kind, sentences, topic, context)
    return (*facts, mediators) if mediators else tuple(facts)


def _count_facts(
    kind: EventKind, sentences: list[Sentence], topic: Topic, context: list[Sentence]
) -> list[Fact]:
    all_counts = [c for s in sentences for c in counts(s, topic)]
    facts: list[Fact] = []
    if kind == "body_repatriation":
        facts += _assign(all_counts, "body", ("bodies_to_ukraine", "bodies_to_russia"))
        if not facts:
            single = next((s for s in sentences if s.has("body_singular")), None)
            if single is not None:
                facts.append(Fact("bodies_to_ukraine", 1, single.text))
    else:
        facts += _assign(all_counts, "pow", ("returned_to_ukraine", "returned_to_russia"))
        stage = _stage(sentences, topic)
        if stage:
            facts.append(stage)
        done = [s for s in context if not s.has("agree") and s.has("return", "exchange", "pow", "captivity")]
        for prefix, key, names in (
            ("cat:", "categories", topic.category_names),
            ("grp:", "groups", topic.group_names),
        ):
            labels, sentence = _labels(done, prefix, names)
            if labels:
                facts.append(Fact(key, labels, sentence))
    return facts
