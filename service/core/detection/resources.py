"""What detection loads on first use and holds: lingua's language models, pymorphy3's Russian/Ukrainian
dictionaries and the lemma tables (~80 MB when every language has been seen).

Each loads in well under a second of CPU, so a long-running service need not hold them while nothing
arrives: `release()` lets them go and the next article of a language loads its own again. `loaded()` tells
whether there is anything to let go.
"""

from __future__ import annotations

from service.core import topics
from service.core.detection import language, lemma_tables, morphology


def loaded() -> bool:
    """Does detection hold any of its lazily loaded models or dictionaries?"""
    return bool(
        language._detector.cache_info().currsize or morphology._analyzer.cache_info().currsize or lemma_tables._LOADED
    )


def release() -> None:
    """Drop the models, dictionaries, parse and token caches (the next use loads what it needs again)."""
    if language._detector.cache_info().currsize:
        # lingua keeps its models in a process-wide cache that outlives the detector object.
        language._detector().unload_language_models()
        language._detector.cache_clear()
    morphology.parses.cache_clear()
    morphology._analyzer.cache_clear()
    lemma_tables._LOADED.clear()
    lemma_tables._forms.cache_clear()
    if topics.load_topic.cache_info().currsize:
        topics.load_topic().forget()  # its token caches and per-language lexicons; the topic itself stays
