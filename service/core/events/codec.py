"""EventState <-> JSON-safe dict, exactly reversible; the database stores events this way.

Dates and datetimes become ISO strings, frozensets sorted lists, tuples lists. Fact values are ints,
strings or tuples of strings (see service.core.domain.Fact), so every JSON list decodes back to a tuple.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from service.core.domain import EventState, Provenance

VERSION = 1

_SCALARS = (str, int, float, bool, type(None))


def _encode_value(value: Any) -> Any:
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, tuple | list):
        return [_encode_value(v) for v in value]
    raise TypeError(f"fact value of type {type(value).__name__} is not JSON-safe")


# Label values renamed since events were first stored: mediators are the names news labels use
# ("Turkey", as "UAE" and "USA"), so an event stored before compares equal to a new report.
_RENAMED = {"Türkiye": "Turkey"}


def _decode_value(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_RENAMED.get(v, v) if isinstance(v, str) else _decode_value(v) for v in value)
    return value


def _provenance_to_json(p: Provenance) -> dict[str, Any]:
    return {
        "value": _encode_value(p.value),
        "source": p.source,
        "url": p.url,
        "sentence": p.sentence,
        "official": p.official,
    }


def _provenance_from_json(data: dict[str, Any]) -> Provenance:
    return Provenance(
        value=_decode_value(data["value"]),
        source=data["source"],
        url=data["url"],
        sentence=data["sentence"],
        official=data.get("official", False),
    )


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def state_to_json(state: EventState) -> dict[str, Any]:
    """A JSON-safe dict for one event."""
    return {
        "v": VERSION,
        "key": state.key,
        "kind": state.kind,
        "status": state.status,
        "event_date": _iso(state.event_date),
        "date_precision": state.date_precision,
        "facts": {k: _encode_value(v) for k, v in state.facts.items()},
        "provenance": {k: [_provenance_to_json(p) for p in ps] for k, ps in state.provenance.items()},
        "sources": sorted(state.sources),
        "official": state.official,
        "confidence": state.confidence,
        "first_seen": _iso(state.first_seen),
        "last_seen": _iso(state.last_seen),
        "historical": state.historical,
        "date_inferred": state.date_inferred,
        "parent_key": state.parent_key,
        "report_count": state.report_count,
        "signature": list(state.signature),
        "evidence": [_provenance_to_json(p) for p in state.evidence],
    }


def _datetime(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def state_from_json(data: dict[str, Any]) -> EventState:
    """The event back from :func:`state_to_json` output."""
    event_date = data.get("event_date")
    return EventState(
        key=data["key"],
        kind=data["kind"],
        status=data["status"],
        event_date=date.fromisoformat(event_date) if event_date is not None else None,
        date_precision=data["date_precision"],
        facts={k: _decode_value(v) for k, v in data.get("facts", {}).items()},
        provenance={k: tuple(_provenance_from_json(p) for p in ps) for k, ps in data.get("provenance", {}).items()},
        sources=frozenset(data.get("sources", ())),
        official=data.get("official", False),
        confidence=data.get("confidence", 0.0),
        first_seen=_datetime(data.get("first_seen")),
        last_seen=_datetime(data.get("last_seen")),
        historical=data.get("historical", False),
        date_inferred=data.get("date_inferred", False),
        parent_key=data.get("parent_key"),
        report_count=data.get("report_count", 0),
        signature=tuple(data.get("signature", ())),
        evidence=tuple(_provenance_from_json(p) for p in data.get("evidence", ())),
    )
