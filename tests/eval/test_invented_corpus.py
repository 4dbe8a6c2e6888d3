"""The whole replay (detection, grouping, alerts) on invented texts in 26 languages holds issue 11's bars."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from service.eval.replay import evaluate
from service.settings import Settings

CORPUS = Path(__file__).parents[1] / "fixtures" / "corpus" / "invented.jsonl"


@pytest.fixture(scope="module")
def metrics() -> dict[str, Any]:
    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 75
    return evaluate(rows, settings=Settings())


def test_every_report_found_and_no_trap_taken(metrics: dict[str, Any]) -> None:
    assert metrics["relevance"]["precision"] == 1.0  # 15 traps: other conflicts, children, exhumations…
    assert metrics["relevance"]["recall"] >= 0.95
    assert metrics["kind_accuracy"] >= 0.95


def test_one_alert_per_event_and_every_event_alerted(metrics: dict[str, Any]) -> None:
    assert metrics["missed_events"] == 0, metrics["missed_event_keys"]
    assert metrics["alerts_per_event"] <= 1.2
    assert metrics["alerts"]["false_created"] == 0
    assert metrics["clustering"]["bcubed_f1"] >= 0.95


def test_the_numbers_are_right(metrics: dict[str, Any]) -> None:
    assert metrics["facts"]["compared"] >= 120
    assert metrics["facts"]["accuracy"] >= 0.90
