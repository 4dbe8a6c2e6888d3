"""What every command shares: exit codes, user errors, settings with flag overrides, progress bars."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from enum import IntEnum
from typing import Any, TypeVar

from service.settings import Settings

ENV_PREFIX = "EXCHANGEWATCH_"
T = TypeVar("T")


class ExitCode(IntEnum):
    """Exit statuses, documented in `exchangewatch --help` and the README."""

    OK = 0
    FAILED = 1  # the command ran and its work failed (every polled feed failed, some outlines rejected, no such feed)
    USAGE = 2  # unknown command or option, bad value, missing or unreadable file
    CONFIG = 3  # an EXCHANGEWATCH_* setting (or .env line) is invalid
    DATA = 4  # an input file is unusable: not OPML, no feeds in it, corpus lines that are not JSON objects
    UNAVAILABLE = 5  # the database cannot be reached or migrated, or the port is taken
    INTERRUPTED = 130  # Ctrl-C


EXIT_CODES_HELP = (
    "Exit codes: 0 ok · 1 the work failed (e.g. every polled feed failed) · 2 usage error or unreadable file"
    " · 3 invalid EXCHANGEWATCH_* setting · 4 unusable input file (bad or empty OPML, corpus not JSON lines)"
    " · 5 database unreachable or port taken · 130 interrupted."
)


class UserError(Exception):
    """A mistake or condition the user can fix: `main` prints one clear line on stderr and exits with `code`."""

    def __init__(self, message: str, code: ExitCode = ExitCode.FAILED) -> None:
        super().__init__(message)
        self.code = code


def env_name(field: str) -> str:
    return ENV_PREFIX + field.upper()


def option_help(field: str, text: str | None = None) -> str:
    """An option's help from the setting it overrides: meaning, variable and default."""
    info = Settings.model_fields[field]
    default = info.get_default(call_default_factory=True)
    shown = "unset" if default is None else default
    return f"{text or info.description or ''} (env {env_name(field)}, default {shown})"


def settings_epilog() -> str:
    names = ", ".join(env_name(name) for name in Settings.model_fields)
    return (
        f"Settings come from environment variables (or lines in ./.env): {names}.\n\n"
        "`exchangewatch settings` shows what each one means, its default and its current value."
        f"\n\n{EXIT_CODES_HELP}"
    )


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with the command line's flags (those given) taking precedence."""
    from pydantic import ValidationError

    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**given)
    except ValidationError as exc:
        problems = "; ".join(
            f"{env_name(str(err['loc'][0])) if err['loc'] else 'settings'}: {err['msg']}" for err in exc.errors()
        )
        raise UserError(f"invalid configuration: {problems}", ExitCode.CONFIG) from None


def database_error(exc: BaseException) -> UserError:
    """An unreachable or unusable database, said in one line."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    detail = text.splitlines()[0] if text else type(exc).__name__
    return UserError(f"database unavailable: {detail}", ExitCode.UNAVAILABLE)


def run_async(work: Coroutine[Any, Any, T]) -> T:
    """Run a command's coroutine; a database that cannot be reached is a clear error, not a traceback."""
    from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

    try:
        return asyncio.run(work)
    except (OperationalError, InterfaceError, DBAPIError, ConnectionError) as exc:
        raise database_error(exc) from None
    except KeyboardInterrupt:
        raise UserError("interrupted", ExitCode.INTERRUPTED) from None


def _ignore(_steps: int = 1) -> None:
    return None


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal; silent otherwise (logs, pipes, cron)."""
    if not sys.stderr.isatty():
        yield _ignore
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)

        def advance(steps: int = 1) -> None:
            bar.advance(task, steps)

        yield advance
