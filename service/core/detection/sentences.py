"""Sentences of an article as detection sees them: normalised tokens, clause starts, matched concepts,
position weight (headline and lead weigh most) and, on demand, date expressions."""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Container
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import EllipsisType

from service.core.detection.dates import DateMention, find_dates
from service.core.detection.language import document_language, other_script, sentence_language
from service.core.detection.morphology import MORPHOLOGY_LANGUAGES, dative_noun, lemma, support_future, tense
from service.core.detection.numbers import NumberSpan, find_numbers
from service.core.domain import DatePrecision, Document, EventKind, EventStatus
from service.core.sources import source_side
from service.core.topics import SeparableVerb, Span, Topic, char_ranges, normalize, tokenize

# A sentence starts with a capital letter of any cased script, a letter of a caseless one (Arabic, Hindi,
# Chinese…) or a digit. Georgian is written in Mkhedruli, which Unicode files as lower case (its capitals,
# Mtavruli, are for headings only), so any Mkhedruli letter starts a sentence.
_STARTERS = char_ranges(lambda c: unicodedata.category(c) in ("Lu", "Lt", "Lo") or "\u10d0" <= c <= "\u10ff", 0x41)
_SENTENCE_BREAK = re.compile(
    rf"(?<=[.!?…])[\"'»”)]*\s+(?=[\"«“„(\-–—•]?\s*[{_STARTERS}0-9])|\n+|\s[•·]\s"
    r"|(?<=[。！？])[」』”）)]*\s*|\s*[।॥۔።؟]\s*"  # CJK full stops need no space; danda, Urdu and Amharic stops
)
# Clause breaks: a count, its verb and its party are looked for within one clause first (CJK and
# Arabic-script commas too), and the words that start a clause, each language's (topic `clause_words`).
_PUNCTUATION_BREAK = r"[,;:()\[\]،؛]\s|[，；：、]|\s[–—-]\s"


@cache
def _clause_break(words: str) -> re.Pattern[str]:
    return re.compile(_PUNCTUATION_BREAK + (rf"|\s(?:{words})\s" if words else ""))


_CLAUSE_BREAK = _clause_break("while|whereas|but|а|але|но|тогда как|während")  # a text of no known language
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Nr|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|vs)|"
    r"\b[A-Z]\.[A-Z]|\bгг?|\bим|\bул|\bт\.е|\bт\.д)\.$"
)
_DAY_DOT_END = re.compile(r"(?<![\d.,])\d{1,2}\.$")
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 2.0, 1.5, 1.0
_LEAD_SENTENCES = 2
MAX_TEXT = 20_000  # excerpts are a few KB; a runaway page is cut rather than slowing the pipeline


_NATIONALITY_GAP = 2  # tokens between a nationality and its citizen noun or body ("the body of an Israeli")


