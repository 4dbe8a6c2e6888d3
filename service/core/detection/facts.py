"""Fact extraction for one mention: counts bound to their noun and to the receiving side, stage,
categories, groups, mediators, and for agreements the agreed counts and venue.

A count ("84 Ukrainian defenders", "тіла 501 полеглого", "303 на 303") is bound to the nearest object
noun after it (or a body noun just before it) and to a side by, in order: a nationality inside the noun
phrase, "each"/"the same number", a destination ("to Russia", "в Україну"), or the subject party before
it with the direction of the nearest verb ("Russia handed over" → Ukraine receives). Per key the count
with the most direct wording wins (a side saying what it received beats the other side saying what it
handed over), then the earliest (headline first).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from service.core.detection.clauses import running_total
from service.core.detection.morphology import MORPHOLOGY_LANGUAGES, nominative, party_name, recipient
from service.core.detection.numbers import NumberSpan, find_numbers, n_for_n
from service.core.domain import EventKind, Fact
from service.core.topics import Span, Topic

if TYPE_CHECKING:
    from service.core.detection.dates import DateMention
    from service.core.detection.sentences import Sentence

_UA, _RU, _BOTH, _UNKNOWN, _TOTAL = "ua", "ru", "both", "?", "total"
_EARLIER = "earlier"  # a count's kind: that of the counts in the sentences before ("Russia got back 24 of its own")
_AFTER, _BEFORE = 5, 3  # token windows for binding a number to its noun
_SPELLED_AFTER = 3
_COUNTED = ("body", "pow", "captivity", "people")  # the nouns a count can count
_MEDIATOR_WINDOW = 12
_LIST_GAP = 3  # words between two coordinated names ("Qatar and the UAE", "Qatar, the Republic of Turkey")
MAX_POW_COUNT = 1500  # no single exchange returned more to one side: larger POW figures are running totals


@dataclass(frozen=True)
class Count:
    value: int
    side: str
    kind: str  # "pow" or "body"
    sentence: str
    rank: int  # 2: the receiver says so, 1: neutral wording, 0: the giver says so
    order: int
    formula: bool = False  # "N for N": this handover's figure, or the whole operation's
    following: tuple[int, ...] = ()  # the counts after it in its sentence: parts of a total stated elsewhere?
    extra: bool = False  # "In addition, 23 severely wounded …": on top of the exchange's figure, never it
    added: int = 0  # the second count summed into value ("300 servicemen and two civilians": 2)
    day: tuple[int | None, ...] | None = None  # the day its clause states ("on Friday 390 …"), if any


def _near(hits: dict[str, list[Span]], concept: str, lo: int, hi: int) -> bool:
    return any(lo <= a < hi or lo < b <= hi for a, b in hits.get(concept, ()))


def _first_at_or_after(hits: dict[str, list[Span]], concepts: tuple[str, ...], lo: int, hi: int) -> int | None:
    starts = [a for c in concepts for a, _ in hits.get(c, ()) if lo <= a < hi]
    return min(starts) if starts else None


def _phrase_end(hits: dict[str, list[Span]], concepts: tuple[str, ...], start: int) -> int:
    """End of the run of object words starting at `start` ("пленных солдат", "prisoners of war")."""
    end = start + 1
    while True:
        spans = [b for c in concepts for a, b in hits.get(c, ()) if start <= a < end and b > end]
        nxt = [b for c in concepts for a, b in hits.get(c, ()) if a == end]
        if not spans and not nxt:
            return end
        end = max(spans + nxt)


def _approximate(s: Sentence, n: NumberSpan) -> bool:
    phrases = s.hits.get("handover_phrase", ())
    for a, b in s.hits.get("approx", ()):
        if a < n.start and b >= n.start - 1 and not any(pa <= a and b <= pb for pa, pb in phrases):
            return True
    return False


def _plus_span(s: Sentence, n: NumberSpan) -> tuple[int, int] | None:
    """(index, value) of the second count of "270 soldiers and 120 civilians", «300 військовослужбовців та
    двоє цивільних», "175 defenders and 22 severely wounded" (spelled too), in n's clause: to be added to the
    first."""
    _, hi = s.clause_span(n.start)
    others = {m.start for m in s.numbers if m.start >= n.end}
    for i in range(n.end, min(n.end + 6, hi - 2)):
        if i in others:
            return None  # "140 of its citizens -- 122 servicemen and 18 civilians": the 18 is the 122's part
        if s.tokens[i] not in s.topic.ands(s.language):
            continue
        part = next((m for m in find_numbers(s.tokens[i + 1 : i + 6], s.topic, s.language) if m.start == 0), None)
        if part is None:
            return None
        end = i + 1 + part.end
        return (i + 1, part.value) if _group_after(s, end) else None
    return None


def _group_after(s: Sentence, i: int) -> bool:
    """A group of people starts at i or one word on: "120 civilians", and a selection criterion used as the
    noun ("175 defenders and 22 severely wounded", «175 захисників і 22 важкопоранені»)."""
    groups = (spans for key, spans in s.hits.items() if key == "part_group" or key.startswith("cat:"))
    return any(i <= a < i + 2 for spans in groups for a, _ in spans)


def _plus_part(s: Sentence, n: NumberSpan) -> int | None:
    span = _plus_span(s, n)
    return span[1] if span else None


def _plus_part_at(s: Sentence, n: NumberSpan) -> int | None:
    """Token index of the second count that `_plus_part` adds to n, if any."""
    span = _plus_span(s, n)
    return span[0] if span else None


def _dated(s: Sentence, n: NumberSpan) -> bool:
    return any(m.start <= n.start < m.end for m in s.dates)


_AGE_RANGE = 4  # "aged [from] 18 [to] 25": the age word before the range's second number too


def _skip(s: Sentence, n: NumberSpan, agreed: bool = False) -> bool:
    """Dates, years, ages, approximations, breakdowns and running totals are not a side's count."""
    if any(m.start <= n.start < m.end for m in s.dates):
        return True
    range_to = n.value <= 31 and _near(s.hits, "range_to", n.end, n.end + 1)
    if range_to and any(m.start == n.end + 1 and m.day is not None for m in s.dates):
        return True  # «с 23 по 25 мая»: the first day of a range written once
    if not n.spelled and 1990 <= n.value <= 2100 and n.end == n.start + 1:
        return True
    if _near(s.hits, "age", n.end, n.end + 2) or _near(s.hits, "age_before", n.start - _AGE_RANGE, n.start):
        return True  # "25 years old"; "those aged 18-25", «віком від 18 до 25 років»
    if _approximate(s, n) and not agreed:
        return True
    one_side = _near(s.hits, "nat_ua", n.end, n.end + 3) != _near(s.hits, "nat_ru", n.end, n.end + 3)
    if _near(s.hits, "total", n.start - 3, n.start) and not one_side:
        return True  # "a total of 386 prisoners": both sides; "in total 30 Ukrainians": one side's count
    if _near(s.hits, "part_of", n.end, n.end + 8):
        return True
    if _difference(s, n):
        return True
    if _near(s.hits, "exchange", n.end, n.end + 1):
        return True  # "the 56th exchange", «56. wymianę»: a series number
    if any(a <= n.start < b for a, b in (*s.hits.get("each", ()), *s.hits.get("sides", ()))):
        return True  # "the two sides", Turkish "her iki taraf": the number word names the sides
    if n.spelled and n.end - n.start == 1 and n.value in (100, 1000) and _near(s.hits, "vague", n.start - 1, n.start):
        return True  # "several thousand bodies", «кілька тисяч»: no count
    lo, hi = s.clause_span(n.start)
    if _carried_only(s, lo, hi):
        return True  # "950 bodies were brought to the exchange area": carried there, not handed over
    if _near(s.hits, "part_among", n.end, n.end + 5):
        return True
    if _broken_down(s, lo, n.start):
        return True  # "…, among them 80 civilian sailors and 30 servicemen": every count of the clause
    return running_total(s, lo, hi)  # "its 11th exchange this year — 189 returned": the total is elsewhere


def _carried_only(s: Sentence, lo: int, hi: int) -> bool:
    """A clause that carries people or bodies to a place of handover ("brought to the exchange area") and
    keeps no act cue of its own tells transport there; "taken to the border and handed over to Ukraine"
    still hands them over (the act cues left after sentences._drop_places)."""
    if not (_near(s.hits, "transport", lo, hi) and _near(s.hits, "act_place", lo, hi)):
        return False
    return not any(_near(s.hits, cue, lo, hi) for cue in ("give", "return", "done"))


def _broken_down(s: Sentence, lo: int, at: int) -> bool:
    """A breakdown cue in [lo, at) governs the count at `at`, unless a participle closing a relative clause
    before the count's noun comes between them: Turkish "aralarında Medvedçuk'un da bulunduğu 55 esir" (55
    prisoners among whom was Medvedchuk) counts the whole, not a part."""
    cues = [a for a, _ in s.hits.get("breakdown", ()) if lo <= a < at]
    if not cues:
        return False
    return not _near(s.hits, "attributive", max(cues) + 1, at)


def _difference(s: Sentence, n: NumberSpan) -> bool:
    """ "five more prisoners than it handed over", «на пʼять полонених більше, ніж», "um fünf mehr als": a count
    of how many more (or fewer) than the other term of a comparison in its clause is no side's count."""
    hi = s.clause_span(n.start)[1]
    by = _near(s.hits, "difference_by", n.start - 1, n.start)
    comparative = _near(s.hits, "comparative", n.end, n.end + (_BEFORE if by else 1))
    return comparative and _near(s.hits, "than", n.end, hi + 1)  # «більше, ніж»: the comma before "than"


def _not_returned(s: Sentence, n: NumberSpan, phrase_end: int) -> bool:
    """ "out of 110 people agreed in the swap, two decided to remain in Russia": a count qualified by an
    agreement word right after its noun is the agreed figure, and one in a clause of staying is who stayed."""
    lo, hi = s.clause_span(n.start)
    return _near(s.hits, "agree", phrase_end, phrase_end + 1) or _near(s.hits, "stay", lo, hi)


