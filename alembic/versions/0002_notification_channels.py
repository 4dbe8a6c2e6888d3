"""Notification channels: webhook endpoints get a channel (webhook | apprise) and an official-only filter.

An Apprise channel is a row of webhook_endpoints with channel='apprise', so it shares the outbox
(webhook_messages), the retry schedule, the attempt log and the disable rules with webhooks.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("webhook_endpoints", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False, server_default="webhook")
        )
        batch_op.add_column(sa.Column("official_only", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f("ix_webhook_endpoints_channel"), ["channel"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("webhook_endpoints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_webhook_endpoints_channel"))
        batch_op.drop_column("official_only")
        batch_op.drop_column("channel")
