"""Corpus rows as the metrics expect them: a malformed field is set aside with a warning, never a crash."""

from __future__ import annotations

from typing import Any

_TEXT_FIELDS = ("id", "url", "source", "language", "title", "text", "label")


def clean(row: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The row with unusable fields replaced (text → "", event_key → None, facts → {}), and why."""
    out = dict(row)
    warnings: list[str] = []
    for name in _TEXT_FIELDS:
        value = out.get(name)
        if value is not None and not isinstance(value, str):
            warnings.append(f"{name} {_show(value)} is not a string; ignored")
            out[name] = None
    key = out.get("event_key")
    if isinstance(key, list) and all(isinstance(k, str) for k in key):
        out["event_key"] = ";".join(key)
    elif key is not None and not isinstance(key, str):
        warnings.append(f"event_key {_show(key)} is not a string; ignored")
        out["event_key"] = None
    facts = out.get("facts")
    if facts is not None and not isinstance(facts, dict):
        warnings.append(f"facts {_show(facts)} is not an object; ignored")
        out["facts"] = {}
    return out, warnings


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