def _part_count(s: Sentence, n: NumberSpan) -> bool:
    """The count's own noun names a group within the people exchanged ("2 civilians", "14 officers"), not
    "130 soldiers, sailors and others" (a list after a noun of its own) nor "270 soldiers and 120 civilians"
    (the two added up)."""
    first = _first_at_or_after(s.hits, ("pow", "people", "captivity", "part_group"), n.end, n.end + 3)
    return first is not None and _near(s.hits, "part_group", first, first + 1) and _plus_part(s, n) is None


def _noun_window_end(s: Sentence, n: NumberSpan) -> int:
    """End of the window after a count for its noun. Category words between them do not use it up:
    "205 seriously wounded and seriously ill prisoners", "jeweils 205 schwer verwundete und schwer kranke
    Kriegsgefangene" (the categories describe the counted people)."""
    described = {
        i for key, spans in s.hits.items() if key.startswith(("cat:", "grp:")) for a, b in spans for i in range(a, b)
    }
    # A number in words counts the noun next to it ("two Ukrainian soldiers"), not one a clause away ("the
    # two leaders also discussed prisoner exchanges")
    i, budget = n.end, _SPELLED_AFTER if n.spelled else _AFTER
    while i < len(s.tokens) and budget > 0:
        linking = s.tokens[i] in s.topic.coordinators(s.language) and (i - 1 in described or i + 1 in described)
        if i not in described and not linking:
            budget -= 1
        i += 1
    return i


def _object(s: Sentence, n: NumberSpan, numbers: list[NumberSpan]) -> tuple[str, int] | None:
    """Kind of the counted noun and the index where the noun phrase ends (`numbers`: the sentence's)."""
    hi = _noun_window_end(s, n)
    body_after = _first_at_or_after(s.hits, ("body",), n.end, hi)
    person = _first_at_or_after(s.hits, ("pow", "captivity", "people", "part_group"), n.end, n.end + 2)
    if body_after is not None and person is not None and person < body_after:
        coordinated = any(t in s.topic.coordinators(s.language) for t in s.tokens[person:body_after]) or any(
            person < c <= body_after for c in s.clauses
        )  # "88 POWs, bodies of 160 fallen": a clause break ends the count's noun phrase as "and" does
        if coordinated:
            # "38 soldiers and (40 bodies | the bodies of 62)": the next count's body noun; "32 soldiers freed,
            # body of an Israeli returned": the count's noun phrase ended with its soldiers
            body_after = None
    if body_after is not None:
        person = _first_at_or_after(s.hits, ("pow", "people"), body_after + 1, body_after + 4)
        return "body", (person if person is not None else body_after) + 1
    body_before = max((a for a, _ in s.hits.get("body", ()) if n.start - _BEFORE <= a < n.start), default=None)
    gapped = body_before is not None and _conjunct_party(s, body_before, n.start)
    if body_before is not None and not gapped and not prisoners_conjunct(s, n):
        person = _first_at_or_after(s.hits, ("pow", "people"), n.end, hi)
        return "body", (person + 1) if person is not None else n.end
    objects = ("pow", "captivity", "people", "part_group")
    person = _first_at_or_after(s.hits, objects, n.end, hi)
    if person is None and s.language in s.topic.count_after_noun and _near(s.hits, "pow", n.start - 2, n.start):
        return "pow", n.end  # Swahili, Hausa: "wanajeshi 84", the number follows its noun
    if person is None:
        ours = _first_at_or_after(s.hits, ("ours",), n.end, n.end + _BEFORE)
        if ours is not None and s.has("exchange", "captivity", "pow"):
            return "pow", ours + 1  # "90 of ours", «90 наших», "90 de los nuestros": the speaker's people
        return _elliptical(s, n)
    return "pow", _phrase_end(s.hits, objects, person)


def _conjunct_party(s: Sentence, lo: int, hi: int) -> bool:
    """A party opening a conjunct of its own in [lo, hi) (after "and" or a clause break, an article between):
    "909 cuerpos de soldados caídos y Rusia 43", "…, Russland 38" — the count after it is that party's, not
    more of the bodies before it (unlike Hausa "gawawwakin sojojin Ukraine 909", the soldiers of Ukraine)."""
    ands = s.topic.coordinators(s.language)
    for c in ("party_ua", "party_ru"):
        for a, _ in s.hits.get(c, ()):
            if lo < a < hi and any(j in s.clauses or (j > 0 and s.tokens[j - 1] in ands) for j in (a, a - 1)):
                return True
    return False


def prisoners_conjunct(s: Sentence, n: NumberSpan) -> bool:
    """ "the bodies of 160 fallen and 88 POWs", «тіла 160 загиблих та 88 полонених»: a count that opens a
    conjunct of its own (after a coordinator or a clause break) and counts prisoners counts the living,
    not more of the bodies named before it (unlike "the bodies of 160 Ukrainian and 88 Russian soldiers")."""
    links = s.topic.coordinators(s.language)
    # right after "and" or a clause break, or up to two words on: "ainsi que 84", «…, а також 84»
    starts = range(n.start, max(n.start - 3, -1), -1)
    opens = any(j in s.clauses or (j > 0 and s.tokens[j - 1] in links) for j in starts)
    own = _first_at_or_after(s.hits, ("pow", "captivity", "people", "part_group"), n.end, n.end + _BEFORE)
    return (
        opens
        and own is not None
        and (_near(s.hits, "captivity", own, own + 1) or _near(s.hits, "prisoner", own, own + 1))
    )


def _elliptical(s: Sentence, n: NumberSpan) -> tuple[str, int] | None:
    """ "Ukraine gets 512 bodies back, hands over 27 to Russia", "Russia handed over 909 bodies and received 43
    in return": a count right after its verb, with no noun of its own, counts the noun an earlier clause or
    predicate counted (the kind of the count before it)."""
    lo, hi = s.clause_span(n.start)
    lo = _predicate_span(s, n, lo, hi)[0]
    gap = max((b - a for a, b in s.hits.get("continuation", ()) if b == n.start), default=0)  # "erhielt im Gegenzug 43"
    window = max(lo, n.start - 2 - gap)
    verb = any(window <= a < n.start for c in ("receive", "give") for a, _ in s.hits.get(c, ()))
    earlier = [(a, c) for c in _COUNTED for a, _ in s.hits.get(c, ()) if a < lo]
    bare = (
        n.end == len(s.tokens)
        or n.end in s.clauses
        or s.tokens[n.end] in s.topic.non_subject_prepositions
        or _near(s.hits, "continuation", n.end, n.end + 1)  # "43 in return", "43 en retour"
    )
    own = _own_people_after(s, n)
    if verb and (bare or own) and not any(a < n.start for a, _ in earlier):
        # "Russia got back 24 of its own", "Moscow received 19 in return", «Москва получила 80 своих»: the
        # sentence names no counted noun before the count — it counts the people of the sentences before
        return _EARLIER, n.end
    if not verb or not earlier or not bare:  # «РФ получила 20 мирных жителей»: a noun of its own
        return None
    numbers = [m for m in find_numbers(s.tokens[:lo], s.topic, s.language) if not _dated(s, m)]
    before = _object(s, numbers[-1], numbers) if numbers else None
    kind = before[0] if before and before[0] != _EARLIER else ("body" if max(earlier)[1] == "body" else "pow")
    return kind, n.end


def _each_governs(s: Sentence, n: NumberSpan, lo: int, hi: int) -> bool:
    """An "each" cue in the count's clause that no other count owns: in "exchanged 314 prisoners (157 each)" the
    "each" is the 157's (right after it), and the 314 is the total of both sides."""
    others = [m for m in s.numbers if m.start != n.start]
    for a, b in s.hits.get("each", ()):
        if not lo <= a < hi:
            continue
        if a == n.end or b == n.start or not any(a == m.end or b == m.start for m in others):
            return True  # "157 each", "jeweils 157" are that count's; "swapped 157 prisoners each" too
    return False


def _own_people_after(s: Sentence, n: NumberSpan) -> bool:
    """ "24 of its own", "24 av sine egne", "80 seiner eigenen", "80 de los suyos", «80 своих»: the subject's own
    people right after a bare count (at most two words between, no clause break)."""
    return any(n.end <= a <= n.end + 2 and not any(n.end < c <= a for c in s.clauses) for a, _ in s.hits.get("own", ()))


def _each_after(s: Sentence, n: NumberSpan) -> tuple[str, int] | None:
    """ "206 prisoners were exchanged, 103 from each side": a bare count followed by "each" counts the
    object named earlier in the sentence (its side is then both); so does one right after "each" that ends
    its clause — the verbless apposition "… 314 Gefangene ausgetauscht – jeweils 157", "…, each 157"."""
    lo, hi = s.clause_span(n.start)
    cues = (*s.hits.get("each", ()), *s.hits.get("distributive", ()))  # "jeweils 157", «po 157»
    each_before = n.end == hi and any(b == n.start and a >= lo for a, b in cues)
    if not _near(s.hits, "each", n.end, n.end + 3) and not each_before:
        return None
    before = [a for c in _COUNTED for a, _ in s.hits.get(c, ()) if a < n.start]
    if not before:
        return None
    kind = "body" if _near(s.hits, "body", max(before) - 1, max(before) + 1) else "pow"
    return kind, n.end


def _bare_in_clause(s: Sentence, n: NumberSpan, numbers: list[NumberSpan]) -> bool:
    """No counted noun after the count nor before it in its own clause: "…, России — 19" counts the
    noun of an earlier clause (the object window alone would lend it "тел" from that clause)."""
    if _object(s, n, numbers) is None:
        return True
    lo, _ = s.clause_span(n.start)
    after = _first_at_or_after(s.hits, _COUNTED, n.end, _noun_window_end(s, n))
    return after is None and lo > 0 and _first_at_or_after(s.hits, _COUNTED, lo, n.start) is None


