"""Decide whether an event revision deserves an alert (pure).

One alert per material revision: a new event, a figure that appears or changes, a stage or status
change, or confidence crossing the threshold. A corroborating report that only adds a source, and any
event first seen when already old (historical), raise nothing.
"""

from __future__ import annotations

from typing import Any

from service.domain import AlertDecision, EventState, FieldChange
from service.pipeline.merge import NUMBER_KEYS

DEFAULT_CONFIDENCE_THRESHOLD = 0.5

_MATERIAL_FACTS: tuple[str, ...] = (*NUMBER_KEYS, "stage")
# Reported alongside a material change, never a reason for an alert on their own.
_MINOR_FACTS: tuple[str, ...] = ("categories", "mediators")


def _fact_changes(before: EventState, after: EventState, keys: tuple[str, ...]) -> list[FieldChange]:
    changes = []
    for key in keys:
        old: Any = before.facts.get(key)
        new: Any = after.facts.get(key)
        if old != new:
            changes.append(FieldChange(key, old, new))
    return changes


def _field_changes(before: EventState, after: EventState, names: tuple[str, ...]) -> list[FieldChange]:
    return [
        FieldChange(name, getattr(before, name), getattr(after, name))
        for name in names
        if getattr(before, name) != getattr(after, name)
    ]


def decide_alert(
    before: EventState | None,
    after: EventState,
    *,
    confidence_threshold: float = DEFAULT_CONFIDENCE_THRESHOLD,
) -> AlertDecision | None:
    """``event.created``, ``event.updated`` with what changed, or None when nothing material changed."""
    if after.historical:
        return None
    if before is None or before.historical:
        # A historical event that a fresh report revives is new news for subscribers.
        return AlertDecision("event.created")
    material = _fact_changes(before, after, _MATERIAL_FACTS) + _field_changes(before, after, ("status",))
    crossed = before.confidence < confidence_threshold <= after.confidence
    if crossed:
        material.append(FieldChange("confidence", before.confidence, after.confidence))
    if not material:
        return None
    minor = _fact_changes(before, after, _MINOR_FACTS) + _field_changes(
        before, after, ("event_date", "date_precision", "parent_key")
    )
    return AlertDecision("event.updated", tuple(material + minor))