@dataclass
class Sentence:
    """One sentence with its matched concepts and date expressions."""

    index: int
    text: str
    tokens: list[str]
    hits: dict[str, list[Span]]
    topic: Topic
    weight: float
    title: bool = False
    language: str | None = None
    kinds: tuple[EventKind, ...] = ()
    status: EventStatus | None = None
    recalled: bool = False
    statistic: bool = False
    implied_party: bool = False  # no party named: the article's (only good for recalled mentions)
    speech: bool = False  # a headline telling what was said about the act: its status is the text's
    planned: frozenset[int] = frozenset()  # starts of the dates that date a planned act, not its agreement
    speaker: str | None = None  # the side the source speaks for: whose "our", «наших» («ua», «ru»)
    date: date | None = None
    precision: DatePrecision = "unknown"

    clauses: tuple[int, ...] = ()  # token index where each clause starts (commas, semicolons, dashes…)
    coordinated: tuple[int, ...] = ()  # the clause starts after "but", «але», «но», "while": own predicates
    # [start, end) of each relative clause ("that sends…", «который…»): to its clause's end, or, where none is
    # set off by commas (English, Romance), to the predicate that follows its own ("The swap that sent X to
    # Russia | freed 95")
    relatives: tuple[tuple[int, int], ...] = ()
    _dates: list[DateMention] | None = None
    _numbers: list[NumberSpan] | None = None

    def names_a_persons_nationality(self, lo: int, hi: int) -> bool:
        """The foreign name at [lo, hi) is a person's nationality, not a party or a mediator: a citizen or
        volunteer noun beside it ("a U.S. citizen", «громадянина США»), the body it names ("the body of an
        Israeli")."""
        near = any(
            -_NATIONALITY_GAP <= a - hi < _NATIONALITY_GAP or 0 < lo - b < _NATIONALITY_GAP
            for a, b in self.hits.get("citizen", ())
        )
        return (
            near
            or any(0 <= lo - b <= _NATIONALITY_GAP for _, b in self.hits.get("body_singular", ()))
            or self._one_more_person(lo)
        )

    def _one_more_person(self, lo: int) -> bool:
        """ "64 soldiers and an American", "64 soldados y a un estadounidense": a nationality after "and" and
        an indefinite article is one more person freed, not a party."""
        ands = self.topic.ands(self.language)
        one = any(b == lo for _, b in self.hits.get("indefinite_one", ()))
        return one and any(self.tokens[i] in ands for i in range(max(0, lo - 3), lo - 1))

    def relative_span(self, i: int) -> tuple[int, int] | None:
        """Token range [lo, hi) of the innermost relative clause holding token i, if any."""
        for start, end in reversed(self.relatives):
            if start <= i < end:
                return start, end
        return None

    def clause_span(self, i: int) -> tuple[int, int]:
        """Token range [lo, hi) of the clause holding token i."""
        k = clause_index(self.clauses, i)
        lo = self.clauses[k - 1] if k else 0
        hi = self.clauses[k] if k < len(self.clauses) else len(self.tokens)
        return lo, hi

    @property
    def dates(self) -> list[DateMention]:
        """Date expressions, found on first use (most sentences never need them)."""
        if self._dates is None:
            self._dates = find_dates(self.tokens, self.topic)
        return self._dates

    @property
    def date_tokens(self) -> frozenset[int]:
        """Token indices inside a date expression (a count there is part of a date, not a count)."""
        return frozenset(i for m in self.dates for i in range(m.start, m.end))

    @property
    def numbers(self) -> list[NumberSpan]:
        """The numbers of the sentence, found on first use (facts ask for them once per count)."""
        if self._numbers is None:
            self._numbers = find_numbers(self.tokens, self.topic, self.language)
        return self._numbers

    def has(self, *concepts: str) -> bool:
        return any(c in self.hits for c in concepts)


def _hashtags_only(piece: str) -> bool:
    words = piece.split()
    return bool(words) and all(w.startswith("#") for w in words)


def split_sentences(doc: Document, months: Container[str] = ()) -> list[tuple[str, bool]]:
    """(sentence, is_title) pairs: the headline first, then the text's sentences.

    ``months``: month words (normalised); a day number with a dot before one is an ordinal date ("am
    23. Juli"), not a sentence end.
    """
    parts: list[tuple[str, bool]] = []
    if doc.title:  # "Ukraine got back 1,000 bodies. Russia received 24": each sentence of a headline apart
        parts.extend((piece.strip(), True) for piece in _SENTENCE_BREAK.split(doc.title) if len(piece.strip()) > 2)
    pending = ""
    pieces = _SENTENCE_BREAK.split(doc.text[:MAX_TEXT])
    for index, piece in enumerate(pieces):
        piece = (pending + " " + piece).strip() if pending else piece.strip()
        pending = ""
        if _ABBREVIATION_END.search(piece) or _ordinal_date(piece, pieces[index + 1 : index + 2], months):
            pending = piece  # "Oct. 26", "U.S. officials", "23. Juli": not a sentence end
        elif _hashtags_only(piece):
            continue  # a post's "#полонені #обмін" line labels it; it reports nothing
        elif len(piece) > 2:
            parts.append((piece, False))
    if len(pending) > 2:
        parts.append((pending, False))
    return parts


def _ordinal_date(piece: str, following: list[str], months: Container[str]) -> bool:
    if not following or not following[0] or not _DAY_DOT_END.search(piece):
        return False
    first = following[0].split(maxsplit=1)[0]
    return normalize(first).strip(".,;:") in months


def _tokens_and_clauses(
    norm: str, breaks: re.Pattern[str] = _CLAUSE_BREAK
) -> tuple[list[str], tuple[int, ...], tuple[int, ...]]:
    """Tokens, clause starts, and the starts that follow a coordinating word ("but", «але», «но»,
    "enquanto"): a clause with a predicate of its own."""
    tokens: list[str] = []
    starts: list[int] = []
    coordinated: list[int] = []
    at = 0
    for match in [*breaks.finditer(norm), None]:
        starts.append(len(tokens))
        tokens.extend(tokenize(norm[at : match.start() if match else len(norm)]))
        if match is not None:
            at = match.end()
            if any(c.isalpha() for c in match.group()):
                coordinated.append(len(tokens))
    return tokens, tuple(starts), tuple(coordinated)


