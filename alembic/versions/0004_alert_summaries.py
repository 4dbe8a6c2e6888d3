"""Alerts written before summaries existed get their summary line and links: every alert, one JSON shape.

Their stored JSON (`body`) was rendered without `summary` and `links`, and readers serve it verbatim.
The line is made from the event's stored state, the best record there is (an alert's own payload lacks
the per-fact provenance the line needs); `body` is rendered again by service.render. Data only.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from service.core.events.codec import state_from_json
    from service.core.events.summary import summarize
    from service.models import Alert, Event
    from service.render import alert_data, dumps, event_links

    alerts, events = Alert.__table__, Event.__table__  # type: ignore[attr-defined]
    bind = op.get_bind()
    summaries: dict[str, str] = {}
    for row in bind.execute(sa.select(alerts)).mappings().all():
        if (row["payload"] or {}).get("summary"):
            continue
        event_id = row["event_id"]
        if event_id not in summaries:
            state = bind.execute(sa.select(events.c.state).where(events.c.id == event_id)).scalar_one()
            summaries[event_id] = summarize(state_from_json(state))
        alert = Alert(**row)
        alert.payload = {**(row["payload"] or {}), "summary": summaries[event_id], "links": event_links(event_id)}
        body = dumps(alert_data(alert))
        bind.execute(alerts.update().where(alerts.c.id == row["id"]).values(payload=alert.payload, body=body))


def downgrade() -> None:
    """Nothing to undo: the added keys are what the current code writes anyway."""
