"""Event grouping: matching, fact merging with provenance, historical events, stages and parents."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from service.core.domain import (
    DatePrecision,
    Document,
    EventKind,
    EventState,
    EventStatus,
    Fact,
    Mention,
    Provenance,
    Report,
)
from service.core.events import candidates
from service.core.events.cluster import (
    GroupOutcome,
    GroupParams,
    candidate_window,
    group,
    match_score,
    text_figures,
)
from service.core.events.merge import merged_value

NOW = datetime(2031, 5, 20, 12, tzinfo=UTC)
PARAMS = GroupParams()


def doc(
    source: str = "outlet-a.example",
    *,
    published: datetime | None = NOW,
    official: bool = False,
    title: str = "",
) -> Document:
    return Document(
        title,
        source.replace(".", " "),
        "en",
        published,
        url=f"https://{source}/story",
        source=source,
        official=official,
    )


def mention(
    kind: EventKind = "pow_exchange",
    day: date | None = date(2031, 5, 20),
    precision: DatePrecision = "day",
    *,
    status: EventStatus = "completed",
    recalled: bool = False,
    evidence: tuple[str, ...] = (),
    **facts: Any,
) -> Mention:
    return Mention(
        kind,
        status,
        day,
        precision if day else "unknown",
        tuple(Fact(k, v, f"sentence with {k}") for k, v in facts.items()),
        evidence,
        recalled,
    )


def keys() -> Callable[[], str]:
    counter = itertools.count(1)
    return lambda: f"k{next(counter)}"


class Store:
    """A list of events queried the way the database store does (the one candidate rule)."""

    def __init__(self) -> None:
        self.events: dict[str, EventState] = {}
        self.new_key = keys()

    def feed(
        self, report: Report, document: Document, now: datetime = NOW, *, placed: bool | None = None
    ) -> list[GroupOutcome]:
        """Group the report; an unpublished document is unplaced (a replayed row) unless ``placed``."""
        placed = document.published is not None if placed is None else placed
        rules = candidates.windows(report, document.published, PARAMS, now if placed else None)
        found = candidates.select(self.events.values(), rules, PARAMS)
        outcomes = group(found, report, document, now, new_key=self.new_key, placed=placed)
        for o in outcomes:
            self.events[o.after.key] = o.after
        return outcomes


def report(*mentions: Mention) -> Report:
    return Report(True, 1.0, mentions)


def test_new_event_carries_facts_source_and_confidence() -> None:
    [out] = group([], report(mention(returned_to_ukraine=84)), doc(), NOW, new_key=keys())
    event = out.after
    assert out.before is None and out.primary
    assert event.key == "k1" and event.kind == "pow_exchange" and event.event_date == date(2031, 5, 20)
    assert event.facts == {"returned_to_ukraine": 84}
    assert event.provenance["returned_to_ukraine"][0].source == "outlet-a.example"
    assert event.sources == frozenset({"outlet-a.example"}) and event.report_count == 1
    assert event.first_seen == NOW and not event.historical and 0 < event.confidence < 0.5


def test_second_outlet_same_day_corroborates() -> None:
    store = Store()
    first = store.feed(report(mention(returned_to_ukraine=84)), doc("outlet-a.example"))[0].after
    [out] = store.feed(report(mention(returned_to_ukraine=84)), doc("www.Outlet-B.example"))
    assert out.before == first and out.after.key == first.key
    assert out.after.sources == frozenset({"outlet-a.example", "outlet-b.example"})
    assert out.after.confidence > first.confidence and out.after.report_count == 2


def test_same_outlet_counts_once() -> None:
    store = Store()
    store.feed(report(mention(returned_to_ukraine=84)), doc("outlet-a.example"))
    [out] = store.feed(report(mention(returned_to_ukraine=84)), doc("https://www.outlet-a.example/feed"))
    assert len(out.after.sources) == 1 and out.after.confidence == out.before.confidence  # type: ignore[union-attr]


def test_consecutive_stages_are_separate_events() -> None:
    store = Store()
    day1 = store.feed(report(mention(day=date(2031, 5, 19), returned_to_ukraine=390, stage=1)), doc())[0].after
    day2 = store.feed(report(mention(day=date(2031, 5, 20), returned_to_ukraine=307, stage=2)), doc("b.example"))
    assert day2[0].before is None and day2[0].after.key != day1.key


def test_different_stage_on_same_day_never_matches() -> None:
    store = Store()
    store.feed(report(mention(stage=1)), doc())
    [out] = store.feed(report(mention(stage=2)), doc("b.example"))
    assert out.before is None


def test_conflicting_figure_from_same_story_is_kept_in_provenance() -> None:
    store = Store()
    text = ("Ukraine and Russia swapped prisoners today in an exchange mediated by the Emirates",)
    store.feed(report(mention(evidence=text, returned_to_ukraine=189, returned_to_russia=150)), doc("a.example"))
    [out] = store.feed(
        report(mention(evidence=text, returned_to_ukraine=189, returned_to_russia=151)), doc("b.example")
    )
    assert out.before is not None
    values = [p.value for p in out.after.provenance["returned_to_russia"]]
    assert values == [150, 151]
    assert out.after.facts["returned_to_russia"] == 150  # a one-to-one tie keeps the figure the event had


def test_one_later_misreading_does_not_overwrite_a_figure_but_a_second_outlet_does() -> None:
    store = Store()
    store.feed(report(mention("body_repatriation", bodies_to_ukraine=62)), doc("a.example"))
    [misread] = store.feed(report(mention("body_repatriation", bodies_to_ukraine=38)), doc("b.example"))
    assert misread.after.facts["bodies_to_ukraine"] == 62
    [again] = store.feed(report(mention("body_repatriation", bodies_to_ukraine=38)), doc("c.example"))
    assert again.after.facts["bodies_to_ukraine"] == 38  # two outlets against one


def test_a_stage_some_source_stated_is_no_conflict() -> None:
    store = Store()
    store.feed(report(mention(stage=2, returned_to_ukraine=250)), doc("a.example"))
    [out] = store.feed(report(mention(stage=5)), doc("b.example"))  # a misread stage, same day: kept apart
    assert out.before is None
    [event] = [e for e in store.events.values() if e.facts.get("stage") == 2]
    event = replace(
        event,
        provenance={**event.provenance, "stage": (*event.provenance["stage"], Provenance(5, "b.example", "", ""))},
    )
    day = (date(2031, 5, 20), date(2031, 5, 20))
    known = match_score(event, mention(stage=5, returned_to_ukraine=250), day, (), PARAMS)
    unknown = match_score(event, mention(stage=3, returned_to_ukraine=250), day, (), PARAMS)
    assert known is not None and unknown is not None and known > unknown


def test_official_figure_wins_over_majority() -> None:
    store = Store()
    store.feed(
        report(mention("body_repatriation", bodies_to_ukraine=900, bodies_to_russia=43)),
        doc("hq.example", official=True),
    )
    for outlet in ("a.example", "b.example"):
        said = mention("body_repatriation", bodies_to_ukraine=909, bodies_to_russia=43)
        store.feed(report(said), doc(outlet))
    [event] = store.events.values()
    assert event.facts["bodies_to_ukraine"] == 900 and event.official


def test_merged_value_majority_then_earliest() -> None:
    def said(value: int, source: str) -> Provenance:
        return Provenance(value, source, "", "")

    assert merged_value("stage", [said(1, "a"), said(2, "b"), said(1, "c")]) == 1
    assert merged_value("stage", [said(1, "a"), said(2, "b")]) == 1
    # A source that corrected itself counts once, with its correction.
    assert merged_value("stage", [said(1, "a"), said(2, "b"), said(2, "a")]) == 2
    assert merged_value("mediators", [Provenance(("UAE",), "a", "", ""), Provenance(("Qatar",), "b", "", "")]) == (
        "Qatar",
        "UAE",
    )


def test_conflicting_figure_without_other_evidence_is_a_new_event() -> None:
    store = Store()
    store.feed(report(mention(day=date(2031, 5, 19), bodies_to_ukraine=1200, kind="body_repatriation")), doc())
    [out] = store.feed(
        report(mention(day=date(2031, 5, 20), bodies_to_ukraine=1245, kind="body_repatriation")),
        doc("b.example"),
    )
    assert out.before is None


def test_undated_article_matches_by_figures() -> None:
    store = Store()
    store.feed(report(mention(day=date(2031, 3, 2), returned_to_ukraine=25, returned_to_russia=25)), doc())
    undated = doc("b.example", published=None)
    [out] = store.feed(report(mention(day=None, returned_to_ukraine=25, returned_to_russia=25)), undated)
    assert out.before is not None and out.after.event_date == date(2031, 3, 2)


def test_undated_event_takes_the_first_precise_date() -> None:
    store = Store()
    store.feed(report(mention(day=None, returned_to_ukraine=75)), doc(published=NOW))
    [out] = store.feed(report(mention(day=date(2031, 5, 19), returned_to_ukraine=75)), doc("b.example"))
    assert out.before is not None and out.before.date_precision == "unknown"
    assert (out.after.event_date, out.after.date_precision) == (date(2031, 5, 19), "day")


def test_recalled_mention_creates_a_historical_event() -> None:
    outcomes = group(
        [],
        report(
            mention(returned_to_ukraine=10),
            mention(day=date(2031, 5, 18), recalled=True, returned_to_ukraine=90),
        ),
        doc(),
        NOW,
        new_key=keys(),
    )
    assert [o.primary for o in outcomes] == [True, False]
    assert [o.after.historical for o in outcomes] == [False, True]


def test_event_first_seen_when_old_is_historical() -> None:
    old = mention(day=NOW.date() - timedelta(days=8), returned_to_ukraine=10)
    recent = mention(day=NOW.date() - timedelta(days=7), returned_to_ukraine=20)
    assert group([], report(old), doc(), NOW, new_key=keys())[0].after.historical
    assert not group([], report(recent), doc(), NOW, new_key=keys())[0].after.historical
    # Without a publication time the processing clock decides.
    assert not group([], report(old), doc(published=None), NOW - timedelta(days=3), new_key=keys())[0].after.historical


def test_fresh_report_revives_a_recalled_event() -> None:
    store = Store()
    store.feed(report(mention(stage=1), mention(day=date(2031, 5, 19), recalled=True, stage=2)), doc())
    [out] = store.feed(report(mention(day=date(2031, 5, 19), stage=2)), doc("b.example"))
    assert out.before is not None and out.before.historical and not out.after.historical


def test_status_moves_from_agreed_to_postponed_but_not_back_from_completed() -> None:
    store = Store()
    agreed = mention("agreement", status="agreed", returned_to_ukraine=1000)
    store.feed(report(agreed), doc())
    [out] = store.feed(report(mention("agreement", status="postponed", returned_to_ukraine=1000)), doc("b.example"))
    assert (out.before.status, out.after.status) == ("agreed", "postponed")  # type: ignore[union-attr]
    done = store.feed(report(mention("agreement", status="completed", returned_to_ukraine=1000)), doc("c.example"))
    again = store.feed(report(mention("agreement", status="agreed", returned_to_ukraine=1000)), doc("d.example"))
    assert done[0].after.status == "completed" and again[0].after.status == "completed"


def test_stage_links_to_the_agreement_reported_with_it() -> None:
    deal = mention("agreement", day=date(2031, 5, 16), status="agreed", returned_to_ukraine=1000)
    stage = mention(day=date(2031, 5, 20), stage=1, returned_to_ukraine=390)
    outcomes = group([], report(stage, deal), doc(), NOW, new_key=keys())
    by_kind = {o.after.kind: o.after for o in outcomes}
    assert by_kind["pow_exchange"].parent_key == by_kind["agreement"].key
    assert by_kind["agreement"].parent_key is None


def test_next_stage_inherits_the_operation_of_a_nearby_stage() -> None:
    store = Store()
    deal = mention("agreement", day=date(2031, 5, 16), status="agreed")
    first = store.feed(report(mention(day=date(2031, 5, 19), stage=1), deal), doc())
    [second] = store.feed(report(mention(day=date(2031, 5, 20), stage=2)), doc("b.example"))
    assert second.after.parent_key == first[0].after.parent_key is not None


def test_two_mentions_of_one_article_are_two_events() -> None:
    earlier = mention(day=date(2031, 5, 19), returned_to_ukraine=84)
    outcomes = group([], report(mention(returned_to_ukraine=84), earlier), doc(), NOW, new_key=keys())
    assert len({o.after.key for o in outcomes}) == 2


def test_same_kind_and_day_twice_in_one_article_is_one_event() -> None:
    echo = mention(recalled=True, returned_to_ukraine=150)
    outcomes = group([], report(mention(returned_to_ukraine=189), echo), doc(), NOW, new_key=keys())
    assert len(outcomes) == 1 and outcomes[0].after.facts == {"returned_to_ukraine": 189}


def test_kinds_never_mix() -> None:
    store = Store()
    store.feed(report(mention(returned_to_ukraine=100)), doc())
    [out] = store.feed(report(mention("body_repatriation", bodies_to_ukraine=100)), doc("b.example"))
    assert out.before is None


def test_candidate_window_covers_every_event_group_may_match() -> None:
    params = GroupParams()
    published = datetime(2031, 5, 20, tzinfo=UTC)
    mentions = [
        mention(day=date(2031, 5, 1)),
        mention(day=date(2031, 5, 31)),
        mention(day=date(2031, 5, 1), precision="month"),
        mention(day=None),
    ]
    for m in mentions:
        _, lo, hi = candidate_window(m, published, params=params)
        assert lo is not None and hi is not None
        for offset in range(-70, 70):
            for precision in ("day", "month", "unknown"):
                day = published.date() + timedelta(days=offset)
                stored = day.replace(day=1) if precision == "month" else day
                event = EventState("e", "pow_exchange", "completed", stored, precision)  # type: ignore[arg-type]
                span = _span(m, published, params)
                if match_score(event, m, span, (), params) is not None:
                    assert lo <= stored <= hi, (m, precision, stored)


def test_candidate_window_is_unbounded_without_any_date() -> None:
    assert candidate_window(mention(day=None), None) == ("pow_exchange", None, None)


def _span(m: Mention, published: datetime, params: GroupParams) -> Any:
    return candidates.mention_interval(m, published, params)


def test_signatures_are_stable_and_similar_for_rewrites() -> None:
    from service.core.events import similarity

    a = similarity.signature(["Ukraine and Russia exchanged 84 prisoners of war on Thursday, Kyiv said."])
    b = similarity.signature(["Ukraine and Russia exchanged 84 prisoners of war on Thursday, officials said."])
    c = similarity.signature(["Heavy rain flooded the city centre overnight, closing three bridges."])
    assert a == similarity.signature(["Ukraine and Russia exchanged 84 prisoners of war on Thursday, Kyiv said."])
    assert all(0 <= h < 2**32 for h in a)
    assert similarity.similarity(a, b) > 0.5 > similarity.similarity(a, c) == 0.0
    assert similarity.similarity(similarity.merge(a, c), a) == pytest.approx(len(a) / len(set(a) | set(c)))


def test_same_kind_same_day_survives_a_misread_figure() -> None:
    store = Store()
    store.feed(report(mention(returned_to_ukraine=189, returned_to_russia=150)), doc("a.example"))
    [out] = store.feed(report(mention(returned_to_ukraine=1000)), doc("b.example"))
    assert out.before is not None
    assert [p.value for p in out.after.provenance["returned_to_ukraine"]] == [189, 1000]


def test_undated_side_mention_and_the_deal_behind_a_handover_are_background() -> None:
    side = mention(day=None, returned_to_ukraine=95)
    deal = mention("agreement", day=date(2031, 5, 20), status="agreed")
    outcomes = group([], report(mention(returned_to_ukraine=84), side, deal), doc(), NOW, new_key=keys())
    assert [(o.after.historical, o.mention.recalled) for o in outcomes] == [(False, False), (True, True), (True, True)]


def test_dated_side_mention_is_news() -> None:
    side = mention(day=date(2031, 5, 18), returned_to_ukraine=95)
    outcomes = group([], report(mention(returned_to_ukraine=84), side), doc(), NOW, new_key=keys())
    assert [o.after.historical for o in outcomes] == [False, False]


def test_unplaced_mention_needs_figures_or_text_not_just_a_stage() -> None:
    text = "Kyiv and Moscow agreed in Istanbul on a large exchange of prisoners of war, the delegations said"
    store = Store()
    store.feed(report(mention(stage=1, evidence=(text,))), doc(title=text))
    unplaced = doc("b.example", published=None, title=text)
    [same_text] = store.feed(report(mention(day=None, stage=1)), unplaced)
    [stage_only] = store.feed(report(mention(day=None, stage=1)), doc("c.example", published=None))
    assert same_text.before is not None and stage_only.before is None


def test_unplaced_mention_joins_by_stage_and_category_together() -> None:
    store = Store()
    older = store.feed(report(mention(day=date(2031, 5, 12), stage=1, categories=("wounded",))), doc())[0].after
    youth = store.feed(report(mention(stage=1, categories=("under_25", "wounded"))), doc("b.example"))[0].after
    unplaced = doc("c.example", published=None)
    [both] = store.feed(report(mention(day=None, stage=1, categories=("under_25",))), unplaced)
    assert both.before is not None and both.after.key == youth.key != older.key


def test_unplaced_mention_needs_more_than_a_shared_category() -> None:
    # One category of the event's two is too little for an unplaced report (the whole list, its only clue
    # to which swap it describes, is enough: test_grouping_terms.py); a different stage rules it out.
    store = Store()
    [stage] = store.feed(report(mention(stage=2, categories=("under_25", "seriously_ill"))), doc())
    only = mention(day=None, categories=("under_25",))
    [category_only] = store.feed(report(only), doc("b.example", published=None))
    [other_stage] = store.feed(
        report(mention(day=None, stage=3, categories=("under_25", "seriously_ill"))), doc("c.example", published=None)
    )
    assert category_only.before is None and other_stage.after.key != stage.after.key


def test_text_figures_reads_head_counts_not_dates_or_years() -> None:
    text = "Lists for 1 000 for 1,000 (also 1.000 and 3.000) are ready since 16.05.2027, said 7 officials in 2027"
    assert text_figures([text], 10) == frozenset({1000, 3000})


def test_unplaced_mention_without_figures_joins_by_a_number_in_its_text() -> None:
    store = Store()
    deal = store.feed(
        report(mention("agreement", status="agreed", agreed_to_ukraine=700, agreed_to_russia=700)), doc()
    )[0].after
    store.feed(report(mention("agreement", day=date(2031, 5, 14), status="agreed", agreed_to_ukraine=40)), doc("x.ex"))
    stated = doc("b.example", published=None, title="The sides will swap 700 for 700 captives, envoys said")
    [joined] = store.feed(report(mention("agreement", day=None, status="agreed")), stated)
    unrelated = doc("c.example", published=None, title="Diplomats expect a deal on 55 detainees soon")
    [alone] = store.feed(report(mention("agreement", day=None, status="agreed")), unrelated)
    assert joined.before is not None and joined.after.key == deal.key and alone.before is None


def test_text_numbers_do_not_place_a_handover() -> None:
    store = Store()
    store.feed(report(mention(returned_to_russia=200)), doc())
    recalls = doc("b.example", published=None, title="On Monday over 200 were freed in an earlier swap")
    [out] = store.feed(report(mention(day=None)), recalls)
    assert out.before is None


def test_text_numbers_do_not_count_for_a_mention_with_its_own_figures() -> None:
    store = Store()
    store.feed(report(mention("agreement", status="agreed", agreed_to_ukraine=700)), doc())
    stated = doc("b.example", published=None, title="Earlier 700 were agreed; now 300 more")
    [out] = store.feed(report(mention("agreement", day=None, status="agreed", agreed_to_ukraine=300)), stated)
    assert out.before is None


def test_a_fresh_undated_report_revives_an_undated_background_event() -> None:
    # The aside stored it as background; a report of it as news (placed or not) is its first news: were it
    # left historical, an event whose only fresh report came after the aside would never be alerted.
    for published in (NOW, None):
        store = Store()
        store.feed(report(mention(), mention(day=None, returned_to_ukraine=95)), doc())
        [out] = store.feed(report(mention(day=None, returned_to_ukraine=95)), doc("b.example", published=published))
        assert out.before is not None and out.before.historical and not out.after.historical


def test_a_fresh_report_does_not_revive_a_background_event_it_dates_as_old() -> None:
    store = Store()
    long_ago = date(2031, 3, 2)
    store.feed(report(mention(), mention(day=long_ago, recalled=True, returned_to_ukraine=95)), doc())
    [out] = store.feed(report(mention(day=long_ago, returned_to_ukraine=95)), doc("b.example"))
    assert out.before is not None and out.after.historical


def test_old_story_first_seen_today_is_history() -> None:
    weeks_ago = NOW - timedelta(days=70)
    [out] = group([], report(mention(day=weeks_ago.date())), doc(published=weeks_ago), NOW, new_key=keys())
    assert out.after.historical


def test_a_conflicting_figure_is_evidence_against_not_a_veto() -> None:
    # Reported the next morning without a date, one side's figure agrees and the other's was misread:
    # still the same exchange.
    store = Store()
    first = store.feed(report(mention(returned_to_ukraine=195, returned_to_russia=195, mediators=("UAE",))), doc())
    next_day = date(2031, 5, 21)
    later = mention(day=next_day, returned_to_ukraine=207, returned_to_russia=195, mediators=("UAE",))
    [out] = store.feed(report(replace(later, date_inferred=True)), doc("b.example"))
    assert out.before is not None and out.after.key == first[0].after.key
    # Conflicts on both sides and nothing else in common: a different exchange.
    other = mention(day=next_day, returned_to_ukraine=50, returned_to_russia=50)
    [apart] = store.feed(report(replace(other, date_inferred=True)), doc("c.example"))
    assert apart.before is None


def test_a_different_stage_counts_against_but_can_be_outweighed() -> None:
    event = group([], report(mention(stage=1, returned_to_ukraine=84)), doc(), NOW, new_key=keys())[0].after
    day = (date(2031, 5, 20), date(2031, 5, 20))
    same = match_score(event, mention(stage=1, returned_to_ukraine=84), day, (), PARAMS)
    misread = match_score(event, mention(stage=2, returned_to_ukraine=84), day, (), PARAMS)
    next_day = match_score(event, mention(day=date(2031, 5, 21), stage=2), (date(2031, 5, 21),) * 2, (), PARAMS)
    assert same is not None and misread is not None and next_day is not None
    assert same > misread >= PARAMS.match_threshold > next_day  # same day and figures outweigh a stage misread


def test_mediators_are_evidence_across_languages() -> None:
    event = group([], report(mention(mediators=("UAE", "USA"))), doc(), NOW, new_key=keys())[0].after
    said, plain = mention(day=None, mediators=("UAE",)), mention(day=None)
    assert match_score(event, said, None, (), PARAMS) == match_score(event, plain, None, (), PARAMS) + 0.5  # type: ignore[operator]


def test_a_recalled_mention_is_stored_linked_and_never_alerted() -> None:
    from service.core.events.alert import decide_outcome

    store = Store()
    [live] = store.feed(report(mention(returned_to_ukraine=84)), doc())
    assert decide_outcome(live, confidence_threshold=0.6) is not None
    # A week later a report recalls that swap with a figure the event did not have: linked, no alert.
    later = NOW + timedelta(days=6)
    stage = mention(day=later.date(), returned_to_ukraine=10)
    recalled = mention(returned_to_russia=84, recalled=True)
    outcomes = store.feed(report(stage, recalled), doc("b.example", published=later), later)
    old = next(o for o in outcomes if o.after.key == live.after.key)
    assert old.after.facts["returned_to_russia"] == 84 and old.mention.recalled
    assert decide_outcome(old, confidence_threshold=0.6) is None
    # A recalled event the store has never seen is stored as historical: no alert either.
    [first_recall] = group([], report(mention(day=date(2031, 5, 1), recalled=True)), doc(), NOW, new_key=keys())
    assert first_recall.after.historical and decide_outcome(first_recall, confidence_threshold=0.6) is None


def test_a_stage_links_to_the_stored_agreement_it_carries_out_without_merging() -> None:
    store = Store()
    deal_day = NOW - timedelta(days=7)
    [deal] = store.feed(
        report(mention("agreement", day=deal_day.date(), status="agreed", venue="istanbul")),
        doc(published=deal_day),
        deal_day,
    )
    # A week later a report of stage 1 that does not name the deal: its own event, linked to it.
    [stage] = store.feed(report(mention(stage=1, categories=("under_25",))), doc("b.example"))
    assert stage.before is None and stage.after.kind == "pow_exchange"
    assert stage.after.parent_key == deal.after.key
    # An unnumbered handover is not assumed to carry out a deal it does not mention.
    [loose] = store.feed(report(mention("body_repatriation", bodies_to_ukraine=900)), doc("c.example"))
    assert loose.after.parent_key is None


def test_shared_categories_are_weak_evidence_in_any_language() -> None:
    event = group([], report(mention(categories=("under_25", "wounded"))), doc(), NOW, new_key=keys())[0].after
    next_day = (date(2031, 5, 21),) * 2
    shared = match_score(event, mention(day=date(2031, 5, 21), categories=("under_25",)), next_day, (), PARAMS)
    plain = match_score(event, mention(day=date(2031, 5, 21)), next_day, (), PARAMS)
    assert shared == plain + PARAMS.category_weight  # type: ignore[operator]
    assert shared < PARAMS.match_threshold  # the next day's stage of the same operation shares them too


def test_a_deal_for_bodies_and_categories_of_prisoners_is_the_parent_of_a_prisoner_stage() -> None:
    deal = mention("agreement", day=date(2031, 5, 13), status="agreed", agreed_bodies=12_000, categories=("wounded",))
    bodies_only = mention("agreement", day=date(2031, 5, 13), status="agreed", agreed_bodies=12_000)
    for said, linked in ((deal, True), (bodies_only, False)):
        outcomes = group([], report(mention(stage=1), said), doc(), NOW, new_key=keys())
        stage, agreement = (o.after for o in outcomes)
        assert (stage.parent_key == agreement.key) is linked


def test_one_deal_told_on_the_day_of_its_talks_and_of_its_announcement_is_one_event_of_the_talks() -> None:
    # "Agreed at the talks on Friday the 16th, the envoy said on Saturday the 17th": the same terms a day
    # apart in one article are one deal, dated by the talks; two handovers a day apart stay two batches.
    store = Store()
    announced = mention("agreement", date(2031, 5, 17), status="agreed", agreed_to_ukraine=700, venue="Ankara")
    talks = mention("agreement", date(2031, 5, 16), status="agreed", agreed_to_ukraine=700, venue="Ankara")
    [deal] = store.feed(report(announced, talks), doc(published=None), placed=False)
    assert deal.after.event_date == date(2031, 5, 16)
    other_terms = replace(talks, facts=(Fact("agreed_to_ukraine", 300, "s"),))
    assert len(store.feed(report(announced, other_terms), doc("outlet-b.example"))) == 2
    saturday = mention(day=date(2031, 5, 17), returned_to_ukraine=700)
    friday = mention(day=date(2031, 5, 16), returned_to_ukraine=700)
    assert len(store.feed(report(saturday, friday), doc("outlet-c.example"))) == 2


def test_a_postponement_weeks_later_is_the_deal_it_postpones() -> None:
    store = Store()
    deal_day, later = date(2031, 5, 6), date(2031, 5, 19)
    deal = mention(
        "agreement", deal_day, status="agreed", venue="Istanbul", mediators=("Turkey",), agreed_to_ukraine=150
    )
    first = store.feed(report(deal), doc(published=datetime(2031, 5, 6, 18, tzinfo=UTC)), NOW - timedelta(days=14))
    postponed = mention("agreement", later, status="postponed", venue="Istanbul", mediators=("Turkey",))
    [out] = store.feed(report(postponed), doc("b.example"))
    assert out.before is not None and out.after.key == first[0].after.key
    assert out.after.status == "postponed"
    # a new deal stated on its own day weeks later is not the old one
    new_deal = mention("agreement", later, status="agreed", venue="Istanbul", mediators=("Turkey",))
    [fresh] = store.feed(report(new_deal), doc("c.example"))
    assert fresh.after.key != first[0].after.key
