"""The `exchangewatch` command."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from service.settings import Settings

if TYPE_CHECKING:
    from sqlmodel.ext.asyncio.session import AsyncSession

    from service.models import Feed


def _serve(settings: Settings, *, workers: bool, api: bool) -> int:
    import uvicorn

    from service.api.app import create_app
    from service.logs import configure_logging

    configure_logging(settings.log_format, settings.log_level)
    app = create_app(settings, run_workers=workers, api_routes=api)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
    )
    return 0


async def _poll_once(settings: Settings) -> int:
    from service.bootstrap import prepare_database, sync_feed_list
    from service.db import Database
    from service.worker.runner import build_context
    from service.worker.ticks import run_once

    await prepare_database(settings)
    db = Database(settings.database_url)
    await sync_feed_list(settings, db)
    ctx = build_context(settings, db)
    try:
        polled = await run_once(ctx)
    finally:
        await ctx.aclose()
        await db.dispose()
    print(f"polled {polled} feeds")
    return 0


async def _feeds(settings: Settings, args: argparse.Namespace) -> int:
    from service import opml
    from service.bootstrap import prepare_database
    from service.db import Database
    from service.models import utcnow
    from service.store import feeds as feed_store

    await prepare_database(settings)
    db = Database(settings.database_url)
    try:
        async with db.session() as session:
            if args.feeds_command == "list":
                for feed in await feed_store.list_feeds(session):
                    state = "on " if feed.enabled else "off"
                    health = feed.last_error_kind or ("ok" if feed.last_success_at else "new")
                    print(f"{feed.id:>4} {state} {feed.kind:<11} {health:<12} {feed.url}")
            elif args.feeds_command == "add":
                spec = feed_store.FeedSpec(
                    url=args.url,
                    kind=args.kind,
                    title=args.title,
                    language=args.language,
                    official=args.official,
                )
                feed, created = await feed_store.add_feed(session, spec, utcnow())
                print(f"{'added' if created else 'exists'}: {feed.id} {feed.url}")
            elif args.feeds_command == "remove":
                gone = await _find(session, args.feed)
                if gone is None:
                    print(f"no such feed: {args.feed}", file=sys.stderr)
                    return 1
                await feed_store.delete_feed(session, gone)
                print(f"removed: {gone.id} {gone.url}")
            elif args.feeds_command == "import":
                added = 0
                for spec in opml.parse_opml(Path(args.file).read_bytes()):
                    added += (await feed_store.add_feed(session, spec, utcnow()))[1]
                print(f"imported {added} new feeds")
            elif args.feeds_command == "export":
                sys.stdout.write(opml.to_opml(list(await feed_store.list_feeds(session))))
    except opml.OpmlError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        await db.dispose()
    return 0


async def _find(session: AsyncSession, ident: str) -> Feed | None:
    from service.store import feeds as feed_store

    if ident.isdigit():
        return await feed_store.get_feed(session, int(ident))
    return await feed_store.get_feed_by_url(session, ident)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="exchangewatch", description=__doc__ or "")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="API and workers in one process (the default single-node setup)")
    sub.add_parser("api", help="the API only (scale out: run several)")
    sub.add_parser("worker", help="workers only, with /livez, /readyz and /metrics (scale out: run several)")
    poll = sub.add_parser("poll", help="poll due feeds")
    poll.add_argument("--once", action="store_true", required=True, help="run every due feed once and exit")
    feeds = sub.add_parser("feeds", help="manage the sources")
    fsub = feeds.add_subparsers(dest="feeds_command", required=True)
    fsub.add_parser("list", help="list sources with their health")
    add = fsub.add_parser("add", help="add a source")
    add.add_argument("url")
    add.add_argument("--kind", choices=["rss", "telegram", "google_news", "gdelt"])
    add.add_argument("--title")
    add.add_argument("--language")
    add.add_argument("--official", action="store_true")
    rm = fsub.add_parser("remove", help="remove a source (id or URL)")
    rm.add_argument("feed")
    imp = fsub.add_parser("import", help="add every source of an OPML file")
    imp.add_argument("file")
    fsub.add_parser("export", help="print the sources as OPML")
    db = sub.add_parser("db", help="database")
    db.add_argument("db_command", choices=["upgrade"])
    ev = sub.add_parser("eval", help="replay a labelled corpus through detection, grouping and alerts")
    ev.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["eval"]:
        from service.eval.replay import eval_main

        return eval_main(argv[1:])
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except Exception as exc:  # pydantic's message names the variable that is wrong
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    if args.command == "serve":
        return _serve(settings, workers=True, api=True)
    if args.command == "api":
        return _serve(settings, workers=False, api=True)
    if args.command == "worker":
        return _serve(settings, workers=True, api=False)
    if args.command == "poll":
        return asyncio.run(_poll_once(settings))
    if args.command == "feeds":
        return asyncio.run(_feeds(settings, args))
    if args.command == "db":
        from service import migrate

        migrate.upgrade(settings.database_url)
        print(json.dumps({"migrated_to": migrate.head_revision(settings.database_url)}))
        return 0
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
