"""Property-based fuzzing of every endpoint from the OpenAPI schema (schemathesis): no 5xx, responses that
match the schema. The app runs in-process on a real socket (uvicorn in a thread) so its lifespan, database
and middleware are the production ones; examples are bounded so the module stays well under a minute."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from service.api.app import create_app
from service.api.webhooks import get_resolver
from tests.conftest import ADMIN_TOKEN, BACKEND, drop_pg, fresh_pg_url, make_settings
from tests.support.webhooks import AppServer

MAX_EXAMPLES = 25
# No 5xx, and every documented response's body matches its schema. Stricter conformance checks (every
# status and content type documented) fail today on documentation gaps, not on behaviour: 4xx bodies are
# application/problem+json while the schema says application/json, 401/404/413/429 are not listed, and
# handler-level checks (cursor shape) are not in the schema. See SECURITY.md / the issue 7 report.
CHECKS = [checks.not_a_server_error, checks.response_schema_conformance, checks.response_headers_conformance]
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


async def public_resolver(_host: str, _port: int) -> list[str]:
    """Every generated webhook host 'resolves' to a public address: no DNS traffic, no delivery."""
    return ["93.184.216.34"]


def build_app(database_url: str) -> object:
    app = create_app(make_settings(database_url, webhook_allow_private=False))
    app.dependency_overrides[get_resolver] = lambda: public_resolver
    return app


schema = schemathesis.openapi.from_dict(build_app("sqlite+aiosqlite:///:memory:").openapi())  # type: ignore[attr-defined]
# The SSE stream never ends by design; tests/test_alerts_api.py covers it with a live reader.
schema = schema.exclude(path="/v1/alerts/stream")


@pytest.fixture(scope="module")
def live_api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One migrated database and one running app for the whole module (fuzzing only adds rows)."""
    if BACKEND == "postgresql":
        url = fresh_pg_url(request.getfixturevalue("_pg_template"))
    else:
        path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
        path.write_bytes(Path(request.getfixturevalue("_sqlite_template")).read_bytes())
        url = f"sqlite+aiosqlite:///{path}"
    try:
        with AppServer(build_app(url)) as server:
            yield server.base
    finally:
        if BACKEND == "postgresql":
            drop_pg(url)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
    derandomize=True,
)
def test_every_endpoint_survives_generated_input(case: schemathesis.Case, live_api: str) -> None:
    case.call_and_validate(base_url=live_api, headers=ADMIN, timeout=10, checks=CHECKS)