def _join_separable(
    tokens: list[str], clauses: tuple[int, ...], hits: dict[str, list[Span]], verbs: tuple[SeparableVerb, ...]
) -> None:
    """ "fand … statt", "kehrten … zurück": the verb's token gets the concepts of the whole verb."""
    present = set(tokens)
    verbs = tuple(v for v in verbs if v.particle in present)  # most sentences have no particle at all
    if not verbs:
        return
    bounds = [*clauses, len(tokens)]
    for lo, hi in itertools.pairwise(bounds):
        for verb in verbs:
            i = verb.verb_at(tokens, lo, hi)
            if i is not None:
                for concept in verb.concepts:
                    hits.setdefault(concept, []).append((i, i + 1))


def _merge(hits: dict[str, list[Span]], more: dict[str, list[Span]]) -> None:
    """Hits on lemmas join those on tokens (the token indices are the same)."""
    for concept, spans in more.items():
        have = hits.setdefault(concept, [])
        have.extend(span for span in spans if span not in have)


def _add_tense(tokens: list[str], hits: dict[str, list[Span]], language: str) -> None:
    """Russian/Ukrainian predicates in the past or perfective passive are completions, in the future
    plans (pymorphy3), whatever stems the lexicon lists."""
    for concept in ("exchange", "return"):
        for a, _ in hits.get(concept, ()):
            found = tense(tokens[a], language)
            if found is not None and (a, a + 1) not in hits.get(found, ()):
                hits.setdefault(found, []).append((a, a + 1))
            # a support verb in the future before the act noun: «проведут обмен», «здійснять обмін»
            if found is None and a > 0 and support_future(tokens[a - 1], tokens[a], language):
                hits.setdefault("plan", []).append((a - 1, a))


# A wire dateline: the city in capitals, perhaps a country or date, the agency, a dash ("ANKARA, Sept 20
# (Reuters) -", "KYIV, Ukraine (AP) —"). It says where the reporter files from.
_DATELINE = re.compile(r"^[A-Z][A-Z'’. -]{2,}(?:,[^—–\-\n]{1,30})?\s*(?:\([^)\n]{1,20}\))?\s*[—–-]")


def _drop_dateline_places(text: str, hits: dict[str, list[Span]]) -> None:
    """The place of a wire dateline is the reporter's, not the talks' venue or a mediator."""
    match = _DATELINE.match(text)
    if match is None:
        return
    end = len(tokenize(normalize(match.group(0))))
    for concept in [c for c in hits if c.startswith(("ven:", "med:"))]:
        kept = [(a, b) for a, b in hits[concept] if a >= end]
        if kept:
            hits[concept] = kept
        else:
            del hits[concept]


def _add_headline_future(hits: dict[str, list[Span]]) -> None:
    """Headline style: "Russia, Ukraine to swap 200 prisoners" tells what is to happen (the infinitive marker
    right before the act verb), "Ukraine gets back 95" what happened."""
    markers = {b for _, b in hits["headline_future"]}
    for concept in ("exchange", "return"):
        for a, _ in hits.get(concept, ()):
            if a in markers and (a - 1, a) not in hits.get("plan", ()):
                hits.setdefault("plan", []).append((a - 1, a))


def _add_participles(tokens: list[str], hits: dict[str, list[Span]], shape: re.Pattern[str]) -> None:
    """An act verb in the shape of a past participle ("zurückgeholt", "ausgetauscht") tells the act done, as
    the listed participles do; an auxiliary of the future or a modal still governs it (clauses.py)."""
    done = hits.get("done", [])
    for concept in ("exchange", "return"):
        for a, b in hits.get(concept, ()):
            if b == a + 1 and shape.match(tokens[a]) and (a, b) not in done:
                hits.setdefault("done", []).append((a, b))


def _add_future(tokens: list[str], hits: dict[str, list[Span]], endings: tuple[str, ...]) -> None:
    """A return or exchange verb in the synthetic future ("liberarán", "échangeront", "restituiranno") is a
    plan, whatever else the sentence says."""
    for concept in ("exchange", "return"):
        for a, _ in hits.get(concept, ()):
            if tokens[a].endswith(endings) and (a, a + 1) not in hits.get("plan", ()):
                hits.setdefault("plan", []).append((a, a + 1))


