"""One poll's feed entries stored in a few Core statements: no ORM object and no savepoint per item.

Per poll: one look-up of every key's owner, one multi-row INSERT of the new articles, one of their keys,
one look-up to see which keys we won, and for stories already known one UPDATE of the edited ones and one
INSERT of their new keys. Dedup keys are the same as before (canonical URL, host-scoped GUID, DW content
id; the content fingerprint is checked after extraction). Races with other workers are settled by the
unique constraints with ON CONFLICT DO NOTHING: an article that lost any of its keys to another worker's
row is removed again in the same transaction and reported as `seen`, as a rolled-back savepoint was.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel.ext.asyncio.session import AsyncSession

from service.models import Article, ArticleKey
from service.store.articles import KEY_CHUNK, EntryOutcome
from service.store.clean import clean_text

ARTICLES: Table = Article.__table__  # type: ignore[attr-defined]
KEYS: Table = ArticleKey.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class IncomingEntry:
    """One polled feed entry, mapped by the poll flow (service/flows/entries.py) to what the store needs."""

    keys: list[str]  # dedup keys, cleaned as the engine cleans them
    # The article's column values, if the story is new: built only then (most entries of a poll are
    # stories already stored; their fingerprint, source and official look-ups are never needed).
    row: Callable[[], dict[str, Any]]
    title: str  # as in the feed: an edit of a known story compares it (cleaned) with the stored title
    content: str  # the post text an edit compares, unless the page is fetched
    fetch_page: bool


@dataclass
class _New:
    """A new story of this poll: its row and every key its entries brought."""

    row: dict[str, Any]
    keys: list[str] = field(default_factory=list)
    id: int | None = None
    won: bool = False  # our row was stored (else another worker's row holds the story)


def _insert_ignoring(conn: AsyncConnection, table: Table, *conflict: str) -> Any:
    """INSERT … ON CONFLICT DO NOTHING in the connection's dialect (SQLite or PostgreSQL)."""
    if conn.dialect.name == "postgresql":  # its dialect module is imported only there (~2 MB)
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing(index_elements=list(conflict))
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing(index_elements=list(conflict))


async def _owners(conn: AsyncConnection, keys: Iterable[str]) -> dict[str, int]:
    wanted = list(dict.fromkeys(keys))
    owners: dict[str, int] = {}
    for start in range(0, len(wanted), KEY_CHUNK):
        query = select(KEYS.c.key, KEYS.c.article_id).where(KEYS.c.key.in_(wanted[start : start + KEY_CHUNK]))
        owners.update({key: article_id for key, article_id in (await conn.execute(query)).all()})
    return owners


async def upsert_entries(session: AsyncSession, entries: Sequence[IncomingEntry], now: datetime) -> list[EntryOutcome]:
    """Store new entries as pending articles and update known ones (title edits, post edits)."""
    conn = await session.connection()
    keyed = [(entry, entry.keys) for entry in entries]
    owners = await _owners(conn, (k for _, keys in keyed for k in keys))
    new: list[_New] = []
    local: dict[str, _New] = {}  # key → the new story of this poll that claimed it
    plan: list[tuple[IncomingEntry, int | _New, list[str]]] = []  # (entry, owner, its keys nobody owns yet)
    for n, (entry, keys) in enumerate(keyed):
        if n % 100 == 99:
            await asyncio.sleep(0)  # a 500-item feed must not hold the event loop (other feeds, the API)
        owner = next((owners[k] for k in keys if k in owners), None)
        story = next((local[k] for k in keys if k in local), None)
        unowned = [k for k in keys if k not in owners and k not in local]
        if owner is None and story is None:
            story = _New(entry.row())
            new.append(story)
        if owner is None:
            assert story is not None
            story.keys += unowned
            local.update(dict.fromkeys(unowned, story))
        else:
            owners.update(dict.fromkeys(unowned, owner))  # a later entry with one of these keys is this story
        target: int | _New | None = owner if owner is not None else story
        assert target is not None
        plan.append((entry, target, unowned))
    await _insert_new(conn, new)
    known = [(e, o, u) for e, o, u in plan if isinstance(o, int)]
    changed = await _apply_edits(conn, known, now)
    return _outcomes(plan, changed)


def _outcomes(plan: list[tuple[IncomingEntry, int | _New, list[str]]], changed: set[int]) -> list[EntryOutcome]:
    """One outcome per entry: a story new to the store is `new` for its first entry only."""
    outcomes: list[EntryOutcome] = []
    reported: set[int] = set()
    for _entry, target, _ in plan:
        if isinstance(target, int):
            outcomes.append(EntryOutcome(target, "changed" if target in changed else "seen"))
            continue
        assert target.id is not None
        fresh = target.won and id(target) not in reported
        reported.add(id(target))
        outcomes.append(EntryOutcome(target.id, "new" if fresh else "seen"))
    return outcomes


