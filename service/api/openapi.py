"""The OpenAPI document: per route only the error responses it can give (all as problem+json), the
`webhooks` section describing what subscribers receive, and the API's conventions written once."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import FastAPI, routing
from fastapi.dependencies.models import Dependant
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import Field

from service.api.alert_schemas import PingMessage, WebhookEnvelope
from service.api.alerts import AlertOut
from service.api.deps import require_admin
from service.api.errors import PROBLEM, PROBLEM_BASE, PROBLEM_CODES
from service.api.guards import UNGUARDED

CONVENTIONS = """
## Conventions (the same on every endpoint)

* **Auth.** Read endpoints are open; write endpoints and `/v1/webhooks` need
  `Authorization: Bearer <EXCHANGEWATCH_ADMIN_TOKEN>` (401 without a token, 403 with a wrong one).
* **Lists** take `limit` and an opaque `cursor` and answer `{"data": [...], "next_cursor": "...", "has_more": true}`:
  pass `next_cursor` back as `cursor` while `has_more` is true. (Alerts are a stream: their `next_cursor` stays set
  on the last page so you can poll for newer alerts with it.)
* **Enumerated values** (`kind`, `type`, `status`, webhook `filters`) are validated: anything else is a 422 that names
  the allowed values, which `GET /v1/event-types` lists. Unknown query parameters are a 422 too.
* **Idempotency.** Every POST accepts an `Idempotency-Key` header (1–255 printable ASCII characters). A retry with
  the same key and the same request gets the first response again (`Idempotent-Replayed: true`); the same key
  with another request is a 422 `idempotency_key_reused`; while the first is still running, a 409
  `idempotency_key_in_use`. Keys are kept for `EXCHANGEWATCH_IDEMPOTENCY_KEY_HOURS` (24).
* **Bodies** are JSON (`application/json`; OPML import: an XML type); anything else is a 415.
* **Errors** are RFC 9457 problem details (`application/problem+json`) with a stable machine `code`; `type` is
  `/problems/{code}`. Codes: CODES.
