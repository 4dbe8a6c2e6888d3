"""The naive loop, as a process of its own (so its imports count, as exchangewatch's do): httpx GET each
feed → feedparser → httpx GET every new page → trafilatura.extract → detect(); nothing stored.

Run by peers.py: python benchmarks/_naive.py BASE_URL FEEDS
"""

from __future__ import annotations

import sys
import time

import _support as sup  # noqa: F401  # puts the repository on the path


def main(base: str, feeds: int) -> None:
    import feedparser
    import httpx
    import trafilatura

    from service.core.detection.detect import detect
    from service.core.domain import Document

    seen: set[str] = set()
    relevant = 0
    started = time.perf_counter()
    with httpx.Client(timeout=30) as client:
        for feed in range(feeds):
            parsed = feedparser.parse(client.get(f"{base}/feeds/{feed}.xml").content)
            for entry in parsed.entries:
                link = entry.get("link")
                if not link or link in seen:
                    continue
                seen.add(link)
                text = trafilatura.extract(client.get(link).text) or ""
                doc = Document(title=entry.get("title", ""), text=text, language=None, published=None, url=link)
                relevant += detect(doc).relevant
    print(f"naive: {len(seen)} articles, {relevant} relevant, {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
