"""Fit the grouping thresholds on training folds only, to check that hand-set values generalise.

`exchangewatch eval --folds K --fit` chooses, for every fold, the match thresholds that score best on
the other K−1 folds and replays the held-out fold with them. If the fitted folds do no better than the
settings' values, those values are not tuned to the corpus; the service always runs with its settings.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from service.core.events.cluster import GroupParams
from service.eval.replay import Prepared, score

GRID: dict[str, tuple[float, ...]] = {
    "match_threshold": (1.5, 2.0, 2.5, 3.0),
    "unplaced_threshold": (0.5, 1.0, 1.5, 2.0),
}


def objective(metrics: dict[str, Any]) -> float:
    """B-cubed F1, less the excess over 1.2 alerts per event and the share of events never alerted."""
    missed = metrics["missed_events"] / metrics["gold_events"] if metrics["gold_events"] else 0.0
    excess = max(0.0, metrics["alerts_per_event"] - 1.2)
    return metrics["clustering"]["bcubed_f1"] - 0.5 * excess - missed


def fit(
    rows: Sequence[dict[str, Any]], prepared: Prepared, train: Sequence[int], base: GroupParams, threshold: float
) -> GroupParams:
    """The grid point scoring best on ``train`` (ties: the one nearest the settings' values)."""
    names = list(GRID)
    best: tuple[float, float, GroupParams] | None = None
    for match, unplaced in itertools.product(GRID["match_threshold"], GRID["unplaced_threshold"]):
        values = (match, unplaced)
        params = replace(base, match_threshold=match, unplaced_threshold=unplaced)
        value = objective(score(rows, prepared, train, params, threshold))
        distance = sum(abs(v - getattr(base, n)) for n, v in zip(names, values, strict=True))
        if best is None or (value, -distance) > (best[0], -best[1]):
            best = (value, distance, params)
    assert best is not None
    return best[2]


def fitted_values(params: GroupParams) -> dict[str, float]:
    return {name: getattr(params, name) for name in GRID}
