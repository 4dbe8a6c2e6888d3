"""Metrics of an eval replay: relevance, kinds, B-cubed clustering, alerts per event, facts.

Pure functions over the labelled rows, the detector's reports, each article's events and the alerts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from service.core.domain import FACT_KEYS, Mention, Report

RELEVANT_LABELS = frozenset({"pow_exchange", "body_repatriation", "both", "agreement"})
_KIND_PREFIX = {"pow_exchange": "pow", "body_repatriation": "bodies", "agreement": "agreement"}


@dataclass
class Alert:
    """One alert as the replay recorded it (article is the row index)."""

    article: int
    type: str
    event: str
    primary: bool
    event_kind: str
    event_date: date | None
    changes: list[dict[str, Any]] = field(default_factory=list)


def gold_keys(row: dict[str, Any]) -> list[str]:
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


# Another name a labeller may give a mediator the service names otherwise (its canonical names are the
# [mediators.*] tables of topics/exchanges.toml): the same party, so the same fact.
_MEDIATOR_NAMES = {
    "united_arab_emirates": "uae",
    "emirates": "uae",
    "united_states": "usa",
    "us": "usa",
    "u.s.": "usa",
    "türkiye": "turkey",
    "turkiye": "turkey",
    "holy_see": "vatican",
    "red_cross": "icrc",
    "international_committee_of_the_red_cross": "icrc",
    "kingdom_of_saudi_arabia": "saudi_arabia",
}


def _name(value: Any) -> str:
    # a label written as words ("under 25", "Seriously ill") is the same name as the service's "under_25"
    name = "_".join(str(value).lower().split())
    return _MEDIATOR_NAMES.get(name, name)


def _norm(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return frozenset(_name(v) for v in value)
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


def attribute(alert: Alert, keys: list[str]) -> str:
    """The gold event an alert is about: the article's main one, or the listed one its event matches."""
    if not alert.primary and alert.event_date is not None:
        stem = f"{_KIND_PREFIX[alert.event_kind]}-{alert.event_date.isoformat()}"
        for key in keys:
            if key in (stem, stem[:-3]):
                return key
    return keys[0]


# An agreement's agreed counts are, in the corpus's keys, who (and whose bodies) is to be returned to whom.
_AGREED_AS = {
    "agreed_to_ukraine": "returned_to_ukraine",
    "agreed_to_russia": "returned_to_russia",
    "agreed_bodies_to_ukraine": "bodies_to_ukraine",
    "agreed_bodies_to_russia": "bodies_to_russia",
}


def primary_facts(report: Report) -> dict[str, Any]:
    """The primary mention's facts; an agreement's agreed counts also under the corpus's count keys."""
    mention: Mention | None = report.primary if report.relevant else None
    if mention is None:
        return {}
    values = dict(mention.fact_values())
    if mention.kind == "agreement":
        for key, label in _AGREED_AS.items():
            if key in values:
                values.setdefault(label, values[key])
    return values


def alert_metrics(rows: Sequence[dict[str, Any]], alerts: list[Alert], gold_relevant: list[bool]) -> dict[str, Any]:
    gold_events = {gold_keys(r)[0] for r, rel in zip(rows, gold_relevant, strict=True) if rel and gold_keys(r)}
    created: Counter[str] = Counter()
    false_alerts = 0
    for alert in alerts:
        keys = gold_keys(rows[alert.article])
        if not gold_relevant[alert.article] or not keys:
            false_alerts += alert.type == "event.created"
        elif alert.type == "event.created":
            created[attribute(alert, keys)] += 1
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


def compute(
    rows: Sequence[dict[str, Any]], reports: Sequence[Report], events: list[list[str]], alerts: list[Alert]
) -> dict[str, Any]:
    gold_relevant = [r.get("label") in RELEVANT_LABELS for r in rows]
    system_relevant = [bool(r.relevant) for r in reports]
    pairs = list(zip(gold_relevant, system_relevant, strict=True))
    tp_idx = [i for i, (g, s) in enumerate(pairs) if g and s and gold_keys(rows[i])]
    kinds_ok = fact_hits = fact_total = 0
    for row, report, rel in zip(rows, reports, gold_relevant, strict=True):
        if not rel:
            continue
        primary = report.primary if report.relevant else None
        label = row["label"]
        accepted = {"pow_exchange", "body_repatriation"} if label == "both" else {label}
        kinds_ok += primary is not None and primary.kind in accepted
        hits, compared = fact_matches(row.get("facts") or {}, primary_facts(report))
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
            [gold_keys(rows[i])[0] for i in tp_idx],
            [events[i][0] if events[i] else f"none-{i}" for i in tp_idx],
        ),
        **alert_metrics(rows, alerts, gold_relevant),
        "facts": {
            "accuracy": round(fact_hits / fact_total, 4) if fact_total else 0.0,
            "compared": fact_total,
            "matches": fact_hits,
        },
    }
