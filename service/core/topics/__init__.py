"""Topic data: multilingual lexicons and patterns, loaded from a TOML file per topic and compiled once.

A topic file (see exchanges.toml) holds *concepts* (lists of word/stem/phrase patterns per language),
categories, groups, mediators, ordinals, number words, month, weekday and relative-day names.
`load_topic` returns a frozen `Topic` whose `Lexicon` matches every concept over a token list in one
pass of dictionary look-ups, so detection never compiles anything per call.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from service.core.topics import solar_hijri

# Apostrophes inside Cyrillic words ("п'ять", "Мар’їнка") are spelling, not word breaks.
_CYR = "а-яіїєґ"
_APOSTROPHE_IN_WORD = re.compile(rf"(?<=[{_CYR}])['’ʼ`](?=[{_CYR}])")
_MIXED_SCRIPT = re.compile(rf"[{_CYR}][a-zíօ]|[a-zíօ][{_CYR}]")


def char_ranges(wanted: Callable[[str], bool], start: int = 0) -> str:
    """A regex character class body ("a-zà-ö…") of the BMP characters `wanted` accepts, as ranges: a class
    listing tens of thousands of letters one by one costs megabytes once compiled."""
    parts: list[str] = []
    first: int | None = None
    for code in range(start, 0x10001):
        inside = code < 0x10000 and wanted(chr(code))
        if inside and first is None:
            first = code
        elif not inside and first is not None:
            last = code - 1
            parts.append(re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else ""))
            first = None
    return "".join(parts)


# Combining marks (Devanagari and Bengali vowel signs, Arabic vowel points…) belong to their word: re's \w
# leaves them out, which would cut "বন্দি" into three tokens.
_MARKS = char_ranges(lambda c: unicodedata.category(c) in ("Mn", "Mc", "Me"), 0x300)
_WORD = re.compile(rf"[\w{_MARKS}]+")  # normalize() has turned "_" into a space
# Native digits (Arabic-Indic, Persian, Devanagari, Bengali, full-width) are numbers like ASCII ones.
_NATIVE_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९০১২৩৪৫৬৭৮৯０１２３４５６７８９"
_DIGIT_TABLE = str.maketrans({d: str(i % 10) for i, d in enumerate(_NATIVE_DIGITS)} | {"٬": ",", "٫": "."})
_HAS_NATIVE_DIGIT = re.compile(f"[{_NATIVE_DIGITS}٬٫]")
# Arabic script: vowel points and tatweel dropped, letter variants that spelling mixes folded to one form
# (so Arabic, Persian and Urdu patterns match whichever the writer used).
_ARABIC = re.compile("[\u0600-\u06ff]")
_ARABIC_POINTS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARABIC_TABLE = str.maketrans("أإآٱىيكةؤئ", "ااااییکهوی")
# Scripts written without spaces between words (Chinese, Japanese kana and kanji): every character is a
# token, so a pattern "交换" is the two-token phrase "交 换" and matches inside any run of text.
# A counter or case ending written onto a number in a script without Latin-style suffix rules (Korean,
# Bengali, Hindi, Arabic, Hebrew, Georgian, Armenian, Ethiopic).
_DIGIT_THEN_LETTER = re.compile(
    "(?<=[0-9])(?=[\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0900-\u09ff\u10a0-\u10ff\u1200-\u137f\uac00-\ud7af])"
)
# Greek: accents dropped (headlines in capitals are written without them).
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_GREEK_TABLE = str.maketrans("άέήίόύώϊΐϋΰΆΈΉΊΌΎΏ", "αεηιουωιιυυΑΕΗΙΟΥΩ")
_CJK = re.compile("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Latin and Armenian look-alikes used to obfuscate Cyrillic text (after lower-casing).
_HOMOGLYPHS = str.maketrans("aceiopxykmhbtíօ", "асеіорхукмнвтіо")
# "1,000", "1 000", "6.057", "12\u00a0000": one number token.
_GROUPED_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3})((?:[,.\u00a0\u202f ]\d{3})+)(?![\d])")
_SEPARATORS = re.compile(r"[,.\u00a0\u202f ]")
# "US" in capitals is the country, "us" the pronoun: lower-casing would merge them, so the country is
# written "U.S." first (not in text set all in capitals, where "US" may be the pronoun).
_US = re.compile(r"(?<![\w.])US(?![\w])")


def _fix_mixed_word(match: re.Match[str]) -> str:
    word = match.group(0)
    return word.translate(_HOMOGLYPHS) if _MIXED_SCRIPT.search(word) else word


def _join_number(match: re.Match[str]) -> str:
    """One number from digit groups ("1,000", "12\u00a0000"), in every language; except two equal three-digit
    groups split by a space, a no-break or a narrow no-break space: in this domain "390 390-ზე" (Georgian, 390
    for 390) is two counts, never 390,390."""
    groups = match.group(2)
    if groups[0] in " \u00a0\u202f" and groups[1:] == match.group(1) and len(groups) == 4:
        return match.group(0)
    return match.group(1) + _SEPARATORS.sub("", groups)


def _normalize_scripts(text: str) -> str:
    """Composed Unicode, ASCII digits, Arabic-script letter variants folded, CJK characters spaced."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _HAS_NATIVE_DIGIT.search(text):
        text = text.translate(_DIGIT_TABLE)
    if _ARABIC.search(text):
        text = _ARABIC_POINTS.sub("", text).translate(_ARABIC_TABLE)
        text = solar_hijri.gregorian(text)  # Persian and Dari news date by the Solar Hijri calendar
    if _DIGIT_THEN_LETTER.search(text):
        text = _DIGIT_THEN_LETTER.sub(" ", text)  # "84명이", "৮৪জন": the count stands alone
    if _GREEK.search(text):
        text = text.translate(_GREEK_TABLE)
    if "月" in text or "월" in text:
        text = _CJK_MONTH.sub(_month_name, text)  # "6月9日", "6월 9일": "june 9 日", read by dates.py
    if _CJK.search(text):
        text = _CJK.sub(r" \g<0> ", text)
    return text


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")  # fmt: skip
_CJK_MONTH = re.compile(r"(?<![0-9])(1[0-2]|0?[1-9])\s*[月월]")


