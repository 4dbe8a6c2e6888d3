"""The PostgreSQL pass of scripts/test.sh runs `-m db`: the tests whose fixtures reach a database, marked by
tests/conftest.py. That is only honest while a test cannot reach the PostgreSQL server any other way, so:
only conftest.py knows where the server is and which backend runs, and tests get a database from fixtures."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import DATABASE_FIXTURES

TESTS = Path(__file__).resolve().parent
# What tests may take from conftest.py: none of it says where PostgreSQL is or which backend runs.
SHARED = {"ADMIN_TOKEN", "make_settings", "fresh_database", "drop_database", "DATABASE_FIXTURES"}
DATABASE_GETTERS = {"fresh_database"}  # needs the template_database fixture's value


@cache
def _modules() -> list[tuple[Path, ast.Module]]:
    paths = [p for p in TESTS.rglob("*.py") if p.name != "conftest.py" and p != Path(__file__).resolve()]
    return [(path, ast.parse(path.read_text(), str(path))) for path in paths]


def _names_from_conftest(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("conftest"):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Import) and any(a.name.endswith("conftest") for a in node.names):
            names.add("*module*")
    return names


def test_only_conftest_knows_the_backend_and_where_postgresql_is() -> None:
    leaks = {}
    for path, tree in _modules():
        taken = _names_from_conftest(tree) - SHARED
        environ = {
            node.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in ("EXCHANGEWATCH_TEST_DB", "EXCHANGEWATCH_TEST_PG")
        }
        if taken or environ:
            leaks[str(path.relative_to(TESTS))] = sorted(taken | environ)
    assert leaks == {}, "tests outside conftest.py that pick a database themselves (the `db` marker misses them)"


def test_a_fresh_database_comes_from_the_template_fixture() -> None:
    """fresh_database(template, …) is only called where the template_database fixture is in hand."""
    for path, tree in _modules():
        if not DATABASE_GETTERS & _names_from_conftest(tree):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
                isinstance(call, ast.Call) and getattr(call.func, "id", None) in DATABASE_GETTERS
                for call in ast.walk(node)
            ):
                assert "template_database" in {a.arg for a in node.args.args}, f"{path.name}: {node.name}"


def test_every_test_with_a_database_fixture_is_marked_db(request: pytest.FixtureRequest) -> None:
    """Checked on this run's own collection: `client`, `settings`, `database` … all lead to database_url."""
    items = request.session.items
    marked = {item.nodeid for item in items if item.get_closest_marker("db")}
    using = {item.nodeid for item in items if DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))}
    assert marked == using
    assert request.node.nodeid not in marked  # this test has no database: it runs in the SQLite pass only
