"""One English line per event, built from its merged facts: what people read in a notification or a feed.

"POW exchange, 9 June 2025 (stage 1): 84 returned to Ukraine, 84 to Russia; UAE mediated — 3 sources, 1 official"

Pure: a function of the event's state. A part that is not known (no date, no number, no venue) is left
out rather than guessed; approximate figures keep the qualifier their source wrote ("about 6,000").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from service.core.domain import EventState, Provenance

KIND_LABELS: dict[str, str] = {
    "pow_exchange": "POW exchange",
    "body_repatriation": "Repatriation",
    "agreement": "Agreement",
}
# Status words for kinds whose normal status is "completed"; an agreement is "agreed" by nature.
STATUS_WORDS: dict[str, str] = {"agreed": "planned", "postponed": "postponed", "disrupted": "disrupted"}

# Venue values are the first matched word in the article's language (inflected): map stems to English.
_VENUES: tuple[tuple[str, str], ...] = (
    ("istanbul", "Istanbul"), ("стамбул", "Istanbul"), ("estambul", "Istanbul"), ("istambul", "Istanbul"),
    ("geneva", "Geneva"), ("genf", "Geneva"), ("genève", "Geneva"), ("ginebra", "Geneva"),
    ("genebra", "Geneva"), ("ginevra", "Geneva"), ("женев", "Geneva"),
    ("riyadh", "Riyadh"), ("ер-ріяд", "Riyadh"), ("эр-рияд", "Riyadh"),
    ("jeddah", "Jeddah"), ("джидд", "Jeddah"), ("abu", "Abu Dhabi"), ("абу-даб", "Abu Dhabi"),
    ("ankara", "Ankara"), ("doha", "Doha"), ("minsk", "Minsk"),
)  # fmt: skip

# A qualifier written right before a number: "about 6,000", "близько 6000", "more than 300".
_ABOUT = re.compile(
    r"(?:about|around|approximately|roughly|nearly|almost|some|circa|близько|приблизно|майже|около|"
    r"примерно|почти|порядка|etwa|rund|fast|environ|cerca de|alrededor de|circa|~)\s*$",
    re.IGNORECASE,
)
_OVER = re.compile(
    r"(?:more than|over|upwards of|at least|понад|більше|більш як|щонайменше|более|больше|свыше|"
    r"не менее|mehr als|über|mindestens|plus de|más de|mais de|più di|oltre)\s*$",
    re.IGNORECASE,
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip
_NUMBER = re.compile(r"\d(?:[\d,.\u00a0\u202f ]*\d)?")
_EACH_WAY = re.compile(r"\beach\b|\bкожн|\bкажд|(\d[\d,.\u00a0\u202f ]*)\s*(?:for|на|за|gegen|contre|por|per)\s*\1")


def summarize(state: EventState) -> str:
    """The summary line of an event."""
    head = _head(state.kind, state.status, state.event_date, state.date_precision, state.facts)
    body = _figures(state.kind, state.facts, state.provenance)
    mediators = _mediators(state.facts.get("mediators"))
    if mediators:
        body = f"{body}; {mediators}" if body else mediators
    line = f"{head}: {body}" if body else head
    tail = _sources(state)
    return f"{line} — {tail}" if tail else line


def format_date(event_date: date | None, precision: str) -> str:
    """ "9 June 2025", "June 2025", or "" when the date is unknown."""
    if event_date is None or precision == "unknown":
        return ""
    month = _MONTHS[event_date.month - 1]  # not strftime("%B"): that follows the process locale
    return f"{month} {event_date.year}" if precision == "month" else f"{event_date.day} {month} {event_date.year}"


def _head(kind: str, status: str, event_date: date | None, precision: str, facts: Mapping[str, Any]) -> str:
    label = KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())
    if kind != "agreement" and status in STATUS_WORDS:
        label = f"{label} {STATUS_WORDS[status]}"
    elif kind == "agreement" and status in ("postponed", "disrupted"):
        label = f"{label} ({status})"
    when = format_date(event_date, precision)
    head = f"{label}, {when}" if when else label
    detail = _detail(kind, facts)
    return f"{head} ({detail})" if detail else head


def _detail(kind: str, facts: Mapping[str, Any]) -> str:
    stage = facts.get("stage")
    if kind != "agreement" and isinstance(stage, int) and not isinstance(stage, bool) and stage > 0:
        return f"stage {stage}"
    venue = facts.get("venue")
    return venue_name(venue) if kind == "agreement" and isinstance(venue, str) else ""


def venue_name(raw: str) -> str:
    """The English name of a venue: detection gives it ("Istanbul"); events stored before it did hold the
    matched word ("стамбулі"), mapped here; "" if unknown."""
    word = raw.strip().lower()
    for stem, name in _VENUES:
        if word.startswith(stem):
            return name
    return raw.strip().title() if word.isascii() and word.replace(" ", "").isalpha() else ""


def _figures(kind: str, facts: Mapping[str, Any], provenance: Mapping[str, tuple[Provenance, ...]]) -> str:
    def count(key: str) -> str:
        return _count(facts.get(key), provenance.get(key, ()))

    if kind == "pow_exchange":
        return _sides(count("returned_to_ukraine"), count("returned_to_russia"), "")
    if kind == "body_repatriation":
        return _sides(count("bodies_to_ukraine"), count("bodies_to_russia"), "bodies ")
    people = _agreed(count("agreed_to_ukraine"), count("agreed_to_russia"), facts)
    bodies = count("agreed_bodies")
    if bodies:
        each = _each_way(facts.get("agreed_bodies"), provenance.get("agreed_bodies", ()))
        bodies = f"{bodies} bodies{' each way' if each else ''}"
    return "; ".join(part for part in (people, bodies, _planned(facts.get("planned_for"))) if part)


def _planned(value: Any) -> str:
    """ "handover planned for 19 March 2025" from the agreement's ``planned_for`` (ISO), "" if none."""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    return f"handover planned for {format_date(day, 'day')}" if day else ""


