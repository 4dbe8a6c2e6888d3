"""Cross-validation by event: whole events per fold, deterministic, every fold replayed on its own."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from service.core.domain import Mention, Report
from service.core.events.cluster import GroupParams
from service.eval.command import format_text
from service.eval.fit import GRID
from service.eval.folds import FIGURES, assign_folds, cross_validate
from service.eval.replay import eval_main, evaluate, prepare
from tests.eval.test_evaluate import CORPUS, row, stub


def many(n_events: int, per_event: int, negatives: int) -> list[dict[str, Any]]:
    rows = [
        row(f"e{e}r{r}", "pow_exchange", f"2031-0{1 + e % 9}-1{e % 10}", f"pow-2031-0{1 + e % 9}-1{e % 10}")
        for e in range(n_events)
        for r in range(per_event)
    ]
    return rows + [row(f"n{n}", "negative", "2031-05-01", None) for n in range(negatives)]


def test_folds_keep_events_whole_and_balance_sizes() -> None:
    rows = many(9, 3, 7)
    folds = assign_folds(rows, 3)
    for key in {r["event_key"] for r in rows if r["event_key"]}:
        assert len({folds[i] for i, r in enumerate(rows) if r["event_key"] == key}) == 1
    sizes = [folds.count(f) for f in range(3)]
    assert max(sizes) - min(sizes) <= 1 and sum(sizes) == len(rows)
    assert folds == assign_folds(rows, 3)  # deterministic
    assert assign_folds(list(reversed(rows)), 3) == list(reversed(folds))  # independent of file order


def test_secondary_keys_do_not_split_an_item() -> None:
    rows = [{**row("x", "pow_exchange", "2031-03-10", "pow-2031-03-10;agreement-2031-03-01")}, CORPUS[0]]
    assert len(set(assign_folds(rows, 2))) == 1


def test_every_fold_is_replayed_on_its_own() -> None:
    m = evaluate(CORPUS, detector=stub, folds=2)
    folds = m["folds"]
    assert folds["k"] == 2 and len(folds["per_fold"]) == 2
    assert sum(p["articles"] for p in folds["per_fold"]) == len(CORPUS)
    assert sum(p["events"] for p in folds["per_fold"]) == m["gold_events"]
    for name, (_, higher) in FIGURES.items():
        values = [p[name] for p in folds["per_fold"]]
        assert folds["mean"][name] == round(sum(values) / 2, 4)
        assert folds["worst"][name] == (min(values) if higher else max(values))
    # The pow event (a1, a2, a3, a9) is alone in its fold: a9, weeks later, still joins it.
    pow_fold = next(p for p in folds["per_fold"] if p["articles"] >= 4)
    assert pow_fold["bcubed_precision"] == 1.0
    assert "cross-validation by event, 2 folds" in format_text(m)


def test_eval_command_folds_in_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("service.core.detection.detect")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in CORPUS), encoding="utf-8")
    details = tmp_path / "details.jsonl"
    assert eval_main([str(corpus), "--folds", "3", "--json", "--details", str(details)]) == 0
    metrics = json.loads(capsys.readouterr().out)
    assert metrics["folds"]["k"] == 3 and set(metrics["folds"]["mean"]) == set(FIGURES)
    assert sum(1 for line in details.read_text().splitlines() if '"id"' in line) == len(CORPUS)
    assert eval_main([str(corpus), "--folds", "3"]) == 0
    out = capsys.readouterr().out
    assert "fold 3" in out and "worst" in out and "mean" in out
    with pytest.raises(SystemExit):
        eval_main([str(corpus), "--folds", "1"])


def test_fitting_sees_only_the_training_folds() -> None:

    rows = many(6, 2, 3)
    prepared = prepare(rows, lambda doc: stub_any(doc))
    seen: list[list[int]] = []

    def fit(train: Any) -> GroupParams:
        seen.append(list(train))
        return GroupParams()

    result = cross_validate(rows, prepared, 3, GroupParams(), 0.6, fit)
    folds = assign_folds(rows, 3)
    assert len(seen) == 3
    for f, train in enumerate(seen):
        assert train and all(folds[i] != f for i in train)
    assert all("fitted" not in p or p["fitted"] for p in result["per_fold"])


def test_eval_fit_reports_the_thresholds_chosen_per_fold() -> None:

    m = evaluate(CORPUS, detector=stub, folds=2, fit=True)
    for entry in m["folds"]["per_fold"]:
        assert set(entry["fitted"]) == set(GRID)
        assert all(entry["fitted"][name] in GRID[name] for name in GRID)
    assert "thresholds fitted on the other folds" in format_text(m)


def stub_any(doc: Any) -> Any:

    return Report(True, 1.0, (Mention("pow_exchange", "completed", date(2031, 3, 10), "day"),))
