"""How the store fails, for callers that must tell a database problem from a bug without importing SQL."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, SQLAlchemyError


def is_store_error(exc: BaseException) -> bool:
    """True for any error raised by the database or the ORM (a refused value, a lost connection…)."""
    return isinstance(exc, SQLAlchemyError)


def is_unavailable(exc: BaseException) -> bool:
    """True when the database could not be reached or the connection broke (an outage, not bad data)."""
    if isinstance(exc, DBAPIError):
        return bool(exc.connection_invalidated) or _is_operational(exc.orig)
    return isinstance(exc, OSError | ConnectionError)


def _is_operational(orig: BaseException | None) -> bool:
    # psycopg and sqlite3 both raise OperationalError for "cannot connect" and "connection lost".
    name = type(orig).__name__ if orig is not None else ""
    return name == "OperationalError" and "locked" not in str(orig)