async def _insert_new(conn: AsyncConnection, new: list[_New]) -> None:
    """Insert the new stories and their keys; settle races with other workers (see the module doc)."""
    if not new:
        return
    # Articles in feed order (ids follow discovery, as before); keys and edits in one global order, so
    # concurrent PostgreSQL workers wait for each other's uncommitted keys in the same order. Two workers
    # inserting the same two brand-new URLs in opposite orders can still deadlock: PostgreSQL aborts one
    # poll, which is recorded (kind `store`) and retried; nothing is lost.
    statement = _insert_ignoring(conn, ARTICLES, "url").returning(ARTICLES.c.id, ARTICLES.c.url)
    ids = {url: article_id for article_id, url in (await conn.execute(statement, [s.row for s in new])).all()}
    for story in new:
        story.id = ids.get(story.row["url"])
    stored = [s for s in new if s.id is not None]
    key_rows = [{"key": k, "article_id": i} for k, i in sorted((k, s.id) for s in stored for k in s.keys)]
    if key_rows:
        await conn.execute(_insert_ignoring(conn, KEYS, "key"), key_rows)
    holders = await _owners(conn, [k for s in new for k in s.keys])
    lost = [s for s in stored if any(holders.get(k) != s.id for k in s.keys)]
    if lost:
        lost_ids = [s.id for s in lost]
        await conn.execute(delete(KEYS).where(KEYS.c.article_id.in_(lost_ids)))
        await conn.execute(delete(ARTICLES).where(ARTICLES.c.id.in_(lost_ids)))
    for story in stored:
        story.won = story not in lost
    taken = [s for s in new if not s.won]
    if taken:
        by_url = await _ids_by_url(conn, [s.row["url"] for s in taken])
        for story in taken:
            other = next((holders[k] for k in story.keys if holders.get(k) not in (None, story.id)), None)
            story.id = other if other is not None else by_url.get(story.row["url"])
            if story.id is None:
                raise LookupError(f"article {story.row['url']!r} conflicted but no row holds it")


async def _ids_by_url(conn: AsyncConnection, urls: list[str]) -> dict[str, int]:
    query = select(ARTICLES.c.url, ARTICLES.c.id).where(ARTICLES.c.url.in_(urls))
    return {url: article_id for url, article_id in (await conn.execute(query)).all()}


async def _current(conn: AsyncConnection, ids: set[int], column: str) -> dict[int, Any]:
    found: dict[int, Any] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), KEY_CHUNK):
        chunk = ordered[start : start + KEY_CHUNK]
        query = select(ARTICLES.c.id, ARTICLES.c[column]).where(ARTICLES.c.id.in_(chunk))
        found.update({article_id: value for article_id, value in (await conn.execute(query)).all()})
    return found


async def _apply_edits(
    conn: AsyncConnection, known: list[tuple[IncomingEntry, int, list[str]]], now: datetime
) -> set[int]:
    """A title edit or an edited post updates the article and queues it for detection again."""
    if not known:
        return set()
    titles = await _current(conn, {owner for _, owner, _ in known}, "title")
    texts = await _current(conn, {o for e, o, _ in known if not e.fetch_page and e.content}, "text")
    edits: dict[int, dict[str, Any]] = {}
    for entry, owner, _ in known:
        if owner not in titles:
            continue  # merged away meanwhile
        title = clean_text(entry.title)[:1000]
        if entry.title and title != titles[owner]:
            titles[owner] = title
            edits.setdefault(owner, {})["title"] = title
        if owner in texts and clean_text(entry.content) != texts[owner]:
            texts[owner] = clean_text(entry.content)
            edits.setdefault(owner, {})["text"] = texts[owner]
    if edits:
        params = [{"aid": a, "t": titles[a], "x": texts.get(a)} for a in sorted(edits)]
        await conn.execute(
            update(ARTICLES)
            .where(ARTICLES.c.id == bindparam("aid"))
            .values(
                title=bindparam("t"),
                text=func.coalesce(bindparam("x", type_=ARTICLES.c.text.type), ARTICLES.c.text),
                updated_at=now,
                state="pending",
                lease_until=None,
            ),
            params,
        )
    key_rows = [{"key": k, "article_id": o} for k, o in sorted((k, o) for _, o, unowned in known for k in unowned)]
    if key_rows:
        await conn.execute(_insert_ignoring(conn, KEYS, "key"), key_rows)
    return set(edits)
