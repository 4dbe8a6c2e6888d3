"""EventState survives a JSON round trip exactly."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest

from service.core.domain import EventState, Provenance
from service.core.events.codec import state_from_json, state_to_json

FULL = EventState(
    key="3f2a",
    kind="pow_exchange",
    status="completed",
    event_date=date(2031, 5, 24),
    date_precision="day",
    facts={"returned_to_ukraine": 307, "stage": 2, "mediators": ("Turkey", "UAE")},
    provenance={
        "returned_to_ukraine": (
            Provenance(307, "hq.example", "https://hq.example/1", "307 defenders are home.", official=True),
            Provenance(306, "b.example", "https://b.example/2", "306 soldiers returned."),
        ),
        "mediators": (Provenance(("Turkey", "UAE"), "b.example", "https://b.example/2", "Thanks to…"),),
    },
    sources=frozenset({"hq.example", "b.example", "a.example"}),
    official=True,
    confidence=0.72,
    first_seen=datetime(2031, 5, 24, 9, 30, tzinfo=UTC),
    last_seen=datetime(2031, 5, 25, 7, 0, 5, 120000, tzinfo=UTC),
    historical=False,
    parent_key="9c1d",
    report_count=3,
    signature=(5, 77, 4294967295),
    evidence=(Provenance("completed", "hq.example", "https://hq.example/1", "Stage two took place today."),),
)


def test_round_trip_is_exact() -> None:
    data = state_to_json(FULL)
    assert state_from_json(json.loads(json.dumps(data))) == FULL


def test_json_is_plain_and_sorted() -> None:
    data = state_to_json(FULL)
    assert data["sources"] == ["a.example", "b.example", "hq.example"]
    assert data["event_date"] == "2031-05-24" and data["first_seen"] == "2031-05-24T09:30:00+00:00"
    assert data["facts"]["mediators"] == ["Turkey", "UAE"]


def test_a_mediator_stored_under_its_old_name_reads_as_the_new_one() -> None:
    data = json.loads(json.dumps(state_to_json(FULL)))
    data["facts"]["mediators"] = ["Türkiye", "UAE"]
    data["provenance"]["mediators"][0]["value"] = ["Türkiye", "UAE"]
    assert state_from_json(data) == FULL


def test_minimal_state_round_trips() -> None:
    bare = EventState("k", "agreement", "agreed", None, "unknown")
    assert state_from_json(json.loads(json.dumps(state_to_json(bare)))) == bare


def test_unsupported_fact_value_is_refused() -> None:
    with pytest.raises(TypeError):
        state_to_json(EventState("k", "agreement", "agreed", None, "unknown", facts={"when": date(2031, 1, 1)}))