def _gapped(s: Sentence, n: NumberSpan) -> tuple[str, str] | None:
    """ "The bodies were exchanged, with Ukraine retrieving 212 and Russia 45": a bare count right after
    a party (and its verb), the object named earlier: (kind, side) — the party receives, unless the verb
    before the count gives."""
    parties = [(a, side) for c, side in (("party_ua", _UA), ("party_ru", _RU)) for a, _ in s.hits.get(c, ())]
    near = [(a, side) for a, side in parties if n.start - 3 <= a < n.start and not _own_verb_clause(s, a, n.start)]
    before = [a for c in _COUNTED for a, _ in s.hits.get(c, ()) if a < n.start]
    bound = _destination_at(s, n.end)
    bare = (
        n.end == len(s.tokens)
        or s.tokens[n.end] in s.topic.ands(s.language)
        or n.end in s.clauses
        or _own_word(s, n.end)
        or bound is not None
    )
    if not bare or not before or not s.has("receive", "give"):
        return None  # "РФ получила 20 мирных жителей": a count with a noun of its own is not gapped
    kind = "body" if _near(s.hits, "body", min(before), n.start) else "pow"
    if bound is not None:
        return kind, bound  # "644 cuerpos para Ucrania y 39 para Rusia": the destination right after it
    if not near:
        we = [a for a, _ in s.hits.get("we", ()) if n.start - 3 <= a < n.start and a > min(before)]
        first = _clause_destination(s, 0, we[-1]) if we else None
        # «Украинской стороне передано 909 тел, нам — 43»: "us" is the side the first conjunct is not
        return (kind, _other(first)) if first is not None else None
    at, side = max(near)
    if _destination_over(s, at) == side:
        return kind, side  # "…, iar Rusiei 43", "and to Russia 19": the party as destination receives
    heads = [a for a, _ in parties if a < min(before)]
    if heads and _destination_over(s, max(heads)) is not None:
        return kind, side  # «Ukrainie przekazano ciała 909, Rosji zaś 43»: the first conjunct's recipient, in parallel
    if s.language in MORPHOLOGY_LANGUAGES and recipient(s.tokens, at, n.start, s.language or "") == side:
        return kind, side  # «Украине передано 1000 тел, России — 19»: the dative receives whatever the verb
    gives = [a for a, _ in s.hits.get("give", ()) if a < n.start] > [
        a for a, _ in s.hits.get("receive", ()) if a < n.start
    ]
    return kind, _other(side) if gives else side


def _own_verb_clause(s: Sentence, a: int, count: int) -> bool:
    """The count's clause starts after the party and has a verb of its own: "…1,000 bodies to Ukraine,
    receives 31", «…тел погибших военных ВСУ, получила 31» — the party ends the clause before, it is not
    gapped before this count ("and Russia 45", «России — 19» have no verb between)."""
    lo, _ = s.clause_span(count)
    return a < lo and any(lo <= v < count for c in ("receive", "give") for v, _ in s.hits.get(c, ()))


def _destination_at(s: Sentence, i: int) -> str | None:
    """The side a destination phrase starting at i names ("para Rusia", "to Russia")."""
    sides = {side for c, side in (("to_ua", _UA), ("to_ru", _RU)) for a, _ in s.hits.get(c, ()) if a == i}
    return sides.pop() if len(sides) == 1 else None


def _destination_over(s: Sentence, i: int) -> str | None:
    """The side a destination phrase holding token i names ("Rusiei", "to Russia")."""
    sides = {side for c, side in (("to_ua", _UA), ("to_ru", _RU)) for a, b in s.hits.get(c, ()) if a <= i < b}
    return sides.pop() if len(sides) == 1 else None


def _own_word(s: Sentence, i: int) -> bool:
    """The word at i is "own" alone, closing a bare count: «Rosja dostała 90 swoich», «Россия получила 90 своих»."""
    return any(a == i and (b == len(s.tokens) or b in s.clauses) for a, b in s.hits.get("own", ()))


def _verb(s: Sentence, n: NumberSpan) -> tuple[int, int] | None:
    """(position, +1 receiving / -1 giving) of the verb governing the count.

    The nearest verb before the count governs it ("Ukraine recovered the bodies of 300 … handed over by
    Russia"); only without one does the nearest verb after it count (passives: "84 were handed over").
    The count's own predicate is searched first: "… teslim etti ve karşılığında 27 … teslim aldı" (a
    verb-final second predicate) is governed by "teslim aldı", not by the first predicate's verb.
    """
    lo, hi = s.clause_span(n.start)
    for clause_lo, clause_hi in (_predicate_span(s, n, lo, hi), (lo, hi), (0, len(s.tokens))):
        before: tuple[int, int] | None = None
        after: tuple[int, int] | None = None
        for concept, sign in (("receive", 1), ("give", -1)):
            for a, _ in s.hits.get(concept, ()):
                if not clause_lo <= a < clause_hi or (not lo <= a < hi and _counts_in_clause(s, a)):
                    continue  # "Ukraine gets 512 bodies, hands over 27": that verb governs its own count
                if a < n.start and (before is None or a > before[0]):
                    before = (a, sign)
                elif a >= n.start and (after is None or a < after[0]):
                    after = (a, sign)
        if before or after:
            return before or after
    return None


def _not_subject(s: Sentence, a: int) -> bool:
    """A party after a preposition ("an exchange with Russia"), with a case ending or suffix of the
    language's (Hungarian "Ukrajnának", Turkish "Rusya'ya") or, in Russian/Ukrainian, in no nominative form
    («передала Украине», «украинской стороне») is not the subject."""
    if a > 0 and s.tokens[a - 1] in s.topic.non_subject_prepositions:
        return True
    language = s.language or ""
    if s.tokens[a].endswith(s.topic.case_endings.get(language, ())):
        return True  # "Ukrajnának", "Venäjältä": a case ending
    suffixes = s.topic.case_suffixes.get(language, frozenset())
    if a + 1 < len(s.tokens) and s.tokens[a + 1] in suffixes:
        return True  # "Rusya'ya": the case suffix after the apostrophe
    return s.language in MORPHOLOGY_LANGUAGES and not nominative(s.tokens[a], s.language or "")


def _party_before(s: Sentence, lo: int, hi: int, subject: bool = False) -> str | None:
    """The party named closest before index hi (and at or after lo); only one that can be the subject
    if `subject`."""
    at = _party_at(s, lo, hi, subject)
    return at[1] if at else None


def _party_at(s: Sentence, lo: int, hi: int, subject: bool = False) -> tuple[int, str] | None:
    """(index, side) of the party `_party_before` finds."""
    best: tuple[int, str] | None = None
    fallback: tuple[int, str] | None = None  # after a preposition: "an exchange with Russia"
    for concept, concept_side in _PARTIES:
        for a, b in s.hits.get(concept, ()):
            if not lo <= a < hi:
                continue
            side = _ours(s, a) or concept_side
            if _first_at_or_after(s.hits, _COUNTED, b, b + 1) is not None:
                continue  # "bodies it said were of Ukrainian soldiers": the counted people's nationality
            if _in_other_relative(s, a, hi):
                continue  # "Der Austausch, der den Oligarchen nach Russland brachte, befreite 95": no subject
            if _not_subject(s, a):
                if subject:
                    continue
                if fallback is None or a > fallback[0]:
                    fallback = (a, side)
            elif best is None or a > best[0]:
                best = (a, side)
    chosen = best or fallback
    if chosen is None or _coordinated(s, chosen[0]):
        return None  # "Ukraine and Russia held an exchange: 150 came home": both parties are no one side
    return chosen


def _in_other_relative(s: Sentence, a: int, at: int) -> bool:
    """Token a lies in a relative clause that does not hold position `at` (a verb or count outside it)."""
    span = s.relative_span(a)
    return span is not None and not span[0] <= at < span[1]


def _clause_subject(s: Sentence, lo: int, verb: int, subject: bool = False) -> str | None:
    """The subject of the verb at `verb` named in [lo, verb): not a party that an earlier verb governs
    with a coordinator between ("Rusia entregó a Ucrania 757 cuerpos y recibió 34": Ucrania is the
    object of "entregó"; the verbs share «Rusia»)."""
    at = _party_at(s, lo, verb, subject)
    if at is None:
        return None
    position, side = at
    earlier = any(lo <= a < position for c in ("receive", "give") for a, _ in s.hits.get(c, ()))
    if earlier and any(t in s.topic.coordinators(s.language) for t in s.tokens[position:verb]):
        return _shared_subject(s, position)
    return side


def _coordinated(s: Sentence, a: int) -> bool:
    """The party at a is the second of "Ukraine and Russia", «Україна та Росія», "Moscow, Kyiv"."""
    if a < 2 or s.tokens[a - 1] not in s.topic.ands(s.language):
        return False
    ends = {b for c in ("party_ua", "hq", "party_ru") for _, b in s.hits.get(c, ())}
    return a - 1 in ends


_PARTIES = (("party_ua", _UA), ("hq", _UA), ("party_ru", _RU), ("nat_ua", _UA), ("nat_ru", _RU), ("ours", _UA))


def _ours(s: Sentence, a: int) -> str | None:
    """The side a first-person word at a means: the source's, else Ukraine's."""
    if not any(x == a for x, _ in s.hits.get("ours", ())):
        return None
    return s.speaker or _UA


def _side_named_in(s: Sentence, lo: int, hi: int, concept: str) -> bool:
    """A nationality of side `concept` ("nat_ua"/"nat_ru") in [lo, hi), "our" counted for the source's side."""
    side = _UA if concept == "nat_ua" else _RU
    return any(
        (lo <= a < hi or lo < b <= hi) and (_ours(s, a) or side) == side
        for c in (concept, "ours")
        for a, b in s.hits.get(c, ())
    )


def _other(side: str) -> str:
    return _RU if side == _UA else _UA


def _subject(s: Sentence, n: NumberSpan) -> str | None:
    """The party that is the subject of the count's verb: before it in its clause, right after it
    ("erhielt Moskau"), or the subject of an earlier clause the verb shares ("…, and received 41")."""
    verb = _verb(s, n)
    if verb is None:
        return _party_before(s, 0, n.start, subject=True)
    lo, _ = s.clause_span(n.start)
    position = verb[0]
    found = _clause_subject(s, lo, position, subject=True)
    if found is None and lo <= position < n.start and _subject_between(s, position + 1, n.start):
        found = _party_before(s, position + 1, n.start, subject=True)
    return found or _shared_subject(s, min(lo, position))


def _shared_subject(s: Sentence, lo: int) -> str | None:
    """The subject of the verb before `lo`, which a clause without its own subject shares: "Russia
    handed over 1,000 bodies, and received 41", «Україна передала РФ 38 тіл, повернувши 1000»."""
    verbs = [a for c in ("receive", "give") for a, _ in s.hits.get(c, ()) if a < lo]
    hi = max(verbs) if verbs else lo
    return _party_before(s, 0, hi, subject=True) or _party_before(s, 0, hi)  # «За словами Зеленського»


