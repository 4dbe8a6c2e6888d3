"""How one report changes an event: facts with provenance, sources, confidence, status, dates.

Pure helpers for cluster.py; no clock, no I/O. Conflicting figures are all kept in provenance and the
merged value is chosen by official sources first, then by how many outlets said it, then by which came
first (one later misreading does not overwrite a figure).
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from service.core.domain import DatePrecision, Document, EventState, EventStatus, Mention, Provenance

NUMBER_KEYS: tuple[str, ...] = (
    "returned_to_ukraine",
    "returned_to_russia",
    "bodies_to_ukraine",
    "bodies_to_russia",
)
LIST_KEYS: frozenset[str] = frozenset({"categories", "mediators"})

_PRECISION_RANK: dict[DatePrecision, int] = {"unknown": 0, "month": 1, "day": 2}

# Which status an event may move to; "completed" is final, a recall never moves it.
_TRANSITIONS: dict[EventStatus, frozenset[EventStatus]] = {
    "agreed": frozenset({"completed", "postponed", "disrupted"}),
    "postponed": frozenset({"agreed", "completed", "disrupted"}),
    "disrupted": frozenset({"agreed", "completed", "postponed"}),
    "completed": frozenset(),
}

_PARENS = re.compile(r"\s*[(\[].*?[)\]]\s*")


def is_number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def figure_keys(facts: Mapping[str, Any]) -> list[str]:
    """Keys holding a head count: the standard ones and any other integer fact (agreed numbers…)."""
    return [k for k, v in facts.items() if k != "stage" and is_number(v)]


def source_name(doc: Document) -> str:
    """A normalised outlet name so that one outlet counts once however its feeds spell it."""
    raw = (doc.source or "").strip() or urlsplit(doc.url).netloc
    name = _PARENS.sub(" ", raw).strip().lower()
    if "://" in name:
        name = name.split("://", 1)[1]
    host, _, path = name.partition("/")
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    # Keep the channel for hosts that carry many outlets (t.me/CoordinationHQ).
    return f"{host}/{path.split('/')[0]}" if host in {"t.me", "telegram.me", "x.com", "twitter.com"} else host


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def is_old(event_date: date | None, precision: DatePrecision, ref: datetime, max_age_days: int) -> bool:
    """True when the event (given the benefit of the doubt for a month date) is older than max_age_days."""
    if event_date is None or precision == "unknown":
        return False
    latest = month_end(event_date) if precision == "month" else event_date
    return (ref.date() - latest).days > max_age_days


def confidence(n_sources: int, official: bool, *, source_weight: float, official_weight: float) -> float:
    """Independent-evidence style score: each outlet removes a share of the remaining doubt."""
    doubt = (1.0 - source_weight) ** max(n_sources - (1 if official else 0), 0)
    if official:
        doubt *= 1.0 - official_weight
    return round(1.0 - doubt, 4)


def merged_value(key: str, entries: Iterable[Provenance]) -> Any:
    """The value to show for one fact given everything every source said."""
    entries = list(entries)
    if not entries:
        return None
    if key in LIST_KEYS:
        return tuple(sorted({item for p in entries for item in p.value}))
    pool = [p for p in entries if p.official] or entries
    latest_by_source = {p.source: p for p in pool}  # a source that corrected itself counts once, as corrected
    counts = Counter(p.value for p in latest_by_source.values())
    best = max(counts.values())
    # A tie keeps the value the event already had: one later outlet's misreading (or early count) must
    # not overwrite it and send an update; a second outlet saying the same does.
    for p in pool:
        if counts.get(p.value) == best and latest_by_source[p.source] is p:
            return p.value
    return pool[-1].value


def add_provenance(
    provenance: Mapping[str, tuple[Provenance, ...]], mention: Mention, doc: Document, source: str
) -> dict[str, tuple[Provenance, ...]]:
    """Provenance with this report's facts appended (one entry per source and value)."""
    out = dict(provenance)
    seen_keys: set[str] = set()
    for fact in mention.facts:
        if fact.key in seen_keys:
            continue
        seen_keys.add(fact.key)
        value = tuple(fact.value) if isinstance(fact.value, list) else fact.value
        entries = out.get(fact.key, ())
        if any(p.source == source and p.value == value for p in entries):
            continue
        entry = Provenance(value, source, doc.url, fact.sentence, doc.official)
        out[fact.key] = (*entries, entry)
    return out


def merge_facts(provenance: Mapping[str, tuple[Provenance, ...]]) -> dict[str, Any]:
    return {key: merged_value(key, entries) for key, entries in provenance.items() if entries}


def next_status(current: EventStatus, said: EventStatus, recalled: bool) -> EventStatus:
    if recalled or said == current:
        return current
    return said if said in _TRANSITIONS[current] else current


def better_date(event: EventState, mention: Mention, official: bool) -> tuple[date | None, DatePrecision, bool]:
    """The more precise date (and whether it is only inferred from publication): a stated day beats a
    day inferred from publication; an official source settles a disagreement between equal ones."""
    keep = event.event_date, event.date_precision, event.date_inferred
    if mention.event_date is None or mention.date_precision == "unknown":
        return keep
    mine = (_PRECISION_RANK[event.date_precision], not event.date_inferred)
    theirs = (_PRECISION_RANK[mention.date_precision], not mention.date_inferred)
    if theirs > mine or (theirs == mine and official and not event.official):
        return mention.event_date, mention.date_precision, mention.date_inferred
    return keep


def add_evidence(
    evidence: tuple[Provenance, ...], mention: Mention, doc: Document, source: str, limit: int
) -> tuple[Provenance, ...]:
    """A few evidence sentences, official ones first, one per sentence text."""
    known = {p.sentence for p in evidence}
    fresh = [
        Provenance(mention.status, source, doc.url, sentence, doc.official)
        for sentence in mention.evidence[:2]
        if sentence not in known
    ]
    merged = sorted((*evidence, *fresh), key=lambda p: not p.official)  # stable: keeps arrival order
    return tuple(merged[:limit])
