"""Fit the grouping thresholds on training folds only, to check that hand-set values generalise.

`exchangewatch eval --folds K --fit` chooses, for every fold, the match thresholds and date weights that
score best on the other K−1 folds (coordinate ascent over ``GRID``) and replays the held-out fold with
them. If the fitted folds do no better than the settings' values, those values are not tuned to the
corpus; the service always runs with its settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from service.core.events.cluster import GroupParams
from service.eval.replay import Prepared, score

GRID: dict[str, tuple[float, ...]] = {
    "match_threshold": (1.5, 2.0, 2.5, 3.0),
    "unplaced_threshold": (0.5, 1.0, 1.5, 2.0),
    # the date evidence weights: a day inferred from publication vs the day before it, and two stated days
    # that differ (see params.py)
    "inferred_day_weight": (1.0, 1.5, 2.0),
    "day_conflict_weight": (0.0, 1.0, 2.0),
}
ROUNDS = 2  # coordinate ascent: each name in turn, the others held, twice over


def objective(metrics: dict[str, Any]) -> float:
    """B-cubed F1, less the excess over 1.2 alerts per event and the share of events never alerted."""
    missed = metrics["missed_events"] / metrics["gold_events"] if metrics["gold_events"] else 0.0
    excess = max(0.0, metrics["alerts_per_event"] - 1.2)
    return metrics["clustering"]["bcubed_f1"] - 0.5 * excess - missed


def fit(
    rows: Sequence[dict[str, Any]], prepared: Prepared, train: Sequence[int], base: GroupParams, threshold: float
) -> GroupParams:
    """The values scoring best on ``train``, one name at a time over ``GRID`` (ties: nearest the settings')."""
    cache: dict[tuple[float, ...], float] = {}

    def value(params: GroupParams) -> float:
        point = tuple(float(getattr(params, name)) for name in GRID)
        if point not in cache:
            cache[point] = objective(score(rows, prepared, train, params, threshold))
        return cache[point]

    current = base
    for _ in range(ROUNDS):
        for name in GRID:
            candidates = [replace(current, **_one(name, v)) for v in GRID[name]]
            current = max(candidates, key=lambda p: (value(p), -abs(getattr(p, name) - getattr(base, name))))
    return current


def _one(name: str, value: float) -> dict[str, Any]:
    return {name: value}


def fitted_values(params: GroupParams) -> dict[str, float]:
    return {name: getattr(params, name) for name in GRID}
