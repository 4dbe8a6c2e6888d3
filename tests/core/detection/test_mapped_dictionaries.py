"""pymorphy3's dictionaries are mapped from their files, not copied, and parse exactly as the copies do."""

from __future__ import annotations

import pymorphy3
import pytest
from dawg_python import wrapper

from service.core.detection import morphology

# Invented sentences: inflected forms, a party name, a past and a future verb, an unknown word.
WORDS = {
    "ru": "России передано 84 военнопленных обменяют пленных вернулись домой минобороны сообщило квазиглокая",
    "uk": "Україна повернула з полону захисників передано повернуть Координаційний штаб повідомив кузявий",
}


def _parses(analyzer: pymorphy3.MorphAnalyzer, words: str) -> list[list[tuple[str, str, float]]]:
    return [[(p.normal_form, str(p.tag), p.score) for p in analyzer.parse(w.lower())] for w in words.split()]


def test_dictionaries_are_memory_mapped_and_parse_like_the_copied_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    morphology._analyzer.cache_clear()
    morphology.parses.cache_clear()
    for language, words in WORDS.items():
        mapped = morphology._analyzer(language)
        assert isinstance(mapped.dictionary.words.dct._units, memoryview)
        with monkeypatch.context() as patch:  # dawg_python's own reader: the units copied into arrays
            for cls in (wrapper.Dictionary, wrapper.Guide):
                patch.setattr(cls, "read", cls.read.copying)
            copied = pymorphy3.MorphAnalyzer(lang=language)
        assert not isinstance(copied.dictionary.words.dct._units, memoryview)
        assert _parses(mapped, words) == _parses(copied, words)
    morphology._analyzer.cache_clear()


def test_mapping_twice_changes_nothing() -> None:
    morphology.map_dictionaries()
    first = wrapper.Dictionary.read
    morphology.map_dictionaries()
    assert wrapper.Dictionary.read is first