def _month_name(match: re.Match[str]) -> str:
    return f" {_MONTH_NAMES[int(match.group(1)) - 1]} "


def normalize(text: str) -> str:
    """Lower-case and normalise text so lexicon patterns match (same function for patterns and text)."""
    if not text.isascii():
        text = _normalize_scripts(text)
        if "\ufe0f" in text or "\ufe0e" in text:  # an emoji's variation selector ("▪️ 2 захисниці") is no word
            text = text.replace("\ufe0f", "").replace("\ufe0e", "")
    if "US" in text and not text.isupper():
        text = _US.sub("U.S.", text)
    text = text.lower().replace("ё", "е").replace("_", " ")
    if "\u0307" in text:  # Turkish "İ" lower-cases to "i" + combining dot
        text = text.replace("i\u0307", "i")
    if "'" in text or "’" in text or "ʼ" in text or "`" in text:
        text = _APOSTROPHE_IN_WORD.sub("", text)
    if _MIXED_SCRIPT.search(text):
        text = _WORD.sub(_fix_mixed_word, text)
    return _GROUPED_NUMBER.sub(_join_number, text)


def tokenize(text: str) -> list[str]:
    """Tokens of already normalised text."""
    return _WORD.findall(text)


TokenPattern = tuple[str, bool]  # (text, is_prefix)
Span = tuple[int, int]  # token indices [start, end)


@dataclass(frozen=True)
class _Entry:
    concept: str
    rest: tuple[TokenPattern, ...]


def parse_pattern(pattern: str) -> tuple[TokenPattern, ...]:
    """'prisoner* of war' → (('prisoner', True), ('of', False), ('war', False))."""
    parts: list[TokenPattern] = []
    for raw in pattern.split():
        prefix = raw.endswith("*")
        tokens = tokenize(normalize(raw.rstrip("*")))
        parts.extend((tok, False) for tok in tokens[:-1])
        if tokens:
            parts.append((tokens[-1], prefix))
    return tuple(parts)


@dataclass(frozen=True)
class _TokenMatch:
    """Everything a token can start: one-token concepts, and longer patterns keyed by their 2nd token."""

    singles: tuple[str, ...]
    by_next: Mapping[str, tuple[_Entry, ...]]  # entry.rest excludes the second token
    next_prefix: tuple[tuple[str, _Entry], ...]


_NO_MATCH = _TokenMatch((), {}, ())


