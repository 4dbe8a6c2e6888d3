"""The delivery policy as named outcomes: what one attempt means for its message and for its endpoint."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from service.delivery.schedule import MAX_ATTEMPTS
from service.delivery.sender import SendResult
from service.flows.deliver import Dead, Delivered, Retry, disable_reason, outcome_of

NOW = datetime(2026, 6, 9, 12, 0, tzinfo=UTC)
FAILED = SendResult(False, 12, status=500, error_class="http_5xx")


def no_jitter(low: float, high: float) -> float:
    return 1.0


def test_a_success_is_delivered() -> None:
    assert outcome_of(SendResult(True, 5, status=204), 1, NOW, retry=True) == Delivered()


def test_a_failure_retries_on_the_schedule_until_it_runs_out() -> None:
    assert outcome_of(FAILED, 1, NOW, retry=True, rand=no_jitter) == Retry(NOW + timedelta(seconds=5))
    assert outcome_of(FAILED, 2, NOW, retry=True, rand=no_jitter) == Retry(NOW + timedelta(minutes=5))
    assert outcome_of(FAILED, MAX_ATTEMPTS, NOW, retry=True) == Dead("retries exhausted")


def test_a_retry_after_replaces_the_scheduled_delay() -> None:
    busy = SendResult(False, 3, status=429, error_class="http_429", retry_after=90)
    assert outcome_of(busy, 1, NOW, retry=True) == Retry(NOW + timedelta(seconds=90))


def test_gone_an_unsafe_address_and_a_test_send_are_never_retried() -> None:
    assert outcome_of(SendResult(False, 3, status=410), 1, NOW, retry=True) == Dead("gone")
    unsafe = SendResult(False, 0, error_class="unsafe_url", error="10.0.0.1 is private")
    assert outcome_of(unsafe, 1, NOW, retry=True) == Dead("unsafe address")
    assert outcome_of(FAILED, 1, NOW, retry=False) == Dead("not retried")


def test_outcomes_name_the_message_status() -> None:
    assert (Delivered().status, Retry(NOW).status, Dead("gone").status) == ("delivered", "failed", "dead")


def test_an_endpoint_is_disabled_when_gone_or_failing_for_the_whole_window() -> None:
    window = timedelta(days=5)
    assert disable_reason(SendResult(False, 3, status=410), None, NOW, window) == "the endpoint answered 410 Gone"
    assert disable_reason(FAILED, NOW - timedelta(days=4, hours=23), NOW, window) is None
    reason = disable_reason(FAILED, NOW - window, NOW, window)
    assert reason == "no successful delivery for 5 days (failing since 2026-06-04T12:00:00Z)"
    assert disable_reason(FAILED, None, NOW, window) is None
