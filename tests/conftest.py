"""Shared fixtures: a migrated database per test (SQLite or PostgreSQL), settings, the API, a local server.

Set EXCHANGEWATCH_TEST_DB=postgresql to run the suite on PostgreSQL (CI does both). Locally, PostgreSQL tests
skip with a reason when no server answers; under CI=true they fail instead.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text

from service import migrate
from service.api.app import create_app
from service.db import Database
from service.settings import Settings
from tests.scrapers.rawserver import RawServer
from tests.support.server import LocalServer

ADMIN_TOKEN = "test-admin-token"
PG_ADMIN_URL = os.environ.get("EXCHANGEWATCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKEND = os.environ.get("EXCHANGEWATCH_TEST_DB", "sqlite")
PG_TEMPLATE = f"ew_template_{os.getpid()}"  # per run: concurrent runs share one server

# Property tests check behaviour, not speed: hypothesis's per-example deadline (200 ms) is a timing
# assertion that a loaded machine breaks, so it is off for the whole suite.
hypothesis_settings.register_profile("exchangewatch", deadline=None)
hypothesis_settings.load_profile("exchangewatch")


# A test uses a database exactly when its fixtures reach one of these: every fresh database is made from
# template_database (the copy a test gets) or by pg_database_url. Such tests are marked `db`; the PostgreSQL
# pass of scripts/test.sh runs `-m db`, because the other tests do the same thing on either backend.
DATABASE_FIXTURES = frozenset({"template_database", "database_url", "pg_database_url"})


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.db)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say what ran, so a pass that selects too little (or runs the pure tests twice) shows it."""
    reports = [r for key, rs in terminalreporter.stats.items() if key != "deselected" for r in rs]
    ran = [r for r in reports if isinstance(r, pytest.TestReport) and r.when == "setup"]  # one per test run
    database = sum(1 for r in ran if "db" in r.keywords)
    terminalreporter.write_line(f"{BACKEND}: {len(ran)} tests ran, {database} of them use a database (marker `db`)")


def _pg_url(dbname: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + dbname


def pg_available() -> bool:
    try:
        engine = create_engine(migrate.sync_url(PG_ADMIN_URL), connect_args={"connect_timeout": 2})
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:
        return False


def require_pg() -> None:
    """Skip locally without PostgreSQL; never skip silently in CI."""
    if pg_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("PostgreSQL is required in CI but does not answer at " + PG_ADMIN_URL)
    pytest.skip("PostgreSQL not reachable at " + PG_ADMIN_URL)


def _pg_admin(sql: str) -> None:
    engine = create_engine(migrate.sync_url(PG_ADMIN_URL), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(sql))
    engine.dispose()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The migrated database every test's database is copied from: a file on SQLite, a database on PostgreSQL.

    Every fresh database comes from here (or from pg_database_url), so a test's fixtures say whether it uses
    the database: `pytest_collection_modifyitems` marks such tests `db`, and the PostgreSQL pass runs `-m db`.
    """
    if BACKEND == "postgresql":
        require_pg()
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)")
        _pg_admin(f"CREATE DATABASE {PG_TEMPLATE}")
        migrate.upgrade(_pg_url(PG_TEMPLATE))
        yield PG_TEMPLATE
        _pg_admin(f"DROP DATABASE IF EXISTS {PG_TEMPLATE} WITH (FORCE)")
    else:
        path = tmp_path_factory.mktemp("template") / "template.db"
        migrate.upgrade(f"sqlite+aiosqlite:///{path}")
        yield str(path)


def fresh_pg_url(template: str) -> str:
    name = "ew_" + uuid.uuid4().hex[:12]
    _pg_admin(f"CREATE DATABASE {name} TEMPLATE {template}")
    return _pg_url(name)


def drop_pg(url: str) -> None:
    _pg_admin(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")


def fresh_database(template: str, directory: Path) -> str:
    """A fresh copy of the template (a new file in `directory` on SQLite); its URL. Remove it with drop_database."""
    if BACKEND == "postgresql":
        return fresh_pg_url(template)
    path = directory / "exchangewatch.db"
    shutil.copy(template, path)
    return f"sqlite+aiosqlite:///{path}"


def drop_database(url: str) -> None:
    if BACKEND == "postgresql":
        drop_pg(url)


@pytest.fixture
def database_url(template_database: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for one test."""
    url = fresh_database(template_database, tmp_path)
    yield url
    drop_database(url)


@pytest.fixture
def pg_database_url() -> Iterator[str]:
    """A fresh PostgreSQL database for tests about PostgreSQL itself; they run in the PostgreSQL pass."""
    if BACKEND != "postgresql":
        pytest.skip("PostgreSQL-only test: runs in the PostgreSQL pass (EXCHANGEWATCH_TEST_DB=postgresql)")
    require_pg()
    url = _pg_url("ew_" + uuid.uuid4().hex[:12])
    _pg_admin(f"CREATE DATABASE {url.rsplit('/', 1)[1]}")
    migrate.upgrade(url)
    yield url
    drop_pg(url)


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "admin_token": ADMIN_TOKEN,
        "migrate_on_start": False,
        "poll_interval_seconds": 1,
        "poll_jitter": 0,
        "webhook_allow_private": True,
        "webhook_allow_http": True,
        "extract_processes": 1,
        # Tests check extracted text of ordinary pages; the `candidates` default has its own tests.
        "page_policy": "all",
        "respect_robots": True,
        "scheduler_tick_seconds": 0.2,
        "delivery_tick_seconds": 0.2,
        "rate_limit_per_minute": 100_000,
        "probe_cache_seconds": 0,  # tests read /health and /metrics right after changing rows
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type]


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url)


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    db = Database(settings.database_url)
    yield db
    await db.dispose()


@pytest.fixture
async def client(settings: Settings, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """The real API in-process (lifespan run), sharing the test's database."""
    app = create_app(settings, database=database)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


@pytest.fixture
def admin() -> dict[str, str]:
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def raw_server() -> Iterator[RawServer]:
    """A raw-socket server for byte-level hostility (trickles, bombs, huge bodies); routes in `.routes`."""
    instance = RawServer()
    instance.start()
    yield instance
    instance.stop()