def _passive_agent(s: Sentence, verb: int, hi: int) -> str | None:
    """The party after "by"/"von"/"par"/"por"/"da" right after a verb: the passive's agent."""
    for i in range(verb + 1, min(verb + 3, hi - 1)):
        if s.tokens[i] in s.topic.agent_prepositions:
            for concept, side in (("party_ua", _UA), ("party_ru", _RU)):
                if _near(s.hits, concept, i + 1, i + 2):
                    return side
    return None


def _by_verb(s: Sentence, n: NumberSpan) -> tuple[str, int] | None:
    """Side from the verb and the parties around it: "Russia handed Ukraine 1,200 bodies"."""
    verb = _verb(s, n)
    if verb is None:
        party = _party_before(s, 0, n.start)
        return (party, 1) if party else None
    position, sign = verb
    clause_lo, clause_hi = s.clause_span(n.start)
    agent = _passive_agent(s, position, clause_hi)
    if agent is not None:  # "three pilots had been released by Kyiv": the agent gives, or receives
        return (_other(agent), 1) if sign < 0 else (agent, 1)
    own = _party_before(s, clause_lo, n.start)
    if own is not None and not clause_lo <= position < clause_hi:
        return own, 2  # "…, while Ukraine said it had got 207 back": the clause's own party speaks
    if position < n.start:
        subject = _clause_subject(s, clause_lo, position) or _shared_subject(s, min(clause_lo, position))
        if subject is not None:
            return (subject, 2) if sign > 0 else (_other(subject), 0)
        between = _party_before(s, position + 1, n.start)  # the indirect object, the source, a subject
        if between is None:
            return None
        if sign > 0 and _subject_between(s, position + 1, n.start):
            return between, 2  # "Im Gegenzug erhielt Moskau 43", «получила Россия 43»: the subject follows
        return (between, 0) if sign < 0 else (_other(between), 2)
    subject = _party_before(s, clause_lo, n.start) or _party_before(s, 0, n.start)
    if subject is None:
        return None
    return (subject, 2) if sign > 0 else (_other(subject), 0)


def _subject_between(s: Sentence, lo: int, hi: int) -> bool:
    """A party between a verb and its count that can be the subject (no preposition, nominative)."""
    return any(
        lo <= a < hi and not _not_subject(s, a)
        for concept in ("party_ua", "party_ru", "hq")
        for a, _ in s.hits.get(concept, ())
    )


def _phrase_destinations(s: Sentence) -> dict[str, list[Span]]:
    """Destination phrases without the one-word party forms («Киеву», «Україні») whose case
    morphology has judged already."""
    language = s.language or ""
    return {
        c: [(a, b) for a, b in s.hits.get(c, ()) if b - a > 1 or not party_name(s.tokens[a], language)]
        for c in ("to_ua", "to_ru")
    }


def _predicate_span(s: Sentence, n: NumberSpan, lo: int, hi: int) -> tuple[int, int]:
    """The count's own predicate within its clause [lo, hi): cut at coordinators between two receive/give
    predicates ("Rusia entregó a Ucrania 757 cuerpos y recibió 34", "Rusya Ukrayna'ya 757 … teslim etti ve
    34 … teslim aldı", «России передали 90 … и вернули в Украину 90»: each destination is its own verb's)."""
    verbs = sorted(a for c in ("receive", "give") for a, _ in s.hits.get(c, ()) if lo <= a < hi)
    cuts = [
        i
        for i in range(lo + 1, hi)
        if s.tokens[i] in s.topic.coordinators(s.language) and any(v < i for v in verbs) and any(v > i for v in verbs)
    ]
    return max((i for i in cuts if i < n.start), default=lo), min((i for i in cuts if i >= n.end), default=hi)


def _clause_destination(s: Sentence, lo: int, hi: int) -> str | None:
    """The recipient this clause names: by case in Russian/Ukrainian («России передано», «в Україну»),
    else by a destination phrase in the same clause ("to Russia", "from Russian captivity")."""
    hits = s.hits
    if s.language in MORPHOLOGY_LANGUAGES:
        dates = s.date_tokens
        side = recipient(s.tokens, lo, hi, s.language or "", dates)
        if side is not None:
            return side
        hits = _phrase_destinations(s)  # «с подконтрольных Киеву территорий»: no recipient
    ua, ru = _near(hits, "to_ua", lo, hi), _near(hits, "to_ru", lo, hi)
    if ua != ru:
        return _UA if ua else _RU
    return None


def _both_sides_total(s: Sentence, n: NumberSpan, clause_lo: int) -> bool:
    """ "Moscow and Kyiv swap 218 prisoners", "206 prisonniers ont été échangés": a reciprocal verb with
    both parties or none, and no return/handover verb, counts both sides together."""
    lo = clause_lo if _near(s.hits, "exchange", clause_lo, n.start) else 0
    if not _near(s.hits, "exchange", lo, n.end + _AFTER) or _near(s.hits, "give", lo, n.end + _AFTER):
        return False
    if _near(s.hits, "receive", lo, n.end + _AFTER):
        return False
    ua = _near(s.hits, "party_ua", 0, n.start) or _near(s.hits, "hq", 0, n.start)  # "Moscow, Kyiv swap 218"
    ru = _near(s.hits, "party_ru", 0, n.start)
    return ua == ru


def _free_destination(s: Sentence, concept: str) -> bool:
    """A destination named in a clause without a count of its own ("…, hands over 27 to Russia" is
    that count's destination, not the sentence's), nor in a relative clause ("…, der Medwedtschuk nach
    Russland schickt" tells where a noun's referent went)."""
    return any(not _counts_in_clause(s, a) and s.relative_span(a) is None for a, _ in s.hits.get(concept, ()))


def _without_relative(s: Sentence, n: NumberSpan, phrase_end: int, lo: int, hi: int) -> tuple[int, int]:
    """The count's predicate span [lo, hi) without the relative clauses that modify another noun ("215
    fighters freed in a swap that sends Medvedchuk to Russia", "The swap that sent Medvedchuk to Russia freed
    95 …": Russia is where Medvedchuk went); a relative clause right after the count's noun ("215 fighters who
    returned to Ukraine") is the count's, and a count inside a relative clause is bound within it ("The swap
    that returned 90 POWs to Russia brought 95 home": 90 went to Russia, 95 home)."""
    own = s.relative_span(n.start)
    if own is not None:
        lo, hi = max(lo, own[0]), min(hi, own[1])
    for start, end in s.relatives:
        if lo <= start < n.start and end <= n.start:
            lo = max(lo, end)
        elif max(lo, phrase_end + 2) <= start < hi:
            hi = start
    return lo, hi


def _counts_in_clause(s: Sentence, i: int) -> bool:
    lo, hi = s.clause_span(i)
    return any(t.isdecimal() for t in s.tokens[lo:hi])


_HEADLESS = 4  # "а Росії", «по данным Киева», "according to Kyiv": a short clause without a verb of its own


def _headless_destination(s: Sentence, clause_lo: int) -> str | None:
    """The recipient named by the short clauses right before this one that have no verb nor count of their
    own: the gapped «Україні передали тіла 245 загиблих, а Росії — тіла 31», and «Украинской стороне, по
    данным Киева, был передан 71 военнопленный» (the dative, then the source, then the predicate)."""
    hi = clause_lo
    for lo in sorted((c for c in s.clauses if c < clause_lo), reverse=True):
        if hi - lo > _HEADLESS or any(s.tokens[i][:1].isdecimal() for i in range(lo, hi)):
            return None
        if any(lo <= a < hi for c in ("receive", "give", "exchange", "return") for a, _ in s.hits.get(c, ())):
            return None
        found = _clause_destination(s, lo, hi)
        if found is not None:
            return found
        hi = lo
    return None


def _side(s: Sentence, n: NumberSpan, phrase_end: int, guess: bool = True) -> tuple[str, int]:
    """(side, rank) of a count: who received it, and how directly the sentence says so. Without `guess`,
    only what the sentence tells (the people's nationality, each side, a recipient or destination), not the
    other side of a giver read from the verb and the parties around it."""
    verb = _verb(s, n)
    clause_lo, clause_hi = s.clause_span(n.start)
    rank = 1 if verb is None else (2 if verb[1] > 0 else 0)
    if verb is not None and not clause_lo <= verb[0] < clause_hi and _counts_in_clause(s, verb[0]):
        rank = 1  # a verb with a count of its own ("…, while Kyiv said 189 returned home") ranks only that one
    if _near(s.hits, "grp:mariupol_defenders", n.end, phrase_end + 2):
        rank = -1  # "27 defenders of Mariupol": a part, used only when nothing else is said
    # One word after the noun phrase: adjectives follow nouns in the Romance languages. The word before the
    # count only when no preposition governs it: «dostala od Ruska tisíc těl» (from Russia) names the giver.
    lo, hi = max(n.start - 1, clause_lo), min(phrase_end + 1, clause_hi)
    if lo == n.start - 1 and lo > 0 and s.tokens[lo - 1] in s.topic.non_subject_prepositions:
        lo = n.start
    ua = _side_named_in(s, lo, hi, "nat_ua") or _near(s.hits, "nat_ua_after", phrase_end, phrase_end + 1)
    ru = _side_named_in(s, lo, hi, "nat_ru") or _near(s.hits, "nat_ru_after", phrase_end, phrase_end + 1)
    if ua and ru and lo == n.start - 1:
        # "dalla prigionia russa 84 soldati ucraini": the word before the count is another noun's (whose captivity)
        # when the count's own noun phrase names a side
        ua, ru = _side_named_in(s, n.start, hi, "nat_ua"), _side_named_in(s, n.start, hi, "nat_ru")
    if ua != ru:
        return (_UA if ua else _RU), rank
    if _near(s.hits, "own", lo, min(n.end + 4, clause_hi)):
        subject = _subject(s, n)  # «Россия вернула 250 своих военнослужащих»: the subject's own people
        if subject is not None:
            return subject, 2
    if _near(s.hits, "same_number", clause_lo, clause_hi) or _each_governs(s, n, clause_lo, clause_hi):
        return _BOTH, 1
    if _near(s.hits, "distributive", n.start - 1, n.start):
        return _BOTH, 1  # «wymieniły po 84 jeńców»: 84 to each side
    predicate_lo, predicate_hi = _without_relative(s, n, phrase_end, *_predicate_span(s, n, clause_lo, clause_hi))
    destination = _clause_destination(s, predicate_lo, predicate_hi)
    if destination is None:
        destination = _headless_destination(s, clause_lo)
    if destination is not None:
        return destination, rank
    if _both_sides_total(s, n, clause_lo):
        return _TOTAL, 1
    if guess and verb is not None and clause_lo <= verb[0] < n.start:
        bound = _by_verb(s, n)  # the clause's own verb and subject: "…, while Russia received 43"
        if bound is not None:
            return bound
    ua, ru = _free_destination(s, "to_ua"), _free_destination(s, "to_ru")
    if ua != ru:
        return (_UA if ua else _RU), rank
    if _near(s.hits, "recipient_ua", clause_lo, clause_hi):
        return _UA, rank
    if not guess:
        return _UNKNOWN, 1
    subject = None
    if verb is not None and verb[1] > 0 and verb[0] >= n.end:
        # a count whose own receiving verb comes after it ("Russland hat 90 Soldaten zurückerhalten"): the side of
        # the clause's subject; in a subject-object-verb language also one before the comma, Turkish "Ukrayna
        # tarafı, takasla 215 kişinin ülkeye döndüğünü bildirdi" (the Ukrainian side said 215 people came home),
        # not a handover phrase's ("Ukrayna, Rusya'dan 800 … teslim aldı": the party with a case suffix is none)
        subject = _party_before(s, clause_lo, n.start, True)
        if subject is None and s.language in s.topic.sov:
            subject = _party_before(s, 0, n.start, True)
    if subject is not None:
        return subject, 2
    if s.has("handover_subject_ru"):
        return _UA, 0
    if s.has("handover_subject_ua"):
        return _RU, 0
    return _by_verb(s, n) or (_UNKNOWN, 1)


