"""Webhook bodies in the Standard Webhooks shape: {"type", "timestamp", "data"}."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from service.models.events import Alert

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
        "summary": "",  # alerts written before summaries existed have none
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
