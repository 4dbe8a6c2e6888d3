"""The root command: serve, api, worker, poll, db, settings; feeds and eval live in their own modules."""

from __future__ import annotations

import json
import socket
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from service.cli import evaluate, feeds, notify
from service.cli.common import (
    ExitCode,
    UserError,
    env_name,
    load_settings,
    option_help,
    run_async,
    settings_epilog,
)
from service.cli.feeds import check_feeds_file
from service.settings import Settings

app = typer.Typer(
    name="exchangewatch",
    help="Watch news feeds for Russia–Ukraine prisoner exchanges and repatriations; publish deduplicated alerts."
    " Run any command with --help for its options.",
    epilog=settings_epilog(),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain click help: nothing cut or eaten as markup, greppable errors
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(feeds.app, name="feeds")
app.add_typer(notify.app, name="notify")
app.command("eval", no_args_is_help=True)(evaluate.eval_command)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
app.add_typer(db_app, name="db")

Host = Annotated[str | None, typer.Option(help=option_help("host"), show_default=False)]
Port = Annotated[int | None, typer.Option(help=option_help("port"), show_default=False, min=1, max=65535)]
DatabaseUrl = Annotated[
    str | None, typer.Option("--database-url", help=option_help("database_url"), show_default=False)
]
FeedsFile = Annotated[
    Path | None, typer.Option("--feeds-file", help=option_help("feeds_file"), show_default=False, dir_okay=False)
]


class Level(StrEnum):
    DEBUG = "DEBUG"
    INFO = "INFO"
    WARNING = "WARNING"
    ERROR = "ERROR"


LogLevel = Annotated[
    Level | None,
    typer.Option("--log-level", help=option_help("log_level"), show_default=False, case_sensitive=False),
]
AccessLog = Annotated[
    bool | None, typer.Option("--access-log/--no-access-log", help=option_help("access_log"), show_default=False)
]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"exchangewatch {version('exchangewatch')}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Watch news feeds for Russia–Ukraine prisoner exchanges and repatriations; publish deduplicated alerts."""


def _serve(settings: Settings, *, workers: bool, api: bool) -> None:
    import uvicorn

    from service.api.server import server_options
    from service.bootstrap import prepare_database, wait_for_database
    from service.logs import configure_logging
    from service.store.outage import QuietDuringOutage

    secrets = [settings.admin_token_value() or ""]
    configure_logging(settings.log_format, settings.log_level, secrets=secrets, filters=[QuietDuringOutage()])
    _check_listen(settings.host, settings.port)
    if workers and not api and settings.worker_idle_exit_seconds > 0:
        feeds.check_feeds_file_apart(settings)  # the worker's parent process never reads OPML itself
    elif workers:
        check_feeds_file(settings)
    run_async(wait_for_database(settings))  # a database still starting: wait; gone for good: one line, code 5
    if settings.migrate_on_start:  # here, so an unreachable database is one line and exit code 5
        run_async(prepare_database(settings))
        settings = settings.model_copy(update={"migrate_on_start": False})
    app_: Any
    if api:
        from service.api.app import create_app

        app_ = create_app(settings, run_workers=workers)
    else:  # the operators' endpoints only: no FastAPI in a worker process (issue 16's idle memory)
        from service.worker.server import WorkerApp

        app_ = WorkerApp(settings)
    try:
        uvicorn.run(
            app_,
            host=settings.host,
            port=settings.port,
            log_config=None,
            ws="auto" if api else "none",  # a worker serves no WebSocket: skip importing a protocol for it
            access_log=False,  # ACCESS_LOG is written by our middleware, with timings and ids
            **server_options(settings),  # header limits, timeouts, connection cap, trusted proxies
        )
    except SystemExit as exc:  # uvicorn exits 3 when start-up failed; its log above says why
        if exc.code not in (0, None):
            raise UserError("the server did not start (see the log above)", ExitCode.FAILED) from None


def _check_listen(host: str, port: int) -> None:
    """A port already taken is one clear line and exit code 5, before anything starts."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as exc:
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", ExitCode.UNAVAILABLE) from None


@app.command()
def serve(
    host: Host = None,
    port: Port = None,
    database_url: DatabaseUrl = None,
    feeds_file: FeedsFile = None,
    log_level: LogLevel = None,
    access_log: AccessLog = None,
) -> None:
    """API and workers in one process: the single-node service. Stop it with Ctrl-C or SIGTERM."""
    settings = load_settings(
        host=host,
        port=port,
        database_url=database_url,
        feeds_file=feeds_file,
        log_level=log_level,
        access_log=access_log,
    )
    _serve(settings, workers=True, api=True)


@app.command()
def api(
    host: Host = None,
    port: Port = None,
    database_url: DatabaseUrl = None,
    log_level: LogLevel = None,
    access_log: AccessLog = None,
) -> None:
    """The API only (scale out: run several against one PostgreSQL)."""
    settings = load_settings(
        host=host, port=port, database_url=database_url, log_level=log_level, access_log=access_log
    )
    _serve(settings, workers=False, api=True)


@app.command()
def worker(
    host: Host = None,
    port: Port = None,
    database_url: DatabaseUrl = None,
    feeds_file: FeedsFile = None,
    log_level: LogLevel = None,
) -> None:
    """Workers only (poll, process, deliver), serving /livez, /readyz, /health and /metrics on HOST:PORT."""
    settings = load_settings(
        host=host, port=port, database_url=database_url, feeds_file=feeds_file, log_level=log_level
    )
    _serve(settings, workers=True, api=False)


@app.command()
def poll(
    once: Annotated[bool, typer.Option("--once", help="Poll every due feed once, process, deliver, exit.")] = False,
    strict: Annotated[bool, typer.Option(help="Exit 1 when any feed failed (default: only when all did).")] = False,
    database_url: DatabaseUrl = None,
    feeds_file: FeedsFile = None,
) -> None:
    """Poll the due feeds once (for cron or a backfill); `exchangewatch worker` polls continuously.

    Exits 1 when every polled feed failed (or, with --strict, when any did).
    """
    if not once:
        raise typer.BadParameter("only --once is supported; run `exchangewatch worker` to poll continuously")
    from service.cli.polling import poll_once

    settings = load_settings(database_url=database_url, feeds_file=feeds_file)
    check_feeds_file(settings)
    code = run_async(poll_once(settings, strict=strict))
    if code != ExitCode.OK:
        raise typer.Exit(int(code))


@db_app.command("upgrade")
def db_upgrade(database_url: DatabaseUrl = None) -> None:
    """Apply the Alembic migrations up to the newest; prints {"migrated_to": REVISION}."""
    from sqlalchemy.exc import DBAPIError

    from service import migrate
    from service.cli.common import database_error

    settings = load_settings(database_url=database_url)
    try:
        migrate.upgrade(settings.database_url)
        head = migrate.head_revision(settings.database_url)
    except DBAPIError as exc:
        raise database_error(exc) from None
    typer.echo(json.dumps({"migrated_to": head}))


@app.command("settings")
def show_settings(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object: variable → current value.")] = False,
) -> None:
    """Every EXCHANGEWATCH_* variable: its current value (secrets hidden), its default and what it means."""
    settings = load_settings()
    rows = []
    for name, info in Settings.model_fields.items():
        value = getattr(settings, name)
        if value is not None and "token" in name:
            value = "********"
        shown = value if isinstance(value, bool | int | float | list) or value is None else str(value)
        rows.append((env_name(name), shown, info.get_default(call_default_factory=True), info.description or ""))
    if as_json:
        typer.echo(json.dumps({env: value for env, value, _, _ in rows}, indent=2))
        return
    for env, value, default, meaning in rows:
        note = "" if value == default else f"   (default {default})"
        typer.echo(f"{env}={'' if value is None else value}{note}\n    {meaning}")
