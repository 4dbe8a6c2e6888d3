"""Decide whether an event revision deserves an alert (pure).

One alert per material revision: a new event, a figure that appears or changes, a stage or status
change, or confidence crossing the threshold. A corroborating report that only adds a source, any
event first seen when already old (historical), and anything a report merely recalls, raise nothing.
"""

from __future__ import annotations

from typing import Any

from service.core.domain import FACT_KEYS, AlertDecision, EventState, FieldChange
from service.core.events.cluster import GroupOutcome
from service.core.events.merge import is_number

DEFAULT_CONFIDENCE_THRESHOLD = 0.5


def _fact_changes(before: EventState, after: EventState) -> tuple[list[FieldChange], list[FieldChange]]:
    """(material, minor) fact changes: head counts and the stage are material; lists and words ride along."""
    material: list[FieldChange] = []
    minor: list[FieldChange] = []
    for key in sorted(before.facts.keys() | after.facts.keys(), key=_fact_order):
        old: Any = before.facts.get(key)
        new: Any = after.facts.get(key)
        if old == new:
            continue
        weighty = key == "stage" or is_number(old) or is_number(new)
        (material if weighty else minor).append(FieldChange(key, old, new))
    return material, minor


def _fact_order(key: str) -> tuple[int, str]:
    # Standard keys in their documented order, then the rest alphabetically.
    return (FACT_KEYS.index(key), "") if key in FACT_KEYS else (len(FACT_KEYS), key)


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
    material, minor = _fact_changes(before, after)
    material += _field_changes(before, after, ("status",))
    crossed = before.confidence < confidence_threshold <= after.confidence
    if crossed:
        material.append(FieldChange("confidence", before.confidence, after.confidence))
    if not material:
        return None
    minor += _field_changes(before, after, ("event_date", "date_precision", "parent_key"))
    return AlertDecision("event.updated", tuple(material + minor))


def decide_outcome(outcome: GroupOutcome, *, confidence_threshold: float) -> AlertDecision | None:
    """The alert one grouping outcome deserves: none when the report only recalls the event."""
    if outcome.mention.recalled:
        return None  # background in this report ("after the swap of 23 May"): stored and linked, not news
    return decide_alert(outcome.before, outcome.after, confidence_threshold=confidence_threshold)
