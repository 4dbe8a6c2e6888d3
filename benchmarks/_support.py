"""Shared benchmark machinery: generated inputs, local servers in their own processes, scratch databases.

Everything listens on 127.0.0.1 only. Servers run in a separate process (uvicorn + httptools + uvloop) so
the process being measured does not pay for serving its own inputs; every generated input is a pure
function of a seed, so the server process rebuilds the same corpus the benchmark process reasons about.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import multiprocessing
import os
import platform
import random
import socket
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `python benchmarks/x.py` puts only benchmarks/ on the path
    sys.path.insert(0, str(ROOT))

from _texts import LANGUAGES, filler, report  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"

# ---------------------------------------------------------------------------------------------- corpus


@dataclass(frozen=True)
class ArticleSpec:
    id: int
    feed: int
    lang: str
    relevant: bool
    title: str
    published: datetime
    size: int  # target page size in bytes


@dataclass(frozen=True)
class CorpusSpec:
    """`feeds` feeds; `articles` unique articles (each owned by one feed, also listed by others to fill)."""

    seed: int = 7
    feeds: int = 200
    articles: int = 2000
    relevant_share: float = 0.05
    min_items: int = 20
    max_items: int = 150
    published: float = field(default_factory=lambda: time.time())


class Corpus:
    """The deterministic corpus of a CorpusSpec: articles, their pages, and which feed lists which."""

    def __init__(self, spec: CorpusSpec) -> None:
        self.spec = spec
        rng = random.Random(spec.seed)
        base = datetime.fromtimestamp(spec.published, UTC).replace(microsecond=0)
        relevant_ids = set(rng.sample(range(spec.articles), round(spec.articles * spec.relevant_share)))
        self.articles: list[ArticleSpec] = []
        for i in range(spec.articles):
            lang = LANGUAGES[i % len(LANGUAGES)] if i in relevant_ids else rng.choice(("en", "en", "de", "uk", "ru"))
            relevant = i in relevant_ids
            title = report(lang, 40 + i % 300, i)[0] if relevant else filler(lang, random.Random(i))[0]
            published = base - timedelta(minutes=rng.randint(1, 600))
            self.articles.append(
                ArticleSpec(i, i % spec.feeds, lang, relevant, title, published, rng.randint(60_000, 200_000))
            )
        # Each feed lists its own articles, then syndicated ones from other feeds up to a size of
        # 20–150 items (most feeds short, a few long), as aggregators and section feeds do.
        self.listing: list[list[int]] = [[] for _ in range(spec.feeds)]
        for a in self.articles:
            self.listing[a.feed].append(a.id)
        for f in range(spec.feeds):
            size = min(spec.max_items, max(spec.min_items, int(rng.paretovariate(1.6) * spec.min_items)))
            while len(self.listing[f]) < size and len(self.listing[f]) < spec.articles:
                other = rng.randrange(spec.articles)
                if other not in self.listing[f]:
                    self.listing[f].append(other)

    @property
    def relevant_ids(self) -> set[int]:
        return {a.id for a in self.articles if a.relevant}

    def entries(self) -> int:
        return sum(len(items) for items in self.listing)


def article_path(article_id: int) -> str:
    return f"/news/{article_id // 100}/story-{article_id}"


def feed_path(feed: int) -> str:
    return f"/feeds/{feed}.xml"


def feed_format(feed: int) -> str:
    return ("rss2", "rdf", "atom")[feed % 3]


# ------------------------------------------------------------------------------------- page generation

_SECTIONS = [
    "World",
    "Europe",
    "Ukraine",
    "Germany",
    "Business",
    "Science",
    "Culture",
    "Sports",
    "Climate",
    "Tech",
    "Health",
    "Travel",
    "Opinion",
    "Video",
    "Podcasts",
    "Live TV",
    "Learn German",
    "About us",
    "Contact",
]


def _nav(rng: random.Random) -> str:
    items = []
    for s in _SECTIONS:
        sub = "".join(
            f'<li class="nav-sub"><a href="/{s.lower()}/topic-{k}" data-track="nav-{s}-{k}">{s} topic {k}</a></li>'
            for k in range(rng.randint(4, 10))
        )
        items.append(f'<li class="nav-item"><a href="/{s.lower()}">{s}</a><ul class="nav-menu">{sub}</ul></li>')
    return f'<nav class="main-navigation" aria-label="Main"><ul>{"".join(items)}</ul></nav>'


def _teasers(rng: random.Random, lang: str, count: int) -> str:
    out = []
    for k in range(count):
        title, paragraphs = filler(lang, rng, 1)
        out.append(
            f'<article class="teaser teaser--small"><a href="/news/teaser-{rng.randint(1, 10**6)}">'
            f'<img src="/img/{k}.jpg" alt="" loading="lazy" width="320" height="180">'
            f"<h3>{escape(title)}</h3></a><p>{escape(paragraphs[0][:140])}</p>"
            f'<time datetime="2025-06-0{k % 9 + 1}">{k % 9 + 1} June</time></article>'
        )
    return "".join(out)


_BLOB_UNIT = json.dumps(
    {"ad": {"slot": "top", "sizes": [[728, 90], [970, 250]]}, "consent": {"vendors": list(range(40))}}
)
_BLOB = ",".join([_BLOB_UNIT] * 1200)  # ~250 KB, sliced per page: generating pages must stay cheap


def _script_blob(rng: random.Random, size: int) -> str:
    """Inline JSON state like a CMS embeds (tracking config, bundles): bulky, never article text."""
    start = rng.randrange(0, 50)
    return (
        f'<script>window.__STATE__={{"page":{rng.randint(1, 10**9)},"cfg":[{_BLOB[start : start + size]}]}};</script>'
    )


def render_page(article: ArticleSpec) -> bytes:
    """A 60–200 KB news page: navigation, consent banner, scripts, the article, related teasers, footer."""
    rng = random.Random(article.id * 7919 + 1)
    if article.relevant:
        title, paragraphs = report(article.lang, 40 + article.id % 300, article.id)
        paragraphs = paragraphs + filler(article.lang, rng, 3)[1]
    else:
        title, paragraphs = filler(article.lang, random.Random(article.id), rng.randint(5, 12))
    published = article.published.strftime("%Y-%m-%dT%H:%M:%SZ")
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    head = (
        f'<!DOCTYPE html><html lang="{article.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)} | Outlet</title>"
        f'<meta property="og:title" content="{escape(title)}"><meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{published}">'
        '<link rel="stylesheet" href="/static/main.css"></head><body>'
        '<div class="consent-banner">We use cookies to personalise content and ads. <button>Accept</button></div>'
        f"<header>{_nav(rng)}</header><main>"
        f'<article class="article"><h1>{escape(title)}</h1>'
        f'<div class="byline">By Newsroom staff · <time datetime="{published}">{published[:10]}</time></div>'
        f'<div class="article-body">{body}</div></article>'
        f'<aside class="related"><h2>Related topics</h2>{_teasers(rng, article.lang, 24)}</aside></main>'
        f"<footer>{_nav(rng)}<p>© Outlet. All rights reserved.</p></footer>"
    )
    tail = "</body></html>"
    filler_bytes = max(0, article.size - len(head.encode()) - len(tail))
    return (head + _script_blob(rng, filler_bytes) + tail).encode()


# ------------------------------------------------------------------------------------- feed generation


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    published: datetime
    summary: str
    guid: str
    language: str = "en"


def render_feed(fmt: str, items: list[FeedItem], *, title: str = "Outlet") -> bytes:
    if fmt == "rdf":
        return _rdf(items, title)
    if fmt == "atom":
        return _atom(items, title)
    return _rss2(items, title)


def _rss2(items: list[FeedItem], title: str) -> bytes:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f"<channel><title>{escape(title)}</title><link>https://outlet.invalid/</link><description>News"
        "</description><language>en</language>",
    ]
    for i in items:
        out.append(
            f"<item><title>{escape(i.title)}</title><link>{escape(i.link)}</link>"
            f'<guid isPermaLink="false">{escape(i.guid)}</guid><pubDate>{format_datetime(i.published)}</pubDate>'
            f"<description>{escape(i.summary)}</description><category>News</category></item>"
        )
    out.append("</channel></rss>")
    return "\n".join(out).encode()


def _rdf(items: list[FeedItem], title: str) -> bytes:
    seq = "".join(f'<rdf:li rdf:resource="{escape(i.link)}"/>' for i in items)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f'<channel rdf:about="https://outlet.invalid/"><title>{escape(title)}</title>'
        f"<link>https://outlet.invalid/</link><description>News</description><items><rdf:Seq>{seq}</rdf:Seq>"
        "</items></channel>",
    ]
    for i in items:
        out.append(
            f'<item rdf:about="{escape(i.link)}"><title>{escape(i.title)}</title><link>{escape(i.link)}</link>'
            f"<description>{escape(i.summary)}</description>"
            f"<dc:date>{i.published.strftime('%Y-%m-%dT%H:%M:%SZ')}</dc:date>"
            f"<dc:language>{i.language}</dc:language></item>"
        )
    out.append("</rdf:RDF>")
    return "\n".join(out).encode()


def _atom(items: list[FeedItem], title: str) -> bytes:
    entries = "".join(
        f'<entry><title>{escape(i.title)}</title><link rel="alternate" href="{escape(i.link)}"/>'
        f"<id>{escape(i.guid)}</id><updated>{i.published.isoformat()}</updated>"
        f"<published>{i.published.isoformat()}</published><summary>{escape(i.summary)}</summary></entry>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:outlet:{abs(hash(title))}</id>"
        f"<updated>{datetime.now(UTC).isoformat()}</updated>{entries}</feed>"
    ).encode()


def corpus_feed(corpus: Corpus, base: str, feed: int) -> bytes:
    items = [
        FeedItem(
            a.title,
            base + article_path(a.id),
            a.published,
            f"Summary of story {a.id}.",
            f"story-{a.id}",
            a.lang,
        )
        for a in (corpus.articles[i] for i in corpus.listing[feed])
    ]
    return render_feed(feed_format(feed), items, title=f"Outlet {feed}")


def telegram_page(channel: str, posts: list[tuple[int, str, datetime]]) -> bytes:
    """A t.me/s/<channel> preview page in Telegram's markup, posts oldest first."""
    blocks = []
    for number, text, when in posts:
        blocks.append(
            '<div class="tgme_widget_message_wrap js-widget_message_wrap">'
            f'<div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="{channel}/{number}"'
            ' data-view="x"><div class="tgme_widget_message_user"><a href="#">'
            '<i class="tgme_widget_message_user_photo">'
            '</i></a></div><div class="tgme_widget_message_bubble"><div class="tgme_widget_message_author">'
            f'<a class="tgme_widget_message_owner_name" href="https://t.me/{channel}"><span>{channel}</span></a></div>'
            f'<div class="tgme_widget_message_text js-message_text" dir="auto">{escape(text)}</div>'
            '<div class="tgme_widget_message_footer compact js-message_footer">'
            '<div class="tgme_widget_message_info short js-message_info"><span class="tgme_widget_message_views">'
            f'12.3K</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" '
            f'href="https://t.me/{channel}/{number}"><time datetime="{when.isoformat()}" class="time">'
            f"{when:%H:%M}</time></a></span></div></div></div></div></div>"
        )
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{channel} – Telegram</title></head><body>'
        '<div class="tgme_channel_info"><div class="tgme_channel_info_header">'
        f'<div class="tgme_channel_info_header_title"><span dir="auto">{channel}</span></div></div></div>'
        '<section class="tgme_channel_history js-message_history">' + "".join(blocks) + "</section></body></html>"
    ).encode()