class Lexicon:
    """Matches many concepts' patterns over a token list using dictionary look-ups per token."""

    def __init__(self, concepts: Mapping[str, Iterable[str]], masks: Mapping[str, Iterable[str]]) -> None:
        self._exact: dict[str, list[_Entry]] = {}
        self._prefix: dict[str, list[_Entry]] = {}
        self._mask_exact: dict[str, list[_Entry]] = {}
        self._mask_prefix: dict[str, list[_Entry]] = {}
        for concept, patterns in concepts.items():
            self._add(concept, patterns, self._exact, self._prefix)
        for concept, patterns in masks.items():
            self._add(concept, patterns, self._mask_exact, self._mask_prefix)
        self._lengths = sorted({len(k) for k in self._prefix})
        self._mask_lengths = sorted({len(k) for k in self._mask_prefix})
        self._cache: dict[str, _TokenMatch] = {}
        self._mask_cache: dict[str, _TokenMatch] = {}

    def forget(self) -> None:
        """Drop the per-token match caches (up to 200,000 tokens each); they fill again as tokens come."""
        self._cache.clear()
        self._mask_cache.clear()

    @staticmethod
    def _add(
        concept: str,
        patterns: Iterable[str],
        exact: dict[str, list[_Entry]],
        prefix: dict[str, list[_Entry]],
    ) -> None:
        for pattern in patterns:
            parts = parse_pattern(pattern)
            if not parts:
                continue
            (first, is_prefix), rest = parts[0], parts[1:]
            table = prefix if is_prefix else exact
            entries = table.setdefault(first, [])
            entry = _Entry(concept, rest)
            if entry not in entries:
                entries.append(entry)

    @staticmethod
    def _compile(
        token: str,
        exact: dict[str, list[_Entry]],
        prefix: dict[str, list[_Entry]],
        lengths: list[int],
        cache: dict[str, _TokenMatch],
    ) -> _TokenMatch:
        entries: list[_Entry] = list(exact.get(token, ()))
        for length in lengths:
            if length > len(token):
                break
            entries.extend(prefix.get(token[:length], ()))
        if not entries:
            found = _NO_MATCH
        else:
            singles = tuple(dict.fromkeys(e.concept for e in entries if not e.rest))
            by_next: dict[str, list[_Entry]] = {}
            next_prefix: list[tuple[str, _Entry]] = []
            for e in entries:
                if not e.rest:
                    continue
                (second, is_prefix), tail = e.rest[0], _Entry(e.concept, e.rest[1:])
                if is_prefix:
                    next_prefix.append((second, tail))
                else:
                    by_next.setdefault(second, []).append(tail)
            found = _TokenMatch(singles, {k: tuple(v) for k, v in by_next.items()}, tuple(next_prefix))
        if len(cache) > 200_000:  # tokens follow Zipf's law; a bounded cache keeps memory flat
            cache.clear()
        cache[token] = found
        return found

    @staticmethod
    def _rest_matches(tokens: list[str], start: int, rest: tuple[TokenPattern, ...]) -> bool:
        if start + len(rest) > len(tokens):
            return False
        for k, (text, is_prefix) in enumerate(rest):
            token = tokens[start + k]
            if not (token.startswith(text) if is_prefix else token == text):
                return False
        return True

    def _longer(self, tm: _TokenMatch, tokens: list[str], i: int) -> list[tuple[str, int]]:
        """(concept, end) of the multi-token patterns starting at i."""
        found: list[tuple[str, int]] = []
        nxt = tokens[i + 1]
        tails = list(tm.by_next.get(nxt, ()))
        tails += [e for p, e in tm.next_prefix if nxt.startswith(p)]
        for e in tails:
            if not e.rest or self._rest_matches(tokens, i + 2, e.rest):
                found.append((e.concept, i + 2 + len(e.rest)))
        return found

    def match(self, tokens: list[str]) -> dict[str, list[Span]]:
        """Concept → spans of token indices where one of its patterns matches."""
        hits: dict[str, list[Span]] = {}
        masked = self._apply_masks(tokens, hits)
        cache, last = self._cache, len(masked) - 1
        for i, token in enumerate(masked):
            if not token:
                continue
            tm = cache.get(token) or self._compile(token, self._exact, self._prefix, self._lengths, cache)
            for concept in tm.singles:
                hits.setdefault(concept, []).append((i, i + 1))
            if i < last and (tm.by_next or tm.next_prefix):
                for concept, end in self._longer(tm, masked, i):
                    hits.setdefault(concept, []).append((i, end))
        return hits

    def _apply_masks(self, tokens: list[str], hits: dict[str, list[Span]]) -> list[str]:
        masked = tokens
        cache, last = self._mask_cache, len(tokens) - 1
        for i, token in enumerate(tokens):
            tm = cache.get(token) or self._compile(
                token, self._mask_exact, self._mask_prefix, self._mask_lengths, cache
            )
            spans = [(c, i + 1) for c in tm.singles]
            if i < last and (tm.by_next or tm.next_prefix):
                spans += self._longer(tm, tokens, i)
            if spans:
                concept, end = max(spans, key=lambda x: x[1])
                if masked is tokens:
                    masked = list(tokens)
                masked[i:end] = [""] * (end - i)
                hits.setdefault(concept, []).append((i, end))
        return masked


class PrefixTable:
    """Word/stem → value look-up (ordinals, number words): exact words first, then longest stem."""

    def __init__(self, items: Mapping[str, Any]) -> None:
        self.exact: dict[str, Any] = {}
        self.prefix: dict[str, Any] = {}
        for key, value in items.items():
            norm = normalize(key.rstrip("*"))
            (self.prefix if key.endswith("*") else self.exact)[norm] = value
        self._lengths = sorted({len(k) for k in self.prefix}, reverse=True)

    def get(self, token: str) -> Any:
        if token in self.exact:
            return self.exact[token]
        for length in self._lengths:
            if length <= len(token) and token[:length] in self.prefix:
                return self.prefix[token[:length]]
        return None


