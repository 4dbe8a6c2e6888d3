"""Replay a labelled corpus through detect → group → decide_outcome, as the service would have seen it.

The replay simulates real time: articles are processed in publication order and the virtual clock is
each article's publication time, so an event is "old" exactly when it would have been old for a live
service. An article whose `published` is unknown or only a month or year is placed at the date of the
event it reports (as detected, kept inside its publication span); one with nothing to place it is
processed last, at the latest clock, matching events by its figures alone. The "store" is an in-memory
list of EventState loaded with the database store's candidate rule (core/events/candidates.py), and
grouping parameters and the alert threshold come from the service's Settings (flows/grouping.py).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from typing import IO, Any

from service.core.domain import Document, EventState, Report
from service.core.events import candidates
from service.core.events.alert import decide_outcome
from service.core.events.cluster import GroupOutcome, GroupParams, group
from service.core.events.merge import month_end
from service.core.sources import is_official
from service.eval import published as pub
from service.eval.metrics import Alert, bcubed, compute, fact_matches, gold_keys, prf, primary_facts
from service.eval.rows import clean
from service.flows.grouping import alert_threshold, group_params
from service.settings import Settings

Detector = Callable[[Document], Report]
__all__ = ["bcubed", "eval_main", "evaluate", "fact_matches", "parse_published", "prf", "read_corpus"]


# How long before its month (or year) of publication a row's news can be: a week before the 1st, and the
# slack of two stated days (the same reach as the candidate bound of such a row, _span_bound, less its month).
_STALE_BEFORE_SPAN_DAYS = 9


class CorpusError(ValueError):
    """A corpus line that is not a JSON object (the message names the line)."""


def parse_published(value: Any) -> datetime | None:
    """The latest moment a `published` value allows (None when unknown): kept for callers and tests."""
    span, _ = pub.parse(value)
    return span.latest if span else None


def line_of(row: dict[str, Any], index: int) -> str:
    """How a warning names a row: its line in the corpus file, and its id."""
    return f"line {row.get('_line', index + 1)} ({row.get('id') or 'no id'})"


@dataclass
class Prepared:
    """Detection's view of every row, computed once (detection has nothing to learn, folds reuse it)."""

    rows: list[dict[str, Any]]  # as given, malformed fields set aside (rows.clean)
    docs: list[Document]
    spans: list[pub.Published | None]
    reports: list[Report]
    warnings: list[str]
    seconds: float


def prepare(rows: Sequence[dict[str, Any]], detect: Detector) -> Prepared:
    started = time.perf_counter()
    spans: list[pub.Published | None] = []
    warnings: list[str] = []
    docs: list[Document] = []
    cleaned: list[dict[str, Any]] = []
    for index, given in enumerate(rows):
        row, problems = clean(given)
        span, warning = pub.parse(row.get("published"))
        problems += [warning] if warning else []
        warnings += [f"{line_of(row, index)}: {problem}" for problem in problems]
        cleaned.append(row)
        spans.append(span)
        docs.append(row_document(row, span))
    reports = [_within_span(detect(d), span) for d, span in zip(docs, spans, strict=True)]
    return Prepared(cleaned, docs, spans, reports, warnings, time.perf_counter() - started)


def _within_span(report: Report, span: pub.Published | None) -> Report:
    """A row published only within a month or year whose news detection dated long before that span:
    without the publication day detection could not tell background ("since February 2022") from news,
    so the date is dropped and the span bounds the event instead (as it does for an undated row)."""
    primary = report.primary
    if span is None or span.exact is not None or primary is None or primary.event_date is None:
        return report
    if primary.date_precision == "unknown" or primary.recalled:
        return report
    latest = month_end(primary.event_date) if primary.date_precision == "month" else primary.event_date
    if (span.first - latest).days <= _STALE_BEFORE_SPAN_DAYS:
        return report
    undated = replace(primary, event_date=None, date_precision="unknown", date_inferred=False)
    return replace(report, mentions=(undated, *report.mentions[1:]))


