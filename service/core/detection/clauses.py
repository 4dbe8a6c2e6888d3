"""Clauses of a sentence and the status of the act its predicate reports.

A sentence is cut at punctuation, coordinators and quotes (sentences.py) and here into its main part and
its side units: a unit starts at a subordinator or a temporal preposition ("after their last swap",
«після того як», "nachdem", "cuando") and runs to the next clause break. Cues (completion, agreement,
plan, modality, postponement, recall) count where the predicate is: in the main part when the exchange or
return predicate is there, else in the side unit holding it. So "after their last swap" neither makes
the main report a recollection nor lends it a completion.

Nothing defaults to completed: a completion needs a positive cue — a past or perfective return/exchange
predicate, "are home", a German separable verb put back together ("fand … statt"), a present-tense
headline (news style), or an official source saying it.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from service.core.detection.generic import clause_links, period_years
from service.core.detection.stories import counted, nominal_act
from service.core.domain import EventStatus
from service.core.topics import Span

if TYPE_CHECKING:
    from collections.abc import Iterable

    from service.core.detection.dates import DateMention
    from service.core.detection.sentences import Sentence

STATUS_CUES = ("not_happened", "done", "postpone", "conditional", "agree", "modal", "plan", "bare_act")
_PREDICATES = ("exchange", "return")
_AUX_GAP = 2
_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "their",
        "its",
        "this",
        "that",
        "last",
        "previous",
        "der",
        "die",
        "das",
        "dem",
        "den",
        "le",
        "la",
        "les",
        "el",
        "los",
        "las",
        "o",
        "os",
        "as",
        "il",
        "lo",
        "gli",
    }
)  # tokens between an auxiliary's end and the participle it governs ("will be exchanged")


def side_units(s: Sentence) -> list[Span]:
    """Token ranges of subordinate units: from a subordinator to the next clause break."""
    units: list[Span] = []
    parties = sorted(a for c in ("party_ua", "party_ru") for a, _ in s.hits.get(c, ()))
    for a, b in sorted((*s.hits.get("subordinate", ()), *s.hits.get("purpose", ()))):
        if units and a < units[-1][1]:
            continue
        _, hi = s.clause_span(a)
        if b < len(s.tokens) and s.tokens[b] in _DETERMINERS:
            # a phrase, not a clause: "In the days before the swap Kyiv and Moscow accused …" — the
            # main clause starts at its subject when no comma marks it
            hi = next((p for p in parties if b < p < hi), hi)
        units.append((a, hi))
    return units


def _inside(a: int, units: list[Span]) -> Span | None:
    return next((u for u in units if u[0] <= a < u[1]), None)


def predicate_part(s: Sentence) -> list[Span]:
    """The token ranges whose cues decide the predicate's status: the main part when a predicate is
    there, else the side units that hold one."""
    units = side_units(s)
    if not units:
        return [(0, len(s.tokens))]
    starts = [a for c in _PREDICATES for a, _ in s.hits.get(c, ())]
    if any(_inside(a, units) is None for a in starts):
        main: list[Span] = []
        lo = 0
        for u_lo, u_hi in units:
            if u_lo > lo:
                main.append((lo, u_lo))
            lo = u_hi
        if lo < len(s.tokens):
            main.append((lo, len(s.tokens)))
        return main
    held = sorted({u for a in starts if (u := _inside(a, units)) is not None})
    purposes = {a for a, _ in s.hits.get("purpose", ())}
    if held and all(u[0] in purposes for u in held):
        return [(0, len(s.tokens))]  # "we do everything so that … return": the aim is the main verb's, which decides
    return held


def cues_in(s: Sentence, parts: list[Span], concepts: tuple[str, ...]) -> set[str]:
    return {c for c in concepts for a, _ in s.hits.get(c, ()) if any(lo <= a < hi for lo, hi in parts)}


_ATTRIBUTE_CUES = ("agree", "postpone")
# Tokens that may stand between an exchange noun and a participle qualifying it: "the exchange [of 300
# prisoners] agreed in Doha", "schimbului [de prizonieri] convenit la Riad".
_NOUN_PHRASE = ("of", "pow", "captivity", "body", "people", "nat_ua", "nat_ru", "each")
_NOUN_PHRASE_GAP = 4
_LINK_WINDOW = 3  # "в рамках [достигнутых] договоренностей", "[varılan] mutabakat çerçevesinde"


def _positions(s: Sentence, concepts: tuple[str, ...]) -> set[int]:
    return {i for c in concepts for a, b in s.hits.get(c, ()) for i in range(a, b)}


def _attributes(s: Sentence) -> tuple[set[tuple[str, int]], set[tuple[str, int]]]:
    """Agreement and delay cues that qualify the exchange noun instead of stating the clause's act:
    (always, unless-alone). Before the noun ("the long-delayed swap", "den in Katar vereinbarten
    Austausch") a participle is an attribute; after it ("a swap agreed in Doha last month", "schimbul de
    prizonieri convenit la Riad") or inside a link phrase ("в рамках договоренностей", "mutabakat
    çerçevesinde", "as agreed") it is one unless nothing else in the clause says what happened — "Prisoner
    swap agreed in Istanbul" is still an agreement."""
    exchanges = s.hits.get("exchange", ())
    if not exchanges:
        return set(), set()
    noun_phrase = _positions(s, _NOUN_PHRASE)
    parties = _positions(s, ("party_ua", "party_ru"))
    links = s.hits.get("agree_link", ())
    always: set[tuple[str, int]] = set()
    unless: set[tuple[str, int]] = set()
    for concept in _ATTRIBUTE_CUES:
        for a, b in s.hits.get(concept, ()):
            lo, hi = s.clause_span(a)
            own = any(e <= a < f for e, f in exchanges)
            before = not own and any(e == b or (e == b + 1 and b in noun_phrase) for e, _ in exchanges if lo <= e < hi)
            if before and a > 0 and (a - 1) not in parties and s.language not in s.topic.attributes_after_noun:
                always.add((concept, a))
                continue
            if concept != "agree" or own:
                continue
            after = any(
                lo <= f <= a
                and a - f <= _NOUN_PHRASE_GAP
                and all(i in noun_phrase or s.tokens[i].isdecimal() for i in range(f, a))
                for _, f in exchanges
            )
            linked = any(l0 - 2 <= a < l1 + _LINK_WINDOW for l0, l1 in links)
            if after or linked:
                unless.add((concept, a))
    return always, unless


def _counted_readiness(s: Sentence, parts: list[Span], dropped: frozenset[tuple[str, int]]) -> bool:
    """Every offer cue of the part says a side is ready ("ready to", «готова», "bereit"), none sets a condition
    ("if", «если»), the part counts what is to change hands, and the sentence tells no refusal or delay ("ready
    to hand over 6,000 bodies, but Kyiv refused to take them" is an offer turned down, no agreement)."""
    if s.has("negation", "postpone", "not_happened"):
        return False
    ready = _positions(s, ("readiness",))
    offers = [a for a, _ in s.hits.get("conditional", ()) if ("conditional", a) not in dropped and _in(a, parts)]
    return bool(offers) and all(a in ready for a in offers) and _counted(s, parts)


def _in(a: int, parts: list[Span]) -> bool:
    return any(lo <= a < hi for lo, hi in parts)


def _in_dates(s: Sentence) -> set[tuple[str, int]]:
    """Cues that are words of a stated date: the month in "on May 23", "planned for May" is no modal (a month
    alone is a date after a preposition that takes one: "in", "for", "since")."""
    dated = s.date_tokens | {
        b for _, b in s.hits.get("month_preposition", ()) if b < len(s.tokens) and s.tokens[b] in s.topic.months
    }
    return {(c, a) for c in STATUS_CUES for a, _ in s.hits.get(c, ()) if a in dated}


def _infinitives(s: Sentence) -> set[tuple[str, int]]:
    """A completion cue that is also the infinitive, after its marker ("zu übergeben"): what is to be done."""
    marks = {b for _, b in s.hits.get("infinitive_mark", ())}
    return {("done", a) for a, _ in s.hits.get("done", ()) if a in marks}


def _auxiliaries_of_other_acts(s: Sentence) -> set[tuple[str, int]]:
    """An auxiliary listed as a completion ("hanno", "fueron", "ont été") is the tense of the participle
    after it: "hanno concordato lo scambio", "fueron aplazados" report an agreement and a delay."""
    aux = s.hits.get("auxiliary", ())
    others = [a for c in ("agree", "postpone", "plan", "modal", "conditional") for a, _ in s.hits.get(c, ())]
    out: set[tuple[str, int]] = set()
    for a, b in s.hits.get("done", ()):
        if (a, b) in aux and any(0 <= o - b <= 1 for o in others):
            out.add(("done", a))
    return out


def _future_participles(
    s: Sentence, parts: list[Span], dropped: frozenset[tuple[str, int]] = frozenset()
) -> tuple[bool, bool]:
    """(a completion cue stands free, one is governed by a future/conditional auxiliary): "will be
    exchanged", «буде звільнено», "seriam trocados" are plans, not completions."""
    aux = [b for _, b in s.hits.get("future_aux", ())]
    after = [a for a, _ in s.hits.get("future_aux_after", ())]
    modals = [b for _, b in s.hits.get("modal", ())]
    free = governed = False
    for a, end in s.hits.get("done", ()):
        if not any(lo <= a < hi for lo, hi in parts) or ("done", a) in dropped:
            continue
        lo, _ = s.clause_span(a)
        near = any(0 <= a - b <= _AUX_GAP for b in aux) or end in after  # "ausgetauscht werden sollen"
        # "are planned to be exchanged … and returned": the auxiliary governs a coordinated participle too
        coordinated = any(lo <= b <= a for b in aux) and any(t in s.topic.ands(s.language) for t in s.tokens[lo:a])
        # verb-final clause: the modal or auxiliary stands second, the participle or infinitive last ("Moskau
        # wolle 23 Soldaten übergeben", "sollen … freigelassen werden")
        final = s.language in s.topic.auxiliary_second and any(lo <= b <= a for b in (*aux, *modals))
        if near or coordinated or final:
            governed = True
        else:
            free = True
    return free, governed


def _status_cues(
    s: Sentence, parts: list[Span], talks: list[tuple[int, int]]
) -> tuple[set[str], frozenset[tuple[str, int]]]:
    """The status cues of the predicate's part, without attributes of the exchange noun, auxiliaries
    of other acts and the tense or mood of talks the act is the topic of; and the (concept, position) pairs
    left out."""
    always, unless = _attributes(s)
    dropped = always | _auxiliaries_of_other_acts(s) | _cues_of_talks(s, talks) | _infinitives(s) | _in_dates(s)

    def cues(skip: set[tuple[str, int]]) -> set[str]:
        return {
            c
            for c in STATUS_CUES
            for a, _ in s.hits.get(c, ())
            if (c, a) not in skip and any(lo <= a < hi for lo, hi in parts)
        }

    if unless and cues(dropped | unless) - {"bare_act"}:
        dropped |= unless
    return cues(dropped), frozenset(dropped)


_NEW_PREDICATE_AFTER_AND = ("agree", "modal", "conditional", "postpone", "not_happened", "plan", "future_aux")
_SUBJECT_GAP = 4
_SPEECH_GAP = 4  # "after [the Kremlin] announced", "after Russia's defence ministry said"


def coordinated_clauses(s: Sentence, parts: list[Span]) -> list[list[Span]]:
    """The predicate part cut where a clause with a predicate of its own starts: "and that", «а також»,
    "und dass" (clause_link); "and" before a verb that opens a new act, its subject between or not
    ("discussed exchanges and agreed to …", "… and the two sides agreed", «обговорили … і домовилися»);
    the content after a speech verb ("announced [that] …"). Each clause as the part's ranges in it."""
    ands = s.topic.ands(s.language)
    cuts: set[int] = set(clause_links(s))
    cuts |= {c for c in s.coordinated if 0 < c < len(s.tokens)}  # "…, but on Thursday 210 were returned"
    cuts |= {b for _, b in s.hits.get("announce", ()) if b < len(s.tokens)}  # "… announced [that] the sides …"
    cues = {a for c in _NEW_PREDICATE_AFTER_AND for a, _ in s.hits.get(c, ())}
    # inside a clause not the act word's own tense: "знайти та повернути" are two infinitives under one
    # "робимо все, щоб"; after a comma a coordinator opens a clause: «…, и Россия в четверг передаст …»
    verbs = cues - _positions(s, _PREDICATES)
    # its subject and a date may stand between: "… and the two sides agreed", "… und Kiew vereinbarte"
    parties = _positions(s, ("party_ua", "party_ru", "sides"))
    words = s.topic.number_words_for(s.language)
    dated = s.date_tokens
    subject = parties | dated | {i for i, t in enumerate(s.tokens) if t in _DETERMINERS or t in words}
    for i in range(1, len(s.tokens) - 1):
        if s.tokens[i] not in ands or (i - 1 in parties and i + 1 not in verbs):
            continue  # "zwischen Russland und der Ukraine verzögert sich": one subject of two parties
        opens = i in s.clauses
        wanted = cues if opens else verbs
        gap = range(i + 1, min(len(s.tokens), i + 1 + _SUBJECT_GAP))
        if any(j in wanted and all(opens or k in subject for k in range(i + 1, j)) for j in gap):
            cuts.add(i)
    bounds = sorted(cuts)
    if not bounds:
        return [parts]
    edges = [0, *bounds, len(s.tokens)]
    out: list[list[Span]] = []
    for c_lo, c_hi in itertools.pairwise(edges):
        pieces = [(max(lo, c_lo), min(hi, c_hi)) for lo, hi in parts if max(lo, c_lo) < min(hi, c_hi)]
        if pieces:
            out.append(pieces)
    return out


def _counted(s: Sentence, parts: list[Span]) -> bool:
    """A count in the parts: digits not of a date, or a number in words ("about three thousand bodies",
    «около трех тысяч тел», "drei Dutzend")."""
    dated = s.date_tokens
    digits = any(s.tokens[i].isdecimal() and i not in dated for lo, hi in parts for i in range(lo, hi))
    return digits or any(n.spelled and n.start not in dated and _in(n.start, parts) for n in s.numbers)


def _dated(s: Sentence, parts: list[Span]) -> bool:
    return any(lo <= m.start < hi for m in s.dates for lo, hi in parts)


def clause_status(s: Sentence, official: bool) -> EventStatus | None:
    """Carried out, agreed/planned, postponed — or only wished for / not said (None). Decided per
    coordinated clause: of the clauses that hold the exchange or return predicate and a cue of their own,
    the one with a definite status, then the one with a count, then with a date, reports the act — "discussed
    exchanges and that the sides would swap 175 each on Wednesday" is a plan, whatever the discussion."""
    parts = predicate_part(s)
    clauses = coordinated_clauses(s, parts)
    if len(clauses) > 1 and (status := _act_clause(s, clauses, official)) is not None:
        return status
    # "Kyiv said it was ready to swap all for all after Moscow announced the sides would swap 175 each the
    # next day": what was announced is no background of the main clause but the act itself
    content = [
        [(r, hi)]
        for lo, hi in side_units(s)
        for a, r in s.hits.get("announce", ())
        if lo < a <= lo + _SPEECH_GAP and r < hi
    ]
    if content and (status := _act_clause(s, clauses + content, official)) is not None:
        return status
    return _status_of(s, parts, official)  # no clause tells a definite act: the part decides as a whole


def _act_clause(s: Sentence, clauses: list[list[Span]], official: bool) -> EventStatus | None:
    """The definite status of the clause that reports the act: of the clauses holding an exchange or
    return predicate and a status cue of their own, one with a definite status, then one with a count (not a
    day), then one with a date (clauses equal on all three decide together): "the swap planned for Monday
    did not take place, but on Thursday 210 were returned" reports the return. None when no such clause
    tells a definite status."""
    ranked: list[tuple[bool, bool, bool, list[Span]]] = []
    for clause in clauses:
        if not any(lo <= a < hi for c in _PREDICATES for a, _ in s.hits.get(c, ()) for lo, hi in clause):
            continue
        if not cues_in(s, clause, (*STATUS_CUES, "future_aux")):
            continue
        status = _status_of(s, clause, official)
        ranked.append((status is not None, _counted(s, clause), _dated(s, clause), clause))
    if not ranked:
        return None
    best = max(r[:3] for r in ranked)
    if not best[0]:
        return None
    return _status_of(s, sorted({span for r in ranked if r[:3] == best for span in r[3]}), official)


def _status_of(s: Sentence, parts: list[Span], official: bool) -> EventStatus | None:
    talks = _talks_between_sides(s, parts)  # once: its cues are left out below, and it may be the status
    cues, dropped = _status_cues(s, parts, talks)
    free, governed = _future_participles(s, parts, dropped)
    if not free:
        cues.discard("done")
    if governed or cues_in(s, parts, ("future_aux",)):
        cues.add("plan")  # "they are later to be taken … as part of a swap"
    if "not_happened" in cues:
        return "postponed"
    if "done" in cues:
        return "completed"
    if "postpone" in cues:
        return "postponed"
    if "conditional" in cues:
        # "ready to swap all POWs if Kyiv agreed": an offer; "ready to hand over 3,000 more bodies": a handover
        # announced with its count, which the corpus labels an agreement
        return "agreed" if _counted_readiness(s, parts, dropped) else None
    if "agree" in cues:
        return "agreed"
    if "modal" in cues:
        return None
    if "plan" in cues:
        return "agreed"
    if "bare_act" in cues:
        return "completed"  # a verb of a language without tense (Indonesian "menyerahkan"), nothing else said
    if talks:
        return "agreed"  # "Ukraine and Russia hold talks on major POW swap": the swap is what they negotiate
    if (official or (s.title and not speech_about_act(s))) and not nominal_act(s, parts):
        return "completed"  # a headline's present tense is news style; an official post reports its act
    if s.title and counted(s) and not speech_about_act(s):
        return "completed"  # "Exchange of 410 captives between Russia and Ukraine": a counted headline noun
    return None  # "The meeting focused on the return of Ukrainians": a verbal noun names a plan or a topic


_TALKS_GAP = 5  # "talks on [a major POW] swap", «переговоры об [очередном] обмене»
_TALKS_CUES = ("done", "modal", "conditional")


def _talks_between_sides(s: Sentence, parts: list[Span]) -> list[tuple[int, int]]:
    """(talks word, act word) pairs when the act word is the topic of talks between the sides in its clause
    ("talks on a swap", «переговоры об обмене», "Gespräche über einen Austausch", verb-final "über einen
    Austausch reden"); none when no side is named that talks."""
    return _talks_on_acts(s, parts) if _between_sides(s) else []


def _talks_on_acts(s: Sentence, parts: list[Span]) -> list[tuple[int, int]]:
    """(talks word, act word) pairs in one clause, the act the talks' topic."""
    acts = [a for c in _PREDICATES for a, _ in s.hits.get(c, ()) if any(lo <= a < hi for lo, hi in parts)]
    after = s.language in s.topic.verb_final  # "will über Gefangenenaustausch reden", "esir takası için temasa geçti"
    return [
        (t, a)
        for t, b in s.hits.get("talks", ())
        for a in acts
        if (0 <= a - b < _TALKS_GAP or (after and 0 < t - a < _TALKS_GAP)) and s.clause_span(a) == s.clause_span(t)
    ]


def _between_sides(s: Sentence) -> bool:
    """The sentence names a side that talks: a party that is neither the people returned nor where they come
    from ("the meeting focused on the return of Ukrainians from Russian captivity" names the act's people, not
    who met), or "the two sides"."""
    if s.has("sides"):
        return True
    people = _positions(s, ("people", "to_ua", "to_ru"))
    return any(a not in people for c in ("party_ua", "party_ru") for a, _ in s.hits.get(c, ()))


def _cues_of_talks(s: Sentence, pairs: list[tuple[int, int]]) -> set[tuple[str, int]]:
    """Cues before the act word that belong to the talks it is the topic of: their tense or mood ("has begun
    talks over exchanging prisoners", "reached out to discuss a possible swap", «хочет обсудить обмен»,
    "Russland will über Gefangenenaustausch reden") says nothing of the act, which is still to be agreed."""
    if not pairs:
        return set()
    acts = _positions(s, _PREDICATES)  # "Russia returned 90 after talks on a new swap": the act's own verb
    out: set[tuple[str, int]] = set()
    for c in _TALKS_CUES:
        for a, _ in s.hits.get(c, ()):
            if a not in acts and any(s.clause_span(a) == s.clause_span(t) and a < max(t, act) for t, act in pairs):
                out.add((c, a))
    return out


_SPEECH_VERBS = ("announce", "reporting")
_SPEECH_OBJECT_GAP = 4  # "informed [Trump] about the exchange", «сообщил [Трампу] об обмене»


def speech_about_act(s: Sentence) -> bool:
    """A speech verb with the act as its object ("Putin informed Trump about the exchange of 175 for 175",
    «Путин сообщил Трампу об обмене», "Kremlin announces swap"): the headline reports what was said about the
    act, not that it was carried out — whether it was comes from the clause of the text that tells it."""
    acts = [a for c in _PREDICATES for a, _ in s.hits.get(c, ())]
    if not acts:
        return False
    first = min(acts)
    lo, _ = s.clause_span(first)
    ends = [b for c in _SPEECH_VERBS for _, b in s.hits.get(c, ())]
    return any(lo <= b <= first and first - b <= _SPEECH_OBJECT_GAP for b in ends)


def recall_cue(s: Sentence) -> bool:
    """A recall cue ("earlier", «напомним») outside side units, or a running total not praised as a
    record ("the largest exchange since 2022" is news, not background)."""
    units = side_units(s)
    recall = [a for a, _ in s.hits.get("recall", ()) if _inside(a, units) is None]
    if recall and not s.has("recall_exception") and (not _this_week(s) or _opens_with_recall(s, recall)):
        return True
    if _narrated_before(s):
        return True
    return s.statistic or _total_so_far(s)


def _total_so_far(s: Sentence) -> bool:
    """A running total makes the sentence background unless another clause reports the act with its own
    count: "swapped 295 each on Saturday, bringing the total to 500" is news; "Since 2022, 4,000 have come
    home" is not (the total's clause has no predicate of its own: it qualifies the whole sentence)."""
    counted = _clauses_with_counts(s)
    years = set(period_years(s))
    if years and not any(i not in years for lo, hi in counted for i in _counting(s, lo, hi)):
        return False  # "agreed that exchanges in 2025 will be regular": a year alone is the period, nothing counted
    clauses = [(running_total(s, lo, hi), _has_predicate(s, lo, hi)) for lo, hi in counted]
    totals = [predicate for total, predicate in clauses if total]
    if not totals:
        return False
    if not all(totals):
        return True
    return not any(predicate and not total for total, predicate in clauses)


def _has_predicate(s: Sentence, lo: int, hi: int) -> bool:
    return any(lo <= a < hi for c in _PREDICATES for a, _ in s.hits.get(c, ()))


def _clauses_with_counts(s: Sentence) -> list[Span]:
    """Clauses holding a cardinal: a running total counts something ("60 exchanges since 2022"); "its
    11th exchange this year — 189 returned" is a series number, the news in the next clause."""
    bounds = [*s.clauses, len(s.tokens)]
    spans = [(lo, hi) for lo, hi in itertools.pairwise(bounds) if hi > lo]
    return [(lo, hi) for lo, hi in spans if _counting(s, lo, hi)]


def _counting(s: Sentence, lo: int, hi: int) -> list[int]:
    """The cardinals in [lo, hi): digits or number words, not a day ("начнут 12 июня": a day counts nothing)."""
    dated = s.date_tokens
    words = s.topic.number_words_for(s.language)
    return [i for i in range(lo, hi) if i not in dated and (s.tokens[i].isdecimal() or s.tokens[i] in words)]


def _this_week(s: Sentence) -> bool:
    """ "Ukraine hailed the return Saturday of 45 fighters captured last year": a weekday or "today" in
    the sentence dates the news; the recall cue is about something inside it."""
    return any(m.weekday is not None or m.offset is not None for m in s.dates if m.month is None)


def _opens_with_recall(s: Sentence, recall: list[int]) -> bool:
    """ "Нагадаємо, напередодні, 19 червня, …", "Earlier, on Thursday, …": a sentence that opens with the
    recall tells the whole of it as background, a day of this week included (not "today")."""
    return 0 in recall and not any(m.offset == 0 for m in s.dates)


def _narrated_before(s: Sentence) -> bool:
    """A main clause in the past perfect ("Russian officials had accused Kyiv of postponing …") tells
    what came before the news; after a reporting verb ("said 90 had been freed") it is the news, after a
    completion verb a clause inside the news."""
    reporting = [a for a, _ in s.hits.get("reporting", ())]
    # after the sentence's own completed act it is a relative or side clause: "returned 300 soldiers who had
    # been captured in Mariupol", "carried out the swap they had agreed in Istanbul"
    done = [a for a, _ in s.hits.get("done", ())]
    return any(not any(r < a for r in reporting + done) for a in _perfect_auxiliaries(s))


def _perfect_auxiliaries(s: Sentence) -> list[int]:
    """ "had" as the past perfect's auxiliary: a past participle within three words ("had already been
    freed", "had swapped"); "families had special reasons to rejoice" is "had" the full verb."""
    participles = {a for a, _ in s.hits.get("participle", ())}
    out: list[int] = []
    for a, _ in s.hits.get("pluperfect", ()):
        after = range(a + 1, min(a + 4, len(s.tokens)))
        if any(i in participles or (s.tokens[i].endswith("ed") and len(s.tokens[i]) > 3) for i in after):
            out.append(a)
    return out


def running_total(s: Sentence, lo: int = 0, hi: int | None = None) -> bool:
    """ "since 2022", "so far", «з початку»: a total so far — unless a superlative before it in the same
    clause makes it a record ("the largest exchange since the start of the war"), or it dates the series an
    exchange is numbered in ("what he called the 49th exchange since the start of the war"). Within [lo, hi)
    if given."""
    end = len(s.tokens) if hi is None else hi
    for a in [a for a, _ in s.hits.get("cumulative", ())] + period_years(s):
        if not lo <= a < end or _numbered_exchange_ends(s, a):
            continue
        lo, _ = s.clause_span(a)
        if not any(lo <= b < a for b, _ in s.hits.get("superlative", ())):
            return True
    return False


_ACT_WORDS = ("exchange", "return", "plan", "future_aux")
_DEAL_WORDS = ("agree", "talks")
_BOUNDARY_COST = 3  # a comma or "that" between a day and a word: the day is likelier another clause's
_SPEECH_DAY_GAP = 2  # "said on Tuesday", "announced Friday", «сообщили во вторник»


def planned_days(s: Sentence) -> set[int]:
    """Where the days that date the planned act start, in a sentence telling an agreement or plan: a day
    nearer the act or its future ("would exchange 175 each on Wednesday", «19 марта состоится обмен») than
    the deal, the talks or a speech verb right beside it ("agreed in a call on Tuesday that …", "said on
    Friday") is the day the act is planned for, not the day it was agreed."""
    acts = [span for k in _ACT_WORDS for span in s.hits.get(k, ())]
    deals = [span for k in _DEAL_WORDS for span in s.hits.get(k, ())]
    speech = [span for k in _SPEECH_VERBS for span in s.hits.get(k, ())]
    contents = [a for a, _ in s.hits.get("complementizer", ())]
    cuts = sorted({*s.clauses, *contents})
    planned: set[int] = set()
    for m in s.dates:
        if m.weekday is None and m.day is None and m.offset is None:
            continue  # a month alone dates no day
        if _adjunct_of_deal(m.start, s.hits.get("agree", []), [a for a, _ in acts], cuts):
            continue
        # a speech verb before the day with no "that" between: the day is the speech's ("told Trump during
        # their call on Tuesday that …"); after it, an attribution ("…, the Kremlin said"), unless right beside
        spoken = [span for span in speech if span[1] <= m.start and not any(span[1] <= c <= m.start for c in contents)]
        act = _nearest_span(m, acts, cuts)
        deal = _nearest_span(m, (*deals, *spoken), cuts)
        said = any(_distance(m.start, m.end, span, cuts) <= _SPEECH_DAY_GAP for span in speech)
        if act is not None and not said and (deal is None or act < deal):
            planned.add(m.start)
    return planned


def spoken_day(s: Sentence, m: DateMention) -> bool:
    """The date `m` is the day something was said ("заявил во вторник", "said on Tuesday"): a speech verb
    right beside it, and no agreement or talks word nearer."""
    cuts = sorted({*s.clauses, *(a for a, _ in s.hits.get("complementizer", ()))})
    said = _nearest(s, m, _SPEECH_VERBS, cuts)
    deal = _nearest(s, m, _DEAL_WORDS, cuts)
    return said is not None and said <= _SPEECH_DAY_GAP and (deal is None or said < deal)


def _nearest(s: Sentence, m: DateMention, concepts: Iterable[str], cuts: list[int]) -> int | None:
    """The `_distance` from the date `m` to the nearest word of `concepts`, None when the sentence has none."""
    return _nearest_span(m, [span for k in concepts for span in s.hits.get(k, ())], cuts)


def _nearest_span(m: DateMention, spans: Iterable[Span], cuts: list[int]) -> int | None:
    return min((_distance(m.start, m.end, span, cuts) for span in spans), default=None)


def _adjunct_of_deal(at: int, deals: list[Span], acts: list[int], cuts: list[int]) -> bool:
    """The day stands after the agreement's verb and before the act, in the verb's clause ("agreed in
    Istanbul on Friday to exchange 1,000 each"); after a "that" or a comma it opens the content («договорились,
    что 19 марта состоится обмен»), after the act's future its clause ("… sollen am Mittwoch … austauschen")."""
    return any(
        b <= at and any(a > at for a in acts) and not any(b <= i <= at for i in (*cuts, *acts)) for _, b in deals
    )


def _distance(lo: int, hi: int, span: Span, cuts: list[int]) -> int:
    """Words between a day [lo, hi) and a word, each clause start or complementizer between costing more."""
    a, b = span
    if a >= hi:
        first, last = hi, a
    elif b <= lo:
        first, last = b, lo
    else:
        return 0
    crossed = sum(1 for c in cuts if first <= c <= last)
    return last - first + _BOUNDARY_COST * crossed


def _numbered_exchange_ends(s: Sentence, i: int) -> bool:
    """An exchange noun numbered by an ordinal in digits ends at i: "the 49th exchange", "le 49e échange",
    «49-й обмін» (the digits, then the ending as a word of its own)."""
    for a, b in s.hits.get("exchange", ()):
        if b != i or a == 0:
            continue
        word = s.tokens[a - 1]
        if word[:1].isdecimal() and word.lstrip("0123456789").isalpha():
            return True
        if a > 1 and s.tokens[a - 2].isdecimal() and word.isalpha() and len(word) <= 3:
            return True
    return False
