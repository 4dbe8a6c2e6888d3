"""`exchangewatch eval`: replay a labelled corpus and print the metrics, with a progress bar on a terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from service.cli.common import ExitCode, UserError, load_settings, progress


def read_corpus(path: Path) -> list[dict[str, Any]]:
    """The corpus rows; unreadable (usage), not JSON lines or empty (bad input) are clear errors."""
    from service.eval.replay import CorpusError
    from service.eval.replay import read_corpus as read

    try:
        rows = read(str(path))
    except CorpusError as exc:
        raise UserError(str(exc), ExitCode.DATA) from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text", ExitCode.DATA) from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}", ExitCode.USAGE) from None
    if not rows:
        raise UserError(f"{path}: no articles in it", ExitCode.DATA)
    return rows


def eval_command(
    corpus: Annotated[
        Path,
        typer.Argument(
            metavar="CORPUS.jsonl",
            help="Labelled corpus: one JSON object per line.",
            exists=True,
            dir_okay=False,
            readable=True,
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of text.")] = False,
    details: Annotated[
        Path | None,
        typer.Option(help="Write per-article and per-alert JSON lines to this file.", dir_okay=False),
    ] = None,
    folds: Annotated[
        int, typer.Option(metavar="K", min=0, help="Also cross-validate by event over K folds (K ≥ 2; 0: off).")
    ] = 0,
    fit: Annotated[
        bool, typer.Option("--fit", help="With --folds: fit the match thresholds on each fold's training folds.")
    ] = False,
) -> None:
    """Replay a labelled corpus through detection, grouping and alerts (no network) and print the metrics."""
    from service.eval.command import format_text
    from service.eval.replay import default_detector, evaluate

    if folds == 1:
        raise typer.BadParameter("needs at least 2 folds (or 0 for none)", param_hint="--folds")
    settings = load_settings()  # the service's own grouping parameters and thresholds
    rows = read_corpus(corpus)
    detect = default_detector()
    with progress("replaying articles", total=len(rows)) as advance:

        def counted(doc: Any) -> Any:
            report = detect(doc)
            advance(1)
            return report

        try:
            out = details.open("w", encoding="utf-8") if details else None
        except OSError as exc:
            raise UserError(f"cannot write {details}: {exc.strerror}", ExitCode.USAGE) from None
        try:
            metrics = evaluate(rows, details=out, detector=counted, settings=settings, folds=folds, fit=fit)
        finally:
            if out is not None:
                out.close()
    for warning in metrics.get("warnings", []):
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(json.dumps(metrics, ensure_ascii=False) if as_json else format_text(metrics))
