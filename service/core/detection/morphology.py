"""Morphology: lemmas for inflected languages (tables built from simplemma), and for Russian and Ukrainian, from
pymorphy3's dictionaries, case (the recipient) and tense (the status).

«России передано 84 военнопленных» (dative: Russia receives), «повернули в Україну» (в + accusative: the
destination), «до Росії» (до + genitive). A dative-looking party right after a noun is a genitive
attribute («Міноборони Росії повідомило»), and after в/у/на a locative is a place («в Україні»), not a
recipient. A past-tense or perfective-participle predicate is a completion («повернули», «передано»); a
future one is a plan («повернуть», «передадуть»). Parses are cached: tokens follow Zipf's law.
"""

from __future__ import annotations

import mmap
import struct
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

# Lemmas for the topic's lemma languages (pl, ro, hu) come from small tables built from simplemma.
from service.core.detection.lemma_tables import lemma as lemma

if TYPE_CHECKING:
    from pymorphy3 import MorphAnalyzer

MORPHOLOGY_LANGUAGES = frozenset({"ru", "uk"})
_PARTY_LEMMAS = {
    "україна": "ua", "київ": "ua", "украина": "ua", "киев": "ua",
    "росія": "ru", "москва": "ru", "россия": "ru", "рф": "ru",
}  # fmt: skip
_TO_ACCUSATIVE = frozenset({"в", "у", "на"})  # + accusative: the destination
_TO_GENITIVE = frozenset({"до"})  # uk до + genitive
_TO_DATIVE = frozenset({"к"})  # ru к + dative
_PREPOSITIONS = frozenset(
    {"в", "у", "на", "до", "к", "з", "із", "зі", "від", "из", "от", "с", "со", "о", "об", "по", "при"}
)


@cache
def _analyzer(language: str) -> MorphAnalyzer:
    import pymorphy3

    map_dictionaries()
    return pymorphy3.MorphAnalyzer(lang=language)


def _mapped(fp: BinaryIO, fmt: Literal["I", "B"], per_unit: int) -> memoryview | None:
    """The units dawg_python would read from `fp` (a size, then that many units), as a read-only view
    of the file mapped into memory; None when `fp` is not a file that can be mapped."""
    try:
        fileno = fp.fileno()
    except (AttributeError, OSError):  # an in-memory stream
        return None
    start = fp.tell() + 4
    (count,) = struct.unpack("=I", fp.read(4))
    length = count * per_unit * struct.calcsize(fmt)
    whole = mmap.mmap(fileno, 0, access=mmap.ACCESS_READ)  # unmapped when the view is collected
    units = memoryview(whole)[start : start + length].cast(fmt)
    fp.seek(start + length)
    return units


def map_dictionaries() -> None:
    """Have dawg_python map pymorphy3's DAWG files (words, prediction suffixes: ~15 MB per language)
    instead of copying them into arrays.

    A mapped page costs memory only once a look-up touches it, it is shared by every process that maps
    the file (the extraction pool's processes), and the kernel can drop it under pressure: the peak of
    the 2,000-article `poll --once` (issue 16) went from 220 to 196 MB. Look-ups index the units exactly
    as they indexed the arrays, so every parse is the same. Skipped (the arrays stay) if dawg_python's
    reader changes.
    """
    from dawg_python import wrapper

    formats: tuple[tuple[Any, Literal["I", "B"], int], ...] = ((wrapper.Dictionary, "I", 1), (wrapper.Guide, "B", 2))
    for cls, fmt, per_unit in formats:
        read = cls.__dict__.get("read")
        if read is None or hasattr(read, "copying") or not hasattr(cls(), "_units"):
            continue

        def mapped_read(
            self: Any, fp: BinaryIO, _read: Any = read, _fmt: Literal["I", "B"] = fmt, _per: int = per_unit
        ) -> None:
            units = _mapped(fp, _fmt, _per)
            if units is None:
                _read(self, fp)
            else:
                self._units = units

        mapped_read.copying = read  # type: ignore[attr-defined]  # dawg_python's own reader
        cls.read = mapped_read


