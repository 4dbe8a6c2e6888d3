"""What the HTML pages show of an event: plain dicts built from its state (templates stay logic-free)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.core.domain import EventState, Provenance
from service.core.events.notice import FIELD_LABELS
from service.core.events.summary import KIND_LABELS, format_date, summarize

FIGURE_ORDER = (
    "returned_to_ukraine",
    "returned_to_russia",
    "bodies_to_ukraine",
    "bodies_to_russia",
    "agreed_to_ukraine",
    "agreed_to_russia",
    "agreed_bodies",
    "stage",
)
LIST_FACTS = ("mediators", "categories", "groups")


@dataclass
class Claim:
    value: str
    source: str
    url: str
    official: bool


@dataclass
class Figure:
    label: str
    value: str
    claims: list[Claim] = field(default_factory=list)
    disputed: bool = False


@dataclass
class EventView:
    id: str
    summary: str
    kind: str
    status: str
    date: str
    official: bool
    confidence: int
    sources_count: int
    historical: bool
    languages: list[str]
    figures: list[Figure]
    details: list[tuple[str, str]]
    evidence: list[Claim]
    sources: list[Claim]


def _text(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _claims(items: tuple[Provenance, ...]) -> list[Claim]:
    """One claim per (source, value): who said which figure, official sources first."""
    seen: dict[tuple[str, str], Claim] = {}
    for p in items:
        key = (p.source, _text(p.value))
        if key not in seen:
            seen[key] = Claim(_text(p.value), p.source, p.url, p.official)
    return sorted(seen.values(), key=lambda c: not c.official)


def figures(state: EventState) -> list[Figure]:
    out = []
    for key in FIGURE_ORDER:
        if key not in state.facts:
            continue
        claims = _claims(state.provenance.get(key, ()))
        label = FIELD_LABELS.get(key, key.replace("_", " "))
        out.append(Figure(label, _text(state.facts[key]), claims, len({c.value for c in claims}) > 1))
    return out


def sources(state: EventState) -> list[Claim]:
    """Every source once, with the first article it was seen in; official ones first."""
    found: dict[str, Claim] = {}
    everything = [p for items in state.provenance.values() for p in items] + list(state.evidence)
    for p in everything:
        found.setdefault(p.source, Claim("", p.source, p.url, p.official))
        found[p.source].official |= p.official
    return sorted(found.values(), key=lambda c: (not c.official, c.source))


def event_view(state: EventState, languages: list[str] | None = None) -> EventView:
    details = [(name, _text(state.facts[name])) for name in LIST_FACTS if state.facts.get(name)]
    return EventView(
        id=state.key,
        summary=summarize(state),
        kind=KIND_LABELS.get(state.kind, state.kind),
        status=state.status,
        date=format_date(state.event_date, state.date_precision) or "date unknown",
        official=state.official,
        confidence=round(state.confidence * 100),
        sources_count=len(state.sources),
        historical=state.historical,
        languages=languages or [],
        figures=figures(state),
        details=details,
        evidence=[Claim(p.sentence, p.source, p.url, p.official) for p in state.evidence],
        sources=sources(state),
    )