def _sides(to_ukraine: str, to_russia: str, noun: str) -> str:
    if to_ukraine and to_russia:
        return f"{to_ukraine} {noun}returned to Ukraine, {to_russia} to Russia"
    if to_ukraine:
        return f"{to_ukraine} {noun}returned to Ukraine"
    return f"{to_russia} {noun}returned to Russia" if to_russia else ""


def _agreed(to_ukraine: str, to_russia: str, facts: Mapping[str, Any]) -> str:
    if to_ukraine and facts.get("agreed_to_ukraine") == facts.get("agreed_to_russia"):
        return f"{to_ukraine} for {to_russia}"
    parts = [f"{to_ukraine} to Ukraine" if to_ukraine else "", f"{to_russia} to Russia" if to_russia else ""]
    return ", ".join(p for p in parts if p)


def _count(value: Any, said: Iterable[Provenance]) -> str:
    """A head count with the qualifier its supporting sentences put before it ("about 6,000")."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        return ""
    qualifier = _qualifier(value, [p.sentence for p in said if p.value == value])
    return f"{qualifier}{value:,}"


def _qualifier(value: int, sentences: list[str]) -> str:
    for sentence in sentences:
        for match in _NUMBER.finditer(sentence):
            if _digits(match.group()) != value:
                continue
            before = sentence[max(0, match.start() - 30) : match.start()]
            if _ABOUT.search(before):
                return "about "
            if _OVER.search(before):
                return "over "
    return ""


def _digits(text: str) -> int | None:
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits and len(digits) < 10 else None


def _each_way(value: Any, said: Iterable[Provenance]) -> bool:
    return any(p.value == value and _EACH_WAY.search(p.sentence.lower()) for p in said)


def _mediators(value: Any) -> str:
    names = [str(v) for v in value] if isinstance(value, list | tuple) else []
    if not names:
        return ""
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{joined} mediated"


def _sources(state: EventState) -> str:
    count = len(state.sources)
    if count == 0:
        return ""
    official = {p.source for items in state.provenance.values() for p in items if p.official}
    official |= {p.source for p in state.evidence if p.official}
    if state.official and not official:
        official = {"?"}  # an official report that carried no fact still counts as one official source
    text = f"{count} source{'s' if count != 1 else ''}"
    return f"{text}, {min(len(official), count)} official" if official else text
