"""`exchangewatch poll --once`: one burst of polling with a summary line and an exit code that means something."""

from __future__ import annotations

from collections import Counter

import typer

from service.cli.common import ExitCode, progress
from service.settings import Settings

FINE = {"ok", "not_modified", "missing"}  # missing: the feed was removed while the burst ran


async def poll_once(settings: Settings, *, strict: bool) -> ExitCode:
    """Poll every due feed once; FAILED when all failed (or any, with `strict`)."""
    from service.bootstrap import prepare_database, sync_feed_list
    from service.db import Database
    from service.worker.runner import build_context
    from service.worker.ticks import run_once

    await prepare_database(settings)
    db = Database(settings.database_url)
    try:
        await sync_feed_list(settings, db)
        ctx = build_context(settings, db, burst=True)
        try:
            with progress("polling feeds") as advance:
                outcomes = await run_once(ctx, on_polled=lambda batch: advance(len(batch)))
        finally:
            await ctx.aclose()
    finally:
        await db.dispose()
    counts = Counter(o.outcome for o in outcomes)
    failed = {kind: n for kind, n in counts.items() if kind not in FINE}
    new = sum(len(o.new_articles) for o in outcomes)
    detail = ", ".join(f"{kind} {n}" for kind, n in sorted(failed.items()))
    typer.echo(
        f"polled {len(outcomes)} feeds: {counts['ok']} ok, {counts['not_modified']} not modified,"
        f" {sum(failed.values())} failed{f' ({detail})' if detail else ''}; {new} new articles"
    )
    if failed and (strict or sum(failed.values()) == len(outcomes)):
        return ExitCode.FAILED
    return ExitCode.OK
