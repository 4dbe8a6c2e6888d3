"""`exchangewatch notify …`: subscribe an Apprise URL (Telegram, Slack, e-mail, ntfy, …), list, test, remove."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from service.cli.common import ExitCode, UserError, load_settings, option_help, run_async

app = typer.Typer(help="Notification channels: alerts as short messages through Apprise URLs.", no_args_is_help=True)

DatabaseUrl = Annotated[
    str | None, typer.Option("--database-url", help=option_help("database_url"), show_default=False)
]


async def _database(database_url: str | None) -> tuple[Any, Any]:
    from service.bootstrap import prepare_database
    from service.db import Database

    settings = load_settings(database_url=database_url)
    await prepare_database(settings)
    return settings, Database(settings.database_url)


@app.command("add")
def add(
    url: Annotated[str, typer.Argument(metavar="URL", help="An Apprise URL, e.g. tgram://BOT_TOKEN/CHAT_ID.")],
    kind: Annotated[list[str] | None, typer.Option(help="Only these kinds (repeat): pow_exchange, …")] = None,
    language: Annotated[list[str] | None, typer.Option(help="Only alerts from articles in these languages.")] = None,
    min_confidence: Annotated[float | None, typer.Option(min=0.0, max=1.0, help="Only alerts this sure.")] = None,
    official_only: Annotated[bool, typer.Option(help="Only events an official source confirmed.")] = False,
    description: Annotated[str, typer.Option(help="A note for yourself.")] = "",
    database_url: DatabaseUrl = None,
) -> None:
    """Subscribe one channel; prints `added: ID MASKED-URL` (the URL's secrets are never printed)."""
    from service.flows import notifications as flow

    filters = {"kinds": kind or None, "languages": language or None, "min_confidence": min_confidence}

    async def run() -> None:
        settings, db = await _database(database_url)
        try:
            endpoint = await flow.add_channel(
                db, settings, url, description=description, filters={**filters, "official_only": official_only}
            )
        except flow.InvalidChannel as exc:
            raise UserError(f"notification URL refused: {exc}", ExitCode.USAGE) from None
        finally:
            await db.dispose()
        typer.echo(f"added: {endpoint.id} {flow.public_url(endpoint)}")

    run_async(run())


@app.command("list")
def list_channels(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Every channel: id, on/off, masked URL."""
    from service.flows import notifications as flow

    async def run() -> None:
        _settings, db = await _database(database_url)
        try:
            channels = await flow.list_channels(db)
        finally:
            await db.dispose()
        for e in channels:
            shown = {"id": e.id, "enabled": e.enabled, "url": flow.public_url(e), "disabled_reason": e.disabled_reason}
            typer.echo(json.dumps(shown) if as_json else f"{e.id} {'on ' if e.enabled else 'off'} {shown['url']}")

    run_async(run())


@app.command("test")
def test(
    channel: Annotated[str, typer.Argument(metavar="ID", help="The channel's id (nt_…).")],
    database_url: DatabaseUrl = None,
) -> None:
    """Send a test message now; exits 1 when it fails (the reason is printed, secrets removed)."""
    from service.flows import notifications as flow

    async def run() -> None:
        settings, db = await _database(database_url)
        try:
            endpoint = await flow.get_channel(db, channel)
            if endpoint is None:
                raise UserError(f"no such notification channel: {channel}", ExitCode.FAILED)
            outcome = await flow.send_test(db, settings, endpoint)
        finally:
            await db.dispose()
        result = outcome.result
        if not result.ok:
            raise UserError(f"test failed ({result.error_class}): {result.error}", ExitCode.FAILED)
        typer.echo(f"sent: {outcome.delivery_id} in {result.duration_ms} ms")

    run_async(run())
