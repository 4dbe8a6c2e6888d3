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
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from datetime import time as dtime
from typing import IO, Any

from service.domain import FACT_KEYS, Document, EventState, Mention, Report
from service.pipeline.alert import DEFAULT_CONFIDENCE_THRESHOLD, decide_alert
from service.pipeline.cluster import GroupOutcome, GroupParams, candidate_window, group
from service.pipeline.merge import month_end

RELEVANT_LABELS = frozenset({"pow_exchange", "body_repatriation", "both", "agreement"})
_KIND_PREFIX = {"pow_exchange": "pow", "body_repatriation": "bodies", "agreement": "agreement"}

Detector = Callable[[Document], Report]


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


@dataclass
class Alert:
    article: int
    type: str
    event: str
    primary: bool
    event_kind: str
    event_date: date | None
    changes: list[dict[str, Any]] = field(default_factory=list)


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


def _gold_keys(row: dict[str, Any]) -> list[str]:
    return [k.strip() for k in (row.get("event_key") or "").split(";") if k.strip()]


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 (0.0 when undefined)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def bcubed(gold: Sequence[str], system: Sequence[str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a system clustering against gold labels, item by item."""
    if not gold:
        return {"bcubed_precision": 0.0, "bcubed_recall": 0.0, "bcubed_f1": 0.0}
    pairs = Counter(zip(gold, system, strict=True))
    gold_sizes, system_sizes = Counter(gold), Counter(system)
    n = len(gold)
    precision = sum(pairs[g, s] / system_sizes[s] for g, s in zip(gold, system, strict=True)) / n
    recall = sum(pairs[g, s] / gold_sizes[g] for g, s in zip(gold, system, strict=True)) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "bcubed_f1": round(f1, 4),
    }


def _norm(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return frozenset(str(v).strip().lower() for v in value)
    return value


def fact_matches(gold: dict[str, Any], system: dict[str, Any]) -> tuple[int, int]:
    """(matches, compared) over the standard fact keys the gold states; lists compare as sets."""
    compared = matches = 0
    for key in FACT_KEYS:
        if key not in gold:
            continue
        compared += 1
        matches += key in system and _norm(gold[key]) == _norm(system[key])
    return matches, compared


def _attribute(alert: Alert, keys: list[str]) -> str:
    """The gold event an alert is about: the article's main one, or the listed one its event matches."""
    if not alert.primary and alert.event_date is not None:
        stem = f"{_KIND_PREFIX[alert.event_kind]}-{alert.event_date.isoformat()}"
        for key in keys:
            if key in (stem, stem[:-3]):
                return key
    return keys[0]


def _primary_facts(report: Report) -> dict[str, Any]:
    mention: Mention | None = report.primary if report.relevant else None
    return dict(mention.fact_values()) if mention else {}


def _alert_metrics(rows: Sequence[dict[str, Any]], alerts: list[Alert], gold_relevant: list[bool]) -> dict[str, Any]:
    gold_events = {_gold_keys(r)[0] for r, rel in zip(rows, gold_relevant, strict=True) if rel and _gold_keys(r)}
    created: Counter[str] = Counter()
    false_alerts = 0
    for alert in alerts:
        keys = _gold_keys(rows[alert.article])
        if not gold_relevant[alert.article] or not keys:
            false_alerts += alert.type == "event.created"
        elif alert.type == "event.created":
            created[_attribute(alert, keys)] += 1
    alerted = [k for k in created if k in gold_events]
    return {
        "alerts_per_event": round(sum(created[k] for k in alerted) / len(alerted), 4) if alerted else 0.0,
        "missed_events": len(gold_events - set(created)),
        "missed_event_keys": sorted(gold_events - set(created)),
        "gold_events": len(gold_events),
        "alerts": {
            "created": sum(a.type == "event.created" for a in alerts),
            "updated": sum(a.type == "event.updated" for a in alerts),
            "false_created": false_alerts,
        },
    }


def _metrics(
    rows: Sequence[dict[str, Any]], reports: Sequence[Report], events: list[list[str]], alerts: list[Alert]
) -> dict[str, Any]:
    gold_relevant = [r.get("label") in RELEVANT_LABELS for r in rows]
    system_relevant = [bool(r.relevant) for r in reports]
    pairs = list(zip(gold_relevant, system_relevant, strict=True))
    tp_idx = [i for i, (g, s) in enumerate(pairs) if g and s and _gold_keys(rows[i])]
    kinds_ok = fact_hits = fact_total = 0
    for row, report, rel in zip(rows, reports, gold_relevant, strict=True):
        if not rel:
            continue
        primary = report.primary if report.relevant else None
        label = row["label"]
        accepted = {"pow_exchange", "body_repatriation"} if label == "both" else {label}
        kinds_ok += primary is not None and primary.kind in accepted
        hits, compared = fact_matches(row.get("facts") or {}, _primary_facts(report))
        fact_hits, fact_total = fact_hits + hits, fact_total + compared
    n_gold = sum(gold_relevant)
    return {
        "articles": len(rows),
        "relevance": {
            **prf(
                sum(g and s for g, s in pairs),
                sum(s and not g for g, s in pairs),
                sum(g and not s for g, s in pairs),
            ),
        },
        "kind_accuracy": round(kinds_ok / n_gold, 4) if n_gold else 0.0,
        "clustering": bcubed(
            [_gold_keys(rows[i])[0] for i in tp_idx],
            [events[i][0] if events[i] else f"none-{i}" for i in tp_idx],
        ),
        **_alert_metrics(rows, alerts, gold_relevant),
        "facts": {
            "accuracy": round(fact_hits / fact_total, 4) if fact_total else 0.0,
            "compared": fact_total,
            "matches": fact_hits,
        },
    }


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
            "facts": {k: _jsonable(v) for k, v in _primary_facts(report).items()},
            "label": row.get("label"),
            "gold": _gold_keys(row),
            "reasons": list(report.reasons),
        }
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        for seq, alert in by_article.get(i, []):
            record = {"alert": seq, "type": alert.type, "event": alert.event, "article": row.get("id")}
            out.write(json.dumps({**record, "changes": alert.changes}, ensure_ascii=False) + "\n")


def _default_detector() -> Detector:
    from service.pipeline.detect import detect  # imported late: detection loads topic data

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
    metrics = _metrics(rows, reports, events, alerts)
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