@dataclass(frozen=True)
class SeparableVerb:
    """A finite verb (stem) and the particle that ends its clause, and the concepts the pair means."""

    stem: str
    particle: str
    concepts: tuple[str, ...]

    def verb_at(self, tokens: list[str], lo: int, hi: int) -> int | None:
        """Index of the verb when the particle stands later in the clause tokens[lo:hi]."""
        for i in range(lo, hi):
            if tokens[i].startswith(self.stem) and self.particle in tokens[i + 1 : hi]:
                return i
        return None


@dataclass(frozen=True)
class Phrase:
    """A concept named by a head word and a name in its noun phrase, a few words apart: "defenders of the
    Azovstal steelworks" (the name up to `after` tokens after the head), "the Azovstal plant's defenders"
    (up to `before` tokens before it), within one clause — or a name opening the next one, a list going on
    after a comma («захисники острова Зміїний, Маріуполя та «Азовсталі»»)."""

    concept: str
    head: str
    name: str
    after: int
    before: int
    with_head: bool = True  # False: the phrase is the part after the head ("severely wounded [and ill]")

    def spans(self, hits: Mapping[str, list[Span]], clauses: tuple[int, ...], length: int) -> list[Span]:
        found: list[Span] = []
        names = hits.get(self.name, ())
        if not names:
            return found
        bounds = [*clauses, length]
        for a, b in hits.get(self.head, ()):
            lo = max((c for c in bounds if c <= a), default=0)
            hi = min((c for c in bounds if c > a), default=length)
            for c, d in names:
                if b <= c <= b + self.after and (d <= hi or c == hi):
                    found.append((a if self.with_head else b, d))
                elif d <= a and a - d <= self.before and c >= lo:
                    found.append((c, b))
        return found


def _phrases(data: Mapping[str, Mapping[str, Any]]) -> tuple[Phrase, ...]:
    return tuple(
        Phrase(
            concept,
            rule["head"],
            rule["name"],
            int(rule.get("after", 0)),
            int(rule.get("before", 0)),
            bool(rule.get("with_head", True)),
        )
        for concept, rule in data.items()
    )


def _separable(data: Mapping[str, Mapping[str, list[str]]]) -> dict[str, tuple[SeparableVerb, ...]]:
    out: dict[str, tuple[SeparableVerb, ...]] = {}
    for language, table in data.items():
        verbs = []
        for pattern, concepts in table.items():
            stem, particle = normalize(pattern).split()
            verbs.append(SeparableVerb(stem.rstrip("*"), particle, tuple(concepts)))
        out[language] = tuple(verbs)
    return out