def row_document(row: dict[str, Any], span: pub.Published | None = None) -> Document:
    """The article as detection sees it; a month- or year-only publication date is no publication time."""

    def text(key: str) -> str:
        value = row.get(key)
        return value if isinstance(value, str) else ""

    return Document(
        title=text("title"),
        text=text("text"),
        language=row.get("language") if isinstance(row.get("language"), str) else None,
        published=span.exact if span else None,
        url=text("url"),
        source=text("source"),
        official=is_official(text("url"), text("source")),
    )


class MemoryStore:
    """Events in memory, loaded with the store's own candidate rule (candidates.select)."""

    def __init__(self, params: GroupParams) -> None:
        self.params = params
        self.events: dict[str, EventState] = {}
        self._count = 0

    def new_key(self) -> str:
        self._count += 1
        return f"e{self._count:05d}"

    def candidates(
        self, report: Report, doc: Document, discovered: datetime | None, bound: tuple[date, date] | None = None
    ) -> list[EventState]:
        """The store's candidates; ``bound`` narrows an unplaced row's unbounded windows to its span."""
        rules = candidates.windows(report, doc.published, self.params, discovered)
        if bound is not None:
            rules = [r if r.low is not None else replace(r, low=bound[0], high=bound[1]) for r in rules]
        return candidates.select(self.events.values(), rules, self.params)

    def save(self, outcomes: Iterable[GroupOutcome]) -> None:
        for outcome in outcomes:
            self.events[outcome.after.key] = outcome.after


def _placement(doc: Document, span: pub.Published | None, report: Report) -> datetime | None:
    """When the article reached the world: its publication time, else the date it reports (inside its span)."""
    if doc.published is not None:
        return doc.published
    primary = report.primary
    if primary is not None and primary.event_date is not None and primary.date_precision != "unknown":
        day = primary.event_date
        if span is not None:
            day = min(max(day, span.first), span.last)
        return datetime.combine(day, dtime(12), UTC)
    return span.latest if span else None


def _partial_only(doc: Document, span: pub.Published | None, report: Report) -> bool:
    """Whether the row's only time is a month or year of publication (no exact time, no dated event)."""
    primary = report.primary
    dated = primary is not None and primary.event_date is not None and primary.date_precision != "unknown"
    return doc.published is None and span is not None and not dated


def _span_bound(span: pub.Published | None, params: GroupParams) -> tuple[date, date] | None:
    """Event dates a row published within ``span`` can report (as an undated mention's window would)."""
    if span is None:
        return None
    before = timedelta(days=params.unknown_window_days + params.day_slack_days + 31)  # month events sit on the 1st
    return span.first - before, span.last + timedelta(days=params.day_slack_days + params.unknown_window_days)


