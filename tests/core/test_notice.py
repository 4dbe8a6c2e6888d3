"""Notification texts from an alert's JSON: changes, top sources (official first), the event link."""

from __future__ import annotations

from service.core.events.notice import describe_change, notice, title_of, top_sources

ALERT = {
    "type": "event.updated",
    "kind": "pow_exchange",
    "summary": "POW exchange, 9 June 2025: 84 returned to Ukraine — 2 sources, 1 official",
    "links": {"event": "/v1/events/e1", "page": "/events/e1"},
    "changes": [{"field": "returned_to_ukraine", "before": None, "after": 84}],
    "sources": [
        {"source": "dw.com", "url": "https://dw.com/a", "official": False},
        {"source": "t.me/koordshtab", "url": "https://t.me/koordshtab/1", "official": True},
    ],
}


def test_notice_has_summary_changes_sources_and_absolute_link() -> None:
    message = notice(ALERT, base_url="https://watch.example/")
    assert message.title == "Update: POW exchange, 9 June 2025: 84 returned to Ukraine — 2 sources, 1 official"
    lines = message.body.splitlines()
    assert lines[0] == "Changed: returned to Ukraine: unknown → 84"
    assert lines[1] == "- [t.me/koordshtab](https://t.me/koordshtab/1) (official)"
    assert lines[-1] == "Event: https://watch.example/events/e1"


def test_created_alert_without_summary_falls_back_to_its_kind() -> None:
    old = {"type": "event.created", "kind": "body_repatriation", "changes": [], "sources": []}
    assert title_of(old) == "Repatriation"
    assert notice(old) == notice(old, base_url="")
    assert notice(old).title == "New: Repatriation" and notice(old).body == ""


def test_change_values_are_readable() -> None:
    assert describe_change({"field": "status", "before": "agreed", "after": "completed"}) == (
        "status: agreed → completed"
    )
    assert describe_change({"field": "mediators", "before": [], "after": ["UAE", "Qatar"]}) == (
        "mediators: unknown → UAE, Qatar"
    )
    assert [s["source"] for s in top_sources(ALERT["sources"], 1)] == ["t.me/koordshtab"]
