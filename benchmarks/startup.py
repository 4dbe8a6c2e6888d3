"""Issue 16 — how fast `exchangewatch poll --once` starts and ends when nothing is due (hyperfine-style).

The command runs N times in fresh processes against a migrated SQLite database whose one feed is not due;
wall and CPU time per run (mean and min) are printed next to two floors measured in the same run: a bare
interpreter, and an interpreter importing the libraries the command cannot avoid (SQLAlchemy, SQLModel,
pydantic-settings, httpx, feedparser, Typer). `--importtime` also prints the slowest imports of one run.

Run: python benchmarks/startup.py [--quick] [--importtime]
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _support as sup

FLOOR_IMPORTS = "import sqlalchemy.ext.asyncio, sqlmodel, pydantic_settings, httpx, feedparser, typer, aiosqlite"


def timed(cmd: list[str], env: dict[str, str], runs: int) -> dict[str, float]:
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=sup.ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {"wall_mean": statistics.fmean(walls), "wall_min": min(walls), "cpu_mean": statistics.fmean(cpus)}


def main() -> None:
    parser = sup.cli(__doc__.splitlines()[0])
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 10
    with tempfile.TemporaryDirectory() as tmp, sup.scratch_database("sqlite", "startup") as url:
        sup.migrate(url)
        opml = Path(tmp) / "feeds.opml"
        dead = f"http://127.0.0.1:{sup.free_port()}/feed.xml"  # refused at once; then backed off, not due
        opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="{dead}"/></body></opml>')
        env = {k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")}
        env.update(EXCHANGEWATCH_DATABASE_URL=url, EXCHANGEWATCH_FEEDS_FILE=str(opml), EXCHANGEWATCH_LOG_LEVEL="ERROR")
        command = [sys.executable, "-m", "service.cli", "poll", "--once"]
        subprocess.run(command, env=env, cwd=sup.ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ours = timed(command, env, runs)
        floor = timed([sys.executable, "-c", FLOOR_IMPORTS], env, runs)
        bare = timed([sys.executable, "-c", "pass"], env, runs)
        if args.importtime:
            out = subprocess.run(
                [sys.executable, "-X", "importtime", *command[1:]],
                env=env,
                cwd=sup.ROOT,
                capture_output=True,
                text=True,
            ).stderr
            rows = [line.split("|") for line in out.splitlines() if line.startswith("import time:")]
            own = sorted(((int(r[1]), r[2].rstrip()) for r in rows[1:] if r[1].strip().isdigit()), reverse=True)
            print("slowest imports (cumulative µs):", *own[:15], sep="\n  ")
    print({"poll --once": ours, "library floor": floor, "bare python": bare})
    rows = [
        sup.row(
            "poll --once wall s (mean of runs)", ours["wall_mean"], floor["wall_mean"], "< 1 s", ours["wall_mean"] < 1
        ),
        sup.row("poll --once CPU s", ours["cpu_mean"], floor["cpu_mean"], "–", None),
        sup.row("bare interpreter wall s", bare["wall_mean"], None, "–", None),
    ]
    sup.write_results("startup", "sqlite", rows, {"poll_once": ours, "floor": floor, "bare": bare, "runs": runs})


if __name__ == "__main__":
    main()