def _jsonable(value: Any) -> Any:
    if isinstance(value, tuple | list | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def replay(
    prepared: Prepared, indices: Sequence[int], params: GroupParams, threshold: float
) -> tuple[dict[int, list[str]], list[Alert]]:
    """Group and alert the given rows in publication order: events per row (primary first) and alerts."""
    docs, reports = prepared.docs, prepared.reports
    places = {i: _placement(docs[i], prepared.spans[i], reports[i]) for i in indices}
    dated = sorted((i for i in indices if places[i] is not None), key=lambda i: (places[i], i))
    undated = [i for i in indices if places[i] is None]
    store = MemoryStore(params)
    clock = datetime(2000, 1, 1, tzinfo=UTC)
    events: dict[int, list[str]] = {i: [] for i in indices}
    alerts: list[Alert] = []
    for i in dated + undated:
        clock = places[i] or clock
        report, doc = reports[i], docs[i]
        if not report.relevant or not report.mentions:
            continue
        # The clock is when the service would have discovered the article; a row with nothing to place it
        # (no publication date, no dated event) lost that moment, so it is matched unplaced.
        # A month or year of publication is only a span: such a row is unplaced too, but its span still
        # bounds the events it can be about (a "2026" row cannot report a 2022 exchange).
        placed = places[i] is not None and not _partial_only(docs[i], prepared.spans[i], report)
        bound = _span_bound(prepared.spans[i], params) if not placed else None
        found = store.candidates(report, doc, clock if placed else None, bound)
        span = prepared.spans[i]
        kept = (span.first, span.last) if span is not None and not placed else None
        outcomes = group(
            found, report, doc, clock, new_key=store.new_key, params=params, placed=placed, published_span=kept
        )
        store.save(outcomes)
        ordered = sorted(outcomes, key=lambda o: not o.primary)
        events[i] = [o.after.key for o in ordered]
        for o in ordered:
            decision = decide_outcome(o, confidence_threshold=threshold)
            if decision is None:
                continue
            changes = [
                {"field": c.field, "before": _jsonable(c.before), "after": _jsonable(c.after)} for c in decision.changes
            ]
            alerts.append(Alert(i, decision.type, o.after.key, o.primary, o.after.kind, o.after.event_date, changes))
    return events, alerts


def write_details(
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


def default_detector() -> Detector:
    from service.core.detection.detect import detect  # imported late: detection loads topic data

    detect(Document("", "", None, None))  # load the topic before the clock starts: throughput, not startup
    return detect


def score(
    rows: Sequence[dict[str, Any]],
    prepared: Prepared,
    indices: Sequence[int],
    params: GroupParams,
    threshold: float,
    details: IO[str] | None = None,
) -> dict[str, Any]:
    """Replay the rows at ``indices`` on their own and return their metrics."""
    started = time.perf_counter()
    events, alerts = replay(prepared, indices, params, threshold)
    subset = [rows[i] for i in indices]
    reports = [prepared.reports[i] for i in indices]
    position = {row_index: n for n, row_index in enumerate(indices)}
    renumbered = [_renumber(a, position[a.article]) for a in alerts]
    per_row = [events[i] for i in indices]
    metrics = compute(subset, reports, per_row, renumbered)
    if details is not None:
        write_details(details, subset, reports, per_row, renumbered)
    metrics["replay_seconds"] = round(time.perf_counter() - started, 4)
    return metrics


def _renumber(alert: Alert, article: int) -> Alert:
    return Alert(article, alert.type, alert.event, alert.primary, alert.event_kind, alert.event_date, alert.changes)


def evaluate(
    rows: Sequence[dict[str, Any]],
    *,
    details: IO[str] | None = None,
    detector: Detector | None = None,
    settings: Settings | None = None,
    params: GroupParams | None = None,
    confidence_threshold: float | None = None,
    folds: int = 0,
    fit: bool = False,
) -> dict[str, Any]:
    """Replay the labelled rows and return the metrics (with ``folds`` ≥ 2, cross-validated figures too).

    Grouping parameters and the alert threshold come from ``settings`` exactly as the service builds them
    (default: the environment's, like the service); ``params``/``confidence_threshold`` override them.
    """
    from service.eval.folds import cross_validate

    settings = settings or Settings()
    params = params or group_params(settings)
    if confidence_threshold is None:
        confidence_threshold = alert_threshold(settings)
    prepared = prepare(rows, detector or default_detector())
    rows = prepared.rows
    metrics = score(rows, prepared, range(len(rows)), params, confidence_threshold, details)
    elapsed = prepared.seconds + metrics.pop("replay_seconds")
    metrics["seconds"] = round(elapsed, 4)
    metrics["articles_per_second"] = round(len(rows) / elapsed, 1) if elapsed > 0 else 0.0
    metrics["warnings"] = list(prepared.warnings)
    if folds >= 2:
        fitter = None
        if fit:
            from service.eval.fit import fit as fit_params

            base, limit = params, confidence_threshold

            def fitter(train: Sequence[int]) -> GroupParams:
                return fit_params(rows, prepared, train, base, limit)

        metrics["folds"] = cross_validate(rows, prepared, folds, params, confidence_threshold, fitter)
    return metrics


def read_corpus(path: str) -> list[dict[str, Any]]:
    """The corpus rows, each remembering its line; a line that is not a JSON object is a CorpusError."""
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path} line {number}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise CorpusError(f"{path} line {number}: not a JSON object")
            rows.append({**row, "_line": number})
    return rows


def eval_main(argv: list[str] | None = None) -> int:
    """Entry point of `exchangewatch eval` (the options live in service.eval.command)."""
    from service.eval.command import main

    return main(argv)
