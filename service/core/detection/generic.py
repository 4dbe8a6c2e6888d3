"""Statements about exchanges in general, told apart from reports of one.

A report tells one act on one occasion: a count bound to it, a day, a stage — or at least the act in the
singular or as a finite verb ("Russia and Ukraine swap prisoners"). A statement about exchanges in
general has none of that:
- a generic plural act noun with no occasion: "Families say prisoner exchanges are too slow", «Обміни
  полоненими затягуються», "Russland blockiert Gefangenenaustausche";
- a habitual or iterative adverb in the act's clause ("exchanges are usually mediated by the UAE",
  «зазвичай», "every month") — with a count too, unless the act is told done;
- a headline that asks ("How prisoner swaps work", «Скільки людей повернули з полону у 2025 році»);
- a universal object promised, or claimed by "we", without a count: a policy ("we will bring everyone
  home", «повернемо всіх», "sprowadzimy wszystkich naszych");
- an accusation of delay, or a delay in the present imperfective, with no occasion, no agreed or planned
  exchange and no single exchange named: a complaint ("accused Moscow of stalling the return of
  prisoners", «Росія блокує обміни», "Rosja blokuje wymiany"), not the postponement of a given exchange
  ("accused Moscow of delaying the exchange" names one and stays a delay).
A count, a date, a weekday, "today" or a stage in the sentence is an occasion and keeps it a report.
Each language's cues are its own (exchanges.toml: generic_plural, habitual, interrogative, universal);
Russian and Ukrainian act nouns are plural when every noun parse pymorphy3 gives is plural.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.core.detection.morphology import MORPHOLOGY_LANGUAGES, parses
from service.core.detection.numbers import find_numbers
from service.core.topics import normalize, tokenize

if TYPE_CHECKING:
    from service.core.detection.sentences import Sentence

_ACTS = ("exchange", "return")
# An English "exchanges"/"swaps" before its object is the verb ("Ukraine swaps 90 POWs", "exchanges the
# bodies"), not the plural noun.
_OBJECT_CONCEPTS = ("pow", "captivity", "body", "people", "nat_ua", "nat_ru")
_EN_OBJECT_WORDS = frozenset({"the", "its", "their", "some", "more", "another", "all", "his", "her", "our"})


def _year(token: str) -> bool:
    return len(token) == 4 and token.isdecimal() and 1990 <= int(token) <= 2100


def occasion(s: Sentence) -> bool:
    """A count (not a year, a day, an age or a length of time: "Three years of war: how many have come
    home?", «Три роки війни: скільки…» count no one), a date, a weekday, "today", a stage or a resumption:
    the sentence tells one act."""
    dated = any(m.month is not None or m.weekday is not None or m.offset is not None for m in s.dates)
    if dated or s.has("stage_noun", "resumed"):
        return True  # "Prisoner swaps resume": the resumption is this one's occasion
    days = s.date_tokens
    units = {a for c in ("age", "duration") for a, _ in s.hits.get(c, ())}
    return any(
        n.start not in days and n.end not in units and not (not n.spelled and _year(s.tokens[n.start]))
        for n in find_numbers(s.tokens, s.topic, s.language)
    )


_CAPTURE_GAP = 3  # "captured [in Mariupol] in 2022"


def period_years(s: Sentence) -> list[int]:
    """Bare years counted over ("brought home 1,358 in 2025", «у 2025 році», "im Jahr 2025"): a tally of the
    year, not one act — unless the sentence dates a day or the year dates a capture ("captured in 2022")."""
    before = {b for _, b in s.hits.get("period_before", ())}
    if not before or any(m.names_day for m in s.dates):
        return []
    dated = s.date_tokens
    captured = [b for _, b in s.hits.get("captured", ())]
    return [
        i
        for i, token in enumerate(s.tokens)
        if _year(token) and i in before and i not in dated and not any(0 <= i - b <= _CAPTURE_GAP for b in captured)
    ]


def _plural_by_morphology(token: str, language: str) -> bool:
    """The best parse is a noun and every noun parse is plural («обміни», «обменов»; not «забрал», whose
    rarer parse is a plural noun, nor the participle «репатрійовані»)."""
    found = parses(token, language)
    nouns = [g for _, g in found if "NOUN" in g]
    return bool(found) and "NOUN" in found[0][1] and all("plur" in g for g in nouns)


def _generic_plural(s: Sentence, i: int) -> bool:
    """The act word at token i is a plural noun or a process: exchanges in general."""
    if any(a <= i < b for a, b in s.hits.get("generic_process", ())):
        return True  # "the exchange process has stalled", «процес обміну»
    if s.language in MORPHOLOGY_LANGUAGES:
        return _plural_by_morphology(s.tokens[i], s.language)
    initial = i in (0, *s.clauses) and any(a == i for a, _ in s.hits.get("generic_plural_initial", ()))
    if not initial and not any(a <= i < b for a, b in s.hits.get("generic_plural", ())):
        return False
    if s.language == "en" and i + 1 < len(s.tokens):
        nxt = i + 1
        objects = {a for c in _OBJECT_CONCEPTS for a, _ in s.hits.get(c, ())}
        if nxt in objects or s.tokens[nxt].isdecimal() or s.tokens[nxt] in _EN_OBJECT_WORDS:
            return i > 0 and (i - 1) in objects  # "prisoner exchanges" stays a noun; "Ukraine swaps POWs" a verb
    return True


def _act_positions(s: Sentence) -> list[int]:
    return sorted({a for c in _ACTS for a, _ in s.hits.get(c, ())})


def _in_act_clause(s: Sentence, concept: str) -> bool:
    spans = {s.clause_span(a) for a in _act_positions(s)}
    return any(lo <= a < hi for a, _ in s.hits.get(concept, ()) for lo, hi in spans)


_QUESTION_MARKS = ("?", "？", "؟")
_CLOSING = "\"'»”“’)] "


def _question(s: Sentence) -> bool:
    """The sentence ends with a question mark (Greek writes it as a semicolon): it asks, it asserts nothing."""
    end = s.text.rstrip(_CLOSING)
    return end.endswith(_QUESTION_MARKS) or (s.language == "el" and end.endswith(";"))


def _question_starts(s: Sentence) -> set[int]:
    """Where a headline's question can start: its first word, or the first after a colon ("Year in review:
    how many…"); after a comma «як»/"wie" is "as" («як повідомляють», "wie berichtet")."""
    starts = {0}
    head = ""
    for part in s.text.split(":")[:-1]:
        head += part + ":"
        starts.add(len(tokenize(normalize(head))))
    return starts


def _universal(s: Sentence) -> bool:
    """ "Everyone", «всіх» — but not the formula "all for all", «всіх на всіх» (two universals)."""
    spans = s.hits.get("universal", ())
    return len(spans) == 1 or (len(spans) > 1 and spans[1][0] - spans[0][1] > 2)


def statement(s: Sentence) -> bool:
    """The evidence sentence says something about exchanges in general, not about one of them."""
    if _question(s) and not (occasion(s) and _told_done(s)):
        return True  # "Will there be another swap before New Year?" asks; "Who came home in Saturday's swap?" tells
    # one agreement may cover many exchanges — "agreed that exchanges will be regular in 2026", "vereinbaren
    # regelmäßigen Austausch": the habit is what was agreed, one deal —, and "the swaps were postponed again"
    # tells one delay (a delay is judged by its tense below)
    specific = (s.status == "agreed" and s.has("agree")) or s.status == "postponed"
    # the habit is the content of an agreement told before the act ("exchanges usually follow once the sides
    # agree on lists" still tells a habit)
    first_act = min(_act_positions(s), default=0)
    habit_agreed = s.status == "agreed" and any(a < first_act for a, _ in s.hits.get("agree", ()))
    if _in_act_clause(s, "iterative") and not _told_done(s) and not habit_agreed:
        return True  # "usually gets back 100 to 200 in each swap", «щомісяця повертає 200»: a count in a habit
    if _less_than_offered(s):
        return True  # "Russia offered to hand over 935, but Kyiv took back only 279": a complaint's figures
    if occasion(s):
        return False
    acts = _act_positions(s)
    if acts and not specific and all(_generic_plural(s, i) for i in acts):
        return True
    swaps = [a for a, _ in s.hits.get("exchange", ())]
    if swaps and not specific and all(_generic_plural(s, i) for i in swaps):
        return True  # "many survivors have since been freed in prisoner swaps": released over many exchanges
    if _in_act_clause(s, "habitual") and not habit_agreed:
        return True  # "exchanges usually take place at the border", "every time they swap prisoners"
    if s.title and any(a in _question_starts(s) for a, _ in s.hits.get("interrogative", ())):
        return True
    if _universal(s) and (s.status == "agreed" or s.has("we", "ours")) and not s.has("done", "agree"):
        return True  # a promise to bring everyone home; "exchange all prisoners held in Kursk" is an act
    # an accusation of delaying exchanges, or a delay told in the present imperfective ("Russia is blocking
    # swaps", «Росія блокує обміни»), with no agreed or planned one named, is a complaint, not news
    # "accused Moscow of delaying the exchange" names one exchange (the singular act noun) and stays a delay;
    # Russian and Ukrainian mark no definiteness, so there the present imperfective alone tells the state of
    # affairs («Росія блокує обмін полоненими»), whatever the noun's number
    one_exchange = any(not _generic_plural(s, a) for a, _ in s.hits.get("exchange", ()))
    ongoing = _ongoing_delay(s) and (s.language in MORPHOLOGY_LANGUAGES or not one_exchange)
    complaint = ongoing or (s.has("accusation") and not one_exchange)
    return s.status == "postponed" and complaint and not s.has("agree", "plan", "not_happened")


def clause_links(s: Sentence) -> list[int]:
    """Where a coordinated clause with a predicate of its own starts (clause_link: "but", «але», «однако»,
    "doch"): a link of two words anywhere ("and that", «а також»), one word only at a clause start (after a
    comma) or after "and" (ru/uk/pl «а» and «также» inside a clause link nothing)."""
    ands = s.topic.ands(s.language)
    return [
        a
        for a, b in s.hits.get("clause_link", ())
        if b - a > 1 or a in s.clauses or (a > 0 and s.tokens[a - 1] in ands)
    ]


_LIMITED_COUNT_GAP = 2  # "only 279", «лише 279», "nur 279", «забрал лишь 279»: the count right after "only"


def _less_than_offered(s: Sentence) -> bool:
    """An act after a contrast ("but", «але», «однако», "doch", "ale"), limited by "only" to a count smaller than
    the one offered before it ("Russia offered to hand over 935 prisoners, but Kyiv took back only 279", «пропонувала
    передати 935…, але Київ забрав лише 279»), on no day: what one side says the other accepted, a complaint's
    figures, not news of an exchange. A day told keeps it a report ("took only 279 on Friday"); so does a wish
    that is no offer ("Kyiv wants an all-for-all exchange, but just 84 came home": modal, not conditional), a
    negated "only" ("not only 84 but …", «не тільки») and «только что» ("just now")."""
    if any(m.names_day for m in s.dates):
        return False
    dated = s.date_tokens
    counts = [n for n in s.numbers if n.start not in dated]
    negators = {b for _, b in s.hits.get("denial", ())}
    content = {a for a, _ in s.hits.get("complementizer", ())}
    limits = [r for r, e in s.hits.get("restrictive", ()) if r not in negators and e not in content]
    acts = _act_positions(s)
    links = clause_links(s)
    for link in links:
        # the offer's count: after the offer word, before the contrast, no other clause link between
        # ("habe angeboten, 935 … zu übergeben, doch …": its infinitive after a comma)
        offered = [
            n.value
            for o, _ in s.hits.get("conditional", ())
            for n in counts
            if o < n.start < link and not any(o < k < n.start for k in links)
        ]
        limited = [
            n.value
            for r in limits
            if r > link
            for n in counts
            if 0 < n.start - r <= _LIMITED_COUNT_GAP and not any(r < i < n.start for i in dated)
        ]
        if offered and limited and any(a > link for a in acts) and min(limited) < max(offered):
            return True
    return False


def _present_imperfective(s: Sentence, a: int) -> bool:
    return s.language in MORPHOLOGY_LANGUAGES and any(
        {"VERB", "impf", "pres"} <= g for _, g in parses(s.tokens[a], s.language)[:1]
    )


def _told_done(s: Sentence) -> bool:
    """A completion cue that tells a past act: «повертає» (present imperfective) is news style in a
    headline, but beside «щомісяця» it is a habit."""
    return any(not _present_imperfective(s, a) for a, _ in s.hits.get("done", ()))


def _ongoing_delay(s: Sentence) -> bool:
    """A delay verb in the present imperfective: a state of affairs, not the postponement of one exchange.
    Russian and Ukrainian by pymorphy3's first parse; other languages by their `ongoing_delay` forms."""
    if s.language in MORPHOLOGY_LANGUAGES:
        return any(_present_imperfective(s, a) for a, _ in s.hits.get("postpone", ()))
    return s.has("ongoing_delay")
