"""Short human texts from an alert's JSON: what changed, the top sources, a notification message.

Pure: the Atom feed, the timeline page and notification channels all say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from service.core.events.summary import KIND_LABELS

FIELD_LABELS: dict[str, str] = {
    "returned_to_ukraine": "returned to Ukraine",
    "returned_to_russia": "returned to Russia",
    "bodies_to_ukraine": "bodies to Ukraine",
    "bodies_to_russia": "bodies to Russia",
    "agreed_to_ukraine": "agreed to Ukraine",
    "agreed_to_russia": "agreed to Russia",
    "agreed_bodies": "bodies agreed",
    "agreed_bodies_to_ukraine": "bodies agreed to Ukraine",
    "agreed_bodies_to_russia": "bodies agreed to Russia",
    "planned_for": "handover planned for",
    "event_date": "date",
    "date_precision": "date precision",
    "parent_key": "part of",
}
MAX_SOURCES = 3
MAX_CHANGES = 5


@dataclass(frozen=True)
class Notice:
    """A message for people: a title line and a short markdown body."""

    title: str
    body: str


def _value(value: Any) -> str:
    if value is None or value == [] or value == "":
        return "unknown"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def describe_change(change: Mapping[str, Any]) -> str:
    """ "returned to Ukraine: unknown → 84"."""
    name = str(change.get("field", "?"))
    label = FIELD_LABELS.get(name, name.replace("_", " "))
    return f"{label}: {_value(change.get('before'))} → {_value(change.get('after'))}"


def changes_text(changes: Sequence[Mapping[str, Any]]) -> list[str]:
    """The first few changes of an update, one phrase each."""
    return [describe_change(c) for c in changes[:MAX_CHANGES]]


def top_sources(sources: Sequence[Mapping[str, Any]], limit: int = MAX_SOURCES) -> list[Mapping[str, Any]]:
    """Official sources first, then the rest in their given order."""
    ranked = sorted(sources, key=lambda s: not s.get("official"))
    return ranked[:limit]


def title_of(alert: Mapping[str, Any]) -> str:
    """The alert's summary line, or its kind for alerts written before summaries existed."""
    summary = alert.get("summary")
    if isinstance(summary, str) and summary:
        return summary
    kind = str(alert.get("kind") or alert.get("event", {}).get("kind") or "event")
    return KIND_LABELS.get(kind, kind)


def notice(alert: Mapping[str, Any], *, base_url: str = "") -> Notice:
    """Title and markdown body of one alert: summary, what changed, the top sources, a link."""
    verb = "Update" if alert.get("type") == "event.updated" else "New"
    lines: list[str] = []
    changes = changes_text(alert.get("changes") or [])
    if changes and alert.get("type") == "event.updated":
        lines.append("Changed: " + "; ".join(changes))
    for source in top_sources(alert.get("sources") or []):
        badge = " (official)" if source.get("official") else ""
        lines.append(f"- [{source.get('source', 'source')}]({source.get('url', '')}){badge}")
    page = (alert.get("links") or {}).get("page")
    if page:
        lines.append(f"Event: {base_url.rstrip('/')}{page}" if base_url else f"Event: {page}")
    return Notice(f"{verb}: {title_of(alert)}", "\n".join(lines))