def _additive(s: Sentence, n: NumberSpan) -> bool:
    """The nearest additive cue before the count in its clause is "in addition"/"also"/«кроме того», not
    "in addition to" (whose count is the figure added to): the count is an extra."""
    lo, _ = s.clause_span(n.start)

    def governs(a: int, b: int) -> bool:  # in the count's clause, or opening the sentence ("In addition, …")
        return (lo <= a or a <= 1) and b <= n.start

    verbs = {a for c in ("agree", "reporting", "modal", "announce") for a, _ in s.hits.get(c, ())}
    # "the two leaders also agreed that …": an "also" before the clause's verb adds the verb, not a count
    cues = [(a, b, False) for a, b in s.hits.get("additive", ()) if governs(a, b) and b not in verbs]
    cues += [(a, b, True) for a, b in s.hits.get("additive_to", ()) if governs(a, b)]
    if not cues:
        return False
    _, _, base = max(cues, key=lambda cue: (cue[0], cue[1]))  # the latest cue; at one start the longer
    return not base


def _other_day(m: DateMention, when: date | None) -> bool:
    """The stated day or month is not the event's (any stated one, when the event has no date); a weekday or
    "today" is too loose to tell."""
    if m.month is None:
        return False
    if when is None or (m.year is not None and m.year != when.year):
        return True
    return m.month != when.month if m.day is None else (m.month, m.day) != (when.month, when.day)


def _another_days_clause(s: Sentence, at: int, when: date | None, of_label: bool = False) -> bool:
    """Token `at` (a count, a group) stands in a clause opened by "when" right after a stated day or month
    that is not this event's: "the first exchange since October, when both sides freed 185 each", «перший з
    жовтня, коли…», "seit Oktober, als …", "pierwsza od lutego, kiedy …" tell that day's figures and people.
    The when-word opens a clause (after a comma): German "seit Mai 2022 als vermisst" is "as". A group
    (`of_label`) is that day's only when the clause tells an act or a count of its own: "captured in May
    2022, when the defenders of Mariupol laid down their arms" names this event's people's past."""
    lo, hi = s.clause_span(at)
    opens = [a for a, _ in s.hits.get("when_relative", ()) if lo <= a < at and a in s.clauses]
    if not any(m.end == a and _other_day(m, when) for a in opens for m in s.dates):
        return False
    if not of_label:
        return True
    dated = s.date_tokens
    counted = any(lo <= n.start < hi and n.start not in dated for n in s.numbers)
    return counted or any(lo <= a < hi for c in (*_PREDICATE_CUES, "done") for a, _ in s.hits.get(c, ()))


def counts(
    s: Sentence,
    topic: Topic,
    order: int = 0,
    completed: bool = True,
    agreed: bool = False,
    *,
    event_day: date | None = None,
    skip_other_days: bool = False,
) -> list[Count]:
    """Counts of people or bodies in one sentence, with the side that received them; with `skip_other_days`,
    not those a "when" clause gives a day other than `event_day` (the event's, None when it has none)."""
    numbers = s.numbers if topic is s.topic else find_numbers(s.tokens, topic, s.language)
    found: list[Count] = []
    pairs = n_for_n(s.tokens, numbers, topic) + _split_formulas(s, numbers, topic)
    for pair in pairs:
        if completed and s.has("agree", "deal") and not s.has("done"):
            continue  # "the 1000-for-1000 deal": the agreement, not this stage
        if completed and _near(s.hits, "operation_scope", 0, pair.start) and s.has("stage_noun", "agree", "deal"):
            continue  # "the third stage … within the 1000-for-1000 format": the whole operation's figure
        kind = "body" if _near(s.hits, "body", pair.start - _BEFORE, pair.end + _AFTER) else "pow"
        found.append(Count(pair.value, _BOTH, kind, s.text, 1, order, formula=True))
    added = {part for m in numbers for part in [_plus_part_at(s, m)] if part is not None}
    # a number word said twice is distributive (Hungarian "ötven-ötven", fifty each): the first counts for both
    doubled = {m.start for m, o in itertools.pairwise(numbers) if m.spelled and o.start == m.end and o.value == m.value}
    repeats = {o.start for m, o in itertools.pairwise(numbers) if m.start in doubled}
    for n in numbers:
        if n.start in repeats:
            continue
        if any(p.start <= n.start < p.end for p in pairs) or n.start in added or _skip(s, n, agreed):
            continue  # the "120 civilians" of "270 soldiers and 120 civilians" counts in the first's sum
        if skip_other_days and _another_days_clause(s, n.start, event_day):
            continue
        gapped = _gapped(s, n) if _bare_in_clause(s, n, numbers) and _each_after(s, n) is None else None
        if gapped is not None:
            found.append(Count(n.value, gapped[1], gapped[0], s.text, 1, order))
            continue
        obj = _object(s, n, numbers) or _each_after(s, n)
        if obj is None:
            continue
        kind, phrase_end = obj
        if kind == "pow" and n.value > MAX_POW_COUNT:
            continue
        if completed and _not_returned(s, n, phrase_end):
            continue
        # an agreed body count's side is told, never guessed: "Russland ist bereit, der Ukraine 6000 Leichen
        # zu übergeben" has no giver named, and Ukraine, before the count, is not one
        side, rank = _side(s, n, phrase_end, guess=not (agreed and kind == "body"))
        if n.start in doubled:
            side = _BOTH  # "ötven-ötven katona": fifty each
        if _part_count(s, n):
            rank = -1  # "12 civilians", "108 women": a part, the side's count only when nothing else is said
        following = tuple(m.value for m in numbers if m.start >= n.end and not _dated(s, m))
        plus = _plus_part(s, n) or 0
        extra = _additive(s, n)
        value = n.value + plus
        day = _clause_day(s, n.start)
        found.append(
            Count(value, side, kind, s.text, rank, order, following=following, extra=extra, added=plus, day=day)
        )
    return found


_FORMULA_GAP = 3  # the counted noun between the two counts of a split formula ("84 prisoners of war for 84")


def _split_formulas(s: Sentence, numbers: list[NumberSpan], topic: Topic) -> list[NumberSpan]:
    """ "swapped 84 prisoners of war for 84", «обменяли 84 военнопленных на 84», "84 Kriegsgefangene gegen 84": a
    formula whose first count has its noun and whose second is bare (no counted noun of its own: "84 Russian POWs
    for 84 Ukrainian soldiers" is bound by its nationalities) — not "84 soldati e 84 civili", an "and"."""
    ands = topic.ands(s.language)
    out: list[NumberSpan] = []
    for a, b in itertools.pairwise(numbers):
        link = b.start - 1
        if a.value != b.value or not 0 < link - a.end <= _FORMULA_GAP:
            continue
        if (
            s.tokens[link] not in topic.n_for_n
            or s.tokens[link] in ands
            or any(c in range(a.end, b.start + 1) for c in s.clauses)
        ):
            continue
        if _first_at_or_after(s.hits, _COUNTED, a.end, link) is None:
            continue  # the words between are the first count's noun
        if _first_at_or_after(s.hits, _COUNTED, b.end, b.end + 2) is None:
            out.append(NumberSpan(a.start, b.end, a.value))
    return out


def _clause_day(s: Sentence, at: int) -> tuple[int | None, ...] | None:
    """The one day the clause of token `at` states: a date or a weekday ("on Friday 390 were handed over")."""
    lo, hi = s.clause_span(at)
    days = {(m.month, m.day, m.weekday, m.offset) for m in s.dates if lo <= m.start < hi and not m.start <= at < m.end}
    days = {d for d in days if d[1] is not None or d[2] is not None or d[3] is not None}
    return days.pop() if len(days) == 1 else None


def _sum_of_days(all_counts: list[Count], others: list[Count]) -> list[Count]:
    """ "303 each on Sunday … on Friday 390 …, on Saturday 307 each. In total 1,000 Ukrainians have come home":
    a count told on no day of its own that adds up the counts told for two or more different days is the
    operation's running total, not one handover's (`others`: the counts of the article's other sentences)."""
    by_day: dict[tuple[int | None, ...], int] = {}
    for c in [*all_counts, *others]:
        if c.day is not None and not c.formula and c.rank >= 0 and not c.extra:
            by_day.setdefault(c.day, c.value)
    if len(by_day) < 2:
        return all_counts
    total = sum(by_day.values())
    return [c for c in all_counts if c.day is not None or c.formula or c.value != total]


