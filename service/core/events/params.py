"""The tunable numbers of event grouping, in one frozen object (built from Settings by the flows and eval)."""

from __future__ import annotations

from dataclasses import dataclass

from service.core.domain import DEAL_FOLLOW_DAYS, EventKind
from service.core.events import similarity


@dataclass(frozen=True)
class GroupParams:
    """Thresholds for matching and for the event's derived fields."""

    max_age_days: int = 7  # an event first seen older than this is historical (never alerted)
    day_slack_days: int = 2  # day dates this far apart can match, but only with other evidence
    unknown_window_days: int = 7  # how long before its first report an undated event may have happened
    # A day nobody stated (the report's publication day): the handover may have been the day before
    # (news follows events; a stage reported next morning), so that day is nearly as good a match; an
    # agreement's follow-up ("the exchange agreed in Istanbul is delayed") may come weeks after the deal.
    inferred_day_weight: float = 1.5
    # Two days both stated in the texts, a day or two apart: on the development corpus 47 of 48 such
    # pairs were different events (daily stages, batches of 1,200 bodies on consecutive days).
    day_conflict_weight: float = 1.0
    agreement_follow_days: int = DEAL_FOLLOW_DAYS
    # A follow-up (an agreement mention with no day of its own, a month, or a postponement) is about the
    # latest deal within its reach unless something speaks against it: with the date's +0.5 this reaches
    # ``match_threshold``; a conflicting figure or venue (new terms, talks elsewhere) keeps it apart unless
    # another sign (the venue, a shared category or mediator, a similar text) outweighs it. At 1.0 (a second
    # sign always needed) dev's "Kyiv refuses to take 1,000" follow-up of the 1,200 deal stayed apart.
    follow_up_weight: float = 2.0
    # A day and month stated without a year (nothing dates the report otherwise): evidence for an event on
    # that day of some year, and rules out events on other days.
    month_day_weight: float = 1.0
    # A weekday given to the news without a date ("on Monday"), for an unplaced mention: right in 30 of 31
    # development reports, so a day more than the slack away rules an event out, like a stated day.
    weekday_weight: float = 0.5
    # An unplaced mention's weekday or year-less day a day or two off a stated event day: against it as two
    # stated days a day apart are against a placed mention, measured from its lower threshold (one equal
    # figure, +2, no longer outweighs it: 2 - 1.5 < unplaced_threshold, as 2 - 1 < match_threshold).
    # A batch of 1,200 bodies on Sunday is not Saturday's batch of 1,200 (stress copies of dev with dates
    # removed: 3.07 -> 2.86 events never alerted; at 1.0, as before, nothing changed).
    hint_conflict_weight: float = 1.5
    match_threshold: float = 2.0  # minimum evidence score to attach a mention to an event
    # With no date and no publication time nothing places the mention in time, so a weaker resemblance
    # is the best evidence there will ever be; below it, an unplaceable event of its own.
    unplaced_threshold: float = 1.0
    similarity_threshold: float = 0.2  # sketch similarity that counts as evidence (double counts twice)
    # For an unplaced mention, the same stage number and shared categories (under_25, seriously_ill…) are
    # each weak evidence: many exchanges have a "stage 1" or an under-25 group, but an event with both is
    # a specific operation. Each alone stays below ``unplaced_threshold``; together they reach it.
    # Shared categories count for placed mentions too (they cross languages), but stay far below
    # ``match_threshold``: the daily stages of one operation share them.
    unplaced_stage_weight: float = 0.5
    category_weight: float = 0.5
    # An agreement's categories are its terms (who is to be exchanged): on top of ``category_weight``, this
    # times the share of the two category lists that agrees (Jaccard). An unplaced agreement whose terms
    # are exactly the deal's reaches ``unplaced_threshold``; one sharing one of five categories does not.
    # The same for an unplaced report of a handover (no date to tell stages apart); a placed one keeps the
    # flat ``category_weight`` (consecutive stages of one operation share their categories).
    terms_weight: float = 0.5
    # An unplaced agreement mention whose figures extraction could not bind ("1000 на 1000", "1,000 each")
    # still states them: a number in its text equal to a figure the agreement knows is evidence, like a
    # figure known under another side. Only for agreements, which are identified by their agreed figures;
    # a handover report routinely recalls earlier swaps' counts and totals, so a bare number says little.
    # Only head counts of at least ``text_figure_min`` count (not days of the month, stages).
    text_figure_weight: float = 1.0
    text_figure_min: int = 10
    text_figure_kinds: tuple[EventKind, ...] = ("agreement",)
    signature_size: int = similarity.DEFAULT_SIZE
    side_mentions_are_context: bool = True  # undated side mentions and deals behind a handover: as recalled
    stage_sibling_days: int = 7  # a stage this close to a linked stage joins the same operation
    agreement_link_days: int = 30  # a numbered stage carries out a stored agreement at most this much older
    max_evidence: int = 6
    # Evidence against: a figure the event knows otherwise, and a different stage number. Neither vetoes:
    # figures are misread and revised, and a wrong stage must still be outweighed by date and figures.
    figure_conflict_weight: float = 1.0
    stage_conflict_weight: float = 2.0
    mediator_weight: float = 0.5  # shared mediators (UAE, ICRC…): evidence in any language
    venue_weight: float = 1.0  # an agreement's venue (detection gives its English name in any language)
    # An agreement's planned day (``planned_for``, "175 each on Wednesday"): the same day is a stated day in
    # common, as strong as the same event day, whichever day each report dates the deal by (the call, the
    # announcement, its own publication). A different planned day is no evidence against: plans move.
    planned_day_weight: float = 2.0
    # Candidate loading (the one window rule in candidates.py, used by the store and the replay).
    max_candidates: int = 500  # most recently seen first
    source_weight: float = 0.3  # confidence each independent outlet adds
    official_weight: float = 0.6  # confidence an official source adds


DEFAULT_PARAMS = GroupParams()
