"""Several workers sharing one database: every message is sent exactly once, per-endpoint limits hold."""

from __future__ import annotations

import asyncio
from collections import Counter

from starlette.requests import Request
from starlette.responses import Response

from service.db import Database
from service.delivery.signing import generate_secret
from service.settings import Settings
from service.store import webhooks as store
from service.worker.deliver import deliver_tick
from tests.support.server import LocalServer
from tests.support.webhooks import T0, Clock, local_sender, make_alert, make_context


async def test_concurrent_workers_never_send_a_message_twice(
    settings: Settings, database: Database, server: LocalServer
) -> None:
    active: Counter[str] = Counter()
    peak: Counter[str] = Counter()

    async def handler(request: Request) -> Response:
        path = request.url.path
        active[path] += 1
        peak[path] = max(peak[path], active[path])
        await asyncio.sleep(0.02)
        active[path] -= 1
        return Response(status_code=204)

    paths = ["/a", "/b", "/c"]
    for path in paths:
        server.routes[path] = handler
        async with database.session() as session:
            await store.create_endpoint(session, secret=generate_secret(), url=server.url(path), now=T0)
    for _ in range(15):
        await make_alert(database)

    databases = [Database(settings.database_url) for _ in range(3)]
    senders = [local_sender() for _ in databases]
    try:
        contexts = [
            make_context(settings, db, Clock(), sender, worker=f"w{n}")
            for n, (db, sender) in enumerate(zip(databases, senders, strict=True))
        ]
        total = 0
        for _ in range(10):
            total += sum(await asyncio.gather(*(deliver_tick(ctx) for ctx in contexts)))
    finally:
        for db, sender in zip(databases, senders, strict=True):
            await sender.aclose()
            await db.dispose()

    ids = Counter(hit.headers["webhook-id"] for hit in server.requests)
    assert total == 45 == len(ids) and set(ids.values()) == {1}
    assert max(peak.values()) <= settings.delivery_concurrency_per_endpoint
