"""SQLModel tables; importing this package registers every table on SQLModel.metadata."""

from service.models.articles import Article, ArticleKey
from service.models.events import Alert, Event, EventReport
from service.models.feeds import Feed
from service.models.idempotency import IdempotencyKey
from service.models.types import JSONType, UTCDateTime, utcnow
from service.models.webhooks import WebhookAttempt, WebhookEndpoint, WebhookMessage  # noqa: F401

__all__ = [
    "Alert",
    "Article",
    "ArticleKey",
    "Event",
    "EventReport",
    "Feed",
    "IdempotencyKey",
    "JSONType",
    "UTCDateTime",
    "utcnow",
]
