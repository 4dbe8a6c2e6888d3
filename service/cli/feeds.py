"""`exchangewatch feeds …`: list, add, remove, import and export the sources."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from service.cli.common import ExitCode, UserError, load_settings, option_help, progress, run_async
from service.settings import Settings

app = typer.Typer(help="Manage the sources: list, add, remove, import and export (OPML).", no_args_is_help=True)


class Kind(StrEnum):
    rss = "rss"
    telegram = "telegram"
    google_news = "google_news"
    gdelt = "gdelt"


DatabaseUrl = Annotated[
    str | None, typer.Option("--database-url", help=option_help("database_url"), show_default=False)
]


@asynccontextmanager
async def _session(settings: Settings) -> AsyncIterator[Any]:
    from service.bootstrap import prepare_database
    from service.db import Database

    await prepare_database(settings)
    db = Database(settings.database_url)
    try:
        async with db.session() as session:
            yield session
    finally:
        await db.dispose()


def _feed_json(feed: Any) -> dict[str, Any]:
    return {
        "id": feed.id,
        "url": feed.url,
        "kind": feed.kind,
        "title": feed.title,
        "enabled": feed.enabled,
        "official": feed.official,
        "last_success_at": feed.last_success_at.isoformat() if feed.last_success_at else None,
        "last_error_kind": feed.last_error_kind,
        "error_count": feed.error_count,
    }


@app.command("list")
def list_feeds(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Every source with its state (on/off), kind, health (ok, new or the last error kind) and URL."""
    from service.store import feeds as feed_store

    async def run() -> None:
        async with _session(load_settings(database_url=database_url)) as session:
            for feed in await feed_store.list_feeds(session):
                if as_json:
                    typer.echo(json.dumps(_feed_json(feed)))
                    continue
                state = "on " if feed.enabled else "off"
                health = feed.last_error_kind or ("ok" if feed.last_success_at else "new")
                typer.echo(f"{feed.id:>4} {state} {feed.kind:<11} {health:<12} {feed.url}")

    run_async(run())


@app.command("add")
def add(
    url: Annotated[
        str, typer.Argument(metavar="URL", help="Feed URL (RSS/RDF/Atom, t.me/s/CHANNEL, Google News, GDELT).")
    ],
    kind: Annotated[Kind | None, typer.Option(help="Source kind (default: detected from the URL).")] = None,
    title: Annotated[str | None, typer.Option(help="Display title.")] = None,
    language: Annotated[str | None, typer.Option(help="Language code of its articles, e.g. uk.")] = None,
    official: Annotated[bool, typer.Option(help="An official channel (its reports weigh more).")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Add one source; prints `added: ID URL` or `exists: ID URL`."""
    from service.models import utcnow
    from service.store import feeds as feed_store

    spec = feed_store.FeedSpec(
        url=url, kind=kind.value if kind else None, title=title, language=language, official=official
    )

    async def run() -> None:
        async with _session(load_settings(database_url=database_url)) as session:
            feed, created = await feed_store.add_feed(session, spec, utcnow())
        typer.echo(f"{'added' if created else 'exists'}: {feed.id} {feed.url}")

    run_async(run())


@app.command("remove")
def remove(
    feed: Annotated[str, typer.Argument(metavar="FEED", help="The feed's id or URL.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Remove one source (its articles stay); exits 1 when there is no such feed."""
    from service.store import feeds as feed_store

    async def run() -> None:
        async with _session(load_settings(database_url=database_url)) as session:
            found = await (
                feed_store.get_feed(session, int(feed)) if feed.isdigit() else feed_store.get_feed_by_url(session, feed)
            )
            if found is None:
                raise UserError(f"no such feed: {feed}", ExitCode.FAILED)
            await feed_store.delete_feed(session, found)
        typer.echo(f"removed: {found.id} {found.url}")

    run_async(run())


def read_opml(path: Path) -> list[Any]:
    """The feeds of an OPML file; an unreadable file, bad XML or no feeds at all is a clear error."""
    from service import opml

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}", ExitCode.USAGE) from None
    try:
        specs = opml.parse_opml(data)
    except opml.OpmlError as exc:
        raise UserError(f"{path}: {exc}", ExitCode.DATA) from None
    if not specs:
        raise UserError(f"{path}: no feeds in it (no <outline> with an xmlUrl)", ExitCode.DATA)
    return specs


def check_feeds_file(settings: Settings) -> None:
    """FEEDS_FILE replaces the feed list at start: a bad or empty one is refused before anything is removed."""
    if settings.feeds_file is not None:
        try:
            read_opml(settings.feeds_file)
        except UserError as exc:
            raise UserError(f"EXCHANGEWATCH_FEEDS_FILE: {exc}", exc.code) from None


@app.command("import")
def import_opml(
    file: Annotated[
        Path, typer.Argument(metavar="FILE.opml", help="OPML file.", exists=True, dir_okay=False, readable=True)
    ],
    database_url: DatabaseUrl = None,
) -> None:
    """Add every source of an OPML file (folders flattened); known URLs are kept as they are."""
    from service.models import utcnow
    from service.store import feeds as feed_store

    specs = read_opml(file)

    async def run() -> int:
        added = 0
        async with _session(load_settings(database_url=database_url)) as session:
            with progress("importing feeds", total=len(specs)) as advance:
                for spec in specs:
                    added += (await feed_store.add_feed(session, spec, utcnow()))[1]
                    advance(1)
        return added

    added = run_async(run())
    typer.echo(f"imported {added} new feeds ({len(specs) - added} already known)")


@app.command("export")
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.", dir_okay=False)
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Print every source as OPML 2.0 (import it elsewhere, or set it as EXCHANGEWATCH_FEEDS_FILE)."""
    from service import opml
    from service.store import feeds as feed_store

    async def run() -> str:
        async with _session(load_settings(database_url=database_url)) as session:
            return opml.to_opml(list(await feed_store.list_feeds(session)))

    document = run_async(run())
    if output is None:
        typer.echo(document, nl=False)
        return
    try:
        output.write_text(document, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror}", ExitCode.USAGE) from None
