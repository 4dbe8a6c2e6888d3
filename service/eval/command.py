"""`exchangewatch eval CORPUS.jsonl [--folds K] [--json] [--details FILE]`: print the replay's metrics."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from service.eval.folds import FIGURES, figures
from service.eval.replay import CorpusError, evaluate, read_corpus
from service.settings import Settings

_SHORT = {
    "relevance_precision": "rel P",
    "relevance_recall": "rel R",
    "relevance_f1": "rel F1",
    "kind_accuracy": "kind",
    "bcubed_precision": "B3 P",
    "bcubed_recall": "B3 R",
    "bcubed_f1": "B3 F1",
    "alerts_per_event": "al/ev",
    "missed_events": "missed",
    "facts_accuracy": "facts",
}


def format_text(m: dict[str, Any]) -> str:
    """The metrics for a human."""
    rel, clu, facts, alerts = m["relevance"], m["clustering"], m["facts"], m["alerts"]
    lines = [
        f"articles            {m['articles']}  ({m['articles_per_second']:.0f}/s)",
        f"relevance           P {rel['precision']:.3f}  R {rel['recall']:.3f}  F1 {rel['f1']:.3f}",
        f"kind accuracy       {m['kind_accuracy']:.3f}",
        f"clustering B-cubed  P {clu['bcubed_precision']:.3f}  R {clu['bcubed_recall']:.3f}  F1 {clu['bcubed_f1']:.3f}",
        f"alerts              {alerts['created']} created, {alerts['updated']} updated,"
        f" {alerts['false_created']} created for non-events",
        f"alerts per event    {m['alerts_per_event']:.2f}",
        f"missed events       {m['missed_events']} of {m['gold_events']}"
        + (f"  ({', '.join(m['missed_event_keys'])})" if m["missed_event_keys"] else ""),
        f"facts               {facts['accuracy']:.3f} of {facts['compared']} compared",
    ]
    if "folds" in m:
        lines += ["", format_folds(m)]
    return "\n".join(lines)


def format_folds(m: dict[str, Any]) -> str:
    """A table: whole corpus, each fold, the mean and the worst fold, one column per figure."""
    folds = m["folds"]
    head = f"{'':12}{'items':>6}{'events':>7}" + "".join(f"{_SHORT[n]:>8}" for n in FIGURES)

    def row(label: str, values: dict[str, Any], items: Any = "", events: Any = "") -> str:
        cells = "".join(f"{values[n]:>8.3f}" if n != "missed_events" else f"{values[n]:>8g}" for n in FIGURES)
        return f"{label:12}{items!s:>6}{events!s:>7}{cells}"

    lines = [f"cross-validation by event, {folds['k']} folds", head]
    lines.append(row("whole", figures(m), m["articles"], m["gold_events"]))
    lines += [row(f"fold {p['fold']}", p, p["articles"], p["events"]) for p in folds["per_fold"]]
    lines += [row("mean", folds["mean"]), row("worst", folds["worst"])]
    fitted = [p["fitted"] for p in folds["per_fold"] if "fitted" in p]
    if fitted:
        lines.append(
            "thresholds fitted on the other folds: "
            + "; ".join(
                f"fold {n}: " + ", ".join(f"{k} {v:g}" for k, v in values.items()) for n, values in enumerate(fitted, 1)
            )
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="exchangewatch eval", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="labelled corpus, one JSON object per line")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.add_argument("--details", metavar="FILE", help="write per-article and per-alert JSON lines here")
    parser.add_argument(
        "--folds", type=int, default=0, metavar="K", help="also cross-validate by event over K folds (K ≥ 2)"
    )
    parser.add_argument(
        "--fit", action="store_true", help="with --folds: fit the match thresholds on each fold's training folds"
    )
    args = parser.parse_args(argv)
    if args.folds == 1 or args.folds < 0:
        parser.error("--folds needs at least 2 folds")
    try:
        settings = Settings()  # the service's own settings: same grouping parameters and thresholds
    except ValueError as exc:  # pydantic's message names the variable that is wrong
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    try:
        rows = read_corpus(args.corpus)
    except (OSError, CorpusError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.details:
        with open(args.details, "w", encoding="utf-8") as out:
            metrics = evaluate(rows, details=out, settings=settings, folds=args.folds, fit=args.fit)
    else:
        metrics = evaluate(rows, settings=settings, folds=args.folds, fit=args.fit)
    for warning in metrics["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    print(json.dumps(metrics, ensure_ascii=False) if args.json else format_text(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
