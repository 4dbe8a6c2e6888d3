"""The one JSON shape of events, mentions and alerts: what the API, SSE, Atom, pages and webhooks carry.

The flows render an alert once, when it is written (its payload and its public JSON, `body`, are stored
with it), and every reader serves those bytes; webhook bodies wrap the same data in the Standard
Webhooks envelope {"type", "timestamp", "data"}. Persistence of an event's full state is a different
shape, exactly reversible: service.core.events.codec.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from service.core.domain import AlertDecision, EventState, Mention, Provenance
from service.core.events.summary import summarize
from service.models import Alert, Article

TEST_TYPE = "webhook.test"


def isoformat(moment: datetime) -> str:
    """RFC 3339 in UTC with a Z, the form Standard Webhooks examples use."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def alert_data(alert: Alert) -> dict[str, Any]:
    """The public form of an alert, the same in the alerts API, the SSE stream and webhooks.

    The stored payload (event, facts, changes, evidence, sources, article) is kept as written by the
    pipeline; the row's own columns and the cursor (the alert id, as a string) are added on top.
    """
    stored = {key: value for key, value in (alert.payload or {}).items() if key != "alert_id"}
    return {
        "id": alert.id,
        "cursor": str(alert.id),
        "type": alert.type,
        "event_id": alert.event_id,
        "revision": alert.revision,
        "kind": alert.kind,
        "language": alert.language,
        "confidence": alert.confidence,
        "created_at": isoformat(alert.created_at),
        "summary": "",  # every stored alert has one (migration 0004 filled the older ones)
        "links": {"event": f"/v1/events/{alert.event_id}", "page": f"/events/{alert.event_id}"},
        "event": {},
        "facts": {},
        "changes": [],
        "evidence": [],
        "sources": [],
        **{key: value for key, value in stored.items() if key not in ("type", "cursor")},
    }


def rendered(alert: Alert) -> str:
    """The alert's public JSON: the stored rendering, or rendered now for rows written without one."""
    return alert.body or dumps(alert_data(alert))


def dumps(value: Any) -> str:
    """Compact, stable JSON: the stored body is sent byte for byte on every retry."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def alert_body(alert: Alert) -> str:
    """The body for an event.created / event.updated message."""
    return dumps({"type": alert.type, "timestamp": isoformat(alert.created_at), "data": alert_data(alert)})


def ping_body(endpoint_id: str, now: datetime) -> str:
    """The body of a webhook.test ping."""
    data = {"endpoint_id": endpoint_id, "message": "exchangewatch test message: your endpoint is reachable"}
    return dumps({"type": TEST_TYPE, "timestamp": isoformat(now), "data": data})


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
