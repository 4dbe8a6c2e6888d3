"""`exchangewatch eval CORPUS.jsonl`: replay a labelled corpus through detect → group → decide_alert.

The replay simulates real time: articles are processed in publication order and the virtual clock is
each article's publication time, so an event is "old" exactly when it would have been old for a live
service. An undated article is placed at the date of the event it reports (as detected); one with no
date at all is processed last, at the latest clock, matching events by its figures alone. The "store"
is an in-memory list of EventState queried with the same candidate_window the database store uses.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from datetime import time as dtime
from typing import IO, Any

from service.core.domain import Document, EventState, Report
from service.core.events.alert import DEFAULT_CONFIDENCE_THRESHOLD, decide_alert
from service.core.events.cluster import GroupOutcome, GroupParams, candidate_window, group
from service.core.events.merge import month_end
from service.eval.metrics import Alert, bcubed, compute, fact_matches, gold_keys, prf, primary_facts

Detector = Callable[[Document], Report]
__all__ = ["bcubed", "eval_main", "evaluate", "fact_matches", "parse_published", "prf", "read_corpus"]


def parse_published(value: str | None) -> datetime | None:
    """ISO date/datetime (or a bare year-month, taken as its last day) as an aware UTC datetime."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    if len(text) == 7:  # "2022-10": the article is from that month, so no earlier than its last day
        return datetime.combine(month_end(date.fromisoformat(text + "-01")), dtime(23, 59), UTC)
    parsed = datetime.fromisoformat(text)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _partial(value: str | None) -> bool:
    return bool(value) and len(value.strip()) == 7  # type: ignore[union-attr]


def row_document(row: dict[str, Any]) -> Document:
    """The article as detection sees it; a month-only publication date is no publication time."""
    published = row.get("published")
    return Document(
        title=row.get("title") or "",
        text=row.get("text") or "",
        language=row.get("language"),
        published=None if _partial(published) else parse_published(published),
        url=row.get("url") or "",
        source=row.get("source") or "",
    )


class MemoryStore:
    """Events in memory, loaded by kind and date window exactly as the database store loads them."""

    def __init__(self, params: GroupParams) -> None:
        self.params = params
        self.events: dict[str, EventState] = {}
        self._count = 0

    def new_key(self) -> str:
        self._count += 1
        return f"e{self._count:05d}"

    def candidates(self, report: Report, doc: Document) -> list[EventState]:
        found: dict[str, EventState] = {}
        for mention in report.mentions:
            kind, lo, hi = candidate_window(mention, doc.published, params=self.params)
            for event in self.events.values():
                if event.kind != kind or event.key in found:
                    continue
                if event.event_date is not None and (
                    (lo is not None and event.event_date < lo) or (hi is not None and event.event_date > hi)
                ):
                    continue
                found[event.key] = event
        return list(found.values())

    def save(self, outcomes: Iterable[GroupOutcome]) -> None:
        for outcome in outcomes:
            self.events[outcome.after.key] = outcome.after


def _placement(doc: Document, report: Report, row: dict[str, Any]) -> datetime | None:
    """When the article reached the world: its publication time, else the date it reports."""
    if doc.published is not None:
        return doc.published
    primary = report.primary
    if primary is not None and primary.event_date is not None:
        return datetime.combine(primary.event_date, dtime(12), UTC)
    return parse_published(row.get("published"))  # a bare month: its last day, else unknown


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple | list | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def _replay(
    rows: Sequence[dict[str, Any]],
    docs: Sequence[Document],
    reports: Sequence[Report],
    params: GroupParams,
    threshold: float,
) -> tuple[list[list[str]], list[Alert]]:
    """Run grouping and alerting in publication order; events per article (primary first) and alerts."""
    places = [_placement(d, rep, row) for d, rep, row in zip(docs, reports, rows, strict=True)]
    dated = sorted((i for i, p in enumerate(places) if p is not None), key=lambda i: places[i])  # type: ignore[arg-type,return-value]
    undated = [i for i, p in enumerate(places) if p is None]
    store = MemoryStore(params)
    clock = datetime(2000, 1, 1, tzinfo=UTC)
    events: list[list[str]] = [[] for _ in docs]
    alerts: list[Alert] = []
    for i in dated + undated:
        clock = places[i] or clock
        report, doc = reports[i], docs[i]
        if not report.relevant or not report.mentions:
            continue
        outcomes = group(store.candidates(report, doc), report, doc, clock, new_key=store.new_key, params=params)
        store.save(outcomes)
        ordered = sorted(outcomes, key=lambda o: not o.primary)
        events[i] = [o.after.key for o in ordered]
        for o in ordered:
            decision = decide_alert(o.before, o.after, confidence_threshold=threshold)
            if decision is None:
                continue
            changes = [
                {"field": c.field, "before": _jsonable(c.before), "after": _jsonable(c.after)} for c in decision.changes
            ]
            alerts.append(Alert(i, decision.type, o.after.key, o.primary, o.after.kind, o.after.event_date, changes))
    return events, alerts


