"""Throughput of the pure grouping core: group + decide_alert over synthetic reports.

Run: python benchmarks/bench_grouping.py [N]. Prints reports per second (the store's I/O excluded).
"""

from __future__ import annotations

import random
import sys
import time
from datetime import UTC, date, datetime, timedelta

from service.core.domain import Document, EventState, Fact, Mention, Report
from service.core.events.alert import decide_alert
from service.core.events.cluster import GroupParams, candidate_window, group

WORDS = [
    "ukraine",
    "russia",
    "prisoners",
    "exchange",
    "bodies",
    "returned",
    "home",
    "defenders",
    "stage",
    "mediation",
    "emirates",
]


def synthetic(n: int, rng: random.Random) -> list[tuple[Report, Document]]:
    start = datetime(2031, 1, 1, tzinfo=UTC)
    items = []
    for i in range(n):
        day = start + timedelta(days=i // 8)
        figure = 50 + (i // 8) % 300
        sentence = " ".join(rng.choice(WORDS) for _ in range(25))
        mention = Mention(
            "pow_exchange",
            "completed",
            day.date(),
            "day",
            (Fact("returned_to_ukraine", figure, sentence),),
            (sentence,),
        )
        recalled = Mention("pow_exchange", "completed", date(2030, 12, 1), "day", (), (), recalled=True)
        doc = Document(f"Swap {figure}", sentence, "en", day, url=f"https://o{i % 40}.example/{i}", source=f"o{i % 40}")
        items.append((Report(True, 1.0, (mention, recalled)), doc))
    return items


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    items = synthetic(n, random.Random(7))
    params = GroupParams()
    events: dict[str, EventState] = {}
    counter = iter(range(10**9))
    began = time.perf_counter()
    for report, doc in items:
        found = {}
        for m in report.mentions:
            kind, lo, hi = candidate_window(m, doc.published, params=params)
            found.update({e.key: e for e in events.values() if e.kind == kind and lo <= e.event_date <= hi})  # type: ignore[operator]
        for o in group(list(found.values()), report, doc, doc.published, new_key=lambda: f"e{next(counter)}"):  # type: ignore[arg-type]
            decide_alert(o.before, o.after)
            events[o.after.key] = o.after
    elapsed = time.perf_counter() - began
    print(f"{n} reports, {len(events)} events: {n / elapsed:.0f} reports/s (candidate scan included)")


if __name__ == "__main__":
    main()
