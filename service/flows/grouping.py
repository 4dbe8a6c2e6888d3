"""The grouping and alert parameters of the service, from Settings: one place for the service and eval."""

from __future__ import annotations

from service.core.events.cluster import GroupParams
from service.settings import Settings


def group_params(settings: Settings) -> GroupParams:
    """Grouping parameters as the running service uses them."""
    return GroupParams(
        max_age_days=settings.alert_max_age_days,
        max_candidates=settings.max_candidates,
    )


def alert_threshold(settings: Settings) -> float:
    """Confidence an event must cross for an `event.updated` alert."""
    return settings.confidence_threshold
