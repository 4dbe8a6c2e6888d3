"""Render the timeline page with a realistic history and save docs/timeline.png (and a phone view).

python scripts/timeline_screenshot.py [OUT.png] [--phone PHONE.png]
The history runs through the real processing flow into a throw-away SQLite file; Chromium draws the page.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service import migrate
from service.api.app import create_app
from service.db import Database
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.browser import Browser, chromium_path
from tests.support.history import seed_history
from tests.support.webhooks import AppServer


async def _seed(settings: Settings) -> int:
    db = Database(settings.database_url)
    ctx = build_context(settings, db)
    try:
        return await seed_history(ctx, db)
    finally:
        await ctx.aclose()
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="docs/timeline.png")
    parser.add_argument("--phone", default=None)
    args = parser.parse_args()
    executable = chromium_path()
    if executable is None:
        raise SystemExit("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/screenshot.db"
        migrate.upgrade(url)
        settings = Settings(_env_file=None, database_url=url, migrate_on_start=False, extract_processes=1)
        print(f"seeded {asyncio.run(_seed(settings))} articles")
        with AppServer(create_app(settings)) as server, Browser(executable) as browser:
            browser.open(server.base + "/")
            size = len(browser.screenshot(Path(args.out), width=1000, max_height=1500))
            print(f"wrote {args.out} ({size:,} bytes)")
            if args.phone:
                browser.open(server.base + "/")
                browser.screenshot(Path(args.phone), width=390, max_height=1700)
                print(f"wrote {args.phone}")


if __name__ == "__main__":
    main()