def _operation_formula(c: Count, all_counts: list[Count]) -> bool:
    """ "The second stage of the 1000-for-1000 exchange: 307 returned", "… 1000 for 1000 … today 303 for
    303": a formula larger than a count (or another formula) the text gives for one handover names the
    whole operation, not this handover."""
    return c.formula and any(
        o.kind == c.kind and o.side != _TOTAL and o.rank >= 0 and not o.extra and o.value < c.value for o in all_counts
    )


def _assign(all_counts: list[Count], kind: str, keys: tuple[str, str], totals: list[Count] | None = None) -> list[Fact]:
    """Per side the count with the most direct wording; `totals`: counts of lines without a verb ("230 of
    our people."), which only ever stand as the total of the chosen count and its parts."""
    ua_key, ru_key = keys
    extras = {(c.side, c.value) for c in all_counts if c.kind == kind and c.extra}

    def weight(c: Count) -> tuple[bool, int]:  # an extra, wherever its figure is repeated, ranks last
        return ((c.side, c.value) not in extras, c.rank)

    best: dict[str, Count] = {}
    for c in all_counts:
        if c.kind != kind or c.side == _UNKNOWN or _operation_formula(c, all_counts):
            continue
        for side, key in ((_UA, ua_key), (_RU, ru_key)):
            if c.side in (side, _BOTH) and (key not in best or weight(c) > weight(best[key])):
                best[key] = c
    if ua_key not in best or best[ua_key].rank < 0:
        unknown = [c for c in all_counts if c.kind == kind and c.side == _UNKNOWN and c.rank >= 0]
        if unknown:  # reports are overwhelmingly about Ukraine's returns when no side is named
            best[ua_key] = unknown[0]
    for key, sides in ((ua_key, (_UA, _BOTH, _UNKNOWN)), (ru_key, (_RU, _BOTH))):
        if key in best:
            pool = [*all_counts, *(totals or ())]
            best[key] = _total_of(best[key], [c for c in pool if c.kind == kind and c.side in sides])
    return [Fact(k, best[k].value, best[k].sentence) for k in keys if k in best]


def _total_of(part: Count, others: list[Count]) -> Count:
    """ "141 Ukrainians are coming home! … 132 servicemen were freed, and also 9 civilians": a count that
    the chosen one and the counts after it in its sentence add up to is the total, and outranks it; so does
    a count elsewhere that is the chosen one and a group added to it ("175 military were freed" in one
    sentence, "175 defenders and 22 severely wounded are coming home" in another: 197)."""
    sums = set(itertools.accumulate(part.following, initial=part.value)) - {part.value}
    summed = (c for c in others if c.added and c.value - c.added == part.value and not c.extra)
    return next((c for c in others if c.value in sums), None) or next(summed, part)


def _labels(
    sentences: list[Sentence],
    prefix: str,
    names: tuple[str, ...],
    of_bodies: bool = False,
    *,
    event_day: date | None,
) -> tuple[tuple[str, ...], str]:
    """Category/group labels in order of appearance. A longer criterion hides those inside it ("severely
    wounded" hides "wounded"); groups hide none, they are not refinements of one another («захисники та
    захисниці Маріуполя» names the women and the garrison). A label in a clause that counts a running total
    ("among those freed over the two days are 20 defenders of Mariupol", "since 2022 … including 500 women")
    describes the total, not this event."""
    found: list[tuple[int, int, str]] = []
    sentence = ""
    for s in sentences:
        spans = [(a, b, name) for name in names for a, b in s.hits.get(prefix + name, ())]
        for a, b, name in spans:
            inside = any(a2 <= a and b <= b2 and (b2 - a2) > (b - a) for a2, b2, _ in spans)
            if inside and prefix == "cat:":
                continue
            if s.has("cumulative") and running_total(s, *s.clause_span(a)):
                continue
            if _another_days_clause(s, a, event_day, of_label=True):
                continue  # "the first since October, when 20 civilians were freed": that day's people
            if of_bodies and not _near(s.hits, "body", a - _AFTER - 1, a):
                continue  # "the bodies of 64 defenders of Azovstal", not "handed over to police officers"
            found.append((s.index * 10_000 + a, b, name))
            sentence = sentence or s.text
    ordered = [name for _, _, name in sorted(found)]
    return tuple(dict.fromkeys(ordered)), sentence


def _ordinal(token: str, topic: Topic, language: str | None = None) -> int | None:
    if token[:1].isdecimal():
        digits = token.rstrip("abcdefghijklmnopqrstuvwxyzийгоеяю")
        if digits.isdecimal() and digits != token and int(digits) <= 20:
            return int(digits)
        return None
    if token in topic.weekdays and token not in topic.ordinals.exact:
        return None  # «w piątek», «в пятницу», "v pátek": the ordinal's stem, but a weekday
    value = topic.ordinals_for(language).get(token)  # Latvian "otr*" (second) is no Spanish "otro"
    return int(value) if value else None


def _stage_window(s: Sentence, i: int, topic: Topic) -> tuple[int, int]:
    """Where the stage noun may follow the ordinal at i: right after it or one word on, or after a
    coordinated adjective ("the third and final stage", «третій і останній етап»)."""
    nxt = s.tokens[i + 1 : i + 3]
    if len(nxt) == 2 and nxt[0] in topic.ands(s.language) and _ordinal(nxt[1], topic, s.language) is None:
        return i + 3, i + 4
    return i + 1, i + 3


def _stage_number(s: Sentence, topic: Topic) -> int | None:
    """The ordinal of a stage the sentence names ("the second stage", «третій етап обміну»), if any."""
    if not s.has("exchange", "return", "stage_series"):
        return None
    nouns = [a for c in ("stage_noun", "stage_exchange_noun") for a, _ in s.hits.get(c, ())]
    # each noun in turn, the word nearest it first: «w piątek drugi etap»
    for i in dict.fromkeys(j for a in sorted(nouns) for j in (a - 1, a - 2, a - 3) if j >= 0):
        value = _ordinal(s.tokens[i], topic, s.language)
        if not value:
            continue
        window = _stage_window(s, i, topic)
        if _near(s.hits, "talks", i + 1, i + 6):
            continue  # "the second round of talks"
        if i + 1 < len(s.tokens) and find_numbers(s.tokens[i + 1 : i + 2], topic, s.language):
            continue  # "the first two stages", «у перших двох етапах»: several stages, not one
        if _near(s.hits, "stage_noun", *window):
            return value
        series = s.has("stage_series") and not s.has("cumulative") and value <= 5
        if series and _near(s.hits, "stage_exchange_noun", *window):
            return value
        if 1 < value <= _SHORT_SERIES and _in_short_series(s, window):
            return value  # "the first exchange since Feb. 5" tells a gap, not a stage
    return None


_SHORT_SERIES = 10  # a stage ordinal in a series of days: "the sixth exchange since June 9"
_SERIES_GAP = 3  # words between the exchange noun and the series' window


def _in_short_series(s: Sentence, window: tuple[int, int]) -> bool:
    """The exchange noun in `window` is numbered in a series of days, not of the war or the year: "the fourth
    exchange this week", «четвертий обмін за тиждень», "the fifth swap since June 9", "al șaselea schimb din 9
    iunie" ("since" only before a stated day and month: "the 49th since February 2022" is a running total)."""
    nouns = [b for a, b in s.hits.get("stage_exchange_noun", ()) if window[0] <= a < window[1]]
    if not nouns:
        return False
    noun_end = nouns[0]
    for a, b in s.hits.get("short_series", ()):
        if not noun_end <= a <= noun_end + _SERIES_GAP:
            continue
        if b - a > 1 or any(m.start == b and m.day is not None and m.month is not None for m in s.dates):
            return True  # a week's window, or "since" right before a day of a month
    return False


def _planned(s: Sentence) -> bool:
    return s.has("plan", "modal") and not s.has("done")


def _stage(sentences: list[Sentence], topic: Topic) -> Fact | None:
    for s in sentences:
        value = None if _planned(s) else _stage_number(s, topic)
        if value:
            return Fact("stage", value, s.text)
    return None


def _stage_from_series(article: list[Sentence], when: date | None, topic: Topic) -> Fact | None:
    """A stage the evidence does not number: "This is the second stage …" opening any sentence names it;
    else from the stages the text names around it: "tomorrow the third stage is expected" makes this the
    second; "the day before, within the first stage, 200 were returned" makes this the second too."""
    for s in article:
        value = _stage_number(s, topic)
        if value and any(a == 0 for a, _ in s.hits.get("this_is", ())):
            return Fact("stage", value, s.text)
    for s in article:
        value = _stage_number(s, topic)
        if not value:
            continue
        future = _planned(s) or any(m.offset is not None and m.offset > 0 for m in s.dates)
        earlier = s.recalled or (when is not None and s.date is not None and s.date < when)
        if future and not earlier and value > 1:
            return Fact("stage", value - 1, s.text)
        if earlier and not future:
            return Fact("stage", value + 1, s.text)
    return None


def _running_total_sentences(article: list[Sentence], context: list[Sentence], when: date | None) -> list[Sentence]:
    """Sentences left out of the context only for a running total in them ("the UAE brokered the exchange,
    the 55th since the invasion"): no recall word, no other day, about an exchange."""
    ids = {id(s) for s in context}
    out: list[Sentence] = []
    for s in article:
        if id(s) in ids or s.recalled or s.has("recall") or not s.has("exchange", "return"):
            continue
        days = {(m.month, m.day) for m in s.dates if m.day is not None and m.month is not None}
        if days and (when is None or (when.month, when.day) not in days):
            continue
        if s.has("cumulative"):
            out.append(s)
    return out


def _habitual(s: Sentence, i: int) -> bool:
    """ "Such handovers take place regularly, mostly with the help of the Red Cross": the clause says what
    usually happens, not who helped this time."""
    return _near(s.hits, "habitual", *s.clause_span(i))


