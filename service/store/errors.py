"""How the store fails, for callers that must tell a database problem from a bug without importing SQL."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

# SQLite's OperationalError also means "no such table" or "locked": only these are the file being gone.
_SQLITE_UNAVAILABLE = ("unable to open database file", "disk i/o error")


def is_store_error(exc: BaseException) -> bool:
    """True for any error raised by the database or the ORM (a refused value, a lost connection…)."""
    return isinstance(exc, SQLAlchemyError)


def is_unavailable(exc: BaseException | None) -> bool:
    """True when the database could not be reached or the connection broke (an outage, not bad data)."""
    if exc is None:
        return False
    if isinstance(exc, DBAPIError):
        return bool(exc.connection_invalidated) or is_unavailable(exc.orig)
    if isinstance(exc, PoolTimeout | ConnectionError):
        return True
    kind = type(exc)
    names = {cls.__name__ for cls in kind.__mro__}
    if kind.__module__.startswith("psycopg"):
        return bool(names & {"OperationalError", "InterfaceError"})
    if kind.__module__ == "sqlite3":
        return "OperationalError" in names and str(exc).lower().startswith(_SQLITE_UNAVAILABLE)
    return False
