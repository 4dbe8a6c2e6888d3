"""lingua's model pages are given back after a model loads; classification is the same before and after."""

from __future__ import annotations

import sys

import pytest

from service.core.detection import language, library_pages, resources

# Invented sentences in three scripts' worth of models (Latin, Cyrillic) and a declared-wrong case.
TEXTS = [
    "Die Ukraine und Russland haben am Freitag Gefangene ausgetauscht, teilte das Ministerium mit.",
    "Україна і Росія провели обмін полоненими, повідомило міністерство у п'ятницю.",
    "Le gouvernement a annoncé un échange de prisonniers entre la Russie et l'Ukraine.",
    "Polska i Litwa podpisały w piątek umowę o współpracy przy granicy.",
]


def _classified() -> list[str | None]:
    return [language.classify(text) for text in TEXTS]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc and madvise are Linux's")
def test_dropping_the_pages_changes_no_classification_and_models_load_again_after_it() -> None:
    before = _classified()
    assert library_pages._data_mappings("/lingua/lingua.")  # the library is mapped: there is something to drop
    assert library_pages.drop() > 0
    assert _classified() == before  # the models stayed on the heap
    resources.release()  # models unloaded: the next use reads the library's pages again
    assert _classified() == before
    assert library_pages.drop() > 0
    assert _classified() == before


def test_pages_are_dropped_only_after_files_were_read_in(monkeypatch: pytest.MonkeyPatch) -> None:
    drops: list[int] = []
    shared = [10_000]
    monkeypatch.setattr(library_pages, "_shared_after_drop", 10_000)
    monkeypatch.setattr(library_pages, "_shared_pages", lambda: shared[0])
    monkeypatch.setattr(library_pages, "drop", lambda: drops.append(shared[0]) or 1)
    monkeypatch.setattr(library_pages, "_madvise", lambda: object())
    library_pages.after_classify()
    shared[0] += library_pages._GROWTH_PAGES  # a little code faulted in: not a model load
    library_pages.after_classify()
    assert drops == []
    shared[0] += 2_000  # a model's worth of the library read in
    library_pages.after_classify()
    assert drops == [shared[0]]


def test_without_madvise_nothing_is_read_or_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_pages, "_madvise", lambda: None)

    def unexpected() -> int:
        raise AssertionError("statm read without madvise")

    monkeypatch.setattr(library_pages, "_shared_pages", unexpected)
    library_pages.after_classify()
    assert library_pages.drop() == 0
