"""Lemmas for the topic's `lemma_languages` (Polish, Romanian, Hungarian) from small shipped tables.

Detection lemmatises tokens only to match the topic lexicon, so scripts/build_lemma_tables.py keeps, from
simplemma's dictionaries, just the forms whose lemma (or the form itself) matches a single-token position
of the language's patterns or masks. The whole dictionaries cost 360–600 MB of memory per language; the
tables cost a few hundred kB. A token absent from its table is its own lemma.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from functools import cache
from importlib import resources

from service.core.topics import Topic, parse_pattern

TABLE_DIR = resources.files("service.core.topics").joinpath("lemmas")


def positions(topic: Topic, language: str) -> list[str]:
    """Every single-token position of the language's patterns and of the masks, as 'word' or 'stem*'."""
    found: set[str] = set()
    patterns = [p for ps in topic.by_language.get(language, {}).values() for p in ps]
    patterns += [p for ps in topic.masks.values() for p in ps]
    for pattern in patterns:
        found.update(text + ("*" if is_prefix else "") for text, is_prefix in parse_pattern(pattern))
    return sorted(found)


def patterns_fingerprint(topic: Topic, language: str) -> str:
    """Changes whenever the positions a table was built for change (the table is then stale)."""
    return hashlib.sha256("\n".join(positions(topic, language)).encode()).hexdigest()


def load_table(language: str) -> dict[str, object]:
    """The shipped table document of one language (raises FileNotFoundError when none is shipped)."""
    raw = TABLE_DIR.joinpath(f"{language}.json.gz").read_bytes()
    table: dict[str, object] = json.loads(gzip.decompress(raw))
    return table


@cache
def _forms(language: str) -> dict[str, str]:
    try:
        lemmas = load_table(language)["lemmas"]
    except FileNotFoundError:
        return {}
    assert isinstance(lemmas, dict)
    return {form: lemma for lemma, forms in lemmas.items() for form in forms}


_LOADED: dict[str, dict[str, str]] = {}


def lemma(token: str, language: str) -> str:
    """The lemma of a normalised token, or the token itself when the table has no other (called per
    token: one dict look-up once the table is loaded)."""
    table = _LOADED.get(language)
    if table is None:
        table = _LOADED[language] = _forms(language)
    return table.get(token, token)
