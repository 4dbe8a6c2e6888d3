"""`exchangewatch eval`: replay a labelled corpus and print the metrics, with a progress bar on a terminal."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from service.cli.common import ExitCode, UserError, progress


def read_corpus(path: Path) -> list[dict[str, Any]]:
    """One JSON object per line; a line that is not one is a clear error naming the line."""
    rows: list[dict[str, Any]] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise UserError(f"{path}:{number}: not JSON ({exc.msg})", ExitCode.DATA) from None
                if not isinstance(row, dict):
                    raise UserError(f"{path}:{number}: not a JSON object", ExitCode.DATA)
                rows.append(row)
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
) -> None:
    """Replay a labelled corpus through detection, grouping and alerts (no network) and print the metrics."""
    from service.eval import replay

    rows = read_corpus(corpus)
    detect = replay._default_detector()
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
            metrics = replay.evaluate(rows, details=out, detector=counted)
        finally:
            if out is not None:
                out.close()
    typer.echo(json.dumps(metrics, ensure_ascii=False) if as_json else replay.format_text(metrics))