# -------------------------------------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve_app(factory: str, kwargs: dict[str, Any], port: int, ready: Any) -> None:
    """Child process: build an ASGI app with `factory(**kwargs)` and serve it on 127.0.0.1:port."""
    import importlib

    import uvicorn

    module, name = factory.rsplit(":", 1)
    app = getattr(importlib.import_module(module), name)(**kwargs)
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        loop="uvloop",
        http="httptools",
        backlog=4096,
        limit_concurrency=None,
        timeout_keep_alive=30,
        lifespan="auto",
    )
    server = uvicorn.Server(config)

    async def run() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started:
            await asyncio.sleep(0.02)
        ready.set()
        await task

    asyncio.run(run())


class ServerProcess:
    """An ASGI app served by uvicorn in its own process; `factory` is "module:function" returning the app."""

    def __init__(self, factory: str, **kwargs: Any) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        context = multiprocessing.get_context("spawn")
        self._ready = context.Event()
        self._process = context.Process(target=_serve_app, args=(factory, kwargs, self.port, self._ready), daemon=True)

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def __enter__(self) -> ServerProcess:
        self._process.start()
        if not self._ready.wait(60):
            self._process.kill()
            raise RuntimeError(f"server on port {self.port} did not start")
        return self

    def __exit__(self, *_exc: object) -> None:
        self._process.terminate()
        self._process.join(10)
        if self._process.is_alive():
            self._process.kill()

    def cpu_seconds(self) -> float:
        """User+system CPU of the server process so far (Linux /proc)."""
        return proc_cpu_seconds(self._process.pid)