@dataclass(frozen=True)
class Topic:
    """One topic's compiled knowledge."""

    name: str
    lexicon: Lexicon
    category_names: tuple[str, ...]
    group_names: tuple[str, ...]
    mediator_names: tuple[str, ...]
    venue_names: tuple[str, ...]  # English names; a match is the concept "ven:" + name
    ordinals: PrefixTable
    number_words: Mapping[str, int]
    number_connectors: frozenset[str]
    number_articles: frozenset[str]
    n_for_n: frozenset[str]
    n_for_n_after: frozenset[str]  # a postposition written onto the second count (Georgian "390 390-ზე")
    months: Mapping[str, int]
    ambiguous_months: frozenset[str]
    weekdays: Mapping[str, int]
    relative_days: Mapping[str, int]
    era_start_year: int
    recall_after_days: int
    relevance_threshold: float
    prefilter: tuple[PrefilterPart, ...]
    evidence_gate: tuple[PrefilterPart, ...] = ()
    non_subject_prepositions: frozenset[str] = frozenset()
    category_labels: Mapping[str, str] = field(default_factory=dict)
    category_hidden_by: Mapping[str, str] = field(default_factory=dict)
    by_language: Mapping[str, Mapping[str, list[str]]] = field(default_factory=dict)
    masks: Mapping[str, list[str]] = field(default_factory=dict)
    separable: Mapping[str, tuple[SeparableVerb, ...]] = field(default_factory=dict)
    lemma_languages: frozenset[str] = frozenset()
    agent_prepositions: frozenset[str] = frozenset()
    attributes_after_noun: frozenset[str] = frozenset()  # languages whose participles follow their noun
    verb_final: frozenset[str] = frozenset()  # languages whose clauses end with their participle or infinitive
    auxiliary_second: frozenset[str] = frozenset()  # verb-final languages whose auxiliary or modal stands second
    # Languages with their own file (topics/<topic>/<code>.toml): other codes read with a section
    # (Croatian, Bosnian, Serbian → "sh"), proclitics split off before matching (Arabic "وال…"), a
    # transliteration into the script the section is written in (Serbian Cyrillic → Latin), and number
    # words mapped to the shared English ones (Turkish "on" is ten, English "on" is not a number).
    aliases: Mapping[str, str] = field(default_factory=dict)
    proclitics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    transliteration: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    own_number_words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The core file's number words per language: German "um" is no Portuguese "one", French "une" no count.
    language_number_words: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    # Ordinals per language section: Latvian "otr*" (second) is no Spanish "otro" (another).
    language_ordinals: Mapping[str, PrefixTable] = field(default_factory=dict)
    lemma_sources: Mapping[str, str] = field(default_factory=dict)
    future_endings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    past_participles: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    # A party word in a case that is no subject: an ending on the word (Hungarian "Ukrajnának"), or a suffix
    # written as a word of its own after the name's apostrophe (Turkish "Rusya'ya" → "rusya", "ya").
    case_endings: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    case_suffixes: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Coordinators per language section ("" → every language's): "and" words, and "and"/"or" words together.
    and_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Contrastive conjunctions that start a clause ("while", «а», "enquanto"), as one pattern per language
    # section ("" → every language's).
    clause_words: Mapping[str, str] = field(default_factory=dict)
    # Relative pronouns per language section, and (English) the words before "that" that make it no relative
    # pronoun ("said that", "after that"): a relative clause's destination binds no count outside it.
    relative_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    relative_not_after: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Relative words that also introduce what is said ("que", "che"): relative pronouns only after a noun.
    complementizers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Finite auxiliaries: a relative clause no comma closes ends before the next predicate, one of these or a verb.
    relative_auxiliaries: Mapping[str, frozenset[str]] = field(default_factory=dict)
    coordinator_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    count_after_noun: frozenset[str] = frozenset()  # "wanajeshi 84", "sojoji 84": the noun comes first
    # Subject-object-verb languages (own files' `sov = true`; German and Dutch main clauses are verb-second):
    # the subject may stand before a comma, the verb after the count (Turkish "Ukrayna tarafı, takasla 215
    # kişinin ülkeye döndüğünü bildirdi").
    sov: frozenset[str] = frozenset()
    phrases: tuple[Phrase, ...] = ()
    # Weekday names that are also ordinals or nouns: Portuguese "segunda" is a day only before "feira"
    # ("a segunda fase" is the second stage), Romanian "luni" is also "months" ("de trei luni").
    weekday_next: Mapping[str, str] = field(default_factory=dict)
    weekday_not_after: frozenset[str] = frozenset()
    weekday_nouns: frozenset[str] = frozenset()
    _lexicons: dict[str, Lexicon] = field(default_factory=dict, compare=False, repr=False)

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(self.by_language)

    def section(self, language: str | None) -> str | None:
        """The language section a text in `language` is read with ("hr" → "sh")."""
        return self.aliases.get(language, language) if language else language

    def number_words_for(self, language: str | None) -> Mapping[str, int]:
        """The number words read in a text of `language`: its own (a language with its own file has them
        rewritten to the English ones before), every language's when it is unknown."""
        language = self.section(language)
        if language in self.own_number_words:
            language = "en"
        if language is None or language not in self.language_number_words:
            return self.number_words
        return self.language_number_words[language]

    def ordinals_for(self, language: str | None) -> PrefixTable:
        """The ordinals read in a text of `language`: its own, every language's when it has none."""
        return self.language_ordinals.get(self.section(language) or "", self.ordinals)

    def ands(self, language: str | None) -> frozenset[str]:
        """The words for "and" in a text of `language`; every language's when it has none of its own."""
        return self.and_words.get(self.section(language) or "") or self.and_words.get("", frozenset())

    def clause_words_for(self, language: str | None) -> str:
        """The words that start a clause in a text of `language`, as a regular-expression alternation."""
        found = self.clause_words.get(self.section(language) or "")
        return found if found is not None else self.clause_words.get("", "")

    def coordinators(self, language: str | None) -> frozenset[str]:
        """The words for "and" and "or" in a text of `language`; every language's when it has none of its own."""
        return self.coordinator_words.get(self.section(language) or "") or self.coordinator_words.get("", frozenset())

    def lexicon_for(self, language: str | None) -> Lexicon:
        """The lexicon of one language's section (compiled on first use): cues fire only in their own
        language. A language the topic has no section for gets every language's patterns."""
        language = self.section(language)
        if language is None or language not in self.by_language:
            return self.lexicon
        found = self._lexicons.get(language)
        if found is None:
            found = self._lexicons[language] = Lexicon(self.by_language[language], self.masks)
        return found

    def forget(self) -> None:
        """Let go of what use has built: the token caches and the per-language lexicons (compiled again
        on their next use). A service calls it when idle (service.core.detection.resources.release)."""
        self.lexicon.forget()
        self._lexicons.clear()


def _merge_languages(per_language: Mapping[str, Any]) -> list[Any]:
    merged: list[Any] = []
    for values in per_language.values():
        merged.extend(values)
    return merged


def _merge_tables(per_language: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for table in per_language.values():
        for key, value in table.items():
            merged.setdefault(normalize(key) if not key.endswith("*") else key, value)
    return merged


# Evidence needs, in one sentence, an object, a predicate and a party: a page lacking any of the
# three anywhere cannot be relevant.
_PREFILTER_PARTS = (("pow", "captivity", "body"), ("exchange", "return"), ("party_ua", "party_ru"))
# What every evidence sentence of a non-official source has (detection's cheap gate, see sentences.py): an
# act and a party. No object: "exchanged 1,000 for 1,000" and "swapped 90 people" are evidence without one.
_GATE_PARTS = (("exchange", "return"), ("party_ua", "party_ru"))


@dataclass(frozen=True)
class PrefilterPart:
    """Tokens that can start one required part: exact words, and word prefixes by length.

    Each pattern is represented by its longest token (with the same exact/prefix rule the lexicon uses):
    a page where the whole pattern matches has that token, so this is a superset of detection's matches,
    and a long token keeps "the" or "on" from letting every page through.
    """

    exact: frozenset[str]
    prefixes: tuple[tuple[int, frozenset[str]], ...]

    def hit(self, tokens: set[str], cuts: dict[int, set[str]] | None = None) -> bool:
        """`cuts` (length → the tokens' prefixes of that length) may be shared by the parts of one text."""
        if not self.exact.isdisjoint(tokens):
            return True
        cuts = {} if cuts is None else cuts
        for length, stems in self.prefixes:
            cut = cuts.get(length)
            if cut is None:  # a shorter token cannot equal a stem of this length
                cut = cuts[length] = {t[:length] for t in tokens if len(t) >= length}
            if not stems.isdisjoint(cut):
                return True
        return False


def _prefilter_parts(
    concepts: Mapping[str, list[str]],
    masks: Mapping[str, list[str]],
    required: tuple[tuple[str, ...], ...] = _PREFILTER_PARTS,
) -> tuple[PrefilterPart, ...]:
    parts: list[PrefilterPart] = []
    for names in required:
        patterns = [p for c in names for p in [*concepts[c], *masks.get(c, ())]]
        if "party_ua" in names:
            patterns += masks.get("hq", [])
        exact: set[str] = set()
        prefixes: dict[int, set[str]] = {}
        for pattern in patterns:
            tokens = parse_pattern(pattern)
            if not tokens:
                continue
            token, is_prefix = max(tokens, key=lambda t: len(t[0]))
            if is_prefix:
                prefixes.setdefault(len(token), set()).add(token)
            else:
                exact.add(token)
        parts.append(PrefilterPart(frozenset(exact), tuple((n, frozenset(v)) for n, v in sorted(prefixes.items()))))
    return tuple(parts)


# Sections whose entries are named things, each matched as the concept prefix + name.
_NAMED_SECTIONS = (("categories", "cat:"), ("groups", "grp:"), ("mediators", "med:"), ("venues", "ven:"))


def _per_language(data: Mapping[str, Any]) -> dict[str, dict[str, list[str]]]:
    """language → concept → patterns, over concepts, categories, groups, mediators and venues."""
    sections: list[tuple[str, Mapping[str, Mapping[str, list[str]]]]] = [("", data["concepts"])]
    sections += [(p, data.get(s, {})) for s, p in _NAMED_SECTIONS]
    out: dict[str, dict[str, list[str]]] = {}
    for prefix, table in sections:
        for name, langs in table.items():
            for language, patterns in langs.items():
                out.setdefault(language, {})[prefix + name] = list(patterns)
    return out


def build_topic(data: Mapping[str, Any]) -> Topic:
    """Compile parsed topic data (the TOML document) into a Topic."""
    concepts = {name: _merge_languages(langs) for name, langs in data["concepts"].items()}
    for section, prefix in _NAMED_SECTIONS:
        for name, langs in data.get(section, {}).items():
            concepts[prefix + name] = _merge_languages(langs)
    masks = {name: list(patterns) for name, patterns in data.get("masks", {}).items()}
    return Topic(
        name=data["name"],
        lexicon=Lexicon(concepts, masks),
        category_names=tuple(data.get("categories", {})),
        group_names=tuple(data.get("groups", {})),
        mediator_names=tuple(data.get("mediators", {})),
        venue_names=tuple(data.get("venues", {})),
        ordinals=PrefixTable(_merge_tables(data.get("ordinals", {}))),
        language_ordinals={code: PrefixTable(table) for code, table in data.get("ordinals", {}).items()},
        number_words={normalize(k): v for k, v in _merge_tables(data.get("number_words", {})).items()},
        language_number_words={
            code: {normalize(k): v for k, v in table.items()} for code, table in data.get("number_words", {}).items()
        },
        number_connectors=frozenset(data.get("numbers", {}).get("connectors", ())),
        number_articles=frozenset(data.get("numbers", {}).get("articles", ())),
        n_for_n=frozenset(data.get("numbers", {}).get("n_for_n", ())),
        n_for_n_after=frozenset(data.get("numbers", {}).get("n_for_n_after", ())),
        months=_merge_tables(data["months"]),
        ambiguous_months=frozenset(data.get("month_rules", {}).get("ambiguous", ())),
        weekdays=_merge_tables(data["weekdays"]),
        relative_days=_merge_tables(data["relative_days"]),
        weekday_next={normalize(k): normalize(v) for k, v in data.get("weekday_rules", {}).get("next", {}).items()},
        weekday_not_after=frozenset(normalize(w) for w in data.get("weekday_rules", {}).get("not_after", ())),
        weekday_nouns=frozenset(normalize(w) for w in data.get("weekday_rules", {}).get("nouns", ())),
        era_start_year=int(data.get("era_start_year", 2022)),
        recall_after_days=int(data.get("recall_after_days", 6)),
        relevance_threshold=float(data.get("relevance_threshold", 1.0)),
        prefilter=_prefilter_parts(concepts, masks),
        evidence_gate=_prefilter_parts(concepts, masks, _GATE_PARTS),
        non_subject_prepositions=frozenset(data.get("binding", {}).get("non_subject_prepositions", ())),
        category_labels=dict(data.get("category_labels", {})),
        category_hidden_by=dict(data.get("category_hidden_by", {})),
        by_language=_per_language(data),
        separable=_separable(data.get("separable", {})),
        lemma_languages=frozenset(data.get("lemma_languages", ())),
        agent_prepositions=frozenset(data.get("binding", {}).get("agent_prepositions", ())),
        attributes_after_noun=frozenset(data.get("binding", {}).get("attributes_after_noun", ())),
        verb_final=frozenset(data.get("binding", {}).get("verb_final", ())),
        auxiliary_second=frozenset(data.get("binding", {}).get("auxiliary_second", ())),
        masks=masks,
        phrases=_phrases(data.get("phrases", {})),
        **_language_extras(data),
    )


_SHARED_NUMBER_WORDS = {
    1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
    11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen", 17: "seventeen",
    18: "eighteen", 19: "nineteen", 20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty",
    70: "seventy", 80: "eighty", 90: "ninety", 100: "hundred", 1000: "thousand",
}  # fmt: skip
_PER_CONCEPT = ("concepts", "categories", "groups", "mediators", "venues")
_PER_LANGUAGE = ("ordinals", "months", "weekdays", "relative_days")


_RELATIVE_TABLES = ("relative_words", "relative_not_after", "complementizers", "relative_auxiliaries")


def merge_language(data: dict[str, Any], doc: Mapping[str, Any]) -> None:
    """Fold one language file (all of a language's vocabulary in one place) into the topic document."""
    code = doc["language"]
    for section in _PER_CONCEPT:
        for name, patterns in doc.get(section, {}).items():
            data.setdefault(section, {}).setdefault(name, {})[code] = list(patterns)
    # Month names of these languages are common words elsewhere ("mart", "mei", "maj"): a day or year
    # must stand next to them (names the main file already has keep their rule).
    known = {normalize(m) for table in data.get("months", {}).values() for m in table}
    rules = data.setdefault("month_rules", {})
    new_months = [normalize(m) for m in doc.get("months", {}) if normalize(m) not in known]
    rules["ambiguous"] = [*rules.get("ambiguous", ()), *new_months]
    for section in _PER_LANGUAGE:
        if section in doc:
            data.setdefault(section, {})[code] = dict(doc[section])
    if "separable" in doc:
        data.setdefault("separable", {}).setdefault(code, {}).update(doc["separable"])
    for section in ("binding", "numbers"):
        for key, values in doc.get(section, {}).items():
            table = data.setdefault(section, {})
            table[key] = [*table.get(key, ()), *values]
    for name, patterns in doc.get("masks", {}).items():
        masks = data.setdefault("masks", {})
        masks[name] = [*masks.get(name, ()), *patterns]
    if doc.get("lemmas"):
        data["lemma_languages"] = [*data.get("lemma_languages", ()), code]
        data.setdefault("lemma_sources", {})[code] = doc["lemmas"]
    for alias in doc.get("aliases", ()):
        data.setdefault("aliases", {})[alias] = code
    if "proclitics" in doc:
        data.setdefault("proclitics", {})[code] = sorted(doc["proclitics"], key=len, reverse=True)
    for key in ("case_endings", "case_suffixes"):
        if key in doc:
            data.setdefault(key, {})[code] = list(doc[key])
    for key in ("and", "or"):
        if key in doc:
            data.setdefault("coordinators", {}).setdefault(key, {})[code] = list(doc[key])
    if "clause_words" in doc:
        data.setdefault("clause_words", {})[code] = list(doc["clause_words"])
    for key in _RELATIVE_TABLES:
        if key in doc:
            data.setdefault(key, {})[code] = list(doc[key])
    if "transliterate" in doc:
        data.setdefault("transliterate", {})[code] = dict(doc["transliterate"])
    for flag in ("count_after_noun", "sov"):
        if doc.get(flag):
            data[flag] = [*data.get(flag, ()), code]
    if "number_words" in doc:
        data.setdefault("own_number_words", {})[code] = {
            normalize(word): _SHARED_NUMBER_WORDS[value] for word, value in doc["number_words"].items()
        }


def _language_extras(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "aliases": dict(data.get("aliases", {})),
        "proclitics": {k: tuple(v) for k, v in data.get("proclitics", {}).items()},
        "transliteration": {k: str.maketrans(v) for k, v in data.get("transliterate", {}).items()},
        "own_number_words": dict(data.get("own_number_words", {})),
        "lemma_sources": dict(data.get("lemma_sources", {})),
        "count_after_noun": frozenset(data.get("count_after_noun", ())),
        "sov": frozenset(data.get("sov", ())),
        "future_endings": {k: tuple(normalize(e) for e in v) for k, v in data.get("future_endings", {}).items()},
        "past_participles": {k: re.compile(v) for k, v in data.get("past_participles", {}).items()},
        "case_endings": {k: tuple(normalize(e) for e in v) for k, v in data.get("case_endings", {}).items()},
        "case_suffixes": {k: frozenset(normalize(e) for e in v) for k, v in data.get("case_suffixes", {}).items()},
        **_coordinators(data.get("coordinators", {})),
        "clause_words": _clause_words(data.get("clause_words", {})),
        **{
            key: {code: frozenset(normalize(w) for w in words) for code, words in data.get(key, {}).items()}
            for key in _RELATIVE_TABLES
        },
    }


def _clause_words(data: Mapping[str, list[str]]) -> dict[str, str]:
    """One alternation per language (longest first); under "" the words of "*", for languages without a list."""

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(normalize(w)) for w in sorted(set(words), key=len, reverse=True))

    return {("" if code == "*" else code): alternation(words) for code, words in data.items() if words}


def _coordinators(data: Mapping[str, Mapping[str, list[str]]]) -> dict[str, dict[str, frozenset[str]]]:
    """`and_words` and `coordinator_words` per language, under "" every language's together."""
    ands = {code: frozenset(normalize(w) for w in words) for code, words in data.get("and", {}).items()}
    ors = {code: frozenset(normalize(w) for w in words) for code, words in data.get("or", {}).items()}
    both = {code: ands.get(code, frozenset()) | ors.get(code, frozenset()) for code in {*ands, *ors}}
    ands[""] = frozenset().union(*ands.values())
    both[""] = frozenset().union(*both.values())
    return {"and_words": ands, "coordinator_words": both}


@cache
def load_topic(name: str = "exchanges") -> Topic:
    """Load and compile a built-in topic (cached: compiled once per process): its main file, then one
    file per further language (topics/<name>/<code>.toml)."""
    root = resources.files(__name__)
    data = tomllib.loads(root.joinpath(f"{name}.toml").read_bytes().decode("utf-8"))
    folder = root.joinpath(name)
    if folder.is_dir():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml"):
                merge_language(data, tomllib.loads(entry.read_bytes().decode("utf-8")))
    forms = root.joinpath(f"{name}.numbers.json")
    if forms.is_file():
        merge_number_forms(data, json.loads(forms.read_bytes().decode("utf-8"))["forms"])
    return build_topic(data)


def merge_number_forms(data: dict[str, Any], forms: Mapping[str, Mapping[str, int]]) -> None:
    """Fold the inflected forms of the number words (scripts/build_number_forms.py: «семидесяти», Polish
    "siedemdziesięciu", Czech "pěti") into the tables: a language file's as the English words they are read as.
    `forms` is the file's "forms": language → form → value."""
    for code, table in forms.items():
        own = data.get("own_number_words", {}).get(code)
        if own is not None:
            for form, value in table.items():
                if value in _SHARED_NUMBER_WORDS:
                    own.setdefault(normalize(form), _SHARED_NUMBER_WORDS[value])
            continue
        words = data.setdefault("number_words", {}).setdefault(code, {})
        for form, value in table.items():
            words.setdefault(form, value)