def _mediators(sentences: list[Sentence], topic: Topic) -> Fact | None:
    """Mediators named near a mediation cue, and those coordinated with one ("thanks Qatar, the UAE,
    Saudi Arabia and the Holy See for their mediation": a long list outruns the cue's window)."""
    names: list[str] = []
    sentence = ""
    for s in sentences:
        spans = sorted(
            (a, b, name)
            for name in topic.mediator_names
            for a, b in s.hits.get("med:" + name, ())
            if not s.names_a_persons_nationality(a, b)
            and not _party_between(s, a)  # "a U.S. citizen who helped our people"
        )
        kept = [(a, b, name) for a, b, name in spans if _cued(s, a, b)]
        grown = True
        while grown:
            grown = False
            for a, b, name in spans:
                joined = any(0 <= a - b2 <= _LIST_GAP or 0 <= a2 - b <= _LIST_GAP for a2, b2, _ in kept)
                if (a, b, name) not in kept and joined and not _habitual(s, a):
                    kept.append((a, b, name))
                    grown = True
        for _, _, name in sorted(kept):
            if name not in names:
                names.append(name)
                sentence = sentence or s.text
    return Fact("mediators", tuple(names), sentence) if names else None


_BETWEEN_GAP = 6  # "between Ukraine and the United States"


def _party_between(s: Sentence, a: int) -> bool:
    """The name is one of the two an exchange is "between" ("a swap between the US and Russia"): a party,
    not a mediator."""
    ands = s.topic.ands(s.language)
    for _, end in s.hits.get("between", ()):
        if 0 <= a - end <= 1:
            return True
        joined = any(t in ands for t in s.tokens[max(end, a - 2) : a])  # "… and [the] US", not "… with UAE"
        if 0 < a - end <= _BETWEEN_GAP and joined:
            return True
    return False


def _cued(s: Sentence, a: int, b: int) -> bool:
    """A mediation cue within the window of the name, neither of them in a clause about what usually
    happens."""
    if _habitual(s, a):
        return False
    cues = s.hits.get("mediation", ())
    return any(a - _MEDIATOR_WINDOW <= c < b + _MEDIATOR_WINDOW and not _habitual(s, c) for c, _ in cues)


def _agreement_facts(
    sentences: list[Sentence], topic: Topic, context: list[Sentence], when: date | None = None
) -> list[Fact]:
    """Agreed figures ("about 12,000 bodies": an agreed figure may be round) and the venue, from the
    agreement's sentences, else from the talks the text names."""
    facts: dict[str, Fact] = {}

    def terms(s: Sentence) -> list[Count]:  # not "the first since October, when 185 each were freed"
        return counts(s, topic, completed=False, agreed=True, event_day=when, skip_other_days=True)

    found = [c for s in sentences for c in terms(s)]
    if not any(c.kind == "pow" for c in found):
        found += [c for s in _terms_told(sentences, context, when) for c in terms(s)]
    for c in sorted(found, key=lambda c: c.extra):  # "In addition, 23 wounded …" only when nothing else is agreed
        if c.kind == "body":
            facts.setdefault("agreed_bodies", Fact("agreed_bodies", c.value, c.sentence))
            # "6,000 bodies each", «передача Украине 6 тыс. тел»: who is to receive them, when the text says
            # (counts() guesses no side for them)
            for side, key in ((_UA, "agreed_bodies_to_ukraine"), (_RU, "agreed_bodies_to_russia")):
                if c.side in (side, _BOTH):
                    facts.setdefault(key, Fact(key, c.value, c.sentence))
            continue
        if c.side in (_UA, _BOTH, _UNKNOWN):
            facts.setdefault("agreed_to_ukraine", Fact("agreed_to_ukraine", c.value, c.sentence))
        if c.side in (_RU, _BOTH, _UNKNOWN):
            facts.setdefault("agreed_to_russia", Fact("agreed_to_russia", c.value, c.sentence))
    for s in [*sentences, *(c for c in context if c.has("talks", "agree") and not c.recalled)]:
        named = [(a, name) for name in topic.venue_names for a, _ in s.hits.get("ven:" + name, ())]
        if named:
            facts.setdefault("venue", Fact("venue", min(named)[1], s.text))
    agreed = {f.value for f in facts.values() if isinstance(f.value, int)}
    about = [
        *sentences,
        *(
            c
            for c in context
            if not c.recalled
            and c not in sentences
            and (c.has("agree", "plan") or _repeats(c, agreed, topic) or _who_is_to_go(c))  # "the 30 … included"
        ),
    ]
    about = _with_antecedents(about, context)
    return [*facts.values(), *_category_facts(about, topic, event_day=when)]  # wounded, under 25…


_ACT_OR_HANDOVER = ("exchange", "return", "give", "receive")  # generic.py/stories.py _ACTS: the first two only


def _terms_told(sentences: list[Sentence], context: list[Sentence], when: date | None) -> list[Sentence]:
    """Other sentences of an agreement's report that tell its terms as a deal or a plan: "Russland und die
    Ukraine wollen jeweils 900 Kriegsgefangene freilassen", «Договоренность 900 на 900 остается в силе», «как
    договаривались, по 1200 военнослужащих с каждой стороны» (not a handover told done, a recall, another
    day's deal — "At the talks on May 16 they agreed on 1,000 for 1,000" — nor a list of names)."""
    return [
        c
        for c in context
        if c not in sentences
        and not c.recalled
        and not c.has("recall", "paperwork")
        and not _dated_elsewhere(c, when)
        and (c.has("agree", "deal") or (c.has("plan", "modal") and not c.has("done") and c.has(*_ACT_OR_HANDOVER)))
    ]  # not "there could still be 1,000 fighters": a possibility names no act


def _who_is_to_go(s: Sentence) -> bool:
    """ "The first stage will include the seriously wounded", «першими мають повернутися важкопоранені», "the
    agreed categories: wounded, …", "Vorrang hätten Schwerverletzte und Frauen": in an agreement's report, a
    sentence about the exchange, its people or its criteria that reports nothing done names whom the
    agreement covers."""
    about = s.has("return", "exchange", "pow", "captivity", "stage_noun", "members", "breakdown", "criteria")
    return about and not s.has("done", "recall")


def _repeats(s: Sentence, values: set[int], topic: Topic) -> bool:
    """The sentence names one of these counts again: it is about the same people."""
    return bool(values) and any(n.value in values for n in find_numbers(s.tokens, topic, s.language))


def _with_antecedents(chosen: list[Sentence], pool: list[Sentence]) -> list[Sentence]:
    """ "53 seriously wounded fighters were evacuated. They are to be exchanged …": a sentence opening
    with a pronoun is about the previous sentence's people, so that sentence names who they are."""
    by_index = {s.index: s for s in pool}
    have = {s.index for s in chosen}
    out = list(chosen)
    for s in chosen:
        previous = by_index.get(s.index - 1)
        if previous is not None and previous.index not in have and any(a == 0 for a, _ in s.hits.get("anaphor", ())):
            out.append(previous)
            have.add(previous.index)
    return out


_PREDICATE_CUES = ("exchange", "return", "receive", "give")  # "our team managed to bring 189 Ukrainians home"


def _count_sentences(sentences: list[Sentence], context: list[Sentence]) -> list[Sentence]:
    """The evidence first (headline first), then other sentences about the same event with a verb."""
    ids = {id(s) for s in sentences}
    predicate = _PREDICATE_CUES
    extra = [
        s
        for s in context
        if id(s) not in ids
        and (s.has(*predicate) or s.has("same_number"))  # «Tyle samo jeńców trafiło do Rosji»: a mirror
        and not s.has("agree")
        and not (s.has("plan", "modal", "conditional") and not s.has("done"))  # "ready to hand over 2,239 more"
    ]
    return list(sentences) + extra


def _mirror_clauses(s: Sentence) -> list[tuple[int, int]]:
    """Clauses saying "the same number" without a count of their own."""
    spans = {s.clause_span(a) for a, _ in s.hits.get("same_number", ())}
    return sorted((lo, hi) for lo, hi in spans if not any(t.isdecimal() for t in s.tokens[lo:hi]))


def _mirrored_side(s: Sentence, lo: int, hi: int, given: str) -> str:
    """Who receives "the same number": the side the clause names (a nationality, or the subject's own
    people), else the other side than the count it repeats."""
    ua, ru = _side_named_in(s, lo, hi, "nat_ua"), _side_named_in(s, lo, hi, "nat_ru")
    if ua != ru:
        return _UA if ua else _RU
    if _near(s.hits, "own", lo, hi):
        subject = _party_before(s, lo, hi, subject=True) or _shared_subject(s, lo)
        if subject is not None:
            return subject  # «Російська сторона отримала стільки ж своїх військових»
    return _other(given)


def _with_mirrored(found: list[tuple[Sentence, list[Count]]]) -> list[Count]:
    """ "Ukraine handed over 49 people. Russia handed over the same number of Ukrainian prisoners", «Россия
    вернула 250 своих военнослужащих, передав Украине такое же число»: a clause giving "the same number"
    without a count of its own mirrors the one-sided count before it — in an earlier clause of its
    sentence, else in the nearest sentence before it that has one — to the other side (or to the side
    the clause names)."""

    def sided(found_counts: list[Count]) -> list[Count]:
        return [c for c in found_counts if c.side in (_UA, _RU) and c.rank >= 0]  # not "12 women" among them

    by_index = {s.index: sided(found_counts) for s, found_counts in found if sided(found_counts)}
    out: list[Count] = []
    for s, found_counts in found:
        out += found_counts
        clauses = _mirror_clauses(s) if s.has("same_number") else []
        if not clauses:
            continue
        earlier = [i for i in by_index if i < s.index]
        source = sided(found_counts) or (by_index[max(earlier)] if earlier else [])
        if not source or len({(c.side, c.kind) for c in source}) > 1:
            continue  # nothing to repeat, or two sides named already
        c = source[0]
        lo, hi = clauses[0]
        out.append(Count(c.value, _mirrored_side(s, lo, hi, c.side), c.kind, s.text, 1, c.order))
    return out


