"""Value objects shared by the pure core: detection, grouping and alert decisions.

Everything here is frozen and free of I/O, so detection, clustering and the alert decision
can be called from the pipeline, the evaluation command and tests alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

EventKind = Literal["pow_exchange", "body_repatriation", "agreement"]
EventStatus = Literal["completed", "agreed", "postponed", "disrupted"]
DatePrecision = Literal["day", "month", "unknown"]

EVENT_KINDS: tuple[EventKind, ...] = ("pow_exchange", "body_repatriation", "agreement")

# How long after a deal its follow-ups (a postponement, a stage carrying it out, its terms told later) may come:
# detection reaches this far back for a postponed deal's terms, grouping for the deal a follow-up is about.
DEAL_FOLLOW_DAYS = 30

# The standard fact keys (the corpus uses the same names).
FACT_KEYS: tuple[str, ...] = (
    "returned_to_ukraine",
    "returned_to_russia",
    "bodies_to_ukraine",
    "bodies_to_russia",
    "stage",
    "categories",
    "mediators",
)


@dataclass(frozen=True)
class Document:
    """What detection sees of one article."""

    title: str
    text: str
    language: str | None
    published: datetime | None
    url: str = ""
    source: str = ""  # outlet or host, e.g. "dw.com" or "t.me/CoordinationHQ"
    official: bool = False  # an official primary source (ministry, coordination HQ)


@dataclass(frozen=True)
class Fact:
    """One extracted fact and the sentence it came from."""

    key: str
    value: Any  # int for numbers and stage, tuple[str, ...] for categories/mediators
    sentence: str


@dataclass(frozen=True)
class Mention:
    """One real-world event that an article reports or recalls."""

    kind: EventKind
    status: EventStatus
    event_date: date | None
    date_precision: DatePrecision
    facts: tuple[Fact, ...] = ()
    evidence: tuple[str, ...] = ()
    recalled: bool = False  # background: the article only recalls an earlier event
    score: float = 0.0
    # The day is the publication day, not one the text states: the event may be a day older (news
    # follows events), and an agreement's follow-up may come weeks after the deal.
    date_inferred: bool = False
    # A day and month the text states without a year that nothing supplies (no publication time, no
    # dated sentence): event_date stays unknown, but the day still rules out events on other days.
    month_day: tuple[int, int] | None = None
    # The weekday the text gives the news ("on Monday") when nothing dates it (ISO, Monday = 1).
    weekday: int | None = None

    def fact_values(self) -> dict[str, Any]:
        """The facts as a plain mapping (first value wins per key)."""
        values: dict[str, Any] = {}
        for fact in self.facts:
            values.setdefault(fact.key, fact.value)
        return values


@dataclass(frozen=True)
class Report:
    """What one article says: relevant or not, and the events it mentions, primary first."""

    relevant: bool
    score: float
    mentions: tuple[Mention, ...] = ()
    reasons: tuple[str, ...] = ()  # short, human-readable why (for logs and eval details)

    @property
    def primary(self) -> Mention | None:
        return self.mentions[0] if self.mentions else None


@dataclass(frozen=True)
class Provenance:
    """Who said which value of a fact."""

    value: Any
    source: str
    url: str
    sentence: str
    official: bool = False


@dataclass(frozen=True)
class EventState:
    """An event as the grouping and alert code see it; the store persists it as JSON."""

    key: str  # stable id (uuid hex), assigned when the event is created
    kind: EventKind
    status: EventStatus
    event_date: date | None
    date_precision: DatePrecision
    facts: Mapping[str, Any] = field(default_factory=dict)
    provenance: Mapping[str, tuple[Provenance, ...]] = field(default_factory=dict)
    sources: frozenset[str] = frozenset()
    official: bool = False
    confidence: float = 0.0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    historical: bool = False  # first seen when already old: stored, never alerted as new
    date_inferred: bool = False  # event_date is a report's publication day, not a day a report stated
    parent_key: str | None = None  # the operation/agreement a stage belongs to
    report_count: int = 0
    signature: tuple[int, ...] = ()  # text signature for similarity (e.g. MinHash)
    evidence: tuple[Provenance, ...] = ()  # a few evidence sentences with their sources


AlertType = Literal["event.created", "event.updated"]


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class AlertDecision:
    type: AlertType
    changes: tuple[FieldChange, ...] = ()
