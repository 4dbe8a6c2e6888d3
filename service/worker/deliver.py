"""The delivery tick: the scheduler's way into the deliver flow."""

from __future__ import annotations

from service.flows.context import WorkerContext
from service.flows.deliver import deliver_due


async def deliver_tick(ctx: WorkerContext) -> int:
    """Send every due message once (burst); returns the number of attempts made."""
    return await deliver_due(ctx)