def _write_details(
    out: IO[str],
    rows: Sequence[dict[str, Any]],
    reports: Sequence[Report],
    events: list[list[str]],
    alerts: list[Alert],
) -> None:
    by_article: dict[int, list[tuple[int, Alert]]] = {}
    for seq, alert in enumerate(alerts, 1):
        by_article.setdefault(alert.article, []).append((seq, alert))
    for i, (row, report) in enumerate(zip(rows, reports, strict=True)):
        line = {
            "id": row.get("id"),
            "relevant": report.relevant,
            "kinds": [m.kind for m in report.mentions] if report.relevant else [],
            "events": events[i],
            "facts": {k: _jsonable(v) for k, v in primary_facts(report).items()},
            "label": row.get("label"),
            "gold": gold_keys(row),
            "reasons": list(report.reasons),
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        for seq, alert in by_article.get(i, []):
            record = {"alert": seq, "type": alert.type, "event": alert.event, "article": row.get("id")}
            out.write(json.dumps({**record, "changes": alert.changes}, ensure_ascii=False) + "\n")


def _default_detector() -> Detector:
    from service.core.detection.detect import detect  # imported late: detection loads topic data

    detect(Document("", "", None, None))  # load the topic before the clock starts: throughput, not startup
    return detect


def evaluate(
    rows: Sequence[dict[str, Any]],
    *,
    details: IO[str] | None = None,
    detector: Detector | None = None,
    params: GroupParams | None = None,
    confidence_threshold: float = DEFAULT_CONFIDENCE_THRESHOLD,
) -> dict[str, Any]:
    """Replay the labelled rows and return the metrics; optionally write per-article details."""
    detect = detector or _default_detector()
    started = time.perf_counter()
    docs = [row_document(r) for r in rows]
    reports = [detect(d) for d in docs]
    events, alerts = _replay(rows, docs, reports, params or GroupParams(), confidence_threshold)
    elapsed = time.perf_counter() - started
    metrics = compute(rows, reports, events, alerts)
    metrics["seconds"] = round(elapsed, 4)
    metrics["articles_per_second"] = round(len(rows) / elapsed, 1) if elapsed > 0 else 0.0
    if details is not None:
        _write_details(details, rows, reports, events, alerts)
    return metrics


def read_corpus(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def format_text(m: dict[str, Any]) -> str:
    """The metrics for a human."""
    rel, clu, facts, alerts = m["relevance"], m["clustering"], m["facts"], m["alerts"]
    return "\n".join(
        [
            f"articles            {m['articles']}  ({m['articles_per_second']:.0f}/s)",
            f"relevance           P {rel['precision']:.3f}  R {rel['recall']:.3f}  F1 {rel['f1']:.3f}",
            f"kind accuracy       {m['kind_accuracy']:.3f}",
            f"clustering B-cubed  P {clu['bcubed_precision']:.3f}  R {clu['bcubed_recall']:.3f}"
            f"  F1 {clu['bcubed_f1']:.3f}",
            f"alerts              {alerts['created']} created, {alerts['updated']} updated,"
            f" {alerts['false_created']} created for non-events",
            f"alerts per event    {m['alerts_per_event']:.2f}",
            f"missed events       {m['missed_events']} of {m['gold_events']}"
            + (f"  ({', '.join(m['missed_event_keys'])})" if m["missed_event_keys"] else ""),
            f"facts               {facts['accuracy']:.3f} of {facts['compared']} compared",
        ]
    )


def eval_main(argv: list[str] | None = None) -> int:
    """Entry point of `exchangewatch eval`."""
    parser = argparse.ArgumentParser(prog="exchangewatch eval", description=__doc__.splitlines()[0])
    parser.add_argument("corpus", help="labelled corpus, one JSON object per line")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    parser.add_argument("--details", metavar="FILE", help="write per-article and per-alert JSON lines here")
    args = parser.parse_args(argv)
    rows = read_corpus(args.corpus)
    if args.details:
        with open(args.details, "w", encoding="utf-8") as out:
            metrics = evaluate(rows, details=out)
    else:
        metrics = evaluate(rows, details=None)
    print(json.dumps(metrics, ensure_ascii=False) if args.json else format_text(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(eval_main())
