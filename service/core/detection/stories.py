"""Texts about exchanges that report none: a person's story, the identification of the returned dead, and an
act named only by a noun.

A report tells an act on an occasion: a count, a day, a weekday, "today", a stage. Three kinds of text speak of
exchanges without telling one, and each is known by its structure, not by its topic words:
- **a person's story** (interviews, portraits, a mother waiting): the act happens to one person ("he", «він»,
  «повернувся», "a freed medic") or is told by a narrating verb ("recalls", «розповідає», "erzählt"), and has
  no count and no day ("He was freed in a prisoner swap this spring", "Freed marine recalls two years in
  captivity"): the exchange is the story's background; "one of 103 soldiers freed on Saturday" is the news;
- **identification of the returned dead** (DNA appeals, forensic tallies): the sentence is about
  identifying ("identified", «ідентифіковано», DNA) and the handover only qualifies the bodies — in a
  relative clause or a participle after them ("bodies returned in June", «тіл, які повернули»,
  "Leichen, die … übergeben hat") — or has no count of its own;
- **a verbal noun** («Йдеться про повернення 1200 українців», "The meeting focused on the return of
  Ukrainians"): an act named only by its noun, with no finite verb, "are home" phrase or status cue, is a plan
  or a topic; the fallback that reads a headline's or an official post's unmarked act as done does not apply
  (clauses.py).
Each language's cues are its own (exchanges.toml: one_person, narration, identification, act_noun, duration).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.core.detection.morphology import MORPHOLOGY_LANGUAGES, parses
from service.core.detection.numbers import find_numbers
from service.core.topics import Span

if TYPE_CHECKING:
    from service.core.detection.sentences import Sentence

_ACTS = ("exchange", "return")
_BODY_GAP = 4  # "bodies [of 6,000 fallen] returned", «тіл[,] які повернули»
_RELATIVE_GAP = 4  # «тіла яких [раніше були] повернуті»
# English act words are verbs and nouns alike: a noun after a determiner or a preposition, or before "of"
_EN_NOUN_BEFORE = frozenset(
    {"the", "a", "an", "their", "its", "our", "his", "her", "this", "that", "about", "on", "of", "for", "after"}
)


def _acts(s: Sentence) -> list[Span]:
    return sorted({span for c in _ACTS for span in s.hits.get(c, ())})


def counted(s: Sentence) -> bool:
    """A head count: not a day, a year, an age or a duration ("18 months", «16 місяців»)."""
    days = s.date_tokens
    units = {a for c in ("age", "duration") for a, _ in s.hits.get(c, ())}
    for n in find_numbers(s.tokens, s.topic, s.language):
        year = not n.spelled and 1990 <= n.value <= 2100 and s.tokens[n.start].isdecimal()
        if n.start not in days and not year and n.end not in units:
            return True
    return False


def _day_told(s: Sentence) -> bool:
    """A day, a weekday or "today" before the act or in its clause: the sentence dates the act to a day (a
    month alone does not: "freed in the January swap" is a story's background; nor does the portrait's
    "today" after it: "wrócił wiosną …, dziś przechodzi rehabilitację")."""
    acts = _acts(s)
    last = max((a for a, _ in acts), default=-1)
    spans = {s.clause_span(a) for a, _ in acts}
    return any(m.names_day and (m.start < last or any(lo <= m.start < hi for lo, hi in spans)) for m in s.dates)


def _in_act_clause(s: Sentence, concept: str) -> bool:
    spans = {s.clause_span(a) for a, _ in _acts(s)}
    return any(lo <= a < hi for a, _ in s.hits.get(concept, ()) for lo, hi in spans)


def person_story(s: Sentence) -> bool:
    """The act is one person's, narrated, or only qualifies a noun in a relative clause ("dozens of men who
    were freed in exchanges"), with no count and no day: a story's background, not news."""
    if counted(s) or _day_told(s) or s.has("stage_noun"):
        return False
    acts = _acts(s)
    qualifying = bool(acts) and all(_relative_act(s, a) for a, _ in acts)  # "men who were freed"
    return qualifying or _one_persons_act(s) or s.has("narration")


_SPEAKER_CUES = ("announce", "reporting", "plan", "modal")


def _one_persons_act(s: Sentence) -> bool:
    """A pronoun of one person in the act's clause, unless it is the subject of a verb of saying, expecting or
    hoping right after it ("he expects a prisoner exchange", "he said"): that one speaks of the act."""
    spans = {s.clause_span(a) for a, _ in _acts(s)}
    cues = {c for k in _SPEAKER_CUES for c, _ in s.hits.get(k, ())}
    return any(
        lo <= a < hi and not any(0 <= c - b <= 1 for c in cues)
        for a, b in s.hits.get("one_person", ())
        for lo, hi in spans
    )


def _relative_act(s: Sentence, a: int) -> bool:
    """The act word is a relative clause's own verb, a few words after its pronoun ("who were freed", «які
    Росія повернула», or last in a verb-final one); an English relative clause has no closing comma, so a verb
    further on may be the main clause's again ("the body of a volunteer who fought for Ukraine was also handed
    over")."""
    span = s.relative_span(a)
    verb_final = s.language in s.topic.verb_final  # "die … übergeben wurden": commas close it, its verb is last
    return span is not None and (verb_final or a - span[0] <= _RELATIVE_GAP)


def _qualifies_bodies(s: Sentence, a: int) -> bool:
    """The act word at a stands in a relative clause or right after the body noun it qualifies."""
    if _relative_act(s, a):
        return True
    return any(0 <= a - b <= _BODY_GAP for _, b in s.hits.get("body", ()))


def identification(s: Sentence) -> bool:
    """The sentence tells the identification of returned dead, not their handover: the handover only
    qualifies the bodies, or is neither counted nor told done («після ідентифікації тіло передають родині»);
    "the remains … have been identified and released to Ukraine" tells both."""
    if not s.has("identification"):
        return False
    return all(_qualifies_bodies(s, a) for a, _ in _acts(s)) or not (counted(s) or s.has("done"))


def _noun(s: Sentence, a: int, b: int) -> bool:
    token = s.tokens[a]
    if s.language in MORPHOLOGY_LANGUAGES:
        found = parses(token, s.language)
        return bool(found) and "NOUN" in found[0][1]
    if s.language == "en":
        before = s.tokens[a - 1] if a > 0 else ""
        return before in _EN_NOUN_BEFORE or (b < len(s.tokens) and s.tokens[b] == "of")
    return any(x <= a < y for x, y in s.hits.get("act_noun", ()))


def nominal_act(s: Sentence, parts: list[Span]) -> bool:
    """Every exchange or return word of the predicate's part is a noun: no act is told."""
    if s.has("resumed"):
        return False  # «Обміни полоненими відновилися»: the noun is the subject of a finite verb of its own
    inside = [(a, b) for a, b in _acts(s) if any(lo <= a < hi for lo, hi in parts)]
    return bool(inside) and all(_noun(s, a, b) for a, b in inside)