def proc_cpu_seconds(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---- the site: feeds, pages, a Telegram channel, a webhook receiver ------------------------------------


class Site:
    """The ASGI app of the local "internet": corpus feeds and pages, ETag'd feeds, published items, receiver.

    Routes:
      GET  /feeds/{n}.xml            corpus feed n (or the live feed, see /control/publish); ETag, 304
      GET  /news/..../story-{id}     the article page
      GET  /s/{channel}              Telegram preview of published posts
      GET  /static/{n}.xml           a fixed small feed with a fixed ETag (304 to a matching If-None-Match)
      POST /control/publish          {"feed": n, "lang":..., "n":..., "variant":...} add a report to feed n
      POST /control/post             {"channel":..., "text":...} add a Telegram post
      POST /hooks/{n}                webhook receiver: verifies the Standard Webhooks signature (if a secret
                                     was registered via /control/secret) and records the arrival
      GET  /control/received         what the receiver has recorded
    """

    def __init__(self, corpus: dict[str, Any] | None = None, feed_bytes: int = 8000) -> None:
        self.corpus = Corpus(CorpusSpec(**corpus)) if corpus else None
        self.base = ""
        self.live: dict[int, list[FeedItem]] = {}
        self.versions: dict[int, int] = {}
        self.posts: dict[str, list[tuple[int, str, datetime]]] = {}
        self.secrets: dict[str, Any] = {}
        self.received: list[dict[str, Any]] = []
        self.static_feed = _rss2(
            [
                FeedItem(
                    f"Static item {k}",
                    f"https://outlet.invalid/a/{k}",
                    datetime(2025, 6, 1, tzinfo=UTC),
                    "x" * 120,
                    f"s{k}",
                )
                for k in range(max(1, feed_bytes // 400))
            ],
            "Static",
        )
        self.pages: dict[str, bytes] = {}
        self.live_pages: dict[str, bytes] = {}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await answer_lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        if not self.base:
            host, port = scope["server"]
            self.base = f"http://{host}:{port}"
        body = b""
        if scope["method"] == "POST":
            more = True
            while more:
                message = await receive()
                body += message.get("body", b"")
                more = message.get("more_body", False)
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        status, content_type, payload, extra = self.route(scope["method"], scope["path"], headers, body)
        response_headers = [(b"content-type", content_type.encode())] + [
            (k.encode(), v.encode()) for k, v in extra.items()
        ]
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": payload})

    def route(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, str, bytes, dict[str, str]]:
        xml = "application/xml; charset=utf-8"
        if path.startswith("/static/"):
            etag = '"static-v1"'
            if headers.get("if-none-match") == etag:
                return 304, xml, b"", {"etag": etag}
            return 200, xml, self.static_feed, {"etag": etag}
        if path.startswith("/feeds/"):
            feed = int(path.removeprefix("/feeds/").removesuffix(".xml"))
            etag = f'"v{self.versions.get(feed, 0)}"'
            if headers.get("if-none-match") == etag:
                return 304, xml, b"", {"etag": etag}
            if feed in self.live or self.corpus is None:
                data = render_feed(feed_format(feed), self.live.get(feed, []), title=f"Live {feed}")
            else:
                data = corpus_feed(self.corpus, self.base, feed)
            return 200, xml, data, {"etag": etag}
        if path.startswith("/news/"):
            html = "text/html; charset=utf-8"
            if path in self.live_pages:
                return 200, html, self.live_pages[path], {}
            if self.corpus is not None:
                article_id = int(path.rsplit("-", 1)[1])
                return 200, html, render_page(self.corpus.articles[article_id]), {}
        if path.startswith("/s/"):
            channel = path.removeprefix("/s/").strip("/")
            return 200, "text/html; charset=utf-8", telegram_page(channel, self.posts.get(channel, [])[-20:]), {}
        if path == "/control/publish":
            return self._publish(json.loads(body))
        if path == "/control/post":
            spec = json.loads(body)
            posts = self.posts.setdefault(spec["channel"], [])
            posts.append((1000 + len(posts), spec["text"], datetime.now(UTC)))
            return 200, "application/json", b'{"ok": true}', {}
        if path == "/control/secret":
            from standardwebhooks import Webhook

            spec = json.loads(body)
            self.secrets[spec["path"]] = Webhook(spec["secret"])
            return 200, "application/json", b'{"ok": true}', {}
        if path == "/control/received":
            return 200, "application/json", json.dumps(self.received).encode(), {}
        if path.startswith("/hooks/") and method == "POST":
            return self._hook(path, headers, body)
        return 404, "text/plain", b"not found", {}

    def _publish(self, spec: dict[str, Any]) -> tuple[int, str, bytes, dict[str, str]]:
        feed = int(spec["feed"])
        items = self.live.setdefault(feed, [])
        number = len(self.live_pages) + 1
        lang = spec.get("lang", "en")
        title, paragraphs = report(lang, int(spec["n"]), int(spec.get("variant", 0)))
        now = datetime.now(UTC).replace(microsecond=0)
        path = f"/news/live/{feed}/story-{number}"
        article = ArticleSpec(number, feed, lang, True, title, now, 80_000)
        self.live_pages[path] = render_page_text(article, title, paragraphs)
        items.insert(0, FeedItem(title, self.base + path, now, paragraphs[0][:200], f"live-{number}", lang))
        del items[50:]
        self.versions[feed] = self.versions.get(feed, 0) + 1
        return 200, "application/json", json.dumps({"path": path, "at": time.time()}).encode(), {}

    def _hook(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, str, bytes, dict[str, str]]:
        at = time.time()
        verifier = self.secrets.get(path) or self.secrets.get("*")
        verified = False
        if verifier is not None:
            try:
                verifier.verify(body, headers)
                verified = True
            except Exception:
                verified = False
        try:
            payload = json.loads(body)
        except ValueError:
            payload = {}
        self.received.append(
            {
                "path": path,
                "at": at,
                "id": headers.get("webhook-id"),
                "verified": verified,
                "type": payload.get("type"),
                "data": _alert_of(payload),
            }
        )
        return 200, "application/json", b"{}", {}


def _alert_of(payload: dict[str, Any]) -> dict[str, Any]:
    data = payload.get("data") if isinstance(payload.get("data"), dict) else payload
    keep = ("id", "cursor", "created_at", "facts", "event_id", "type")
    return {k: data.get(k) for k in keep if isinstance(data, dict) and k in data}


def render_page_text(article: ArticleSpec, title: str, paragraphs: list[str]) -> bytes:
    """A page like render_page but with the given text (live items)."""
    page = render_page(
        ArticleSpec(article.id, article.feed, article.lang, False, title, article.published, article.size)
    )
    start = page.index(b'<div class="article-body">') + len(b'<div class="article-body">')
    end = page.index(b"</div></article>")
    h1_start = page.index(b"<h1>") + 4
    h1_end = page.index(b"</h1>")
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs).encode()
    page = page[:start] + body + page[end:]
    return page[:h1_start] + escape(title).encode() + page[h1_end:]


def make_site(**kwargs: Any) -> Site:
    return Site(**kwargs)


async def answer_lifespan(receive: Any, send: Any) -> None:
    """Acknowledge an ASGI server's lifespan start-up and shutdown (for the bare ASGI apps here)."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def site_server(**kwargs: Any) -> ServerProcess:
    return ServerProcess("_support:make_site", **kwargs)


# ------------------------------------------------------------------------------------------ databases


@contextlib.contextmanager
def scratch_database(kind: str, name: str) -> Iterator[str]:
    """A fresh database URL: a SQLite file under /tmp, or `ew_bench_<name>` on the local PostgreSQL."""
    if kind == "sqlite":
        path = Path(f"/tmp/ew_bench_{name}_{os.getpid()}.db")
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        try:
            yield f"sqlite+aiosqlite:///{path}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        return
    import psycopg

    db = f"ew_bench_{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{db}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')


def migrate(url: str) -> None:
    from service import migrate as service_migrate

    service_migrate.upgrade(url)


def bench_settings(url: str, **overrides: Any) -> Any:
    """Settings for a benchmark: local addresses allowed, short intervals, no .env file read."""
    from service.settings import Settings

    values: dict[str, Any] = {
        "database_url": url,
        "migrate_on_start": False,
        "webhook_allow_private": True,
        "webhook_allow_http": True,
        "fetch_allow_private": True,
        "poll_interval_seconds": 2.0,
        "poll_jitter": 0.0,
        "scheduler_tick_seconds": 0.2,
        "delivery_tick_seconds": 0.2,
        "rate_limit_per_minute": 10**9,
        "log_level": "WARNING",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


async def add_feeds(db: Any, urls: list[str], *, kind: str = "rss", etag: str | None = None) -> list[int]:
    """Insert feeds in bulk (due now)."""
    from sqlalchemy import insert

    from service.models import Feed, utcnow

    now = utcnow()
    rows = [
        {
            "url": u,
            "kind": kind,
            "enabled": True,
            "official": False,
            "error_count": 0,
            "redirect_count": 0,
            "articles_seen": 0,
            "next_check_at": now,
            "created_at": now,
            "updated_at": now,
            "etag": etag,
        }
        for u in urls
    ]
    async with db.session() as session:
        for start in range(0, len(rows), 2000):
            await session.execute(insert(Feed), rows[start : start + 2000])
    async with db.reader() as session:
        from sqlalchemy import select

        return list((await session.execute(select(Feed.id).order_by(Feed.id))).scalars().all())


def quiet_logs() -> None:
    import logging
    import warnings

    warnings.filterwarnings("ignore", message=".*session.exec.*")
    warnings.filterwarnings("ignore", category=DeprecationWarning)

    logging.basicConfig(level=logging.WARNING)
    for name in ("service", "scrapers", "apscheduler", "httpx", "uvicorn", "trafilatura", "htmldate", "courlan"):
        logging.getLogger(name).setLevel(logging.ERROR)


# -------------------------------------------------------------------------------------------- results


def machine() -> dict[str, Any]:
    model = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    from service.settings import cpu_count

    return {
        "cores": cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "os": platform.platform(),
        # The machine may be shared: a load above the core count means the figures are pessimistic.
        "load_average_1m": os.getloadavg()[0],
    }


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": pct(values, 50),
        "p95": pct(values, 95),
        "p99": pct(values, 99),
        "max": max(values) if values else float("nan"),
        "mean": statistics.fmean(values) if values else float("nan"),
    }


def write_results(name: str, db: str, rows: list[dict[str, Any]], extra: dict[str, Any] | None = None) -> Path:
    """benchmarks/results/<name>[-<db>].json and a printed table."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / (f"{name}.json" if db == "sqlite" else f"{name}-{db}.json")
    document = {
        "benchmark": name,
        "db": db,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "rows": rows,
        **(extra or {}),
    }
    path.write_text(json.dumps(document, indent=2, default=str))
    print_table(name, db, rows)
    print(f"results: {path.relative_to(ROOT)}")
    return path


def print_table(name: str, db: str, rows: list[dict[str, Any]]) -> None:
    columns = ["metric", "exchangewatch", "baseline", "ratio", "goal", "met"]
    cells = [[_fmt(r.get(c)) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    print(f"\n{name} ({db})")
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 100 else f"{value:,.0f}"
    return str(value)


def row(metric: str, ours: float, baseline: float | None, goal: str, met: bool | None, **extra: Any) -> dict[str, Any]:
    ratio = ours / baseline if baseline else None
    return {
        "metric": metric,
        "exchangewatch": ours,
        "baseline": baseline,
        "ratio": ratio,
        "goal": goal,
        "met": met,
        **extra,
    }


def cli(description: str, *, postgres: bool = False) -> Any:
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="a smaller run (seconds, for a smoke test)")
    choices = ["sqlite", "postgresql"] if postgres else ["sqlite"]
    parser.add_argument("--db", choices=choices, default="sqlite")
    return parser


def new_id() -> str:
    return uuid.uuid4().hex[:8]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def asdict_list(items: list[Any]) -> list[dict[str, Any]]:
    return [asdict(i) for i in items]


Timer = Callable[[], float]