@lru_cache(maxsize=200_000)
def parses(token: str, language: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(lemma, grammemes) of every parse of a token."""
    return tuple((p.normal_form, frozenset(p.tag.grammemes)) for p in _analyzer(language).parse(token))


def _party(token: str, language: str) -> tuple[str | None, frozenset[str]]:
    side: str | None = None
    cases: set[str] = set()
    for normal, grammemes in parses(token, language):
        if normal in _PARTY_LEMMAS:
            side = _PARTY_LEMMAS[normal]
            cases |= grammemes & {"nomn", "gent", "datv", "accs", "ablt", "loct"}
    return side, frozenset(cases)


def party_name(token: str, language: str) -> bool:
    """The token is a form of «Україна», «Киев», «Россия»…: its case, not a word list, says its role."""
    return _party(token, language)[0] is not None


def _is_noun(token: str, language: str) -> bool:
    return any("NOUN" in g for _, g in parses(token, language)[:1])


def support_future(verb: str, noun: str, language: str) -> bool:
    """A finite verb in the future before a singular act noun: «проведут обмен», «здійснять обмін» (not an
    infinitive under a request, «просят провести обмен», nor exchanges in general, «продовжить обміни»)."""
    singular = any("NOUN" in g and "sing" in g for _, g in parses(noun, language)[:1])
    return singular and any("VERB" in g and "futr" in g for _, g in parses(verb, language)[:1])


def _governs_dative(token: str, language: str) -> bool:
    """An adjective or participle before a dative governs it: «подконтрольных Киеву территорий»."""
    return any("ADJF" in g or "PRTF" in g for _, g in parses(token, language)[:1])


def dative_noun(token: str, language: str) -> bool:
    """The token is read first as a noun in the dative: «посольству», «стороні» (a recipient)."""
    return any("NOUN" in g and "datv" in g for _, g in parses(token, language)[:1])


def nominative(token: str, language: str) -> bool:
    """The token can be a subject: some parse of it is in the nominative («Россия», «РФ»; not «Украине»)."""
    return any("nomn" in g for _, g in parses(token, language))


def recipient(tokens: list[str], lo: int, hi: int, language: str, dates: frozenset[int] = frozenset()) -> str | None:
    """The side a clause names as destination or dative recipient, if exactly one. A word of a date
    (`dates`: token indices) before a party is no noun it is the attribute of («во вторник России передали»)."""
    found: set[str] = set()
    for i in range(lo, hi):
        side, cases = _party(tokens[i], language)
        if side is None:
            continue
        prev = tokens[i - 1] if i > lo and i - 1 not in dates else ""
        if (
            (prev in _TO_ACCUSATIVE and "accs" in cases)
            or (prev in _TO_GENITIVE and "gent" in cases)
            or (prev in _TO_DATIVE and "datv" in cases)
            or (
                "datv" in cases
                and prev not in _PREPOSITIONS
                and not (prev and (_is_noun(prev, language) or _governs_dative(prev, language)))
            )
        ):
            found.add(side)
    return found.pop() if len(found) == 1 else None


def tense(token: str, language: str) -> str | None:
    """ "done" for a past verb or past participle, "plan" for a future verb or a perfective infinitive, else
    None."""
    best = parses(token, language)[:1]
    for _, grammemes in best:
        if ("VERB" in grammemes or "PRTS" in grammemes or "PRTF" in grammemes) and "past" in grammemes:
            return "done"
        if "VERB" in grammemes and "perf" in grammemes and "Impe" in grammemes:
            return "done"  # uk impersonal «передано», «повернуто»
        if "VERB" in grammemes and "futr" in grammemes:
            return "plan"
        if ("INFN" in grammemes or "infn" in grammemes) and "perf" in grammemes:  # ru POS, uk tag
            return "plan"  # «має повернути», «должны обменять»: one act to come (imperfective: a norm or habit)
    return None