def _without_proclitics(tokens: list[str], proclitics: tuple[str, ...]) -> list[str]:
    """ "والأسرى" → "أسرى": conjunctions, prepositions and the article written onto the word (longest first;
    at least three letters must remain)."""
    out: list[str] = []
    for token in tokens:
        for clitic in proclitics:
            if token.startswith(clitic) and len(token) - len(clitic) >= 3:
                token = token[len(clitic) :]
                break
        out.append(token)
    return out


_SPEECH = ("announce", "reporting", "agree", "content_head")
_PREDICATES = ("return", "receive", "give", "done", "auxiliary")  # a verb a relative clause's end is found by
_OWN_VERB_WINDOW = 3  # "that sent", "qui a été libéré": a subject relative's verb comes right after the pronoun
_SAID_WINDOW = 8  # "a déclaré [dans un communiqué publié sur Telegram] que …"


def _relatives(
    tokens: list[str], clauses: tuple[int, ...], hits: dict[str, list[Span]], topic: Topic, key: str
) -> tuple[tuple[int, int], ...]:
    """Relative clauses [start, end): a relative pronoun opening a clause after a comma («обмена, который…»,
    "Austausch, der…"; German "die Ukraine" is an article), or, in a language that sets them off without one
    (English, Romance), right after a noun: not after a speech or agreement verb ("said that"), a preposition
    or a conjunction ("after that", "so that"). Romance "que"/"che" is also the conjunction of what is said:
    after a verb of saying or thinking, even past a prepositional phrase or a day ("a déclaré mardi que"), it
    opens no relative clause."""
    words = topic.relative_words.get(key)
    if not words or not words.intersection(tokens):
        return ()
    not_after = topic.relative_not_after.get(key)
    ambiguous = topic.complementizers.get(key)
    parties = {a for c in ("party_ua", "party_ru", "hq") for a, _ in hits.get(c, ())}
    speech = {b - 1 for c in _SPEECH for _, b in hits.get(c, ())}
    starts = set(clauses)
    found = []
    for i, token in enumerate(tokens):
        if i == 0 or token not in words:
            continue
        if ambiguous is not None:  # Romance
            if token not in ambiguous or not _complementizer(tokens, i, hits, speech, not_after or frozenset()):
                found.append(i)
        elif i + 1 in parties:
            continue
        elif i in starts or (not_after is not None and tokens[i - 1] not in not_after and i - 1 not in speech):
            found.append(i)
    return tuple((start, _relative_end(tokens, clauses, hits, topic, key, start)) for start in found)


def _complementizer(
    tokens: list[str], i: int, hits: dict[str, list[Span]], speech: set[int], not_after: frozenset[str]
) -> bool:
    """ "que"/"che" at i follows a word that makes it no relative pronoun: a conjunction, preposition or copula
    ("parce que", "de que"), a verb ("n'a récupéré que 50": only), or a verb of saying or thinking with at most
    a phrase opened by a preposition or a day between ("dijo a la prensa que", "a annoncé mardi que")."""
    previous = i - 1
    if tokens[previous] in not_after or previous in speech:
        return True
    if any(a == previous for c in _PREDICATES for a, _ in hits.get(c, ())):
        return True
    return any(i - _SAID_WINDOW <= v < previous and tokens[v + 1] in not_after for v in speech)


def _relative_end(
    tokens: list[str], clauses: tuple[int, ...], hits: dict[str, list[Span]], topic: Topic, key: str, start: int
) -> int:
    """Where the relative clause opened at `start` ends: its clause's end, or, in a language that does not set
    it off by commas, before the next predicate (an act verb or a finite auxiliary) after its own ("The swap
    that sent Medvedchuk to Russia | freed 95 …", "Le rapatriement qui a ramené 41 corps en Russie | a permis à
    l'Ukraine …"), unless a coordinator joins the two ("that sent him to Russia and freed 95": both its own)."""
    hi = next((c for c in clauses if c > start), len(tokens))
    if key not in topic.relative_not_after:
        return hi
    auxiliaries = topic.relative_auxiliaries.get(key, frozenset())
    verbs = sorted(
        {a for c in _PREDICATES for a, _ in hits.get(c, ()) if start < a < hi}
        | {i for i in range(start + 1, hi) if tokens[i] in auxiliaries}
    )
    if not verbs:
        return hi
    own = verbs[0] if verbs[0] <= start + _OWN_VERB_WINDOW else None
    after = start + 1
    if own is not None:  # "has been sent", "a été libéré": the own predicate's run of verbs
        after = own + 1
        while after in verbs:
            after += 1
        after += 1
    coordinators = topic.coordinators(key or None)
    for v in verbs:
        if v >= after:
            return hi if any(t in coordinators for t in tokens[max(start, v - 2) : v]) else v
    return hi