"""


def _uses(dependant: Dependant, call: Any) -> bool:
    return dependant.call is call or any(_uses(sub, call) for sub in dependant.dependencies)


def _path_params(dependant: Dependant) -> bool:
    return bool(dependant.path_params) or any(_path_params(sub) for sub in dependant.dependencies)


def route_problems(route: Any, method: str) -> set[int]:
    """The error statuses this route can answer."""
    if route.path in UNGUARDED:
        return set()
    codes = {422, 429}  # unknown query parameters; the rate limit
    if _uses(route.dependant, require_admin):
        codes |= {401, 403}
    if _path_params(route.dependant):
        codes |= {404}
    has_body = route.body_field is not None or "requestBody" in (route.openapi_extra or {})
    if has_body:
        codes |= {400, 413, 415}
    if method == "POST":
        codes |= {409}  # Idempotency-Key still in use
    return codes


IDEMPOTENCY_PARAMETER: dict[str, Any] = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "retry safely: the same key and request get the first response again (kept 24 hours)",
    "schema": {"type": "string", "pattern": "^[\\x21-\\x7e]{1,255}$", "example": "create-hook-2026-06-09"},
}


# The probes answer in their own formats, and /readyz and /health say 503 when not ready or failing.
PROBE_RESPONSES: dict[str, dict[str, Any]] = {
    "/readyz": {"200": ("application/json", "ready"), "503": ("application/json", "not ready: `checks` says why")},
    "/health": {
        "200": ("application/health+json", "pass or warn"),
        "503": ("application/health+json", "fail: `checks` says which"),
    },
    "/metrics": {"200": ("text/plain", "Prometheus text format")},
}


def _probe_responses(schema: dict[str, Any]) -> None:
    for path, table in PROBE_RESPONSES.items():
        operation = schema["paths"].get(path, {}).get("get")
        if operation is not None:
            operation["responses"] = {
                status: {
                    "description": text,
                    "content": {media: {"schema": {"type": "object"} if "json" in media else {"type": "string"}}},
                }
                for status, (media, text) in table.items()
            }


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


PROBLEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "Problem",
    "description": "RFC 9457 problem details",
    "required": ["type", "title", "status", "code", "detail"],
    "properties": {
        "type": {"type": "string", "description": f"{PROBLEM_BASE}{{code}}", "example": "/problems/invalid_request"},
        "title": {"type": "string", "description": "the HTTP status phrase", "example": "Unprocessable Entity"},
        "status": {"type": "integer", "description": "the HTTP status", "example": 422},
        "code": {"type": "string", "description": "stable machine code (see the API description)"},
        "detail": {"description": "what went wrong, for people", "example": "kind: Input should be 'pow_exchange'"},
        "errors": {"type": "array", "items": {"type": "object"}, "description": "422: one entry per invalid field"},
    },
    "additionalProperties": True,
}


def _fix_responses(schema: dict[str, Any], app: FastAPI) -> None:
    for route in routing.iter_route_contexts(app.routes):  # routers are included lazily: their effective routes
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        for method in route.methods or ():
            operation = schema["paths"].get(route.path_format, {}).get(method.lower())
            if operation is None:
                continue
            if method == "POST":
                operation.setdefault("parameters", []).append(IDEMPOTENCY_PARAMETER)
            responses = operation.setdefault("responses", {})
            wanted = route_problems(route, method) | {int(s) for s in responses if str(s)[0] == "4"}
            for status in sorted(wanted):
                described = responses.get(str(status), {}).get("description")
                codes = [c for c, (s, _) in PROBLEM_CODES.items() if s == status]
                text = described if described and described != "Validation Error" else ", ".join(codes)
                responses[str(status)] = _problem(text or "error")


# OpenAPI links: what a created resource's id opens (client generators and schemathesis' stateful runs use them).
LINKS: dict[tuple[str, str], tuple[str, str]] = {
    ("/v1/feeds", "post"): ("/v1/feeds/{feed_id}", "feed_id"),
    ("/v1/webhooks", "post"): ("/v1/webhooks/{webhook_id}", "webhook_id"),
}


def _add_links(schema: dict[str, Any]) -> None:
    for (path, method), (prefix, param) in LINKS.items():
        created = schema["paths"].get(path, {}).get(method, {}).get("responses", {}).get("201")
        if created is None:
            continue
        links: dict[str, Any] = {}
        for target, item in schema["paths"].items():
            if not target.startswith(prefix):
                continue
            for verb, operation in item.items():
                if "operationId" in operation and "{" not in target[len(prefix) :].replace("{" + param, ""):
                    links[f"{verb}_{target}".replace("/", "_").replace("{", "").replace("}", "")] = {
                        "operationId": operation["operationId"],
                        "parameters": {param: "$response.body#/id"},
                        "description": f"`id` of the created resource is `{param}`",
                    }
        created["links"] = links


# Field names mean the same thing in every schema; a property without its own description gets this one.
GLOSSARY: dict[str, str] = {
    "data": "the items of this page",
    "next_cursor": "pass as `cursor` to get the next page; null on the last page",
    "has_more": "another page follows",
    "id": "identifier",
    "url": "address",
    "description": "free text for people",
    "filters": "which alerts are sent (null filter: everything)",
    "enabled": "false: nothing is sent or polled",
    "disabled_reason": "why it was disabled automatically",
    "disabled_at": "when it was disabled",
    "last_success_at": "last successful delivery or poll",
    "failing_since": "first failure since the last success",
    "created_at": "when it was created",
    "updated_at": "when it last changed",
    "title": "title",
    "language": "ISO 639-1 language code",
    "official": "an official primary source",
    "poll_interval_seconds": "per-feed poll interval (null: the default)",
    "event_types": "alert types to receive: event.created, event.updated",
    "min_confidence": "only alerts at or above this confidence (0–1)",
    "kind": "pow_exchange, body_repatriation or agreement (feeds: the source kind)",
    "status": "state (see GET /v1/event-types for event statuses)",
    "event_date": "ISO date of the event itself (not of the news)",
    "date_precision": "day, month or unknown",
    "confidence": "0–1: evidence strength, sources, officials",
    "historical": "first seen long after it happened (no alert raised)",
    "parent_id": "the operation or agreement a stage belongs to",
    "sources_count": "independent sources reporting it",
    "report_count": "reports (articles) grouped into it",
    "first_seen": "when the first report was seen",
    "last_seen": "when the latest report was seen",
    "summary": "one line for people",
    "feed_id": "the feed it came from",
    "source": "the outlet or channel (host name)",
    "text": "extracted article text",
    "text_source": "where the text came from: page, feed content or feed summary",
    "fetch_error": "why the page could not be fetched (the feed summary is used meanwhile)",
    "author": "byline",
    "published_at": "publication time from the feed or the page",
    "discovered_at": "when exchangewatch first saw it",
    "attempted_at": "when the attempt was made",
    "duration_ms": "how long the receiver took to answer",
    "status_code": "HTTP status the receiver answered (null: no answer)",
    "success": "the receiver answered 2xx",
    "error_class": "timeout, connect, redirect, http_4xx, http_5xx, gone, …",
    "error": "what went wrong",
    "type": "message or alert type",
    "alert_id": "the alert this message carries",
    "attempts": "attempts so far",
    "next_attempt_at": "when the next retry is due",
    "first_delivered_at": "first 2xx answer",
    "last_attempt_at": "the latest attempt",
    "last_status": "HTTP status of the latest attempt",
    "last_error": "error of the latest attempt",
    "attempt_log": "every attempt, oldest first",
    "delivery_id": "the webhook-id of the message",
    "recovered": "messages scheduled again",
    "message": "text for people",
    "article_id": "the article",
    "primary": "the article that created the event",
    "recalled": "the article only recalls the event (background paragraph)",
    "mention": "what this article said about the event",
    "state": "processing state: pending, done, failed, …",
    "relevant": "detection found a report of an exchange, repatriation or agreement",
    "report": "what detection found in the article",
    "facts": "the merged facts (numbers, stage, categories, mediators)",
    "provenance": "for each fact, who said which value",
    "evidence": "the sentences the facts rest on, with their sources",
    "sources": "every source reporting the event",
    "timeline": "the reports, in the order they were seen",
    "alerts": "the alerts raised for it",
}


def _describe_properties(schema: dict[str, Any]) -> None:
    for component in schema.get("components", {}).get("schemas", {}).values():
        for name, prop in component.get("properties", {}).items():
            if "description" not in prop and name in GLOSSARY:
                prop["description"] = GLOSSARY[name]


def build_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    codes = ", ".join(f"`{code}` ({status})" for code, (status, _) in PROBLEM_CODES.items())
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description + CONVENTIONS.replace("CODES", codes),
        routes=app.routes,
        webhooks=app.webhooks.routes,
        tags=app.openapi_tags,
    )
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    _fix_responses(schema, app)
    _add_links(schema)
    _probe_responses(schema)
    _describe_properties(schema)
    for hook in schema.get("webhooks", {}).values():  # what a subscriber answers: any 2xx, nothing else to say
        for operation in hook.values():
            operation["responses"] = {"2XX": {"description": "received (anything else is retried)"}}
    for unused in ("HTTPValidationError", "ValidationError"):
        schema["components"]["schemas"].pop(unused, None)
    app.openapi_schema = schema
    return schema


class AlertMessage(WebhookEnvelope):
    type: Literal["event.created", "event.updated"] = Field(description="the alert's type")
    data: AlertOut = Field(description="the alert, exactly as GET /v1/alerts/{id} returns it")


def install_openapi(app: FastAPI) -> None:
    """Declare the webhook messages and use build_openapi for /openapi.json."""

    @app.webhooks.post("event.created", summary="A new real-world event", tags=["webhooks"])
    def event_created(body: AlertMessage) -> None:
        """POSTed to every enabled endpoint whose filters match, signed per Standard Webhooks. Answer 2xx within
        15 s; anything else is retried with backoff for about 3 days (same webhook-id), then the message is dead."""

    @app.webhooks.post("event.updated", summary="An event's facts changed materially", tags=["webhooks"])
    def event_updated(body: AlertMessage) -> None:
        """Same envelope as event.created; `data.changes` says what changed (numbers, stage, status, confidence)."""

    @app.webhooks.post("webhook.test", summary="A test ping (POST /v1/webhooks/{id}/test)", tags=["webhooks"])
    def webhook_test(body: PingMessage) -> None:
        """Sent only on request; not retried."""

    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
