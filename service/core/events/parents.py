"""Which agreement a handover carries out (its ``parent_key``); pure.

A handover is never merged into the agreement behind it: it is its own event, linked. The parent is, in
order: an agreement reported in the same article that the handover can carry out; a stored agreement that
planned a handover for this day (its ``planned_for``: 175 each on Wednesday, agreed on Tuesday); a stored
agreement dated shortly before a numbered stage (Istanbul, 2 June → stage 1 on 9 June, reported without
naming the deal); or the parent of a nearby stage of the same operation.
"""

from __future__ import annotations

from collections.abc import Sequence

from service.core.domain import EventKind, EventState
from service.core.events.merge import NUMBER_KEYS
from service.core.events.params import GroupParams

_PEOPLE_KEYS = (*NUMBER_KEYS[:2], "agreed_to_ukraine", "agreed_to_russia", "agreed_people")
_BODY_KEYS = (*NUMBER_KEYS[2:], "agreed_bodies", "agreed_bodies_to_ukraine", "agreed_bodies_to_russia")


def concerns(agreement: EventState, kind: EventKind) -> bool:
    """Whether an agreement's figures or categories (if any) are about this kind of handover.

    Categories (wounded, under 25…) describe prisoners, so a deal stating them is about people too.
    """
    people = any(k in agreement.facts for k in _PEOPLE_KEYS) or bool(agreement.facts.get("categories"))
    bodies = any(k in agreement.facts for k in _BODY_KEYS)
    if people != bodies:
        return (kind == "pow_exchange") == people
    return True


def belongs(event: EventState, agreement: EventState) -> bool:
    """Whether a handover reported beside this agreement can carry it out."""
    if not concerns(agreement, event.kind):
        return False
    staged = "stage" in event.facts
    dated = "unknown" not in (event.date_precision, agreement.date_precision)
    if not dated or event.event_date is None or agreement.event_date is None:
        return staged
    # A handover before the deal cannot carry it out; one on the same day only if it is a numbered stage.
    return event.event_date > agreement.event_date or (staged and event.event_date == agreement.event_date)


def _stored_deal(event: EventState, stored: Sequence[EventState], params: GroupParams) -> str | None:
    """The latest stored, dated agreement a numbered stage can carry out, at most a few weeks before it."""
    if "stage" not in event.facts or event.event_date is None or event.date_precision == "unknown":
        return None
    fitting = [
        a
        for a in stored
        if a.event_date is not None
        and a.date_precision == "day"
        and 0 <= (event.event_date - a.event_date).days <= params.agreement_link_days
        and concerns(a, event.kind)
    ]
    return max(fitting, key=lambda a: (a.event_date, a.key)).key if fitting else None


def _planned_deal(event: EventState, stored: Sequence[EventState]) -> str | None:
    """The stored agreement that planned this handover for its day ("175 each on Wednesday", agreed on
    Tuesday): the latest one, when several planned that day."""
    if event.event_date is None or event.date_precision != "day":
        return None
    day = event.event_date.isoformat()
    fitting = [a for a in stored if a.facts.get("planned_for") == day and concerns(a, event.kind)]
    return max(fitting, key=lambda a: (str(a.event_date), a.key)).key if fitting else None


def _sibling_parent(event: EventState, pool: Sequence[EventState], params: GroupParams) -> str | None:
    if "stage" not in event.facts or event.event_date is None:
        return None
    for sibling in pool:
        if (
            sibling.kind == event.kind
            and sibling.key != event.key
            and sibling.parent_key
            and "stage" in sibling.facts
            and sibling.event_date is not None
            and abs((sibling.event_date - event.event_date).days) <= params.stage_sibling_days
        ):
            return sibling.parent_key
    return None


def parent_for(
    event: EventState,
    reported: Sequence[EventState],
    stored: Sequence[EventState],
    pool: Sequence[EventState],
    params: GroupParams,
) -> str | None:
    """The key of the agreement the handover carries out, or None."""
    for agreement in reported:
        if belongs(event, agreement):
            return agreement.key
    return _planned_deal(event, stored) or _stored_deal(event, stored, params) or _sibling_parent(event, pool, params)
