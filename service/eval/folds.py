"""Cross-validation by event: every fold holds whole events, and each fold is replayed on its own.

Items are grouped by their main event key (the first of `event_key`), so no event is split between folds;
events are dealt to folds largest first, each to the fold with the fewest items so far (ties: lowest
fold), and items without an event (negatives, traps) are dealt round-robin in a stable hash order.
Nothing in grouping is fitted to data today; a fitted parameter would be chosen on the other folds
(``fit``) and scored on the held-out one.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from typing import Any

from service.core.events.cluster import GroupParams
from service.eval.fit import fitted_values
from service.eval.metrics import gold_keys
from service.eval.replay import Prepared, score

# Figures reported per fold: name → (path in the metrics, whether higher is better).
FIGURES: dict[str, tuple[tuple[str, ...], bool]] = {
    "relevance_precision": (("relevance", "precision"), True),
    "relevance_recall": (("relevance", "recall"), True),
    "relevance_f1": (("relevance", "f1"), True),
    "kind_accuracy": (("kind_accuracy",), True),
    "bcubed_precision": (("clustering", "bcubed_precision"), True),
    "bcubed_recall": (("clustering", "bcubed_recall"), True),
    "bcubed_f1": (("clustering", "bcubed_f1"), True),
    "alerts_per_event": (("alerts_per_event",), False),
    "missed_events": (("missed_events",), False),
    "facts_accuracy": (("facts", "accuracy"), True),
}

Fit = Callable[[Sequence[int]], GroupParams]  # training rows → parameters for the held-out fold


def assign_folds(rows: Sequence[dict[str, Any]], k: int) -> list[int]:
    """The fold of every row: whole events per fold, sizes balanced, deterministic."""
    groups: dict[str, list[int]] = {}
    loose: list[int] = []
    for index, row in enumerate(rows):
        keys = gold_keys(row)
        (groups.setdefault(keys[0], []) if keys else loose).append(index)
    fold = [0] * len(rows)
    sizes = [0] * k
    for key in sorted(groups, key=lambda key: (-len(groups[key]), key)):
        target = min(range(k), key=lambda f: (sizes[f], f))
        for index in groups[key]:
            fold[index] = target
        sizes[target] += len(groups[key])
    loose.sort(key=lambda i: (zlib.crc32(str(rows[i].get("id", i)).encode()), i))
    for n, index in enumerate(loose):
        fold[index] = n % k
    return fold


def figures(metrics: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, (path, _) in FIGURES.items():
        value: Any = metrics
        for part in path:
            value = value[part]
        out[name] = value
    return out


def cross_validate(
    rows: Sequence[dict[str, Any]],
    prepared: Prepared,
    k: int,
    params: GroupParams,
    threshold: float,
    fit: Fit | None = None,
) -> dict[str, Any]:
    """Per-fold figures, their mean and the worst fold (lowest, or highest where lower is better)."""
    fold_of = assign_folds(rows, k)
    per_fold: list[dict[str, Any]] = []
    for f in range(k):
        held = [i for i in range(len(rows)) if fold_of[i] == f]
        train = [i for i in range(len(rows)) if fold_of[i] != f]
        fold_params = fit(train) if fit else params
        metrics = score(rows, prepared, held, fold_params, threshold)
        entry = {"fold": f + 1, "articles": len(held), "events": metrics["gold_events"], **figures(metrics)}
        if fit:
            entry["fitted"] = fitted_values(fold_params)
        per_fold.append(entry)
    mean = {name: round(sum(p[name] for p in per_fold) / k, 4) for name in FIGURES}
    worst = {name: (max if not higher else min)(p[name] for p in per_fold) for name, (_, higher) in FIGURES.items()}
    return {"k": k, "per_fold": per_fold, "mean": mean, "worst": worst}
