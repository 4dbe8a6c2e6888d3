"""Build the lemma tables detection uses for the topic's `lemma_languages` (pl, ro, hu, the language files').

Detection lemmatises tokens only to match the topic lexicon, so it needs just the (form → lemma) pairs
that can change a match: those whose lemma, or whose form itself, matches a single-token position of
one of the language's patterns or a mask (phrases match sequences of lemmas, so every position counts).
This script loads simplemma's whole dictionary once per language (hundreds of MB in memory, which is
why the service no longer does) and writes service/core/topics/lemmas/<language>.json.gz.

Re-run it after editing a lemma language's patterns (a test checks the tables' pattern fingerprint):
    pip install -e '.[lemmas]' && python scripts/build_lemma_tables.py
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path
from typing import cast

from service.core.detection.lemma_tables import TABLE_DIR, patterns_fingerprint, positions
from service.core.topics import Lexicon, load_topic, normalize, tokenize


def _position_lexicon(position_patterns: list[str]) -> Lexicon:
    return Lexicon({"position": position_patterns}, {})


def build(language: str, topic_name: str) -> dict[str, object]:
    import simplemma
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

    topic = load_topic(topic_name)
    source = topic.lemma_sources.get(language, language)  # simplemma's code: "hbs" for the "sh" section
    lexicon = _position_lexicon(positions(topic, language))
    forms = {normalize(key) for key in DEFAULT_DICTIONARY_FACTORY.get_dictionary(source)}
    by_lemma: dict[str, list[str]] = {}
    for form in sorted(forms):
        if tokenize(form) != [form]:
            continue  # never one token of a text: "de facto", "1-szer"
        lemma = normalize(str(simplemma.lemmatize(form, lang=source)))
        if lemma != form and (lexicon.match([lemma]) or lexicon.match([form])):
            by_lemma.setdefault(lemma, []).append(form)
    return {
        "language": language,
        "topic": topic_name,
        "simplemma": simplemma.__version__,
        "patterns_sha256": patterns_fingerprint(topic, language),
        "lemmas": by_lemma,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", default="exchanges")
    parser.add_argument("--out", type=Path, default=Path(str(TABLE_DIR)))
    parser.add_argument("languages", nargs="*", help="only these (default: every lemma language)")
    args = parser.parse_args()
    for language in args.languages or sorted(load_topic(args.topic).lemma_languages):
        table = build(language, args.topic)
        path = args.out / f"{language}.json.gz"
        data = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        path.write_bytes(gzip.compress(data, mtime=0))
        lemmas = cast("dict[str, list[str]]", table["lemmas"])
        count = sum(len(v) for v in lemmas.values())
        print(f"{language}: {count} forms of {len(lemmas)} lemmas, {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
