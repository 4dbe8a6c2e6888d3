"""Detection and fact extraction: is an article a report of a Russia–Ukraine POW exchange, a repatriation
of the fallen, or an agreement about one — and what does it say (numbers, sides, date, stage, mediators)?

Pure functions over `Document`; all topic knowledge comes from the topic data (service/topics).

A cheap gate first (sentences.may_hold_evidence): a non-official document with no act word or no party
anywhere in it, in any language's spelling, is not relevant without the per-sentence work.

How it decides, sentence by sentence (headline and lead weigh most):
- evidence = a return/exchange/handover predicate + an object (POWs, captives, defenders; bodies, the
  fallen) + a Russia/Ukraine party, with no other-conflict party, off-topic cue (torture, rubble,
  exhumation, deportation…) or negation in the same sentence;
- status per clause (service.core.detection.clauses): cues count in the part of the sentence that holds
  the predicate (side units such as "after their last swap" apart); postponement → postponed; agreement
  or plan cues (a participle under "will be" too) → agreement; wishes and offers → no evidence; a
  completion needs a positive cue (past/perfective predicate, "are home", a German separable verb, a
  present-tense headline, an official source) — nothing defaults to completed;
- background: recall cues ("earlier", "напомним"), running totals, or an explicit date well before
  publication make a sentence a recalled mention, which never makes an article relevant by itself.
Facts come from `service.core.detection.facts`. Keys of `Mention.facts`:
- pow_exchange: `returned_to_ukraine`, `returned_to_russia` (int), `stage` (int), `categories` (tuple:
  selection criteria — wounded, severely_wounded, seriously_injured, seriously_ill, ill, under_25),
  `groups` (tuple: who was among them — civilians, officers, mariupol_defenders, women), `mediators`
  (tuple: UAE, ICRC, USA, Turkey, Qatar, Vatican, Saudi Arabia); a same-day body handover adds
  `bodies_to_ukraine`/`bodies_to_russia`;
- body_repatriation: `bodies_to_ukraine`, `bodies_to_russia` (int), `mediators`; a same-day swap adds
  `returned_to_*`;
- agreement: `agreed_to_ukraine`, `agreed_to_russia` (int, people), `agreed_bodies` (int) and, when the text
  names who receives them, `agreed_bodies_to_ukraine`/`agreed_bodies_to_russia`, `venue` (str).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from service.core.detection.clauses import clause_status, planned_days, recall_cue, speech_about_act, spoken_day
from service.core.detection.dates import DateMention, dateline, resolve, resolve_ahead, url_date
from service.core.detection.facts import MAX_POW_COUNT, extract_facts, prisoners_conjunct
from service.core.detection.generic import statement
from service.core.detection.language import document_language
from service.core.detection.numbers import find_numbers, n_for_n
from service.core.detection.sentences import BODY_WEIGHT, MAX_TEXT, Sentence, analyse, may_hold_evidence
from service.core.detection.stories import identification, person_story
from service.core.domain import DEAL_FOLLOW_DAYS, DatePrecision, Document, EventKind, EventStatus, Fact, Mention, Report
from service.core.topics import Topic, load_topic, normalize, tokenize

_CONTEXT_DATE_SENTENCES = 4


@dataclass
class _Group:
    kind: EventKind
    status: EventStatus
    sentences: list[Sentence] = field(default_factory=list)
    date: date | None = None
    precision: DatePrecision = "unknown"
    recalled: bool = False

    @property
    def score(self) -> float:
        return sum(s.weight for s in self.sentences if not s.implied_party)  # named parties weigh


def _counted_soldiers(s: Sentence) -> bool:
    """A count right before a soldier noun: "frees 64 soldiers and one U.S. citizen" (no side named)."""
    ends = {n.end for n in s.numbers}  # the sentence's cached numbers, as facts reads them
    return any(a in ends for a, _ in s.hits.get("pow", ()))


def _names_foreign_party(s: Sentence, concept: str = "foreign") -> bool:
    """Another country is named as a party, not only as the nationality of someone freed or returned beside
    Ukrainians ("a swap frees 64 Ukrainians and one U.S. citizen" is Ukraine's swap; "U.S. citizen freed
    in a swap with Russia" is not; hostages swapped by both sides are theirs)."""
    spans = s.hits.get(concept, ())
    if s.has("party_ua") and s.has("party_ru"):
        # "Rusya ile Ukrayna arasında 200 rehine takas edilecek": hostages the two sides swap are their prisoners
        hostages = set(s.hits.get("hostage", ()))
        spans = [span for span in spans if span not in hostages]
    if not spans or not (s.has("party_ua", "nat_ua") or _counted_soldiers(s)):
        return bool(spans)
    return not all(s.names_a_persons_nationality(lo, hi) for lo, hi in spans)


def _party_ok(s: Sentence, doc_has_ua: bool, official: bool = False, doc_has_both: bool = False) -> bool:
    ua, ru = s.has("party_ua", "hq"), s.has("party_ru")
    foreign = _names_foreign_party(s)
    if official and not foreign:
        return True  # a Ukrainian or Russian official source's post is about its own side
    if foreign:
        # Another country is named: only a swap of Ukrainian/Russian soldiers between the two counts
        # ("…years after Russia invaded Ukraine" does not make a US–Russia swap one); a foreign
        # volunteer's body handed to Ukraine does.
        if ua and s.has("body") and not _names_foreign_party(s, "foreign_conflict"):
            return True
        return ua and ru and s.has("nat_ua", "nat_ru", "nat_ua_after", "captivity")
    lead_agreement = s.has("agree") and s.weight > BODY_WEIGHT and clause_status(s, official) == "agreed"
    if not ua and not ru and doc_has_both and (s.has("sides") or lead_agreement):
        # "after the talks, the sides agreed to swap 1,200 each": the two the story has named; the lead's
        # "the main result was a new agreement on exchanges" after "talks between Russia and Ukraine"
        return True
    dated_swap = s.has("exchange") and any(m.explicit for m in s.dates)
    if not ua and not ru and doc_has_ua and (dated_swap or s.has("agree")):
        s.implied_party = True  # "1,000 each were exchanged from May 23 to 25" in a Russia–Ukraine story:
        return True  # good for a recalled mention, never for the news itself
    return ua or (ru and doc_has_ua)


def _off_topic(s: Sentence) -> bool:
    """An off-topic word outside a speech frame ("…, Erdogan said in an interview" tells where it was said)."""
    frames = s.hits.get("speech_frame", ())
    return any(not any(lo <= a < hi for lo, hi in frames) for a, _ in s.hits.get("off_topic", ()))


def _classify(
    s: Sentence,
    doc_has_ua: bool,
    topic: Topic,
    official: bool = False,
    doc_has_both: bool = False,
    previous: Sentence | None = None,
) -> None:
    """Set kinds and status of an evidence sentence (or leave it empty)."""
    if not s.has("exchange", "return"):
        return
    terms = False
    if not _party_ok(s, doc_has_ua, official, doc_has_both):
        terms = _deal_terms_follow(s, previous, doc_has_both)
        if not terms:
            return  # (the deal's terms have its parties: they may make the news, unlike an implied party)
    if _off_topic(s) or (_negated(s) and not s.has("done", "not_happened", "postpone")) or _act_denied(s):
        return
    kinds: list[EventKind] = []
    strong_pow = s.has("captivity") or (
        s.has("exchange") and bool(n_for_n(s.tokens, find_numbers(s.tokens, topic, s.language), topic))
    )
    # "a 1,000-for-1,000 exchange": the formula names a prisoner exchange without the noun
    if s.has("body") and not (s.has("children") and not s.has("body_singular")):
        kinds.append("body_repatriation")
        if strong_pow and s.has("exchange"):
            kinds.append("pow_exchange")
        elif _counted_living_first(s, topic):
            kinds.insert(0, "pow_exchange")  # "brings home 38 soldiers and the bodies of 62 fallen"
    elif (s.has("pow") or strong_pow or _people_swapped(s, official)) and not (s.has("children") and not strong_pow):
        kinds.append("pow_exchange")
    if "body_repatriation" in kinds and identification(s):
        kinds.remove("body_repatriation")  # "of the bodies returned in June, 1,200 have been identified"
    if not kinds:
        return
    s.status = clause_status(s, official)
    if terms and s.status != "agreed":
        s.status = None
        return  # a party-less sentence after a deal adds its terms, nothing else
    # no status of its own only because it tells speech about the act (not a wish, offer or condition)
    s.speech = s.status is None and s.title and speech_about_act(s) and not s.has("modal", "conditional")
    s.planned = frozenset(planned_days(s)) if s.status == "agreed" else frozenset()
    if (s.status is not None or s.speech) and not statement(s) and not person_story(s):
        s.kinds = tuple(kinds)
        s.statistic = kinds == ["pow_exchange"] and _big_pow_count(s, topic)


def _deal_terms_follow(s: Sentence, previous: Sentence | None, doc_has_both: bool) -> bool:
    """A sentence naming no party right after an agreement the two sides made, with no party or foreign name of
    its own, goes on with the deal's terms ("The sides agreed to swap all the severely wounded. In addition,
    6,000 bodies each were to be handed over", «Также должны быть переданы по 6000 тел»): the story's parties.
    So does one right after a sentence that says only that something was agreed ("What did we agree on? First,
    a large exchange of 1,000 for 1,000 will take place in the coming days", «О чем договорились? Первое – …»)."""
    if not doc_has_both or previous is None or s.has("foreign", "party_ua", "party_ru") or previous.has("foreign"):
        return False
    if not previous.kinds:
        return previous.has("agree") and not previous.has("exchange", "return", "negation", "postpone")
    told = previous.status == "agreed" and not previous.implied_party and not previous.recalled
    return told and previous.has("agree", "sides")


def _status_from_text(sentences: list[Sentence], topic: Topic) -> None:
    """A headline telling what was said about the act ("Putin informed Trump about the exchange of 175 for
    175") has the status of the sentence that tells the act itself — a plan for Wednesday, or a swap carried
    out today. Sentences that only say what was said about it again come last; of the rest, another sentence
    of the headline ("Exchange began. Zelensky announced the return of 390"), then the first sentence of the
    text telling an act with one of the headline's counts, then the first telling one at all; news style
    (completed) only when none does."""
    for s in sentences:
        if not (s.speech and s.kinds):
            continue
        counts = _counts(s)
        told = [t for t in sentences if t is not s and t.kinds and t.status and not recall_cue(t)]
        ranked = sorted(told, key=lambda t: (speech_about_act(t), not t.title, not counts & _counts(t), t.index))
        s.status = ranked[0].status if ranked else "completed"


_LIVING_COUNT_GAP = 3  # "38 [Ukrainian] soldiers", "38 de militari"


def _counted_living_first(s: Sentence, topic: Topic) -> bool:
    """A counted soldier noun before the bodies, apart from them, is living people returned beside the
    bodies ("38 soldiers and the bodies of 62 fallen"); after the body noun it names whose bodies they are
    ("the bodies of 62 fallen soldiers"), right before it too ("soldiers' bodies")."""
    first_body = min(a for a, _ in s.hits["body"])
    numbers = find_numbers(s.tokens, topic, s.language)
    counts = [n.end for n in numbers]
    before = any(
        (b < first_body or (b == first_body and b in s.clauses)) and any(0 <= a - c < _LIVING_COUNT_GAP for c in counts)
        for concept in ("pow", "captivity")
        for a, b in s.hits.get(concept, ())
    )  # "88 POWs, bodies of 160 fallen": "POWs" is a prisoner word
    return before or any(n.start > first_body and prisoners_conjunct(s, n) for n in numbers)


def _negated(s: Sentence) -> bool:
    """A negation in the clause of the exchange or return ("Swap agreed, no ceasefire in sight" is not)."""
    spans = {s.clause_span(a) for c in ("exchange", "return") for a, _ in s.hits.get(c, ())}
    return any(lo <= n < hi for n, _ in s.hits.get("negation", ()) for lo, hi in spans)


_DENIAL_REACH = 3  # "have not exchanged", "haben keine Gefangenen ausgetauscht", «не обмінялися»


def _act_denied(s: Sentence) -> bool:
    """Every act word of the sentence has a plain negator just before it in its clause: the act itself is
    denied, however done the verb's form looks ("have not exchanged prisoners this week"). A negation
    elsewhere, or an act told beside a denied one ("not all came back, but 90 did"), leaves it evidence."""
    denials = s.hits.get("denial", ())
    acts = [a for c in ("exchange", "return") for a, _ in s.hits.get(c, ())]
    return bool(denials) and all(
        any(0 < a - n <= _DENIAL_REACH and s.clause_span(a) == s.clause_span(n) for n, _ in denials) for a in acts
    )


def _people_swapped(s: Sentence, official: bool) -> bool:
    """People without a soldier noun are the prisoners when they are exchanged ("Украина вернула 71
    человека" in a sentence about the swap), when an official source says they came home, or when they come
    back from the other side's captivity with no exchange word: "Russia has released 10 Ukrainian civilians",
    "came home from Russian captivity"."""
    if s.has("hostage") and s.has("party_ua") and s.has("party_ru") and s.has("exchange"):
        return True  # "Rusya ile Ukrayna arasında 200 rehine takas edilecek": the two sides' prisoners
    if not s.has("people", "grp:civilians") and not _counted_ours(s):
        return False
    if s.has("exchange") or (s.has("return") and official):
        return True
    # "списки мирных жителей переданы": the people are named on lists that changed hands
    return s.has("return") and not s.has("paperwork") and _released_by_a_side(s)


def _counted_ours(s: Sentence) -> bool:
    """A count of "ours" with no noun: "84 of ours are home", «ще 84 наших», "kolejnych 84 naszych" — the
    speaker's own people, as "people" would be."""
    ends = {n.end for n in s.numbers}
    of = {a for a, _ in s.hits.get("of", ())}
    return any(a in ends or (a - 1 in of and a - 1 in ends) for a, _ in s.hits.get("ours", ()))


_SUBJECT_GAP = 2  # "Russia [has] freed"


def _released_by_a_side(s: Sentence) -> bool:
    """The people come from captivity or from the other side: a captivity word, a handing-over verb with a
    party in the sentence, or a party as the subject of a release verb. A party that is only the passive's
    agent ("released by Russia", "liberados por Rusia", "libérés par la Russie": after a word of
    `binding.agent_prepositions`) is left out in every language: read as a release, it split one blind_2024
    event in two (B-cubed 1.000 -> 0.984, alerts per event 1.00 -> 1.14)."""
    if s.has("captivity"):
        return True  # not a destination alone: "returned 17 citizens from occupation to their home soil" is no release
    nationalities = {i for c in ("nat_ua", "nat_ru") for a, b in s.hits.get(c, ()) for i in range(a, b)}
    agents = {i + k for i, token in enumerate(s.tokens) if token in s.topic.agent_prepositions for k in (1, 2)}
    parties = [
        a for c in ("party_ua", "party_ru") for a, _ in s.hits.get(c, ()) if a not in nationalities and a not in agents
    ]
    # "Russia has freed 12 civilians": a party (not a nationality: "Ukrainian civilians returned") as subject
    # ("Україна повернула 17 громадян": the receiver's own verb, no release by the side holding them)
    received = {i for a, b in s.hits.get("receive", ()) for i in range(a, b)}
    subject = any(0 < r - a <= _SUBJECT_GAP for a in parties for r, _ in s.hits.get("return", ()) if r not in received)
    return subject or (s.has("give") and bool(parties))


def _big_pow_count(s: Sentence, topic: Topic) -> bool:
    """ "8 тисяч громадян визволено": POW figures in the thousands are running totals, not one swap."""
    for n in find_numbers(s.tokens, topic, s.language):
        year = not n.spelled and 1990 <= n.value <= 2100
        if n.value > MAX_POW_COUNT and not year and not any(m.start <= n.start < m.end for m in s.dates):
            return not n_for_n(s.tokens, find_numbers(s.tokens, topic, s.language), topic)
    return False


def _specific_without_topic_words(s: Sentence, kind: EventKind) -> bool:
    """In an article with no exchange, captivity or repatriation word anywhere, "soldiers returned
    from the front" is not a POW return (people released by a side are), and returned bodies count only as
    soldiers' bodies or when Russia is named ("bodies of victims returned to their families" is not a repatriation)."""
    if kind == "body_repatriation":
        return s.has("party_ru") or s.has("pow", "fallen")
    # "Rusia liberó a doce civiles": released by a side (beside bodies they are the bodies' people)
    return not s.has("body") and _people_swapped(s, official=False)


def _is_recall_cue(s: Sentence) -> bool:
    return recall_cue(s)


def _stated_news_day(sentences: list[Sentence], topic: Topic) -> date | None:
    """The first fully stated day of the fresh evidence: an undated text's own dateline or day of the news."""
    for s in sentences:
        if not s.kinds or _is_recall_cue(s):
            continue
        for m in _own_dates(s):
            if m.explicit and (m.year is not None or m.weekday is not None) and m.day is not None:
                d, _ = resolve(m, None, topic, published=False)
                if d is not None:
                    return d
    return None


def _anchor(doc: Document, sentences: list[Sentence], news_day: date | None) -> tuple[date | None, bool]:
    """Reference date: publication, else the first fully stated day of the evidence, else the latest
    full date the text states (only good for giving day-month expressions a year). A bare year or
    month-year is no anchor: "defenders captured in March 2022" says nothing of the year of "25 May"."""
    if doc.published is not None:
        return doc.published.date(), True
    printed = dateline((s.tokens, s.dates) for s in sentences if not s.title)
    if printed is not None:
        return printed, True  # the text's own date line: its publication day
    if news_day is not None:
        return news_day, False
    stated = [date(m.year, m.month, m.day) for s in sentences for m in s.dates if m.year and m.month and m.day]
    return (max(stated), False) if stated else (None, False)


def _own_dates(s: Sentence) -> list[DateMention]:
    """The dates of what the sentence itself tells, for every sentence (act, deal or plan): all but those of a
    planned act (an agreement is dated by when it was made), of what a relative clause tells about people ("563
    bodies, among them 62 POWs who died in January") and of the agreement a completed act was carried out under
    ("under the agreements reached in Istanbul on June 2")."""
    return [m for m in s.dates if m.start not in s.planned and not _about_people(s, m.start) and not _link_day(s, m)]


def _link_day(s: Sentence, m: DateMention) -> bool:
    """A calendar date after "under the agreements" in a completed act's sentence, with no act word after the
    link ("held the first stage of the exchange under the agreements reached in Istanbul on June 2", «в
    соответствии с договоренностями, достигнутыми в Стамбуле 2 июня»), dates the agreement, not the act ("as
    agreed, on Monday Russia handed over 100" dates the handover). A weekday or "today" there is the act's own
    day told last ("handed over 1,000 bodies under the agreements on Friday"): the news tells when the handover
    was, an agreement recalled by its day is named by its date."""
    if s.status != "completed" or m.month is None or m.day is None or m.weekday is not None or m.offset is not None:
        return False
    acts = [a for c in _ACT_WORDS for a, _ in s.hits.get(c, ())]
    return any(b <= m.start and not any(a >= b for a in acts) for _, b in s.hits.get("agree_link", ()))


_ANTECEDENT = 3  # words before a relative pronoun where the noun it stands for is found
_PEOPLE_WORDS = ("pow", "people", "body", "nat_ua", "nat_ru")
_ACT_WORDS = ("exchange", "return", "receive", "give", "act_noun")


def _about_people(s: Sentence, at: int) -> bool:
    """Position `at` lies in a relative clause about people or bodies ("prisoners who died in January",
    "soldiers who had been captured in 2022") that tells no exchange or return: its day is theirs, not the
    act's ("the swap, which took place on Friday" is about the act)."""
    for lo, hi in s.relatives:
        if not lo <= at < hi:
            continue
        before = range(max(lo - _ANTECEDENT, 0), lo)
        people = any(a in before for c in _PEOPLE_WORDS for a, _ in s.hits.get(c, ()))
        act = any(a in before or lo <= a < hi for c in _ACT_WORDS for a, _ in s.hits.get(c, ()))
        if people and not act:
            return True
    return False


def _sentence_date(
    s: Sentence,
    anchor: date | None,
    published: bool,
    topic: Topic,
    prefer_earliest: bool,
    dates: list[DateMention] | None = None,
) -> tuple[date | None, DatePrecision]:
    """The sentence's date from `dates` (default: its own dates, `_own_dates`)."""
    resolved = [resolve(m, anchor, topic, published) for m in (_own_dates(s) if dates is None else dates)]
    dated = [(d, p) for d, p in resolved if d is not None]
    if not dated:
        return None, "unknown"
    days = [x for x in dated if x[1] == "day"] or dated
    if prefer_earliest:
        return min(days, key=lambda x: x[0])
    if anchor is not None:
        past = [x for x in days if x[0] <= anchor + timedelta(days=1)]
        days = past or days
    return max(days, key=lambda x: x[0])


def _unspoken(s: Sentence, anchor: date | None, published: bool, topic: Topic) -> tuple[list[DateMention], date | None]:
    """The sentence's own dates but the days something was said on, and the anchor to resolve them by: "Zelensky
    said on Tuesday that at the talks in Geneva on Saturday the sides agreed …" dates the agreement the Saturday
    before that Tuesday. No dates when each is such a day ("agreed, the ministry said on Tuesday")."""
    dates = _own_dates(s)
    spoken = [m for m in dates if spoken_day(s, m)]
    said = [d for m in spoken for d, p in [resolve(m, anchor, topic, published)] if d is not None and p == "day"]
    if said and anchor is not None and published:
        anchor = min(anchor, *said)  # what was said is told as of that day
    return [m for m in dates if m not in spoken], anchor


def _continues(s: Sentence, previous: Sentence | None) -> bool:
    """ "In return, 200 were handed to Ukraine": the previous sentence's event, date and background."""
    return previous is not None and bool(previous.kinds) and any(a <= 1 for a, _ in s.hits.get("continuation", ()))


def _date_sentences(
    sentences: list[Sentence], anchor: date | None, published: bool, topic: Topic, news_day: date | None = None
) -> None:
    """Each evidence sentence's date and whether it recalls an earlier event. Staleness is measured from
    the publication date, else from `news_day` (an undated text's own stated day of the news), so an
    undated report still treats "the 1,000-for-1,000 exchange of May 23" as background."""
    reference = anchor if published else news_day
    for previous, s, following in zip([None, *sentences], sentences, [*sentences[1:], None], strict=False):
        if not s.kinds:
            continue
        if _continues(s, previous) and previous is not None:
            s.date, s.precision, s.recalled = previous.date, previous.precision, previous.recalled
            continue
        if s.status in ("agreed", "postponed"):
            told, by = _unspoken(s, anchor, published, topic)
            if told:
                s.date, s.precision = _sentence_date(s, by, published, topic, True, told)
            else:
                s.date, s.precision = _sentence_date(s, anchor, published, topic, True)
        else:
            s.date, s.precision = _sentence_date(s, anchor, published, topic, prefer_earliest=False)
        if s.date is None and following is not None and _dates_previous(following):
            s.date, s.precision = _sentence_date(following, anchor, published, topic, prefer_earliest=False)
        s.recalled = _is_recall_cue(s)
        this_month = published and anchor and s.date and (s.date.year, s.date.month) == (anchor.year, anchor.month)
        if s.precision == "month" and s.weight <= BODY_WEIGHT and not this_month:
            s.recalled = True  # "In April, Ukraine similarly repatriated…": background
        if reference is None and not published and s.date is None and s.weight <= BODY_WEIGHT:
            # the same in an undated text, whose month no anchor resolves ("Earlier in February"), and a day
            # no later than a recalled one ("The previous swap was on February 16. On February 5, 63 …")
            s.recalled = s.recalled or _month_only(s) or _before_recalled_day(s, sentences)
        stale = bool(reference and s.date and (reference - s.date).days > topic.recall_after_days)
        if stale and s.status == "completed":
            s.recalled = True


def _month_only(s: Sentence) -> bool:
    """The sentence dates what it tells by a month alone ("В начале февраля, 63 …", "63 were freed in early
    February")."""
    return all(m.month is not None and m.day is None and m.offset is None for m in s.dates) and _dates_counts(s)


def _dates_counts(s: Sentence) -> bool:
    """The sentence's first date comes before each count or stands in its clause (a count told before it in
    another clause, "95 were handed over, … had last in early September swapped 103", is not its)."""
    if not s.dates:
        return False
    first = s.dates[0]
    dated = set(range(first.start, first.end))
    return all(
        n.start > first.start or s.clause_span(n.start) == s.clause_span(first.start)
        for n in s.numbers
        if n.start not in dated
    )


_MONTH_END = 31


def _before_recalled_day(s: Sentence, sentences: list[Sentence]) -> bool:
    """An undated text's sentence dated by day and month no later than the day (or within or before the
    month) an earlier sentence recalls ("The previous exchange took place on February 16" or "… in February.
    On February 5, 63 …"): the news came after it."""
    own = [(m.month, m.day) for m in s.dates if m.month is not None and m.day is not None and m.year is None]
    if not own or len(own) != len(s.dates) or not _dates_counts(s):
        return False
    recalled = [
        (m.month, m.day or _MONTH_END)  # a month alone: the previous swap may have been on any of its days
        for p in sentences
        if p.index < s.index and _is_recall_cue(p)
        for m in p.dates
        if m.month is not None and m.offset is None and (m.day is None or m.year is None)
    ]
    return bool(recalled) and max(own) <= max(recalled)


def _dates_previous(s: Sentence) -> bool:
    """ "Цей обмін відбувся 5 лютого", "This swap took place on 5 February": a sentence opening with a
    demonstrative and the act noun, telling it done on a day, dates the act the sentence before told
    without a day ("The previous exchange, on 20 July…" and "The swap was agreed … on June 10" do not, nor
    does "The exchange follows a swap on Dec. 31": that day is the other swap's, named between them)."""
    demonstrative = next((b for a, b in s.hits.get("demonstrative", ()) if a == 0), None)
    ends = [b for c in ("exchange", "return") for a, b in s.hits.get(c, ()) if a == demonstrative]
    if not ends:
        return False
    told_done = s.has("done") and not s.has("agree", "plan", "postpone", "modal") and not recall_cue(s)
    others = [a for a, _ in s.hits.get("exchange", ()) if a >= max(ends)]
    own_day = any(m.day is not None and m.explicit and not any(a < m.start for a in others) for m in s.dates)
    return told_done and own_day


def _context_date(
    sentences: list[Sentence], anchor: date | None, published: bool, topic: Topic
) -> tuple[date | None, DatePrecision]:
    """A day stated next to the exchange verb outside the evidence ("обмен состоялся в среду 15 января")."""
    for s in sentences:
        if s.kinds or not s.has("exchange", "return") or not s.has("done") or _is_recall_cue(s):
            continue
        if not published and s.index > _CONTEXT_DATE_SENTENCES:
            break  # without a publication date, only the opening sentences are trusted to date the news
        when, precision = _sentence_date(s, anchor, published, topic, prefer_earliest=False)
        fresh = not published or (anchor is not None and when is not None and 0 <= (anchor - when).days <= 3)
        if when is not None and precision == "day" and fresh:
            return when, precision
    return None, "unknown"


def _kind_of(s: Sentence, kind: EventKind) -> EventKind:
    return "agreement" if s.status in ("agreed", "postponed") else kind


def _groups(sentences: list[Sentence], published: bool) -> list[_Group]:
    """Evidence grouped into candidate mentions: fresh ones by kind, recalled ones by kind and date."""
    fresh: dict[EventKind, _Group] = {}
    recalled: dict[tuple[EventKind, date], _Group] = {}
    for s in sorted(sentences, key=lambda x: x.implied_party):  # named parties open groups first
        for base in s.kinds:
            kind = _kind_of(s, base)
            status: EventStatus = s.status or "completed"
            if s.recalled:
                if s.date is None or s.precision != "day":
                    continue
                group = recalled.setdefault((kind, s.date), _Group(kind, status, recalled=True))
            elif s.implied_party and kind not in fresh and not (fresh and _dated_news(s, kind)):
                continue  # no party named: it adds to the news, never makes it
            else:
                group = fresh.setdefault(kind, _Group(kind, status))
                if status == "postponed":
                    group.status = "postponed"
            group.sentences.append(s)
    for group in (*fresh.values(), *recalled.values()):
        group.sentences.sort(key=lambda x: x.index)  # text order again (headline first)
    for group in recalled.values():
        group.date, group.precision = group.sentences[0].date, group.sentences[0].precision
    for group in fresh.values():
        # The headline, the lead or the first evidence sentence dates a fresh mention; a later
        # sentence with another date is about another stage or event.
        first = group.sentences[0]
        dated = [s for s in group.sentences if s.date is not None and (s is first or s.weight > BODY_WEIGHT)]
        if published:  # with a publication date, a later dated evidence sentence is still this week's news
            dated = dated or [s for s in group.sentences if s.date is not None and s.precision == "day"]
        if dated:
            group.date, group.precision = dated[0].date, dated[0].precision
    return _split_fresh_dates(list(fresh.values())) + list(recalled.values())


def _dated_news(s: Sentence, kind: EventKind) -> bool:
    """ "Today, 7 June, another prisoner exchange took place", beside a handover of the dead whose party is
    named: a completed act of the other kind on a stated day is the news's companion, not background."""
    return kind != "agreement" and s.status == "completed" and s.precision == "day" and any(m.explicit for m in s.dates)


def _split_fresh_dates(groups: list[_Group]) -> list[_Group]:
    """A fresh group whose sentences state several different days: the first date stays primary."""
    out: list[_Group] = []
    for group in groups:
        extra: dict[date, _Group] = {}
        keep: list[Sentence] = []
        for s in group.sentences:
            if s.date and s.precision == "day" and s.date != group.date and not s.title:
                extra.setdefault(s.date, _Group(group.kind, group.status, date=s.date, precision="day"))
                extra[s.date].sentences.append(s)
            else:
                keep.append(s)
        for day, later in list(extra.items()):
            if _later_step(group, later, keep):
                keep.extend(later.sentences)  # "the 75 released arrived in Moscow today, June 1"
                del extra[day]
        group.sentences = sorted(keep, key=lambda x: x.index)
        out.append(group)
        out.extend(extra.values())
    return out


def _counts(s: Sentence) -> set[int]:
    """The head counts a sentence states (not its dates or years)."""
    found = set()
    for n in find_numbers(s.tokens, s.topic, s.language):
        in_date = any(m.start <= n.start < m.end for m in s.dates)
        if not in_date and not (not n.spelled and 1990 <= n.value <= 2100):
            found.add(n.value)
    return found


def _later_step(group: _Group, later: _Group, kept: list[Sentence]) -> bool:
    """Whether sentences dated a day or two after the news only follow the same people further (their
    arrival, their hand-over to doctors): every count they state is one the news states already."""
    if group.date is None or later.date is None or not 1 <= (later.date - group.date).days <= 2:
        return False
    theirs = set().union(*(_counts(s) for s in later.sentences))
    ours = set().union(*(_counts(s) for s in kept)) if kept else set()
    return bool(theirs) and theirs <= ours


def _order(groups: list[_Group]) -> list[_Group]:
    """Primary first: fresh before recalled, completed before agreements, then by evidence weight."""

    def key(g: _Group) -> tuple[float, ...]:
        first = min(s.index for s in g.sentences)
        completed = 1.0 if g.kind != "agreement" else 0.0
        return (g.recalled, -(g.score + 0.75 * completed), first)

    ordered = sorted((g for g in groups if g.sentences), key=key)
    fresh = [g for g in ordered if not g.recalled]
    deal = next((g for g in fresh if g.kind == "agreement" and any(s.title for s in g.sentences)), None)
    if deal is not None and fresh[0].kind != "agreement" and _body_only_undated(fresh[0]):
        # "Russia ready to hand over 3,000 more bodies" over "Russia has returned 6,060 bodies under the
        # agreements": the headline tells the news; a handover told only in the body, on no day of its own,
        # is what came before it
        ordered.remove(deal)
        ordered.insert(0, deal)
        return ordered
    if len(fresh) >= 2 and {fresh[0].kind, fresh[1].kind} == {"pow_exchange", "body_repatriation"}:
        a, b = fresh[0], fresh[1]
        same_day = a.date is None or b.date is None or a.date == b.date
        if same_day and _first_evidence(b) < _first_evidence(a):
            ordered[0], ordered[1] = b, a  # a swap and a handover of the dead on one day: the one told first
    return ordered


def _body_only_undated(g: _Group) -> bool:
    """No sentence of the group is a headline or states a day, a weekday or "today" of its own."""
    return not any(
        s.title or any(m.explicit or m.weekday is not None or m.offset is not None for m in s.dates)
        for s in g.sentences
    )


def _first_evidence(g: _Group) -> tuple[int, bool]:
    """Where the text first tells a group's act; when one sentence tells both, the swap comes first (a day
    of both is known by its swap: "38 soldiers and the bodies of 62 fallen")."""
    return g.sentences[0].index, g.kind != "pow_exchange"


def _default_date(
    group: _Group, anchor: date | None, published: bool, link_date: date | None
) -> tuple[date | None, DatePrecision]:
    if group.date is not None:
        return group.date, group.precision
    if link_date is not None and (anchor is None or not published or 0 <= (anchor - link_date).days <= 3):
        return link_date, "day"
    if published and anchor is not None:
        return anchor, "day"
    return None, "unknown"


def _context(
    sentences: list[Sentence], when: date | None, anchor: date | None, published: bool, topic: Topic
) -> list[Sentence]:
    """Sentences about the primary event: not background, not dated to another day (a sentence that is
    not evidence is dated here, so "1,000 each from May 23 to 25" stays out of a June stage)."""
    out: list[Sentence] = []
    for s in sentences:
        if s.recalled or _is_recall_cue(s):
            continue
        if s.kinds:
            if s.date is None or when is None or s.date == when:
                out.append(s)
            continue
        stated = [resolve(m, anchor, topic, published) for m in s.dates if m.explicit and m.day is not None]
        days = {d for d, p in stated if d is not None and p == "day"}
        if not days or when is None or when in days:  # "today"/"on Sunday" are too loose to exclude by
            out.append(s)
    return out


def _agreement_date(
    sentences: list[Sentence], anchor: date | None, published: bool, topic: Topic
) -> tuple[date | None, DatePrecision]:
    """An agreement the text does not date itself was reached at the talks it dates: the latest day
    of talks or agreement stated, not after the anchor."""
    best: date | None = None
    for s in sentences:
        if not s.has("talks", "agree") or not s.dates or s.status == "completed":
            continue  # a completed report's date is the handover's, not the talks
        # "said on Tuesday that at the talks in Geneva on Saturday …": Tuesday is the day of the words, not of
        # the talks, whatever other day the sentence gives
        talks_days, by = _unspoken(s, anchor, published, topic)
        if not talks_days:
            continue
        when, precision = _sentence_date(s, by, published, topic, prefer_earliest=False, dates=talks_days)
        if when is not None and precision == "day" and (anchor is None or when <= anchor):
            best = max(best, when) if best else when
    return (best, "day") if best else (None, "unknown")


def _mention(
    group: _Group,
    primary: bool,
    anchor: date | None,
    published: bool,
    topic: Topic,
    sentences: list[Sentence],
) -> Mention:
    link = url_date(sentences[-1].text) if primary and sentences else None
    if group.kind == "agreement" and group.date is None:
        group.date, group.precision = _agreement_date(sentences, anchor, published, topic)
    stated = group.date is not None
    when, precision = _default_date(group, anchor, published, link) if primary else (group.date, group.precision)
    month_day = (_month_day(group) or _month_day(_telling_next(group, sentences))) if primary and when is None else None
    weekday = _weekday(group) if primary and when is None else None
    context = _context(sentences, when, anchor, published, topic) if primary else None
    if group.kind == "agreement":
        context = sentences  # the talks named elsewhere in the text give the venue
    facts: tuple[Fact, ...] = extract_facts(group.kind, group.sentences, topic, context, sentences, when)
    if group.kind == "agreement":
        facts += _planned_for(group, anchor, published, topic)
    evidence = tuple(dict.fromkeys(s.text for s in group.sentences))[:3]
    return Mention(
        kind=group.kind,
        status=group.status if group.kind != "agreement" or group.status != "completed" else "agreed",
        event_date=when,
        date_precision=precision,
        facts=facts,
        evidence=evidence,
        recalled=group.recalled,
        score=round(group.score, 2),
        date_inferred=when is not None and not stated,
        month_day=month_day,
        weekday=weekday,
    )


def _as_background(mention: Mention, primary: Mention) -> Mention:
    """A handover told done on a day before the one the article reports ("…less than a week after the
    previous one on Saturday, October 29", "on Wednesday Ukraine received 1,212 bodies in the first stage")
    was news then: here it is background, stored and linked but never alerted."""
    earlier = (
        primary.kind != "agreement"
        and primary.status == "completed"
        and primary.event_date is not None
        and mention.kind != "agreement"
        and mention.status == "completed"
        and mention.date_precision == "day"
        and mention.event_date is not None
        and mention.event_date < primary.event_date
    )
    return replace(mention, recalled=True) if earlier and not mention.recalled else mention


def _planned_for(group: _Group, anchor: date | None, published: bool, topic: Topic) -> tuple[Fact, ...]:
    """The day the agreed act is planned for (ISO), a property of the agreement, not its date: the first
    planned day its evidence states ("175 each on Wednesday", said on Tuesday: the Wednesday after)."""
    for s in group.sentences:
        for m in s.dates:
            if m.start in s.planned:
                day, precision = resolve_ahead(m, anchor, topic, published)
                if day is not None and precision == "day":
                    return (Fact("planned_for", day.isoformat(), s.text),)
    return ()


def _weekday(group: _Group) -> int | None:
    """The first weekday the evidence gives the news ("on Monday"), when nothing else dates it."""
    for s in group.sentences:
        for m in _own_dates(s):
            if m.weekday is not None and m.month is None:
                return m.weekday
    return None


def _month_day(group: _Group) -> tuple[int, int] | None:
    """The first day and month the evidence states without a year (nothing gave it one). For a handover,
    not a day in a clause about talks or a deal ("as agreed at the talks of 2 June in Istanbul, the first
    stage took place"): that is the agreement's day, which grouping would hold against the handover's. For an
    agreement, not the day its act is planned for, unless the only deal day stated lies well before it: then
    that deal is the background of a new plan ("start on 12 June", after "agreed in Istanbul on 2 June")."""
    days = [
        (m.start in s.planned, (m.month, m.day))
        for s in group.sentences
        for m in s.dates
        if m.month is not None
        and m.day is not None
        and m.year is None
        and (group.kind == "agreement" or not _about_talks(s, m.start))
    ]
    deal = next((day for planned, day in days if not planned), None)
    plan = next((day for planned, day in days if planned), None)
    if deal is not None and plan is not None and _days_between(deal, plan) > _BOUND_PLAN_DAYS:
        return plan
    return deal


_BOUND_PLAN_DAYS = 2  # a deal and the handover it plans, told from their two days: the call, the next day
_NEXT_SENTENCES = 2  # how far after a handover's first evidence a sentence telling who came home may follow


def _telling_next(group: _Group, sentences: list[Sentence]) -> _Group:
    """The sentences right after a handover's first evidence that tell people or bodies returned, done, with
    no party of their own ("The second stage took place. On 10 June severely wounded defenders came home"):
    their day is the handover's when its evidence states none."""
    if group.kind == "agreement" or not group.sentences:
        return _Group(group.kind, group.status)
    first = group.sentences[0].index
    told = [
        s
        for s in sentences
        if first < s.index <= first + _NEXT_SENTENCES
        and not s.kinds
        and s.has("return", "exchange")
        and s.has("done")
        and s.has("pow", "body", "people", "captivity")
        and not s.has("agree", "talks", "plan", "postpone")
        and not _is_recall_cue(s)
    ]
    return _Group(group.kind, group.status, told)


def _days_between(first: tuple[int, int], later: tuple[int, int]) -> int:
    """Days from one day-month to a later one (across a new year when it comes before)."""
    a, b = date(2024, *first), date(2024, *later)  # a leap year: 29 February exists
    return (b - a).days % 366


def _about_talks(s: Sentence, at: int) -> bool:
    """The clause holding the day names talks or a deal and tells nothing done ("the exchange agreed in
    Istanbul took place on 14 June" is the exchange's day)."""
    lo, hi = s.clause_span(at)
    inside = [c for c in ("talks", "agree", "done") if any(lo <= a < hi for a, _ in s.hits.get(c, ()))]
    return "done" not in inside and bool(inside)


_COUNT_KEYS = {
    "pow_exchange": ("bodies_to_ukraine", "bodies_to_russia"),
    "body_repatriation": ("returned_to_ukraine", "returned_to_russia"),
}


def _with_companion_counts(primary: Mention, others: list[Mention]) -> Mention:
    """A swap that also handed over bodies (or the reverse) on the same day is one event: the primary
    mention carries the other kind's counts too."""
    keys = _COUNT_KEYS.get(primary.kind)
    if keys is None:
        return primary
    have = primary.fact_values()
    extra: list[Fact] = []
    for other in others:
        same_day = other.event_date is None or other.event_date == primary.event_date
        if other.recalled or other.kind == "agreement" or other.kind == primary.kind or not same_day:
            continue
        extra += [f for f in other.facts if f.key in keys and f.key not in have]
    return replace(primary, facts=primary.facts + tuple(extra)) if extra else primary


_TERMS = (
    "agreed_to_ukraine",
    "agreed_to_russia",
    "agreed_bodies",
    "agreed_bodies_to_ukraine",
    "agreed_bodies_to_russia",
)


_BODY_TERMS = ("agreed_bodies", "agreed_bodies_to_ukraine", "agreed_bodies_to_russia")


def _terms_about(sentences: list[Sentence]) -> str | None:
    """ "bodies" or "people" when the sentences speak of only the one, else None."""
    bodies = any(s.has("body") for s in sentences)
    people = any(s.has("pow", "people") for s in sentences)
    return None if bodies == people else "bodies" if bodies else "people"


def _with_deal_terms(primary: Mention, others: list[Mention], about: str | None, reach_days: int) -> Mention:
    """An agreement that states no terms takes those the text tells of the same deal elsewhere: another
    agreement mention of its day («Нагадаємо, 2 червня сторони домовилися … по 6000 з кожного боку»), or,
    for a postponement, the deal whose act is postponed, up to `reach_days` before it ("Russia accused Ukraine
    of postponing the handover …; at the June 2 talks the two sides agreed to return 6,000 bodies each").
    Both are dated, and the terms are of what the agreement is `about` (bodies or people) when it says."""
    if primary.kind != "agreement" or primary.event_date is None or any(f.key in _TERMS for f in primary.facts):
        return primary
    for other in others:
        keys = {f.key for f in other.facts if f.key in _TERMS}
        if other.kind != "agreement" or not keys or other.event_date is None:
            continue
        if about is not None and (about == "bodies") != (keys <= set(_BODY_TERMS)):
            continue  # body terms are no swap's, a swap's are no repatriation's
        days = (primary.event_date - other.event_date).days
        if days == 0 or (primary.status == "postponed" and 0 <= days <= reach_days):
            have = primary.fact_values()
            terms = tuple(f for f in other.facts if f.key in (*_TERMS, "categories") and f.key not in have)
            return replace(primary, facts=primary.facts + terms)
    return primary


def _foreign_story(sentences: list[Sentence]) -> bool:
    """Mostly about another conflict's swap or hostages (Gaza, Karabakh, US–Russia…)."""
    foreign = sum(1 for s in sentences if _names_foreign_party(s, "foreign_conflict"))
    fresh = sum(1 for s in sentences if s.kinds and not s.recalled)
    title = sentences[0] if sentences and sentences[0].title else None
    if title and not title.kinds:
        if _names_foreign_party(title, "foreign_conflict"):
            return True
        if _names_foreign_party(title) and title.has("exchange", "return") and not title.has("party_ua"):
            return True  # "US, Russia swap prisoners": the headline names the story
    return foreign >= 2 and foreign >= fresh


def _off_topic_story(sentences: list[Sentence]) -> bool:
    """Most sentences with a return verb are about rubble, rescuers, exhumations or trials ("the body
    of a woman was recovered from the rubble"): the rest of the story is not a repatriation either."""
    off = sum(1 for s in sentences if s.has("exchange", "return") and s.has("off_topic"))
    evidence = sum(1 for s in sentences if s.kinds)
    return off >= 2 and off > evidence


_uses = 0  # detect() calls so far: a service tells an idle spell by it (see resources.release)


def uses() -> int:
    """How many documents detection has looked at in this process."""
    return _uses


def detect(doc: Document, topic: Topic | None = None) -> Report:
    """Decide whether a document reports an exchange/repatriation/agreement and extract its mentions."""
    global _uses
    _uses += 1
    topic = topic or load_topic()
    language = document_language(doc.title, doc.text, doc.language)
    if not may_hold_evidence(doc, topic, language):
        return Report(False, 0.0, (), ("no exchange/repatriation evidence",))
    sentences = analyse(doc, topic, language)
    doc_has_ua = any(s.has("party_ua", "hq") for s in sentences)
    doc_has_both = doc_has_ua and any(s.has("party_ru") for s in sentences)
    for i, s in enumerate(sentences):
        previous = sentences[i - 1] if i else None
        _classify(s, doc_has_ua, topic, doc.official, doc_has_both, previous)
    _status_from_text(sentences, topic)
    if not doc.official and not any(s.has("exchange", "captivity", "hq", "repatriation") for s in sentences):
        for s in sentences:
            s.kinds = tuple(k for k in s.kinds if _specific_without_topic_words(s, k))
    news_day = None if doc.published else _stated_news_day(sentences, topic)
    anchor, published = _anchor(doc, sentences, news_day)
    _date_sentences(sentences, anchor, published, topic, news_day)
    groups = _order(_groups(sentences, published))
    fresh = [g for g in groups if not g.recalled]
    score = round(sum(g.score for g in fresh), 2)
    reasons: list[str] = []
    if _foreign_story(sentences):
        return Report(False, score, (), ("another conflict's swap or hostages",))
    if _off_topic_story(sentences):
        return Report(False, score, (), ("returns told in a story about strikes, crimes or exhumations",))
    if not fresh or score < topic.relevance_threshold:
        why = "only recalled events" if groups else "no exchange/repatriation evidence"
        return Report(False, score, (), (why,))
    if fresh[0].date is None:
        fresh[0].date, fresh[0].precision = _context_date(sentences, anchor, published, topic)
    if not published and fresh[0].date is not None:
        anchor = fresh[0].date
    mentions = [_mention(g, i == 0, anchor, published, topic, sentences) for i, g in enumerate(groups)]
    about = _terms_about(groups[0].sentences)
    mentions[0] = _with_companion_counts(mentions[0], mentions[1:])
    mentions[0] = _with_deal_terms(mentions[0], mentions[1:], about, DEAL_FOLLOW_DAYS)
    mentions = [mentions[0], *(_as_background(m, mentions[0]) for m in mentions[1:])]
    reasons.append(f"{len(fresh[0].sentences)} evidence sentence(s) for {fresh[0].kind}")
    return Report(True, score, tuple(mentions), tuple(reasons))


def warm_up(topic: Topic | None = None) -> None:
    """Load what detection loads lazily — the topic, the language models, Russian/Ukrainian and the lemma
    languages' tables — so the first article of each language does not pay seconds for it. A
    service calls this in a thread at startup (never on its event loop)."""
    from service.core.detection.language import classify
    from service.core.detection.morphology import MORPHOLOGY_LANGUAGES, lemma, parses

    topic = topic or load_topic()
    classify("Ukraine and Russia exchanged prisoners of war.")
    for language in MORPHOLOGY_LANGUAGES:
        parses("обмен", language)
    for language in topic.lemma_languages - topic.lemma_sources.keys():
        lemma("test", language)  # the language files' tables (a few ms each) load with their first text


_TAG = re.compile(r"<[^>]*>")


def prefilter(raw: str, topic: Topic | None = None) -> bool:
    """Fast check on raw HTML or text: False only when the page cannot be relevant.

    Evidence needs an object (POWs, bodies…), a predicate (exchange, return…) and a party (Ukraine,
    Russia…) in one sentence, so a page that lacks any of the three anywhere is dropped. The text is
    normalised like detection's (look-alike letters, apostrophes), so recall equals detect's.
    """
    topic = topic or load_topic()
    text = normalize(_TAG.sub(" ", raw[: MAX_TEXT * 20]) if "<" in raw else raw[: MAX_TEXT * 20])
    tokens = set(tokenize(text))
    return all(part.hit(tokens) for part in topic.prefilter)
