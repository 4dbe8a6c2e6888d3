"""Pure parts of delivery: the retry schedule, Retry-After parsing, signatures and payloads."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from standardwebhooks.webhooks import Webhook

from service.delivery import signing
from service.delivery.schedule import (
    MAX_ATTEMPTS,
    RETRY_DELAYS,
    next_attempt_at,
    parse_retry_after,
    retry_delay,
)
from service.models import Alert
from service.render import alert_body
from tests.support.webhooks import T0


def test_schedule_matches_the_documented_delays() -> None:
    hours = [d / 3600 for d in RETRY_DELAYS]
    assert RETRY_DELAYS[:3] == (5, 300, 1800)
    assert hours[3:] == [2, 5, 10, 14, 20, 24]
    assert MAX_ATTEMPTS == 10
    window = timedelta(seconds=sum(RETRY_DELAYS) * 1.1)
    assert window < timedelta(days=5)  # a message dies before its endpoint can be disabled for silence


@pytest.mark.parametrize("attempts", range(1, MAX_ATTEMPTS))
def test_jitter_stays_within_ten_percent(attempts: int) -> None:
    base = RETRY_DELAYS[attempts - 1]
    assert retry_delay(attempts, rand=lambda lo, _hi: lo) == pytest.approx(base * 0.9)
    assert retry_delay(attempts, rand=lambda _lo, hi: hi) == pytest.approx(base * 1.1)
    assert base * 0.9 <= (retry_delay(attempts) or 0) <= base * 1.1


def test_no_retry_after_the_last_attempt() -> None:
    assert retry_delay(MAX_ATTEMPTS) is None
    assert next_attempt_at(T0, MAX_ATTEMPTS) is None
    assert next_attempt_at(T0, 1, rand=lambda lo, hi: 1.0) == T0 + timedelta(seconds=5)


def test_retry_after_replaces_the_schedule_within_bounds() -> None:
    assert retry_delay(1, retry_after=120) == 120
    assert retry_delay(3, retry_after=0) == 1.0
    assert retry_delay(2, retry_after=10**9) == 86400
    assert retry_delay(MAX_ATTEMPTS, retry_after=5) is None  # still counts as an attempt


def test_parse_retry_after() -> None:
    assert parse_retry_after("30", T0) == 30
    assert parse_retry_after("Tue, 09 Jun 2026 12:02:00 GMT", T0) == 120
    assert parse_retry_after("Tue, 09 Jun 2026 11:00:00 GMT", T0) == 0
    assert parse_retry_after("soon", T0) is None
    assert parse_retry_after(None, T0) is None


def test_signatures_verify_with_standardwebhooks() -> None:
    secret, other = signing.generate_secret(), signing.generate_secret()
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) == 32 and secret != other
    body = '{"type":"event.created","data":{"x":"обмін"}}'.encode()
    stamp = int(T0.timestamp())
    headers = signing.headers([secret, other], "msg_1", stamp, body)
    assert headers["webhook-id"] == "msg_1" and headers["webhook-timestamp"] == str(stamp)
    for key in (secret, other):
        expected = Webhook(key).sign("msg_1", T0, body.decode())
        assert expected in headers["webhook-signature"].split(" ")


def test_alert_body_shape() -> None:
    alert = Alert(
        id=7,
        type="event.updated",
        event_id="e1",
        revision=2,
        kind="body_repatriation",
        language="uk",
        confidence=0.8,
        created_at=T0,
        payload={"event": {"id": "e1"}, "facts": {"bodies_to_ukraine": 909}, "changes": [{"field": "x"}],
                 "evidence": [], "sources": [], "cursor": "7", "alert_id": 7},
    )  # fmt: skip
    body = json.loads(alert_body(alert))
    assert set(body) == {"type", "timestamp", "data"}
    assert body["type"] == "event.updated" and body["timestamp"] == "2026-06-09T12:00:00Z"
    data = body["data"]
    assert data["cursor"] == "7" and data["facts"] == {"bodies_to_ukraine": 909} and "alert_id" not in data
    assert alert_body(alert) == alert_body(alert)  # byte-stable across retries
