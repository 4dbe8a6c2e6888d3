"""The `exchangewatch` command, on Typer: every command and option is described in `--help`.

`main` returns the exit code instead of exiting, so tests and embedding code can call it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from service.cli.common import ExitCode, UserError

__all__ = ["ExitCode", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; user errors print one line (`error: …`) and exit with their code, no traceback."""
    import typer

    from service.worker.memory import limit_malloc_arenas

    limit_malloc_arenas()
    from service.cli.app import app

    command = typer.main.get_command(app)
    try:
        command.main(args=list(argv) if argv is not None else None, prog_name="exchangewatch")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else int(ExitCode.FAILED))
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return int(exc.code)
    return int(ExitCode.OK)
