"""The store boundary for text: no control character (but tab, newline, carriage return) reaches a row.

Feeds carry NUL bytes (`&#0;`, raw `\\x00`) and lone surrogates into GUIDs, links and titles; PostgreSQL
refuses both ("A string literal cannot contain NUL", "surrogates not allowed", `\\u0000` in jsonb), and the
whole poll's transaction fails with the valid items in it. Rather than cleaning at every caller, the engine
cleans every string bound parameter of every statement (ORM or Core, insert, update or a lookup, so a key
computed from a dirty GUID finds the clean row), and JSON values are cleaned before they are serialized.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

# C0 controls except \t \n \r, DEL, C1 controls, and UTF-16 surrogates (not encodable as UTF-8).
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(value: str) -> str:
    """``value`` without control characters other than tab, newline and carriage return."""
    if value.isprintable():  # the common case, at C speed: no control character and no surrogate
        return value
    return _UNSAFE.sub("", value) if _UNSAFE.search(value) else value


def clean_value(value: Any) -> Any:
    """Clean strings, recursively through JSON-shaped lists and dicts (keys too); other values unchanged."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(clean_value(v) for v in value)
    return value


def dumps_clean(value: Any) -> str:
    """The engine's JSON serializer: clean first, so jsonb never sees an escaped NUL."""
    return json.dumps(clean_value(value))


def _clean_params(params: Any) -> Any:
    """Clean one statement's parameters: a dict or tuple of values, or (executemany) a list of them.

    Nested rows are cleaned too, whatever the executemany flag says: a multi-row INSERT (SQLAlchemy's
    "insertmanyvalues" batches, sent with executemany=True) reaches the hook as one flat tuple of values on
    SQLite, as a dict on PostgreSQL, and a plain executemany as a list of tuples or dicts.
    """
    if isinstance(params, dict):
        return {k: _clean_param(v) for k, v in params.items()}
    if isinstance(params, list | tuple):
        # A multi-row INSERT brings tens of thousands of values: printable strings and non-strings (most of
        # them) are passed through without a call per value.
        return type(params)(
            v if (type(v) is str and v.isprintable()) or type(v) in _PLAIN else _clean_param(v) for v in params
        )
    return params


_PLAIN = frozenset({int, float, bool, type(None), datetime})  # values with no string inside


def _clean_param(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict | list | tuple):
        return _clean_params(value)  # one row of an executemany, or an array value
    return value


def install(engine: Engine) -> None:
    """Clean the string parameters of every statement this engine runs (multi-row and executemany included)."""

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _before(conn: Any, cursor: Any, statement: str, params: Any, context: Any, executemany: bool) -> Any:
        return statement, _clean_params(params)
