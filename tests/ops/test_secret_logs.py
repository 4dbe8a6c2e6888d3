"""No secret reaches a log at any level: the service's own logging at DEBUG, the real API creating and rotating
a webhook and a delivery signing with it, on SQLite and (EXCHANGEWATCH_TEST_DB=postgresql) PostgreSQL."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import httpx
import pytest

from service.api.app import create_app
from service.db import Database
from service.logs import configure_logging, redact
from tests.conftest import ADMIN_TOKEN, make_settings
from tests.support.server import LocalServer
from tests.support.webhooks import Clock, local_sender, make_alert, make_context

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture
def debug_log() -> Iterator[io.StringIO]:
    """The service's logging configuration at DEBUG, into a buffer; the test runner's restored after."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    names = ("aiosqlite", "httpx", "httpcore", "sqlalchemy.engine", "psycopg")
    levels = {name: logging.getLogger(name).level for name in names}
    buffer = io.StringIO()
    configure_logging("text", "DEBUG", secrets=[ADMIN_TOKEN], stream=buffer)
    for name in names:  # the most verbose an operator could make it: every library at DEBUG, SQL echoed
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield buffer
    root.handlers[:], root.level = saved
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


async def test_webhook_secrets_and_the_admin_token_never_reach_a_debug_log(
    database_url: str, database: Database, server: LocalServer, debug_log: io.StringIO
) -> None:
    from service.worker.deliver import deliver_tick

    settings = make_settings(database_url)
    app = create_app(settings, database=database)
    server.serve("/hook", "ok")
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            created = await http.post("/v1/webhooks", json={"url": server.url("/hook")}, headers=ADMIN)
            assert created.status_code == 201, created.text
            hook = created.json()
            rotated = await http.post(f"/v1/webhooks/{hook['id']}/secret/rotate", headers=ADMIN)
            assert rotated.status_code == 200, rotated.text
            logging.getLogger("service.test").debug("a request with %s", ADMIN["Authorization"])
    await make_alert(database)
    sender = local_sender()
    try:
        await deliver_tick(make_context(settings, database, Clock(), sender))
    finally:
        await sender.aclose()

    output = debug_log.getvalue()
    assert "INSERT INTO webhook_endpoints" in output  # DEBUG was live: every statement was logged
    if database.is_sqlite:
        assert "executing" in output  # aiosqlite's own DEBUG lines, which carry the statement's parameters
    for secret in (hook["secret"], rotated.json()["secret"], ADMIN_TOKEN):
        assert secret not in output
        assert secret.removeprefix("whsec_") not in output


def test_redact_masks_secrets_by_shape_and_by_value() -> None:
    line = (
        "url=postgresql+psycopg://app:s3cret-pw@db:5432/ew key=whsec_AbC+/dEf123= "
        "Authorization: Bearer tok-123456 admin=known-token-value"
    )
    masked = redact(line, ["known-token-value"])
    for secret in ("s3cret-pw", "AbC+/dEf123=", "tok-123456", "known-token-value"):
        assert secret not in masked
    assert "postgresql+psycopg://app:***@db:5432/ew" in masked and "whsec_***" in masked
