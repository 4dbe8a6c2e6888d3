"""Page policy inputs: the prefilter's recall on item text alone, and the CPU a skipped page saves.

Recall: every labelled article of a corpus (JSON lines: title, text, label) is reduced to its title and
first paragraph — what a feed summary usually holds — and the prefilter is asked about it; positives
kept vs all positives. The same on the full text shows detection's own ceiling.
CPU, one core, on the generated 60–200 KB benchmark pages: the prefilter on raw HTML (the old way), on
the visible text (the new way, stripping included), and trafilatura as the service runs it (fast path
and thorough), which is what the `candidates` policy saves on each page it rules out.

Run: python benchmarks/prefilter_recall.py [CORPUS.jsonl] [--quick]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import _support as sup

DEFAULT_CORPUS = Path("/work/shared/corpus/dev.jsonl")


def recall(path: Path) -> dict[str, float]:
    from service.flows.pages import candidate, item_text

    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    positives = [r for r in rows if not str(r["label"]).startswith("negative")]
    negatives = [r for r in rows if str(r["label"]).startswith("negative")]

    def first_paragraph(r: dict[str, str]) -> str:
        return next((p for p in r["text"].splitlines() if p.strip()), "")

    def kept(group: list[dict[str, str]], full: bool) -> int:
        return sum(candidate(item_text(r["title"], r["text"] if full else first_paragraph(r))) for r in group)

    return {
        "positives": len(positives),
        "kept_title_first_paragraph": kept(positives, False),
        "kept_full_text": kept(positives, True),
        "negatives": len(negatives),
        "negatives_kept_title_first_paragraph": kept(negatives, False),
    }


def per_page_cpu(count: int) -> dict[str, float]:
    from scrapers.extract import extract_article
    from scrapers.text import decode_body
    from scrapers.visible import visible_text
    from service.core.detection.detect import prefilter
    from service.flows.pages import candidate

    corpus = sup.Corpus(sup.CorpusSpec(articles=count, feeds=10))
    pages = [sup.render_page(a) for a in corpus.articles]

    def cpu_ms(work) -> float:  # type: ignore[no-untyped-def]
        started = time.process_time()
        for page in pages:
            work(page)
        return (time.process_time() - started) / len(pages) * 1000

    def decoded(page: bytes) -> str:
        return decode_body(page, "text/html; charset=utf-8")[0]

    return {
        "pages": len(pages),
        "mean_page_kb": sum(map(len, pages)) / len(pages) / 1000,
        "prefilter_raw_html_ms": cpu_ms(lambda p: prefilter(decoded(p))),
        "prefilter_visible_text_ms": cpu_ms(lambda p: candidate(visible_text(decoded(p)))),
        "extract_fast_ms": cpu_ms(lambda p: extract_article(p, url="http://x/", thorough=lambda _t: False)),
        "extract_thorough_ms": cpu_ms(lambda p: extract_article(p, url="http://x/", thorough=lambda _t: True)),
    }


def main() -> None:
    parser = sup.cli(__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    sup.quiet_logs()
    rows = []
    extra: dict[str, object] = {}
    if args.corpus.exists():
        r = recall(args.corpus)
        extra["recall"] = r
        share = r["kept_title_first_paragraph"] / r["positives"]
        ceiling = r["kept_full_text"] / r["positives"]
        rows.append(sup.row("recall, title + 1st paragraph", share, ceiling, "≈ full text for `none`", None))
    else:
        print(f"no corpus at {args.corpus}: recall skipped", file=sys.stderr)
    c = per_page_cpu(40 if args.quick else 200)
    extra["cpu"] = c
    rows.append(
        sup.row(
            "prefilter ms/page, visible text",
            c["prefilter_visible_text_ms"],
            c["prefilter_raw_html_ms"],
            "< raw HTML",
            c["prefilter_visible_text_ms"] < c["prefilter_raw_html_ms"],
        )
    )
    rows.append(
        sup.row(
            "skip saves ms/page (fast extract)",
            c["extract_fast_ms"] - c["prefilter_visible_text_ms"],
            c["extract_fast_ms"],
            "> 0",
            c["extract_fast_ms"] > c["prefilter_visible_text_ms"],
        )
    )
    rows.append(sup.row("thorough extract ms/page", c["extract_thorough_ms"], c["extract_fast_ms"], "–", None))
    sup.write_results("prefilter_recall", "sqlite", rows, extra)


if __name__ == "__main__":
    main()
