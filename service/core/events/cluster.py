"""Group the mentions of one report into real-world events (pure: no clock, no I/O).

The store loads candidates with :func:`candidate_window` (same kind, a date range), then calls
:func:`group`, which decides for each mention: attach to the best-matching candidate or create an
event. Matching is evidence-scored: kind and a plausible date are required; the same day, equal
figures, the same stage, shared mediators and categories and text similarity add to the score; a
different stage, a conflicting figure and two stated days that differ count against it (a conflicting
figure not between same-kind reports of the same day, which are one event in practice). A day known
only from publication also fits the day before (a report the next morning); for an agreement, the
weeks before (a follow-up about the deal). Side mentions without a date, and the deal behind a handover
the article reports, are treated as background (like recalled ones): they attach, or create a
historical event; a fresh report of such an event makes it news unless a date says it is old.
An unplaced mention (no date, no publication time) has weaker evidence only: figures, text similarity,
the same stage together with a shared category, a day and month stated without a year, and for an
agreement the figures written in its text; when two handovers on different days fit it equally it
stays apart, and a replayed row's month or year of publication bounds the events it can report.

Every event stores a date: for an undated event, ``event_date`` is the date it was first reported
(``date_precision="unknown"``) and the event may have happened up to ``unknown_window_days`` before.
An event is historical when it is already older than ``max_age_days`` at ``now``, the moment the service
first sees it (the eval replay sets ``now`` to the publication time).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from service.core.domain import Document, EventKind, EventState, Mention, Report
from service.core.events import merge, parents, similarity
from service.core.events.candidates import (
    Interval,
    event_interval,
    follow_up,
    mention_interval,
    reaches_back,
    window,
)
from service.core.events.params import DEFAULT_PARAMS, GroupParams

__all__ = ["GroupOutcome", "GroupParams", "candidate_window", "group", "match_score", "text_figures"]


@dataclass(frozen=True)
class GroupOutcome:
    """What one report did to one event (``before`` is None for a new event)."""

    before: EventState | None
    after: EventState
    mention: Mention
    primary: bool


# A written number: digits with optional thousands separators (1,000 / 1 000 / 1.000 / 1000).
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d]|[.,]\d)|(?<![\d.,])\d+(?![\d]|[.,]\d)")


def text_figures(texts: Sequence[str], minimum: int) -> frozenset[int]:
    """Head-count-like numbers written in the texts; year-like numbers (1900–2100) are left out."""
    found: set[int] = set()
    for text in texts:
        for match in _NUMBER.finditer(text or ""):
            value = int(re.sub(r"\D", "", match.group()))
            if value >= minimum and not 1900 <= value <= 2100:
                found.add(value)
    return frozenset(found)


def candidate_window(
    mention: Mention,
    published: datetime | None,
    *,
    params: GroupParams = DEFAULT_PARAMS,
    discovered: datetime | None = None,
) -> tuple[EventKind, date | None, date | None]:
    """Kind and inclusive date bounds of :func:`candidates.window` (None: unbounded)."""
    rule = window(mention, published, params, discovered)
    return rule.kind, rule.low, rule.high


def _date_score(mention: Mention, a: Interval, event: EventState, params: GroupParams) -> float | None:
    """Evidence from the dates: the same day is strong, two stated days that differ count against, beyond
    the slack none (None). A day only inferred from publication also fits the day before it."""
    b = event_interval(event, params)
    if a is None or b is None:
        return 0.0
    gap = max(a[0] - b[1], b[0] - a[1], timedelta(0)).days
    if gap > params.day_slack_days:
        return None
    if mention.date_precision != "day" or event.date_precision != "day":
        return 0.5 if gap == 0 else 0.0
    assert mention.event_date is not None and event.event_date is not None
    apart = abs((mention.event_date - event.event_date).days)
    if apart == 0:
        return 2.0
    if mention.date_inferred or event.date_inferred or follow_up(mention):
        if gap > 0:
            return 0.0  # after the publication that dated it: reported before it happened?
        # within the inferred span: the day before a publication, or weeks before a deal's follow-up
        return params.inferred_day_weight if apart == 1 else 0.5
    # Two stated days that differ are usually two events (daily stages of one operation, batches of
    # bodies), rarely one event misdated: evidence against, which equal figures alone do not outweigh.
    return -params.day_conflict_weight


def _weekday_score(mention: Mention, event: EventState, params: GroupParams) -> float | None:
    """An unplaced mention's weekday against a dated event's: for on the day, against a day or two off
    (``hint_conflict_weight``), None beyond the slack (a weekday stated for the news is rarely wrong)."""
    if mention.weekday is None or event.event_date is None or event.date_precision != "day":
        return 0.0
    apart = abs(event.event_date.isoweekday() - mention.weekday)
    apart = min(apart, 7 - apart)
    if apart > params.day_slack_days:
        return None
    if apart == 0 or _day_before_inferred(event, (event.event_date.isoweekday() - mention.weekday) % 7):
        return params.weekday_weight
    return -params.hint_conflict_weight


def _day_before_inferred(event: EventState, days_before: int) -> bool:
    """Whether a stated day ``days_before`` the event's date fits it because that date is only the publication
    day of its reports: the handover may have been the day before (as for a placed mention, _date_score)."""
    return event.date_inferred and days_before == 1


def _month_day_score(mention: Mention, event: EventState, params: GroupParams) -> float | None:
    """An unplaced mention's day and month (no year) against the event's date: for on the day, against
    a day or two off (``hint_conflict_weight``, as two stated days a day apart), weakly against on any
    other day. Not a veto for a handover: the first year-less day of a text is sometimes background (the
    talks' day, the previous stage), in 4 of 18 unplaced development reports. For an agreement it is the
    day of the deal or plan itself (detection dates an agreement by its own evidence), so beyond the slack
    it rules the event out, as a placed agreement's stated day does: "sanitary exchanges start on 12 June"
    is a new announcement, not the deal of 2 June its text recaps with the same venue and figures."""
    if mention.month_day is None or event.event_date is None or event.date_precision == "unknown":
        return 0.0
    month, day = mention.month_day
    if event.date_precision == "month":
        return 0.0 if event.event_date.month == month else -params.month_day_weight / 2
    gaps = []
    for year in (event.event_date.year - 1, event.event_date.year, event.event_date.year + 1):
        try:
            gaps.append((event.event_date - date(year, month, day)).days)
        except ValueError:  # 29 February
            continue
    before = min(gaps, key=abs, default=params.day_slack_days + 1)
    apart = abs(before)
    if apart > params.day_slack_days:
        return None if mention.kind == "agreement" else -params.month_day_weight / 2
    if apart == 0 or _day_before_inferred(event, before):
        return params.month_day_weight
    return -params.hint_conflict_weight


def _figure_score(event: EventState, said: dict[str, Any], params: GroupParams) -> float:
    """Equal figures are strong evidence; a figure the event knows under another side or source, weak;
    a different figure is evidence against (misreadings and early counts are common), never a veto."""
    known = _known_figures(event)
    score = 0.0
    for key in merge.figure_keys(said):
        ours, theirs = event.facts.get(key), said[key]
        if ours == theirs:
            score += 2.0
        elif theirs in known:
            score += 1.0  # another outlet's figure, or the sides swapped by one of the extractions
        elif ours is not None:
            score -= params.figure_conflict_weight
    return score


def _category_score(
    kind: EventKind, said: dict[str, Any], event: EventState, params: GroupParams, unplaced: bool = False
) -> float:
    """Shared categories count once, however many (they travel together; the daily stages of one operation
    share them). An agreement's categories are its terms, who is to be exchanged, like its agreed figures:
    the larger the share of the two lists that agrees (Jaccard), the more it counts ("wounded" and "the
    Azovstal defenders" against the deal of exactly those, rather than against one of five categories).
    So for an unplaced report of any kind, which has nothing else to choose between events by: "the severely
    wounded" fits the stage of the wounded and ill better than one of the wounded, women and Azov fighters."""
    mine, theirs = set(said.get("categories", ())), set(event.facts.get("categories", ()))
    if not mine & theirs:
        return 0.0
    if kind != "agreement" and not unplaced:
        return params.category_weight
    return params.category_weight + params.terms_weight * len(mine & theirs) / len(mine | theirs)


def _planned_days(event: EventState) -> set[str]:
    """Every planned day the event's reports gave (the merged one and those in provenance)."""
    days = {p.value for p in event.provenance.get("planned_for", ())}
    merged = event.facts.get("planned_for")
    return days | {merged} if merged is not None else days


def _known_figures(event: EventState) -> set[int]:
    return {p.value for entries in event.provenance.values() for p in entries if merge.is_number(p.value)}


def match_score(
    event: EventState,
    mention: Mention,
    span: Interval,
    sig: Sequence[int],
    params: GroupParams,
    numbers: frozenset[int] = frozenset(),
    latest: bool = False,
) -> float | None:
    """Evidence that the mention reports this event; None when it cannot.

    ``numbers`` are the figures written in the mention's text (:func:`group` passes them for unplaced
    mentions of ``text_figure_kinds``); they count only when the mention has no figures of its own.
    ``latest``: the event is the latest agreement a follow-up reaching back (candidates.reaches_back) can
    be about.
    """
    if event.kind != mention.kind:
        return None
    precise = mention.date_precision == "day" and event.date_precision == "day"
    score = _date_score(mention, span, event, params)
    if score is None:
        return None
    if span is None:
        on_weekday = _weekday_score(mention, event, params)
        if on_weekday is None:
            return None
        on_day = _month_day_score(mention, event, params)
        if on_day is None:
            return None
        score += on_day + on_weekday
    said = mention.fact_values()
    figures = _figure_score(event, said, params)
    if precise and score >= 2.0:
        # Same kind on the same day is one event in practice; differing figures are misreports or
        # misreadings and stay in provenance, so they may not veto it (a different stage still does).
        figures = max(figures, 0.0)
    score += figures
    if span is None and not merge.figure_keys(said) and numbers & _known_figures(event):
        score += params.text_figure_weight
    if latest:
        score += params.follow_up_weight
    if "stage" in said and "stage" in event.facts:
        if said["stage"] not in {p.value for p in event.provenance.get("stage", ())} | {event.facts["stage"]}:
            score -= params.stage_conflict_weight  # strong evidence against, but stage numbers get misread
        else:
            score += 1.5 if span is not None else params.unplaced_stage_weight  # "stage 1" of some time: weak
    if set(said.get("mediators", ())) & set(event.facts.get("mediators", ())):
        score += params.mediator_weight  # names travel across languages, unlike words
    if said.get("planned_for") is not None and said["planned_for"] in _planned_days(event):
        score += params.planned_day_weight  # the same handover day planned: one deal told from its two days
    venues = said.get("venue"), event.facts.get("venue")
    if None not in venues:
        # "the exchange agreed in Abu Dhabi last week has been postponed"; talks elsewhere are another deal
        score += params.venue_weight if venues[0] == venues[1] else -params.venue_weight
    score += _category_score(mention.kind, said, event, params, span is None)
    sim = similarity.similarity(event.signature, sig, size=params.signature_size)
    if sim >= params.similarity_threshold:
        score += 2.0 if sim >= 2 * params.similarity_threshold else 1.0
    return score


def _best_match(
    candidates: Sequence[EventState],
    mention: Mention,
    span: Interval,
    sig: Sequence[int],
    params: GroupParams,
    numbers: frozenset[int] = frozenset(),
    bounds: Interval = None,
    bracketed: bool = False,
) -> EventState | None:
    threshold = params.match_threshold if span is not None else params.unplaced_threshold
    best: tuple[tuple[float, bool, int, float], EventState] | None = None
    scored: list[tuple[float, EventState]] = []
    latest = _latest_deal(candidates, mention, span, params) | _announced_deal(candidates, mention, params)
    for event in candidates:
        if bounds is not None and not _within(event, bounds, params):
            continue
        score = match_score(event, mention, span, sig, params, numbers, event.key in latest)
        if score is not None and bracketed and event.date_precision != "unknown":
            score += 0.5  # published near its date: weak evidence, as overlapping month dates are
        if score is None or score < threshold:
            continue
        scored.append((score, event))
        # Ties go to the event reported as news (not only as background), then the better corroborated,
        # then the most recently active one.
        recency = event.last_seen.timestamp() if event.last_seen else 0.0
        rank = (score, not event.historical, event.report_count, recency)
        if best is None or rank > best[0]:
            best = (rank, event)
    counted = bool(merge.figure_keys(mention.fact_values()))
    if best is not None and span is None and counted and _ambiguous(best[1], best[0][0], scored, params):
        return None
    return best[1] if best else None


def _latest_deal(candidates: Sequence[EventState], mention: Mention, span: Interval, params: GroupParams) -> set[str]:
    """The latest agreement a follow-up reaching back can be about (ties: all of them).

    A dispute, a delay, "the lists have not been handed over yet", a reminder of what was agreed: news
    about a deal comes after it and carries no day of its own, so of the deals in its weeks-long span the
    most recent one is the likeliest (the parties are always Russia and Ukraine here). Stated days, figures
    and venues still count for and against it.
    """
    if span is None or not reaches_back(mention):
        return set()
    deals = [
        e
        for e in candidates
        if e.kind == "agreement"
        and e.event_date is not None
        and e.date_precision != "unknown"
        and _date_score(mention, span, e, params) is not None
        and e.event_date <= span[1]
    ]
    if not deals:
        return set()
    newest = max(e.event_date for e in deals if e.event_date is not None)
    return {e.key for e in deals if e.event_date == newest}


def _announced_deal(candidates: Sequence[EventState], mention: Mention, params: GroupParams) -> set[str]:
    """The stored agreement a deal told with its own day was first reported as, when those reports gave it no
    day (dated by their publication, at most ``day_slack_days`` after): the earliest such one after the day.
    The converse of a follow-up joining the latest deal: "the sides agreed to swap 200" published on Tuesday,
    then "agreed on Monday" — one deal, dated by when it was made (ties: all of them)."""
    if mention.kind != "agreement" or mention.date_precision != "day" or reaches_back(mention):
        return set()
    day = mention.event_date
    assert day is not None
    reports = [
        e
        for e in candidates
        if e.kind == "agreement"
        and e.date_inferred
        and e.event_date is not None
        and 0 < (e.event_date - day).days <= params.day_slack_days
    ]
    if not reports:
        return set()
    first = min(e.event_date for e in reports if e.event_date is not None)
    return {e.key for e in reports if e.event_date == first}


def _within(event: EventState, bounds: tuple[date, date], params: GroupParams) -> bool:
    """Whether a dated event can be what an unplaced mention bounded by ``bounds`` reports."""
    if event.date_precision == "unknown":
        return True
    interval = event_interval(event, params)
    if interval is None:
        return True
    gap = max(bounds[0] - interval[1], interval[0] - bounds[1], timedelta(0)).days
    return gap <= params.day_slack_days


def _ambiguous(chosen: EventState, top: float, scored: Sequence[tuple[float, EventState]], params: GroupParams) -> bool:
    """Whether another reported event of the same operation (a stated day at most ``stage_sibling_days``
    away) fits an unplaced mention stating a count as well as the chosen one (the same figure in batches
    on consecutive days): which one it reports is a coin toss, so the report stays apart rather than
    corroborating the wrong one. Ties across operations (1,000 bodies every month) and ties on weaker
    evidence (a stage and a category) go to the better corroborated event: staying apart there costs an
    alert every time (stress copy of dev with half the rows unpublished: 1.26 alerts per event against 1.20)."""
    if chosen.kind == "agreement" or chosen.historical or chosen.date_precision != "day":
        return False  # an agreement is re-dated by every follow-up: its events on other days are often one
    return any(
        abs(score - top) < 1e-9
        and event.key != chosen.key
        and not event.historical
        and event.date_precision == "day"
        and event.event_date != chosen.event_date
        and event.event_date is not None
        and chosen.event_date is not None
        and abs((event.event_date - chosen.event_date).days) <= params.stage_sibling_days
        for score, event in scored
    )


def _texts(mention: Mention, doc: Document, primary: bool) -> list[str]:
    # The article is about its primary event (syndicated rewrites share much of it); background
    # mentions sign only their own sentences.
    return [doc.title, doc.text] if primary else list(mention.evidence)


def _create(
    mention: Mention,
    doc: Document,
    ref: datetime,
    sig: tuple[int, ...],
    key: str,
    params: GroupParams,
    judge_age: bool = True,
) -> EventState:
    source = merge.source_name(doc)
    known = mention.event_date is not None and mention.date_precision != "unknown"
    provenance = merge.add_provenance({}, mention, doc, source)
    old = judge_age and merge.is_old(mention.event_date, mention.date_precision, ref, params.max_age_days)
    return EventState(
        key=key,
        kind=mention.kind,
        status=mention.status,
        event_date=mention.event_date if known else ref.date(),
        date_precision=mention.date_precision if known else "unknown",
        date_inferred=known and mention.date_inferred,
        facts=merge.merge_facts(provenance),
        provenance=provenance,
        sources=frozenset({source}),
        official=doc.official,
        confidence=merge.confidence(
            1, doc.official, source_weight=params.source_weight, official_weight=params.official_weight
        ),
        first_seen=ref,
        last_seen=ref,
        historical=mention.recalled or old,
        report_count=1,
        signature=sig,
        evidence=merge.add_evidence((), mention, doc, source, params.max_evidence),
    )


def _absorb(
    event: EventState,
    mention: Mention,
    doc: Document,
    ref: datetime,
    sig: tuple[int, ...],
    params: GroupParams,
    placed: bool = True,
) -> EventState:
    source = merge.source_name(doc)
    sources = event.sources | {source}
    official = event.official or doc.official
    provenance = merge.add_provenance(event.provenance, mention, doc, source)
    event_date, precision, inferred = merge.better_date(event, mention, doc.official)
    historical = event.historical
    if historical and not mention.recalled:
        # A fresh report makes the event news unless a date says it is old when the report was seen: an
        # event first stored from an undated aside in another story ("the deal behind today's swap") is
        # news when reported. An unplaced report (a replayed row that lost its dates) was seen sometime:
        # nothing says its news was old then.
        historical = placed and merge.is_old(event_date, precision, ref, params.max_age_days)
    first = min(event.first_seen, ref) if event.first_seen else ref
    return replace(
        event,
        status=merge.next_status(event.status, mention.status, mention.recalled),
        event_date=event_date,
        date_precision=precision,
        date_inferred=inferred,
        facts=merge.merge_facts(provenance),
        provenance=provenance,
        sources=sources,
        official=official,
        confidence=merge.confidence(
            len(sources), official, source_weight=params.source_weight, official_weight=params.official_weight
        ),
        first_seen=first,
        last_seen=max(event.last_seen, ref) if event.last_seen else ref,
        historical=historical,
        report_count=event.report_count + 1,
        signature=similarity.merge(event.signature, sig, size=params.signature_size),
        evidence=merge.add_evidence(event.evidence, mention, doc, source, params.max_evidence),
    )


def _is_context(side: Mention, primary: Mention) -> bool:
    """A side mention with no date, or the agreement behind a handover the article reports, is background."""
    if side.event_date is None or side.date_precision == "unknown":
        return True
    return side.kind == "agreement" != primary.kind and primary.status == "completed"


def _same_claim(a: Mention, b: Mention, follow_days: int) -> bool:
    if a.kind != b.kind or a.date_precision != "day" or b.date_precision != "day":
        return False
    if a.event_date != b.event_date:
        return _same_terms(a, b) or _put_off(a, b, follow_days)
    stages = a.fact_values().get("stage"), b.fact_values().get("stage")
    return None in stages or stages[0] == stages[1]


def _same_terms(a: Mention, b: Mention) -> bool:
    """An agreement told twice in one article a day apart with the same agreed figures (the talks, and the
    announcement the next morning) is one deal; handovers a day apart are batches (two events)."""
    if a.kind != "agreement" or a.event_date is None or b.event_date is None:
        return False
    if abs((a.event_date - b.event_date).days) > 1:
        return False
    mine, theirs = a.fact_values(), b.fact_values()
    keys = merge.figure_keys(mine)
    return bool(keys) and keys == merge.figure_keys(theirs) and all(mine[k] == theirs[k] for k in keys)


def _put_off(a: Mention, b: Mention, follow_days: int) -> bool:
    """A postponement and the deal it puts off, told in one article ("Russia accused Ukraine of postponing
    the swap agreed in Istanbul … At the 2 June talks the sides agreed…"), are one agreement: the deal
    at most ``follow_days`` before, with no other venue and no other figure (other terms are another deal)."""
    if a.kind != "agreement" or "postponed" not in (a.status, b.status):
        return False
    if a.event_date is None or b.event_date is None or abs((a.event_date - b.event_date).days) > follow_days:
        return False
    mine, theirs = a.fact_values(), b.fact_values()
    venues = mine.get("venue"), theirs.get("venue")
    shared = set(merge.figure_keys(mine)) & set(merge.figure_keys(theirs))
    return (None in venues or venues[0] == venues[1]) and all(mine[k] == theirs[k] for k in shared)


def _distinct(mentions: Sequence[Mention], follow_days: int) -> list[tuple[int, Mention]]:
    """Drop a later mention of the same kind on the same day: one article, one event per kind and day. An
    agreement told again a day earlier (its talks) keeps that day: the deal precedes its announcement."""
    kept: list[tuple[int, Mention]] = []
    for index, mention in enumerate(mentions):
        same = next((n for n, (_, earlier) in enumerate(kept) if _same_claim(earlier, mention, follow_days)), None)
        if same is None:
            kept.append((index, mention))
            continue
        first, earlier = kept[same]
        if earlier.event_date and mention.event_date and mention.event_date < earlier.event_date:
            kept[same] = first, replace(earlier, event_date=mention.event_date, date_inferred=mention.date_inferred)
    return kept


def group(
    candidates: Sequence[EventState],
    report: Report,
    doc: Document,
    now: datetime,
    *,
    new_key: Callable[[], str],
    params: GroupParams = DEFAULT_PARAMS,
    placed: bool = True,
    published_span: tuple[date, date] | None = None,
) -> list[GroupOutcome]:
    """Attach each mention of the report to an event or create one; one outcome per touched event.

    An undated mention happened shortly before the article was published or, unpublished, before ``now``
    when the service discovered it. ``placed=False`` (the eval replay of a corpus row that lost both
    dates) leaves it unplaced: matched by figures and resemblance alone. A replayed row that kept only
    its month or year of publication (``published_span``, first and last possible day) is unplaced too,
    but that span still bounds the events it can report.
    """
    discovered = now if placed else None
    # "Now" is when the service first sees the report (the replay's virtual clock is the publication time):
    # an event that is already old at that moment is historical, however recent the article claims to be.
    ref = now
    pool = list(candidates)
    touched: dict[str, GroupOutcome] = {}
    for index, said in _distinct(report.mentions, params.agreement_follow_days):
        primary = index == 0
        background = not primary and params.side_mentions_are_context and _is_context(said, report.mentions[0])
        mention = replace(said, recalled=True) if background else said
        texts = _texts(mention, doc, primary)
        sig = similarity.signature(texts, size=params.signature_size)
        span = mention_interval(mention, doc.published, params, discovered)
        numbers: frozenset[int] = frozenset()
        if span is None and mention.kind in params.text_figure_kinds:
            numbers = text_figures(texts, params.text_figure_min)
        bounds = _span_bounds(published_span, params) if span is None else None
        if span is None and bounds is None and primary:
            bounds = _year_floor(texts, params)
        # Two mentions of one article are two events (detection's claim), so touched events are off limits.
        open_pool = [e for e in pool if e.key not in touched]
        bracketed = span is None and published_span is not None
        match = _best_match(open_pool, mention, span, sig, params, numbers, bounds, bracketed)
        if match is None:
            # A replayed row that lost its publication day cannot say how old its news was when seen.
            seen = placed or not primary or published_span is None
            dated = _in_month(mention, published_span, params) if bracketed and primary else mention
            after = _create(dated, doc, ref, sig, new_key(), params, judge_age=seen)
        else:
            after = _absorb(match, mention, doc, ref, sig, params, placed=span is not None)
        touched[after.key] = GroupOutcome(match, after, mention, primary)
        pool = [e for e in pool if e.key != after.key] + [after]
    return _link_parents(list(touched.values()), pool, params)


def _in_month(mention: Mention, published: tuple[date, date] | None, params: GroupParams) -> Mention:
    """An undated mention of a row published within one month is an event of that month (most news is
    days old), so the event it creates has a month date, not none."""
    if (
        published is None
        or mention.event_date is not None
        or (published[0].year, published[0].month)
        != (
            published[1].year,
            published[1].month,
        )
    ):
        return mention
    return replace(mention, event_date=published[0].replace(day=1), date_precision="month")


def _year_floor(texts: Sequence[str], params: GroupParams) -> Interval:
    """An unplaced report's news is no older than the latest year its text names ("since 2022", "in 2025"):
    on the development corpus no report names a year after its event's."""
    years = [int(m.group()) for text in texts for m in _YEAR.finditer(text or "")]
    if not years:
        return None
    slack = timedelta(days=params.unknown_window_days + params.day_slack_days)  # "2025" in early January
    return date(max(years), 1, 1) - slack, date.max


_YEAR = re.compile(r"(?<![\d.,])(?:199\d|20\d\d)(?![\d]|[.,]\d)")


def _span_bounds(published: tuple[date, date] | None, params: GroupParams) -> Interval:
    """The days an undated mention of a row published within ``published`` can report."""
    if published is None:
        return None
    return published[0] - timedelta(days=params.unknown_window_days), published[1] + timedelta(days=1)


def _link_parents(outcomes: list[GroupOutcome], pool: list[EventState], params: GroupParams) -> list[GroupOutcome]:
    """Link handovers to the agreement they carry out (see parents.py); never merge them into it."""
    agreements = [o.after for o in outcomes if o.after.kind == "agreement"]
    touched = {o.after.key for o in outcomes}
    stored = [e for e in pool if e.kind == "agreement" and e.key not in touched]
    linked: list[GroupOutcome] = []
    for outcome in outcomes:
        event = outcome.after
        if event.kind == "agreement" or event.parent_key:
            linked.append(outcome)
            continue
        parent = parents.parent_for(event, agreements, stored, pool, params)
        linked.append(replace(outcome, after=replace(event, parent_key=parent)) if parent else outcome)
    return linked
