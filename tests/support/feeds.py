"""Generate realistic feeds and article pages for tests: RSS 2.0, RSS 1.0/RDF in DW's shape, Atom, news pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape


@dataclass
class Item:
    title: str
    link: str
    published: datetime
    summary: str = ""
    guid: str | None = None
    content_id: str | None = None
    language: str = "en"
    categories: list[str] = field(default_factory=list)


def rss2(
    items: list[Item],
    *,
    title: str = "Test outlet",
    link: str = "https://outlet.example/",
    ttl: int | None = None,
) -> bytes:
    """RSS 2.0 the way Pangea/Ghost-style CMSs write it."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        f"<channel><title>{escape(title)}</title><link>{escape(link)}</link>",
        "<description>News</description><language>en</language>",
        f"<lastBuildDate>{format_datetime(datetime.now(UTC))}</lastBuildDate>",
    ]
    if ttl is not None:
        parts.append(f"<ttl>{ttl}</ttl>")
    for item in items:
        guid = item.guid or item.link
        cats = "".join(f"<category>{escape(c)}</category>" for c in item.categories)
        parts.append(
            f"<item><title>{escape(item.title)}</title><link>{escape(item.link)}</link>"
            f'<guid isPermaLink="{str(guid == item.link).lower()}">{escape(guid)}</guid>'
            f"<pubDate>{format_datetime(item.published)}</pubDate>{cats}"
            f"<description>{escape(item.summary)}</description>"
            "<author>newsroom@outlet.example (Newsroom)</author></item>"
        )
    parts.append("</channel></rss>")
    return "\n".join(parts).encode()


def dw_rdf(items: list[Item], *, language: str = "en") -> bytes:
    """RSS 1.0/RDF as Deutsche Welle publishes it: dc:date (no pubDate), dwsyn:contentID, ?maca= links."""
    about = "".join(f'<rdf:li rdf:resource="{escape(i.link)}"/>' for i in items)
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"'
        ' xmlns:dwsyn="http://rss.dw.com/syndication/dwsyn/">',
        '<channel rdf:about="https://www.dw.com/">',
        f"<title>DW | {language}</title><link>https://www.dw.com/</link><description>DW</description>",
        f"<dc:language>{language}</dc:language><sy:updatePeriod>hourly</sy:updatePeriod>",
        f"<items><rdf:Seq>{about}</rdf:Seq></items></channel>",
    ]
    for item in items:
        cid = f"<dwsyn:contentID>{item.content_id}</dwsyn:contentID>" if item.content_id else ""
        parts.append(
            f'<item rdf:about="{escape(item.link)}"><title>{escape(item.title)}</title>'
            f"<link>{escape(item.link)}</link><description>{escape(item.summary)}</description>"
            f"<dc:date>{item.published.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}</dc:date>"
            f"<dc:language>{item.language}</dc:language><dc:subject>Ukraine</dc:subject>{cid}</item>"
        )
    parts.append("</rdf:RDF>")
    return "\n".join(parts).encode()


def atom(items: list[Item], *, title: str = "Atom outlet") -> bytes:
    entries = "".join(
        f'<entry><title type="html">{escape(i.title)}</title><link rel="alternate" href="{escape(i.link)}"/>'
        f"<id>{escape(i.guid or i.link)}</id><updated>{i.published.isoformat()}</updated>"
        f"<published>{i.published.isoformat()}</published><summary>{escape(i.summary)}</summary></entry>"
        for i in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test:atom</id><updated>{datetime.now(UTC).isoformat()}</updated>"
        f"{entries}</feed>"
    ).encode()


_NAV = "".join(f'<li><a href="/section/{n}">Section {n}</a></li>' for n in range(40))
_TEASERS = "".join(
    f'<article class="teaser"><a href="/news/other-{n}"><h3>Unrelated teaser headline number {n}</h3></a>'
    f"<p>Short teaser text about weather, sport and markets {n}.</p></article>"
    for n in range(30)
)


def article_page(
    title: str,
    paragraphs: list[str],
    *,
    lang: str = "en",
    published: str = "2025-06-10T09:00:00Z",
    site: str = "Outlet",
) -> bytes:
    """A news page in a modern CMS's structure: nav, header, article body, related teasers, footer."""
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    html = f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{escape(title)} | {site}</title>
<meta property="og:title" content="{escape(title)}"><meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
<script>window.dataLayer=[{{"page":"article"}}];</script></head>
<body><header><nav class="main-nav"><ul>{_NAV}</ul></nav><div class="cookie">We use cookies.</div></header>
<main><article><h1>{escape(title)}</h1><div class="byline">By Staff reporter · {published[:10]}</div>
<div class="article-body">{body}</div></article>
<aside class="related"><h2>Related</h2>{_TEASERS}</aside></main>
<footer><p>© {site}. All rights reserved.</p><ul>{_NAV}</ul></footer></body></html>"""
    return html.encode()
