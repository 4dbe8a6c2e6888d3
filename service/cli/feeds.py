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


@asynccontextmanager
async def _database(settings: Settings) -> AsyncIterator[Any]:
    """The migrated database, for flows that open their own units of work."""
    from service.bootstrap import prepare_database
    from service.db import Database

    await prepare_database(settings)
    db = Database(settings.database_url)
    try:
        yield db
    finally:
        await db.dispose()


def _feed_json(feed: Any) -> dict[str, Any]:
    return {
        "id": feed.id,
        "url": feed.url,
        "kind": feed.kind,
        "title": feed.title,
        "language": feed.language,
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


NoCheck = Annotated[bool, typer.Option("--no-check", help="Do not fetch the source once before adding it.")]


@app.command("add")
def add(
    url: Annotated[
        str,
        typer.Argument(
            metavar="URL", help="Feed URL (RSS/RDF/Atom, a page announcing one, t.me/s/CHANNEL, Google News, GDELT)."
        ),
    ],
    kind: Annotated[Kind | None, typer.Option(help="Source kind (default: detected from the URL).")] = None,
    title: Annotated[str | None, typer.Option(help="Display title (default: the feed's own).")] = None,
    language: Annotated[str | None, typer.Option(help="Language code of its articles, e.g. uk.")] = None,
    official: Annotated[bool, typer.Option(help="An official channel (its reports weigh more).")] = False,
    no_check: NoCheck = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Add one source through the API's flow: the URL is normalised, fetched once (what was found is printed;
    a page that announces a feed adds that feed), then stored; prints `added: ID URL` or `exists: ID URL`.
    Exits 2 for a URL that is not http(s), 1 when the first fetch fails."""
    from service.flows import feeds as feed_flow
    from service.store.feeds import FeedSpec

    spec = FeedSpec(url=url, kind=kind.value if kind else None, title=title, language=language, official=official)
    settings = load_settings(database_url=database_url)

    async def run() -> feed_flow.AddOutcome:
        async with _database(settings) as db, feed_flow.feed_client(settings) as http:
            try:
                return await feed_flow.add_feed(db, http, spec, settings, check=not no_check)
            except feed_flow.FeedRejected as exc:
                usage = exc.code in ("invalid_url", "unsafe_url")
                raise UserError(f"{exc.message} ({exc.code})", ExitCode.USAGE if usage else ExitCode.FAILED) from None

    added = run_async(run())
    if (found := added.probe) is not None:
        via = f" (discovered on {found.discovered_from})" if found.discovered_from else ""
        typer.echo(f"found: {found.format or found.kind} {found.title or '(untitled)'!r}, {found.items} items{via}")
    typer.echo(f"{'added' if added.created else 'exists'}: {added.feed.id} {added.feed.url}")


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


def _outlines(path: Path) -> tuple[bytes, int]:
    """The file's bytes and its number of feed outlines (each is validated on its own by the import)."""
    from service import opml

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}", ExitCode.USAGE) from None
    try:
        count = len(opml.read_outlines(data))
    except opml.OpmlError as exc:
        raise UserError(f"{path}: {exc}", ExitCode.DATA) from None
    if not count:
        raise UserError(f"{path}: no feeds in it (no <outline> with an xmlUrl)", ExitCode.DATA)
    return data, count


_CHECK_APART = """
import sys
from pathlib import Path
from service.cli.common import UserError
from service.cli.feeds import check_feeds_file
from service.settings import Settings
try:
    check_feeds_file(Settings.model_construct(feeds_file=Path(sys.argv[1])))
except UserError as exc:
    print(f"error: {exc}", file=sys.stderr)
    sys.exit(int(exc.code))
"""


def check_feeds_file_apart(settings: Settings) -> None:
    """`check_feeds_file` in a short-lived process, for `exchangewatch worker`'s parent: reading OPML imports
    lxml and the feed-URL rules (~5 MB) that the parent would otherwise hold for good (issue 16)."""
    import subprocess
    import sys

    if settings.feeds_file is None:
        return
    code = subprocess.run([sys.executable, "-c", _CHECK_APART, str(settings.feeds_file)], check=False).returncode
    if code:
        raise typer.Exit(code)


def check_feeds_file(settings: Settings) -> None:
    """FEEDS_FILE replaces the feed list at start: an unreadable or non-OPML one is refused before anything is
    removed; an empty one is allowed (a delivery-only worker) but said loudly, since it removes every feed."""
    if settings.feeds_file is None:
        return
    try:
        read_opml(settings.feeds_file)
    except UserError as exc:
        if "no feeds in it" not in str(exc):
            raise UserError(f"EXCHANGEWATCH_FEEDS_FILE: {exc}", exc.code) from None
        typer.echo(
            f"warning: EXCHANGEWATCH_FEEDS_FILE {settings.feeds_file} lists no feeds: every feed is removed", err=True
        )


@app.command("import")
def import_opml(
    file: Annotated[
        Path, typer.Argument(metavar="FILE.opml", help="OPML file.", exists=True, dir_okay=False, readable=True)
    ],
    no_check: NoCheck = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Add every source of an OPML file (folders flattened) through the same flow as `feeds add`; known URLs
    are kept as they are. A bad outline is reported on stderr and the others are imported (exit 1)."""
    from service.flows import feeds as feed_flow

    data, outlines = _outlines(file)  # an unreadable, non-OPML or empty file is refused before any fetch
    settings = load_settings(database_url=database_url)

    async def run() -> list[feed_flow.OutlineOutcome]:
        async with _database(settings) as db, feed_flow.feed_client(settings) as http:
            with progress("importing feeds", total=outlines) as advance:
                return await feed_flow.import_opml(
                    db, http, data, settings, check=not no_check, on_outline=lambda _o: advance(1)
                )

    outcomes = run_async(run())
    for outcome in outcomes:
        if outcome.status == "failed":
            typer.echo(f"outline {outcome.position} {outcome.url}: {outcome.detail} ({outcome.code})", err=True)
    created = sum(o.status == "created" for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    typer.echo(f"imported {created} new feeds ({len(outcomes) - created - failed} already known, {failed} failed)")
    if failed:
        raise typer.Exit(ExitCode.FAILED)


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