_ACT_CUES = ("return", "exchange", "done", "receive", "give")
_PAPERWORK_GAP = 3  # "передала [полные] списки", "exchanged [the] lists"
_RECIPIENT_GAP = 5  # «передала [посольству Венгрии свои] соображения»: only a recipient and a possessive widen it
_RECIPIENTS = ("party_ua", "party_ru", "recipient_ua", "to_ua", "to_ru")
_HANDED_OVER = ("pow", "body", "people", "captivity")  # between the act and the papers: people changed hands too
_VERB_FINAL_GAP = 6  # "die Listen [von 500 Kriegsgefangenen] übergeben"


def clause_index(clauses: tuple[int, ...], i: int) -> int:
    """Which clause holds token i, given the clause starts in order: two tokens share a clause when the same
    number of starts lies at or before each."""
    return bisect_right(clauses, i)


def _drop_paperwork(
    hits: dict[str, list[Span]], clauses: tuple[int, ...], verb_final: bool, tokens: list[str], morphology: str | None
) -> None:
    """A handover or exchange word whose object is lists or names is paperwork, not people changing hands
    («не передала полные списки военнопленных», "the sides exchanged lists"; in a verb-final clause the
    object comes first: "die Listen … übergeben"): its act cues go. Between the word and the papers stand at
    most two words, or a recipient (a party, a destination, a dative noun in `morphology`'s language) and a
    possessive: «передала посольству Венгрии свои соображения», "handed the Ukrainian side its lists"."""
    papers = [a for a, _ in hits.get("paperwork", ())]
    if not papers:
        return

    def has(concepts: tuple[str, ...], lo: int, hi: int) -> bool:
        return any(lo <= x < hi for c in concepts for x, _ in hits.get(c, ()))

    def to_recipient(lo: int, hi: int) -> bool:  # "[handed] the Ukrainian side its [lists]"
        dative = morphology is not None and any(dative_noun(tokens[i], morphology) for i in range(lo, hi))
        return (dative or has(_RECIPIENTS, lo, hi)) and has(("possessive",), lo, hi)

    def near(b: int, p: int) -> bool:
        return 0 <= p - b < _PAPERWORK_GAP or (0 <= p - b < _RECIPIENT_GAP and to_recipient(b, p))

    def about_papers(a: int, b: int) -> bool:
        # "handed over 50 prisoners and the lists": people changed hands first
        after = any(near(b, p) and not has(_HANDED_OVER, b, p) for p in papers)
        before = verb_final and any(
            0 < a - p <= _VERB_FINAL_GAP and clause_index(clauses, p) == clause_index(clauses, a) for p in papers
        )
        return after or before

    acts = {(a, b) for c in ("return", "exchange") for a, b in hits.get(c, ()) if about_papers(a, b)}
    if not acts:
        return
    for concept in _ACT_CUES:
        kept = [span for span in hits.get(concept, ()) if span not in acts]
        if kept:
            hits[concept] = kept
        else:
            hits.pop(concept, None)


def _drop_places(hits: dict[str, list[Span]], clauses: tuple[int, ...]) -> None:
    """An act word inside the name of a place ("brought to the exchange area", «к месту обмена») is where
    the act would happen, not the act, and a verb of carrying in its clause («доставили к месту обмена»,
    "delivered to the border") tells transport there, not a handover: their act cues go."""
    places = hits.get("act_place", ())
    if not places:
        return

    at_places = {clause_index(clauses, p) for p, _ in places}
    carried = {span for span in hits.get("transport", ()) if clause_index(clauses, span[0]) in at_places}
    for concept in _ACT_CUES:
        kept = [
            (a, b)
            for a, b in hits.get(concept, ())
            if (a, b) not in carried and not any(lo <= a and b <= hi for lo, hi in places)
        ]
        if kept:
            hits[concept] = kept
        else:
            hits.pop(concept, None)


