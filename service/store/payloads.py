"""JSON shapes of events, mentions and alerts (what the API, SSE and webhooks carry)."""

from __future__ import annotations

from typing import Any

from service.core.domain import AlertDecision, EventState, Mention, Provenance
from service.core.events.summary import summarize
from service.models import Article


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list, frozenset, set)):
        return sorted(_plain(v) for v in value) if isinstance(value, (frozenset, set)) else [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def facts_json(state: EventState) -> dict[str, Any]:
    return {key: _plain(value) for key, value in state.facts.items()}


def provenance_json(items: tuple[Provenance, ...]) -> list[dict[str, Any]]:
    return [
        {
            "value": _plain(p.value),
            "source": p.source,
            "url": p.url,
            "sentence": p.sentence,
            "official": p.official,
        }
        for p in items
    ]


def event_links(event_id: str) -> dict[str, str]:
    """Where to read more: the event's JSON and its HTML page (relative to the service's address)."""
    return {"event": f"/v1/events/{event_id}", "page": f"/events/{event_id}"}


def event_json(state: EventState) -> dict[str, Any]:
    return {
        "id": state.key,
        "summary": summarize(state),
        "kind": state.kind,
        "status": state.status,
        "event_date": _plain(state.event_date),
        "date_precision": state.date_precision,
        "confidence": round(state.confidence, 3),
        "official": state.official,
        "historical": state.historical,
        "parent_id": state.parent_key,
        "sources_count": len(state.sources),
        "report_count": state.report_count,
        "first_seen": _plain(state.first_seen),
        "last_seen": _plain(state.last_seen),
        "links": event_links(state.key),
    }


def mention_json(mention: Mention) -> dict[str, Any]:
    return {
        "kind": mention.kind,
        "status": mention.status,
        "event_date": _plain(mention.event_date),
        "date_precision": mention.date_precision,
        "recalled": mention.recalled,
        "score": round(mention.score, 3),
        "facts": [{"key": f.key, "value": _plain(f.value), "sentence": f.sentence} for f in mention.facts],
        "evidence": list(mention.evidence),
    }


def alert_payload(state: EventState, decision: AlertDecision, article: Article) -> dict[str, Any]:
    """The alert: event, facts, what changed, why (evidence sentences), and the sources."""
    sources = sorted({(p.source, p.url, p.official) for items in state.provenance.values() for p in items})
    return {
        "type": decision.type,
        "summary": summarize(state),
        "links": event_links(state.key),
        "event": event_json(state),
        "facts": facts_json(state),
        "changes": [{"field": c.field, "before": _plain(c.before), "after": _plain(c.after)} for c in decision.changes],
        "evidence": provenance_json(state.evidence),
        "sources": [{"source": s, "url": u, "official": o} for s, u, o in sources]
        or [{"source": article.source, "url": article.url, "official": article.official}],
        "article": {
            "id": article.id,
            "url": article.url,
            "title": article.title,
            "language": article.language,
            "source": article.source,
        },
    }