def _with_earlier_kinds(found: list[tuple[Sentence, list[Count]]]) -> list[tuple[Sentence, list[Count]]]:
    """A count of the people the sentences before it counted ("Ukraine got back 1,000 bodies. Russia got back
    24 of its own.") takes the kind of the nearest count before it in text order; without one it counts
    nothing."""
    known = sorted(
        ((s.index, c.order, c.kind) for s, cs in found for c in cs if c.kind != _EARLIER), key=lambda k: k[:2]
    )
    out: list[tuple[Sentence, list[Count]]] = []
    for s, found_counts in found:
        kept: list[Count] = []
        for c in found_counts:
            if c.kind == _EARLIER:
                before = [kind for index, _, kind in known if index < s.index]
                if not before:
                    continue
                c = replace(c, kind=before[-1])
            kept.append(c)
        out.append((s, kept))
    return out


def _day(s: Sentence) -> tuple[int, int] | None:
    """The one day a sentence states: (month, day), (13, 0) for "today" (later than any stated day of an
    undated text), None for none or several («с 23 по 25 мая»)."""
    days = {(m.month, m.day) for m in s.dates if m.month is not None and m.day is not None}
    if any(m.offset == 0 for m in s.dates):
        days.add((13, 0))
    return days.pop() if len(days) == 1 else None


def _latest_day(all_counts: list[Count], ordered: list[Sentence]) -> list[Count]:
    """An undated text that gives counts for several days ("on 23 May 390 …; on 24 May 307 …; today 303
    …") reports the latest; the counts of the earlier days are their events'."""
    days = {c.order: _day(ordered[c.order]) for c in all_counts}
    stated = {d for d in days.values() if d is not None}
    if len(stated) < 2:
        return all_counts
    latest = max(stated)
    return [c for c in all_counts if days[c.order] in (None, latest)]


def _count_facts(
    kind: EventKind,
    sentences: list[Sentence],
    topic: Topic,
    context: list[Sentence],
    article: list[Sentence],
    when: date | None,
) -> list[Fact]:
    def told(s: Sentence, order: int) -> list[Count]:  # not "the first since October, when both freed 185"
        return counts(s, topic, order, event_day=when, skip_other_days=True)

    ordered = _count_sentences(sentences, context)
    all_counts = _with_mirrored(_with_earlier_kinds([(s, told(s, i)) for i, s in enumerate(ordered)]))
    counted = {id(s) for s in ordered}
    verbless = [s for s in context if id(s) not in counted and not s.recalled and not s.has(*_PREDICATE_CUES)]
    totals = [c for s in verbless for c in told(s, len(ordered))]
    if when is None:
        all_counts = _latest_day(all_counts, ordered)
    others = [c for s in article if id(s) not in counted for c in told(s, len(ordered)) if c.day is not None]
    all_counts = _sum_of_days(all_counts, others)
    done = _continued(
        [
            s
            for s in context
            if (s.has("body") if kind == "body_repatriation" else s.has("return", "exchange", "pow", "captivity"))
            and not (_tells_plan(s) and not s.has("done"))
            and (s in sentences or not (_dated_elsewhere(s, when) or _after_recall(s, article)))
        ],
        context,
        topic,
    )
    done += _members(done, context, article, when)
    if kind == "body_repatriation":
        facts = _assign(all_counts, "body", ("bodies_to_ukraine", "bodies_to_russia"), totals)
        single = next((s for s in sentences if s.has("body_singular")), None)
        if not facts and single is not None:
            facts.append(Fact("bodies_to_ukraine", 1, single.text))
        return [*facts, *_category_facts(done, topic, of_bodies=True, event_day=when)]
    facts = _assign(all_counts, "pow", ("returned_to_ukraine", "returned_to_russia"), totals)
    stage = _stage([*sentences, *context], topic) or _stage_from_series(article, when, topic)
    if stage:
        facts.append(stage)
    facts.extend(_category_facts(done, topic, event_day=when))
    return facts


def _tells_plan(s: Sentence) -> bool:
    """An agreement or a plan, not "it is about" naming people: "si tratta di soldati gravemente malati e
    feriti", "Het gaat om ernstig zieke … militairen" say who they were (an act noun after it, «йдеться про
    повернення 1200», is a plan)."""
    if s.has("agree"):
        return True
    return any(b - a < 2 or not _names_people(s, b) for a, b in s.hits.get("plan", ()))


_DESCRIBED_PEOPLE = ("pow", "people", "part_group")  # detect._PEOPLE_WORDS adds bodies, nationalities


def _names_people(s: Sentence, i: int) -> bool:
    """People or a group of them start at i or one word on (no act noun first)."""
    if _near(s.hits, "act_noun", i, i + 2):
        return False
    described = (spans for key, spans in s.hits.items() if key.startswith(("cat:", "grp:")) or key in _DESCRIBED_PEOPLE)
    return any(i <= a < i + 2 for spans in described for a, _ in spans)


def _dated_elsewhere(s: Sentence, when: date | None) -> bool:
    """The sentence dates what it tells to days other than this event's ("On October 11, 32 were freed:
    three officers …", "the agreement of June 2 provides for the wounded"); when this event has no date,
    any day it states is another event's."""
    days = {(m.month, m.day) for m in s.dates if m.day is not None and m.month is not None}
    return bool(days) and (when is None or (when.month, when.day) not in days)


def _after_recall(s: Sentence, article: list[Sentence]) -> bool:
    """ "As previously reported, on October 17 Ukraine held a large swap. 108 women returned home.": an
    undated sentence right after a recalled one goes on telling the recalled event."""
    previous = next((p for p in article if p.index == s.index - 1), None)
    return previous is not None and previous.recalled and not s.dates and not s.kinds


def _continued(chosen: list[Sentence], pool: list[Sentence], topic: Topic) -> list[Sentence]:
    """ "Some of those exchanged were mothers and daughters. Thirty-seven had surrendered at Azovstal.": a
    sentence whose subject is a bare count (no noun of its own) or a pronoun takes up the people of the
    chosen sentence before it, whatever its verb."""
    have = {s.index for s in chosen}
    out = list(chosen)
    for s in sorted(pool, key=lambda x: x.index):
        if s.index in have or s.index - 1 not in have:
            continue
        opening = any(a == 0 for a, _ in s.hits.get("anaphor", ()))
        numbers = find_numbers(s.tokens[:4], topic, s.language)
        bare = (
            bool(numbers)
            and numbers[0].start == 0
            and not any(m.start <= 0 < m.end for m in s.dates)
            and len(s.tokens) > numbers[0].end + 2
            and not s.tokens[numbers[0].end][:1].isdecimal()  # a dateline's time "13:59"
            and _first_at_or_after(s.hits, _COUNTED, 0, 4) is None
        )
        if opening or bare:
            out.append(s)
            have.add(s.index)
    return out


def _members(
    chosen: list[Sentence], context: list[Sentence], article: list[Sentence], when: date | None
) -> list[Sentence]:
    """ "Unter den Ukrainern seien zwölf Frauen", "Nine of the Ukrainians were civilians", «Серед звільнених —
    двоє цивільних»: a sentence about this event that says who was among the people names its groups,
    whatever its verb; one right after a chosen sentence does so even when a side clause recalls something
    ("Among them are wounded soldiers held since 2022")."""
    have = {s.index for s in chosen}
    in_context = {s.index for s in context}
    out: list[Sentence] = []
    for s in article:
        if s.index in have or not s.has("members", "breakdown", "part_among"):
            continue
        opening = s.index - 1 in have and s.has("members", "breakdown")  # "… said that among those freed …"
        if not (s.index in in_context or opening) or _planned_part(s):
            continue
        # An undated event's day is often first told here ("Unter ihnen seien neun Zivilisten, teilte der Stab
        # am Dienstag, dem 3. Dezember, mit"): "among them" right after its sentence is about the same people.
        undated_own = opening and when is None
        if (undated_own or not _dated_elsewhere(s, when)) and not _after_recall(s, article):
            out.append(s)
    return out


def _planned_part(s: Sentence) -> bool:
    """The clause that says who was among them is a plan ("Among them will be …"); another clause's plan
    ("Some of the freed are wounded, all will get treatment") is not."""
    for c in ("members", "breakdown", "part_among"):
        for a, _ in s.hits.get(c, ()):
            lo, hi = s.clause_span(a)
            if (_near(s.hits, "plan", lo, hi) or _near(s.hits, "agree", lo, hi)) and not _near(s.hits, "done", lo, hi):
                return True
    return False


def _category_facts(
    sentences: list[Sentence], topic: Topic, of_bodies: bool = False, *, event_day: date | None
) -> list[Fact]:
    """`categories`: selection criteria and who was among them, in the labels' vocabulary
    (topic `category_labels`); `groups` keeps who was among them under the internal names. Of bodies,
    only who the bodies were: a group named in the body noun's phrase."""
    criteria, first = _labels(sentences, "cat:", topic.category_names, of_bodies, event_day=event_day)
    groups, group_sentence = _labels(sentences, "grp:", topic.group_names, of_bodies, event_day=event_day)
    labels = dict.fromkeys(topic.category_labels.get(n, n) for n in (*criteria, *groups))
    reported = tuple(n for n in labels if topic.category_hidden_by.get(n) not in labels)
    facts: list[Fact] = []
    if reported:
        facts.append(Fact("categories", reported, first or group_sentence))
    if groups:
        facts.append(Fact("groups", groups, group_sentence))
    return facts


def extract_facts(
    kind: EventKind,
    sentences: list[Sentence],
    topic: Topic,
    context: list[Sentence] | None = None,
    article: list[Sentence] | None = None,
    when: date | None = None,
) -> tuple[Fact, ...]:
    """Facts of one mention from its evidence sentences (headline first, text order).

    `context` (default: the evidence) holds the other sentences about the same event: categories,
    groups, stages and mediators are often named in a sentence of their own ("The UAE mediated").
    `article` (all sentences) and `when` (the mention's date) let stages named for other days number
    this one.
    """
    context = list(sentences) if context is None else context
    if kind == "agreement":
        agreed = _agreement_facts(sentences, topic, context, when)
        mediators = _mediators(context, topic)  # talks hosted and mediated by a third country
        return (*agreed, mediators) if mediators else tuple(agreed)
    facts = _count_facts(kind, sentences, topic, context, article or [], when)
    mediators = _mediators(context, topic) or _mediators(_running_total_sentences(article or [], context, when), topic)
    return (*facts, mediators) if mediators else tuple(facts)