def may_hold_evidence(doc: Document, topic: Topic, language: str | None) -> bool:
    """False only when no sentence of a non-official document can be evidence: none has an act word or
    none names a party. Most news a feed carries fails here, before the per-sentence work.

    A superset of what analyse() matches: the same normalisation over the whole text, every language's
    act and party words (their longest token, prefixes kept), Serbian Cyrillic transliterated, proclitics
    split off, the document language's lemmas; a German separable verb's particle, or a sentence in another
    script than the document's (classified on its own), sends the document through the full analysis.
    """
    if doc.official:
        return True  # an official post needs no party named (detect._party_ok)
    text = normalize(f"{doc.title}\n{doc.text[:MAX_TEXT]}")
    tokens = set(tokenize(text))
    if not text.isascii():
        for table in topic.transliteration.values():
            tokens.update(tokenize(text.translate(table)))
        for clitics in topic.proclitics.values():
            tokens.update(_without_proclitics(list(tokens), clitics))
    cuts: dict[int, set[str]] = {}
    if all(part.hit(tokens, cuts) for part in topic.evidence_gate):
        return True
    if other_script(text, language):
        return True
    key = topic.section(language) or ""
    if any(verb.particle in tokens for verb in topic.separable.get(key, ())):
        return True
    if key in topic.lemma_languages:
        tokens.update(lemma(t, key) for t in list(tokens))
        return all(part.hit(tokens) for part in topic.evidence_gate)
    return False


def analyse(doc: Document, topic: Topic, language: str | EllipsisType | None = ...) -> list[Sentence]:
    """The headline and the text as analysed sentences, in order (`language`: the document's as the caller
    found it, None when undecided; left out, it is found here)."""
    sentences: list[Sentence] = []
    body_index = 0
    if isinstance(language, EllipsisType):  # not None: an undecided language is not looked for twice
        language = document_language(doc.title, doc.text, doc.language)
    speaker = source_side(doc.url, doc.source)
    for index, (text, is_title) in enumerate(split_sentences(doc, topic.months)):
        if is_title:
            weight = TITLE_WEIGHT
        else:
            weight = LEAD_WEIGHT if body_index < _LEAD_SENTENCES else BODY_WEIGHT
            body_index += 1
        own = topic.section(sentence_language(text, language))
        key = own or ""
        norm = normalize(text)
        if key in topic.transliteration:
            norm = norm.translate(topic.transliteration[key])  # Serbian Cyrillic read as Latin
        tokens, clauses, coordinated = _tokens_and_clauses(norm, _clause_break(topic.clause_words_for(own)))
        lexicon = topic.lexicon_for(own)
        hits = lexicon.match(tokens)
        if key in topic.proclitics:
            _merge(hits, lexicon.match(_without_proclitics(tokens, topic.proclitics[key])))
        if key in topic.lemma_languages:
            _merge(hits, lexicon.match([lemma(t, key) for t in tokens]))
        if key in topic.own_number_words:
            words = topic.own_number_words[key]  # "iki yüz" → "two hundred": numbers.py reads them
            tokens = [words.get(t, t) for t in tokens]
        _join_separable(tokens, clauses, hits, topic.separable.get(key, ()))
        for phrase in topic.phrases:  # "defenders of the Azovstal steelworks"
            spans = phrase.spans(hits, clauses, len(tokens))
            if spans:
                _merge(hits, {phrase.concept: spans})
        _drop_paperwork(hits, clauses, own in topic.verb_final, tokens, own if own in MORPHOLOGY_LANGUAGES else None)
        _drop_places(hits, clauses)
        if not is_title and body_index <= 1:
            _drop_dateline_places(text, hits)
        if is_title and "headline_future" in hits:
            _add_headline_future(hits)
        if own in MORPHOLOGY_LANGUAGES:
            _add_tense(tokens, hits, own)
        elif key in topic.future_endings:
            _add_future(tokens, hits, topic.future_endings[key])
        if key in topic.past_participles:
            _add_participles(tokens, hits, topic.past_participles[key])
        sentences.append(
            Sentence(
                index,
                text,
                tokens,
                hits,
                topic,
                weight,
                is_title,
                own,
                clauses=clauses,
                coordinated=coordinated,
                relatives=_relatives(tokens, clauses, hits, topic, key),
                speaker=speaker,
            )
        )
    return sentences
