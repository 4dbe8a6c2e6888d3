"""API abuse by an outside client: every write route is guarded, hostile input gets a clear 4xx (never a
5xx), the rate limit answers 429 with Retry-After, and secrets do not come back after creation."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterable, AsyncIterator

import httpx
import pytest

from service.api.app import create_app
from service.db import Database
from service.settings import Settings
from tests.conftest import ADMIN_TOKEN, make_settings

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
HOOK_URL = "http://127.0.0.1:9/hook"  # discard port: nothing listens, nothing is delivered
SQL_LIKE = ["' OR '1'='1", "1; DROP TABLE feeds; --", '" UNION SELECT secret FROM webhook_endpoints --']
SCRIPT_LIKE = ["<script>alert(1)</script>", "javascript:alert(1)", "<img src=x onerror=alert(1)>", "{{7*7}}"]


def problem(response: httpx.Response, *statuses: int) -> dict[str, object]:
    assert response.status_code in statuses, (response.status_code, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == response.status_code and body["detail"]
    return body  # type: ignore[no-any-return]


def write_routes() -> list[tuple[str, str]]:
    """Every write operation the OpenAPI schema documents (the schema is what clients see)."""
    schema = create_app(make_settings("sqlite+aiosqlite:///:memory:")).openapi()
    return sorted(
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method.upper() in WRITE_METHODS
    )


def concrete(path: str) -> str:
    return path.replace("{feed_id}", "1").replace("{webhook_id}", "ep_x").replace("{delivery_id}", "msg_x")


async def test_every_write_route_needs_the_admin_token(client: httpx.AsyncClient) -> None:
    routes = write_routes()
    assert {("POST", "/v1/feeds"), ("PATCH", "/v1/feeds/{feed_id}"), ("POST", "/v1/webhooks")} <= set(routes)
    for method, path in routes:
        url = concrete(path)
        missing = await client.request(method, url, json={})
        assert problem(missing, 401) and missing.headers["www-authenticate"] == "Bearer"
        wrong = await client.request(method, url, json={}, headers={"Authorization": "Bearer not-the-token"})
        problem(wrong, 403)
        basic = await client.request(method, url, json={}, headers={"Authorization": "Basic YWRtaW46YWRtaW4="})
        problem(basic, 401)


async def test_write_routes_are_off_when_no_admin_token_is_configured(database_url: str, database: Database) -> None:
    app = create_app(make_settings(database_url, admin_token=None), database=database)
    async with app.router.lifespan_context(app), _client(app) as http:
        response = await http.post(
            "/v1/feeds?check=false", json={"url": "https://example.org/rss"}, headers=_bearer("")
        )
        assert problem(response, 401, 403)
        response = await http.post(
            "/v1/feeds?check=false", json={"url": "https://example.org/rss"}, headers=_bearer("x")
        )
        assert "disabled" in str(problem(response, 403)["detail"])


async def test_oversized_bodies_are_413_declared_or_chunked(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    big = json.dumps({"url": "https://example.org/rss", "title": "x" * 70_000}).encode()
    declared = await client.post("/v1/feeds", content=big, headers={**admin, "content-type": "application/json"})
    problem(declared, 413)

    async def chunks() -> AsyncIterable[bytes]:
        for start in range(0, len(big), 8192):
            yield big[start : start + 8192]

    chunked = await client.post("/v1/feeds", content=chunks(), headers={**admin, "content-type": "application/json"})
    problem(chunked, 413)
    lying = await client.post("/v1/feeds", content=b"{}", headers={**admin, "content-length": "abc"})
    assert lying.status_code in (400, 413)


async def test_deeply_nested_json_is_a_clear_4xx(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    for depth in (50, 5_000, 30_000):  # 30,000 still fits under the 64 KB body cap
        for path, body in (
            ("/v1/feeds", '{"url": "https://example.org/rss", "title": ' + "[" * depth + "]" * depth + "}"),
            ("/v1/webhooks", f'{{"url": "{HOOK_URL}", "filters": ' + '{"a":' * depth + "1" + "}" * depth + "}"),
        ):
            headers = {**admin, "content-type": "application/json"}
            problem(await client.post(path, content=body.encode(), headers=headers), 400, 413, 422)


BAD_QUERIES = [
    "/v1/articles?cursor=abc",
    "/v1/articles?cursor=-1",
    "/v1/articles?cursor=99999999999999999999999",
    "/v1/articles?cursor=1%00",
    "/v1/articles?limit=0",
    "/v1/articles?limit=100000",
    "/v1/articles?since=yesterday",
    "/v1/articles?feed=1.5",
    "/v1/events?cursor=not-a-date",
    "/v1/events?cursor=2025-13-45T99:00:00",
    "/v1/events?kind=nuclear",
    "/v1/alerts?after=%27%20OR%201%3D1",
    "/v1/alerts?after=-5",
    "/v1/alerts?limit=-1",
    "/v1/feeds/abc",
    "/v1/articles?feed=99999999999999999999999999",
    "/v1/feeds/99999999999999999999999999",
    "/v1/feeds/-1",
    "/v1/events/" + "e" * 5000,
]


@pytest.fixture
async def lenient(settings: Settings, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """Like `client`, but a crash comes back as the 500 a real client would see, not as an exception."""
    app = create_app(settings, database=database)
    async with app.router.lifespan_context(app), _client(app) as http:
        yield http


async def test_bad_cursors_and_parameters_are_4xx_not_5xx(lenient: httpx.AsyncClient) -> None:
    client = lenient
    answers = {url: (await client.get(url)).status_code for url in BAD_QUERIES}
    assert {url: s for url, s in answers.items() if s not in (404, 422)} == {}


async def test_out_of_range_ids_on_write_routes_are_4xx(lenient: httpx.AsyncClient, admin: dict[str, str]) -> None:
    client = lenient
    huge = "/v1/feeds/99999999999999999999999999"
    hook = (await client.post("/v1/webhooks", json={"url": HOOK_URL}, headers=admin)).json()["id"]
    answers = {
        "PATCH feed": (await client.patch(huge, json={"title": "x"}, headers=admin)).status_code,
        "DELETE feed": (await client.delete(huge, headers=admin)).status_code,
        "deliveries before": (
            await client.get(f"/v1/webhooks/{hook}/deliveries?before=99999999999999999999", headers=admin)
        ).status_code,
    }
    assert {k: s for k, s in answers.items() if s not in (404, 422)} == {}


UNKNOWN_FIELDS = [
    ("/v1/feeds", {"url": "https://example.org/rss", "is_admin": True}),
    ("/v1/feeds", {"url": "https://example.org/rss", "etag": "x", "lease_owner": "me"}),
    ("/v1/webhooks", {"url": HOOK_URL, "secret": "whsec_chosen"}),
    ("/v1/webhooks", {"url": HOOK_URL, "filters": {"min_confidence": 0.5, "where": "1=1"}}),
]


async def test_unknown_fields_are_refused(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    for path, body in UNKNOWN_FIELDS:
        detail = str(problem(await client.post(path, json=body, headers=admin), 422)["detail"])
        assert "extra" in detail.lower() or "not permitted" in detail.lower()


async def test_wrong_types_and_broken_json_are_4xx(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    json_headers = {**admin, "content-type": "application/json"}
    for raw in (b"{", b"null", b"[]", b'"url"', b"\xff\xfe", b'{"url": 5}', b'{"url": "ftp://x.org/feed"}'):
        problem(await client.post("/v1/feeds", content=raw, headers=json_headers), 400, 422)
    problem(await client.patch("/v1/feeds/1", json={"poll_interval_seconds": -1}, headers=admin), 404, 422)
    problem(await client.post("/v1/webhooks", json={"url": HOOK_URL, "description": "x" * 501}, headers=admin), 422)


async def test_sql_and_script_strings_are_data_not_code(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    for n, hostile in enumerate(SQL_LIKE + SCRIPT_LIKE):
        await _hostile_string(client, admin, hostile, n)


async def _hostile_string(client: httpx.AsyncClient, admin: dict[str, str], hostile: str, n: int) -> None:
    """Stored verbatim, returned as JSON data, and no query or lookup built from it fails."""
    created = await client.post(
        "/v1/feeds?check=false",
        json={"url": f"https://example.org/rss?q={n}", "title": hostile, "language": "en"},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    feed = created.json()
    assert feed["title"] == hostile  # stored and returned verbatim, as JSON data
    assert created.headers["content-type"] == "application/json"
    listed = await client.get("/v1/feeds")
    titles = [f["title"] for f in listed.json()["data"]]
    assert titles.count(hostile) == 1  # the table is still there, the value is just a value
    for url in (f"/v1/articles?language={hostile[:16]}", f"/v1/events/{hostile}", f"/v1/feeds/{hostile}"):
        response = await client.get(url, params=None)
        assert response.status_code < 500, (url, response.text)
    as_url = await client.post("/v1/feeds?check=false", json={"url": f"https://example.org/{hostile}"}, headers=admin)
    assert as_url.status_code in (201, 422), as_url.text
    hook = await client.post("/v1/webhooks", json={"url": HOOK_URL, "description": hostile}, headers=admin)
    assert hook.status_code == 201 and hook.json()["description"] == hostile


async def test_rate_limit_answers_429_with_retry_after(database_url: str, database: Database) -> None:
    app = create_app(make_settings(database_url, rate_limit_per_minute=5), database=database)
    async with app.router.lifespan_context(app), _client(app) as http:
        statuses = [(await http.get("/v1/feeds")).status_code for _ in range(5)]
        assert statuses == [200] * 5
        limited = await http.get("/v1/articles")
        problem(limited, 429)
        assert limited.headers["retry-after"].isdigit() and 1 <= int(limited.headers["retry-after"]) <= 60
        # Writes count too, and a token does not buy an exemption.
        problem(
            await http.post(
                "/v1/feeds?check=false", json={"url": "https://example.org/x"}, headers=_bearer(ADMIN_TOKEN)
            ),
            429,
        )
        # Probes stay exempt so an abusive client cannot make the service look dead.
        assert (await http.get("/livez")).status_code == 200


async def test_rate_limit_is_per_client_address(database_url: str, database: Database) -> None:
    app = create_app(make_settings(database_url, rate_limit_per_minute=2), database=database)
    noisy, calm = _client(app, client=("10.0.0.1", 1234)), _client(app, client=("10.0.0.2", 1234))
    async with app.router.lifespan_context(app), noisy, calm:
        for _ in range(2):
            assert (await noisy.get("/v1/feeds")).status_code == 200
        assert (await noisy.get("/v1/feeds")).status_code == 429
        assert (await calm.get("/v1/feeds")).status_code == 200


async def test_secrets_never_come_back_after_creation(
    client: httpx.AsyncClient, admin: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    for name in ("service", "scrapers", "uvicorn"):
        caplog.set_level(logging.DEBUG, logger=name)
    created = await client.post("/v1/webhooks", json={"url": HOOK_URL}, headers=admin)
    assert created.status_code == 201
    hook = created.json()
    secret = hook["secret"]
    assert secret.startswith("whsec_")
    hook_path = f"/v1/webhooks/{hook['id']}"
    await client.post(
        "/v1/feeds?check=false", json={"url": "https://example.org/rss"}, headers={"Authorization": "Bearer guess"}
    )
    responses = [
        await client.get("/v1/webhooks", headers=admin),
        await client.get(hook_path, headers=admin),
        await client.patch(hook_path, json={"description": "renamed"}, headers=admin),
        await client.get(f"{hook_path}/deliveries", headers=admin),
        await client.post(f"{hook_path}/test", headers=admin),
        await client.get(f"{hook_path}/deliveries", headers=admin),
        await client.get("/v1/feeds"),
        await client.get("/health"),
        await client.get("/metrics"),
        await client.get("/openapi.json"),
    ]
    for response in responses:
        assert response.status_code < 500, response.text
        seen = response.text + json.dumps(dict(response.headers))
        assert "secret" not in response.json() if "json" in response.headers["content-type"] else True
        for value in (secret, secret.removeprefix("whsec_"), ADMIN_TOKEN):
            assert value not in seen, response.request.url
    logged = "\n".join(r.getMessage() + str(r.__dict__) for r in caplog.records)
    assert ADMIN_TOKEN not in logged and "guess" not in logged
    assert secret.removeprefix("whsec_") not in logged


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _client(app: object, client: tuple[str, int] = ("127.0.0.1", 123)) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=client, raise_app_exceptions=False)  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")
