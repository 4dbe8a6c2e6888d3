"""One pagination convention for every list: `limit` + opaque `cursor` in, `{data, next_cursor, has_more}` out."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from service.db import Database
from service.models import Article, utcnow
from tests.support.webhooks import T0, AlertSpec, make_alert


async def walk(client: httpx.AsyncClient, url: str, headers: dict[str, str], key: str = "id") -> list[Any]:
    """Every item of a list, one per page, following next_cursor until has_more is false."""
    seen: list[Any] = []
    cursor = None
    for _page in range(20):
        sep = "&" if "?" in url else "?"
        page = await client.get(url + f"{sep}limit=1" + (f"&cursor={cursor}" if cursor else ""), headers=headers)
        assert page.status_code == 200, page.text
        body = page.json()
        assert set(body) >= {"data", "next_cursor", "has_more"}
        seen += [item[key] for item in body["data"]]
        if not body["has_more"]:
            return seen
        cursor = body["next_cursor"]
        assert isinstance(cursor, str) and cursor
    raise AssertionError(f"{url} never ended")


async def test_every_list_pages_the_same_way(
    client: httpx.AsyncClient, admin: dict[str, str], database: Database
) -> None:
    feeds = [
        (await client.post("/v1/feeds?check=false", json={"url": f"https://o{n}.example/rss"}, headers=admin)).json()
        for n in range(3)
    ]
    hooks = [
        (await client.post("/v1/webhooks", json={"url": f"http://127.0.0.1:9/h{n}"}, headers=admin)).json()
        for n in range(3)
    ]
    alerts = [await make_alert(database, AlertSpec(), at=T0 + timedelta(minutes=n)) for n in range(3)]
    async with database.session() as session:
        for n in range(3):
            session.add(
                Article(url=f"https://o.example/{n}", fingerprint=f"f{n}", title=f"{n}", discovered_at=utcnow())
            )
    lists = {
        "/v1/feeds": [f["id"] for f in feeds],
        "/v1/webhooks": [h["id"] for h in hooks],
        "/v1/alerts": [a.id for a in alerts],
    }
    for url, expected in lists.items():
        assert await walk(client, url, admin) == expected, url
    assert len(await walk(client, "/v1/articles", admin)) == 3
    deliveries = await walk(client, f"/v1/webhooks/{hooks[0]['id']}/deliveries", admin)
    assert len(deliveries) == 3  # one message per alert for the filterless endpoint


async def test_bad_cursors_and_limits_are_422(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    for url in ("/v1/feeds?cursor=abc", "/v1/webhooks?cursor=zz", "/v1/articles?cursor=-1", "/v1/feeds?limit=0"):
        refused = await client.get(url, headers=admin)
        assert refused.status_code == 422, (url, refused.text)
    assert (await client.get("/v1/feeds?cursor=abc")).json()["code"] == "invalid_cursor"


async def test_old_parameter_names_still_work(
    client: httpx.AsyncClient, admin: dict[str, str], database: Database
) -> None:
    alerts = [await make_alert(database, AlertSpec(), at=T0 + timedelta(minutes=n)) for n in range(2)]
    after = (await client.get(f"/v1/alerts?after={alerts[0].id}")).json()
    assert [a["id"] for a in after["data"]] == [alerts[1].id]
