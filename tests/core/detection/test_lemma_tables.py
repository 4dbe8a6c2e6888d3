"""The shipped lemma tables: inflected forms of lexicon words map to their lemmas, others stay as they are."""

from __future__ import annotations

import pytest

from service.core.detection.lemma_tables import lemma, load_table, patterns_fingerprint
from service.core.detection.sentences import analyse
from service.core.domain import Document
from service.core.topics import load_topic


@pytest.mark.parametrize(
    ("language", "form", "expected"),
    [
        ("pl", "jeńców", "jeniec"),
        ("pl", "wymianie", "wymiana"),
        ("ro", "prizonierilor", "prizonier"),
        ("ro", "schimbului", "schimb"),
        ("hu", "foglyokat", "fogoly"),
        ("hu", "cserében", "csere"),
    ],
)
def test_inflected_lexicon_words_get_their_lemma(language: str, form: str, expected: str) -> None:
    assert lemma(form, language) == expected


@pytest.mark.parametrize(("language", "word"), [("pl", "samochodami"), ("ro", "mașinile"), ("hu", "autókat")])
def test_a_word_outside_the_lexicon_comes_back_unchanged(language: str, word: str) -> None:
    assert lemma(word, language) == word


def test_a_language_without_a_table_keeps_its_tokens() -> None:
    assert lemma("prisoners", "en") == "prisoners"


@pytest.mark.parametrize("language", sorted(load_topic().lemma_languages))
def test_tables_were_built_for_the_current_patterns(language: str) -> None:
    """Editing a lemma language's patterns or the masks needs `python scripts/build_lemma_tables.py`."""
    assert load_table(language)["patterns_sha256"] == patterns_fingerprint(load_topic(), language)


def test_a_polish_sentence_matches_the_lexicon_through_lemmas() -> None:
    topic = load_topic()
    assert not topic.lexicon_for("pl").match(["ciałami"])  # the inflected form alone matches nothing
    sentence = analyse(Document("Ukraina odebrała worki z ciałami żołnierzy", "", "pl", None), topic)[0]
    index = sentence.tokens.index("ciałami")
    assert any(span[0] == index for spans in sentence.hits.values() for span in spans)
