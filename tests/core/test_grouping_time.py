"""Grouping in time, end to end (detect → group, invented texts in several languages).

Classes of grouping error these guard against: a stage reported the next day without a date becoming a
second event; batches of the same size on consecutive days merging into one; a report with no date at
all joining the wrong batch; a year-less day in an unpublished report taking its year from background
("captured in 2022"); an agreement's follow-up published weeks later becoming a new agreement.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime

from service.core.detection.detect import detect
from service.core.domain import Document, EventState, Fact, Mention, Report
from service.core.events import candidates
from service.core.events.cluster import GroupOutcome, GroupParams, group, match_score
from service.core.events.merge import better_date

PARAMS = GroupParams()


class Store:
    """Events in memory, loaded with the service's one candidate rule, grouped as the service does."""

    def __init__(self) -> None:
        self.events: dict[str, EventState] = {}
        counter = itertools.count(1)
        self.new_key = lambda: f"e{next(counter)}"

    def feed(self, document: Document, now: datetime | None = None) -> list[GroupOutcome]:
        """Detect and group one article; with no publication and no ``now`` it is unplaced (a replayed row)."""
        found = detect(document)
        assert found.relevant, document.title
        moment = now or document.published
        placed = moment is not None
        clock = moment or datetime(2031, 12, 31, tzinfo=UTC)
        rules = candidates.windows(found, document.published, PARAMS, clock if placed else None)
        pool = candidates.select(self.events.values(), rules, PARAMS)
        outcomes = group(pool, found, document, clock, new_key=self.new_key, params=PARAMS, placed=placed)
        for outcome in outcomes:
            self.events[outcome.after.key] = outcome.after
        return outcomes


def article(title: str, text: str, language: str, published: datetime | None, source: str) -> Document:
    return Document(title, text, language, published, url=f"https://{source}/a", source=source)


def at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2031, month, day, hour, tzinfo=UTC)


STAGE_UK = article(
    "Обмін полоненими: додому повернулися 150 українців",
    "У четвер, 13 березня, відбувся черговий етап обміну полоненими. Додому повернулися 150 українських "
    "захисників, серед них важкопоранені. Про це повідомив Координаційний штаб.",
    "uk",
    at(3, 13, 15),
    "news-uk.example",
)
NEXT_MORNING_IT = article(
    "Nuovo scambio di prigionieri tra Russia e Ucraina",
    "Russia e Ucraina hanno effettuato un nuovo scambio di prigionieri di guerra. Sono tornati in patria "
    "soldati ucraini gravemente feriti, ha riferito il presidente Zelensky.",
    "it",
    at(3, 14, 8),
    "notizie.example",
)
BATCH_SATURDAY_RU = article(
    "Россия передала Украине тела 1200 погибших",
    "В субботу, 14 июня, Россия передала Украине тела 1200 погибших военнослужащих, сообщил Координационный штаб.",
    "ru",
    at(6, 14),
    "vesti.example",
)
BATCH_SUNDAY_EN = article(
    "Russia hands Ukraine 1,200 more bodies of fallen soldiers",
    "Russia on Sunday handed Ukraine another 1,200 bodies of Ukrainian soldiers killed in the war, the "
    "Coordination Headquarters said.",
    "en",
    at(6, 15, 18),
    "wire.example",
)
UNPUBLISHED_SUNDAY_UK = article(
    "В Україну повернули тіла ще 1200 загиблих",
    "Сьогодні, 15 червня, в Україну повернули тіла 1200 загиблих громадян, зокрема військовослужбовців. Про це "
    "повідомив Координаційний штаб. Захисників Маріуполя взяли в полон у 2022 році.",
    "uk",
    None,
    "hromada.example",
)
UNDATED_BATCH_PL = article(
    "Rosja przekazała Ukrainie ciała 1200 poległych",
    "Rosja przekazała Ukrainie ciała 1200 poległych żołnierzy – poinformował sztab koordynacyjny.",
    "pl",
    None,
    "wiadomosci.example",
)
DEAL_EN = article(
    "Russia and Ukraine agree to swap 1,200 prisoners each at Istanbul talks",
    "Russia and Ukraine agreed on Wednesday at talks in Istanbul to exchange 1,200 prisoners of war from each side.",
    "en",
    at(7, 23, 20),
    "agency.example",
)
DELAY_DE = article(
    "Russland und Ukraine: Gefangenenaustausch verzögert sich",
    "Der in Istanbul vereinbarte Austausch von je 1200 Kriegsgefangenen verzögert sich, teilte das russische "
    "Verteidigungsministerium mit.",
    "de",
    at(8, 6, 9),
    "zeitung.example",
)


def test_a_date_only_from_publication_is_marked_inferred_and_a_stated_one_is_not() -> None:
    [stated] = detect(STAGE_UK).mentions
    [inferred] = detect(NEXT_MORNING_IT).mentions
    assert stated.event_date == date(2031, 3, 13) and not stated.date_inferred
    assert inferred.event_date == date(2031, 3, 14) and inferred.date_inferred


def test_a_stage_reported_next_morning_without_a_date_joins_it_as_an_update_not_a_new_event() -> None:
    store = Store()
    [first] = store.feed(STAGE_UK)
    [later] = store.feed(NEXT_MORNING_IT)
    assert later.before is not None and later.after.key == first.after.key
    assert later.after.event_date == date(2031, 3, 13) and not later.after.date_inferred


def test_a_stated_day_replaces_a_day_inferred_from_publication() -> None:
    store = Store()
    [first] = store.feed(NEXT_MORNING_IT)
    assert first.after.date_inferred
    [later] = store.feed(STAGE_UK)
    assert later.after.key == first.after.key
    assert later.after.event_date == date(2031, 3, 13) and not later.after.date_inferred


def test_batches_of_the_same_size_on_consecutive_stated_days_are_two_events() -> None:
    store = Store()
    [saturday] = store.feed(BATCH_SATURDAY_RU)
    [sunday] = store.feed(BATCH_SUNDAY_EN)
    assert sunday.before is None and sunday.after.key != saturday.after.key


def test_a_year_less_day_in_an_unpublished_report_is_kept_as_a_day_not_given_a_background_year() -> None:
    [said] = detect(UNPUBLISHED_SUNDAY_UK).mentions
    assert said.event_date is None and said.month_day == (6, 15)  # not 15 June 2022 from "у 2022 році"


def test_an_unpublished_report_joins_the_batch_of_the_day_it_states() -> None:
    store = Store()
    store.feed(BATCH_SATURDAY_RU)
    [sunday] = store.feed(BATCH_SUNDAY_EN)
    [late] = store.feed(UNPUBLISHED_SUNDAY_UK)
    assert late.after.key == sunday.after.key


def test_an_unplaced_report_that_fits_two_batches_equally_stays_apart() -> None:
    store = Store()
    [saturday] = store.feed(BATCH_SATURDAY_RU)
    [sunday] = store.feed(BATCH_SUNDAY_EN)
    [late] = store.feed(UNDATED_BATCH_PL)
    assert late.before is None and late.after.key not in {saturday.after.key, sunday.after.key}


def test_an_agreements_follow_up_weeks_later_joins_the_deal() -> None:
    store = Store()
    [deal] = store.feed(DEAL_EN)
    [delay] = store.feed(DELAY_DE)
    assert delay.mention.date_inferred and delay.mention.status == "postponed"
    assert delay.before is not None and delay.after.key == deal.after.key
    assert delay.after.status == "postponed" and delay.after.event_date == date(2031, 7, 23)


def test_a_discovered_report_without_any_date_is_bounded_by_its_discovery() -> None:
    # In the service every report is discovered at some moment: an undated one cannot join last year's batch.
    store = Store()
    store.feed(BATCH_SATURDAY_RU)
    [late] = store.feed(UNDATED_BATCH_PL, now=datetime(2032, 6, 20, tzinfo=UTC))
    assert late.before is None


def _mention(day: date, *, inferred: bool = False, **facts: int) -> Mention:
    return Mention(
        "pow_exchange",
        "completed",
        day,
        "day",
        tuple(Fact(k, v, "s") for k, v in facts.items()),
        date_inferred=inferred,
    )


def _event(day: date, **facts: int) -> EventState:
    return EventState("e", "pow_exchange", "completed", day, "day", facts=facts)


def test_date_evidence_by_how_the_days_were_known() -> None:
    event = _event(date(2031, 3, 13))

    def score(m: Mention) -> float | None:
        span = candidates.mention_interval(m, None, PARAMS)
        return match_score(event, m, span, (), PARAMS)

    assert score(_mention(date(2031, 3, 13))) == 2.0
    assert score(_mention(date(2031, 3, 14), inferred=True)) == PARAMS.inferred_day_weight
    assert score(_mention(date(2031, 3, 12), inferred=True)) == 0.0  # reported before it happened
    assert score(_mention(date(2031, 3, 14))) == -PARAMS.day_conflict_weight
    assert score(_mention(date(2031, 3, 20))) is None


def test_a_year_less_day_counts_for_its_day_and_against_other_days() -> None:
    event = _event(date(2031, 6, 14))
    on_day = Mention("pow_exchange", "completed", None, "unknown", month_day=(6, 14))
    next_day = Mention("pow_exchange", "completed", None, "unknown", month_day=(6, 15))
    other_day = Mention("pow_exchange", "completed", None, "unknown", month_day=(6, 25))
    assert match_score(event, on_day, None, (), PARAMS) == PARAMS.month_day_weight
    assert match_score(event, next_day, None, (), PARAMS) == -PARAMS.hint_conflict_weight  # like stated days
    # not a veto: a text's first year-less day is sometimes background (the talks, the last stage)
    assert match_score(event, other_day, None, (), PARAMS) == -PARAMS.month_day_weight / 2


def test_an_unplaced_agreement_on_its_own_day_weeks_after_a_deal_is_a_new_announcement() -> None:
    # "Sanitary exchanges start on 12 June", recapping the deal reached at the same venue on 2 June with the
    # same agreed figures: the announcement's own day rules the deal out, as a stated day would for a placed
    # report. A handover's year-less day is only weak evidence against (it may be the previous stage's).
    deal = EventState(
        "d", "agreement", "agreed", date(2031, 6, 2), "day", facts={"venue": "Istanbul", "agreed_bodies": 6000}
    )
    facts = (Fact("venue", "Istanbul", "s"), Fact("agreed_bodies", 6000, "s"))
    plan = Mention("agreement", "agreed", None, "unknown", facts, month_day=(6, 12))
    assert match_score(deal, plan, None, (), PARAMS) is None
    recap = replace(plan, month_day=(6, 2))
    assert (match_score(deal, recap, None, (), PARAMS) or 0.0) >= PARAMS.unplaced_threshold
    stage = _event(date(2031, 6, 2), returned_to_ukraine=300)
    later = Mention(
        "pow_exchange", "completed", None, "unknown", (Fact("returned_to_ukraine", 300, "s"),), month_day=(6, 12)
    )
    assert match_score(stage, later, None, (), PARAMS) == 2.0 - PARAMS.month_day_weight / 2


def test_a_row_published_in_a_known_month_reports_only_events_near_that_month() -> None:
    # A replayed row that kept only "2031-06": the same figure in an earlier year is not its event.
    store = Store()
    last_year = replace(BATCH_SATURDAY_RU, published=datetime(2025, 6, 14, 12, tzinfo=UTC))
    [old] = store.feed(last_year)
    found = detect(UNDATED_BATCH_PL)
    pool = list(store.events.values())
    clock = datetime(2031, 6, 30, tzinfo=UTC)
    june = (date(2031, 6, 1), date(2031, 6, 30))
    [bounded] = group(pool, found, UNDATED_BATCH_PL, clock, new_key=store.new_key, placed=False, published_span=june)
    assert bounded.before is None
    [unbounded] = group(pool, found, UNDATED_BATCH_PL, clock, new_key=store.new_key, placed=False)
    assert unbounded.after.key == old.after.key


def test_better_date_prefers_a_stated_day_over_an_inferred_one() -> None:
    event = EventState("e", "pow_exchange", "completed", date(2031, 3, 14), "day", date_inferred=True)
    assert better_date(event, _mention(date(2031, 3, 13)), False) == (date(2031, 3, 13), "day", False)
    stated = EventState("e", "pow_exchange", "completed", date(2031, 3, 13), "day")
    assert better_date(stated, _mention(date(2031, 3, 14), inferred=True), True)[0] == date(2031, 3, 13)


def test_a_row_published_in_the_month_of_an_event_needs_less_else_to_join_it() -> None:
    # Only one shared category of two ties this undated Romanian-style report to the stage: alone too little
    # for an unplaced row, enough with a month of publication that brackets the stage's day.
    store = Store()
    [stage] = store.feed(STAGE_UK)
    categories = Fact("categories", ("wounded", "civilians"), "s")
    weak = Report(True, 1.0, (Mention("pow_exchange", "completed", None, "unknown", (categories,)),))
    later = article("Schimb de prizonieri", "Schimb de prizonieri între Rusia și Ucraina.", "ro", None, "stiri.example")
    clock = datetime(2031, 3, 31, tzinfo=UTC)
    pool = list(store.events.values())
    [alone] = group(pool, weak, later, clock, new_key=store.new_key, placed=False)
    assert alone.before is None
    march = (date(2031, 3, 1), date(2031, 3, 31))
    [bracketed] = group(pool, weak, later, clock, new_key=store.new_key, placed=False, published_span=march)
    assert bracketed.after.key == stage.after.key


def test_an_unplaced_report_is_no_older_than_the_latest_year_it_names() -> None:
    store = Store()
    [old] = store.feed(replace(BATCH_SATURDAY_RU, published=datetime(2025, 6, 14, 12, tzinfo=UTC)))
    naming = replace(UNDATED_BATCH_PL, text=UNDATED_BATCH_PL.text + " Od 2031 roku Rosja przekazała ponad 9000 ciał.")
    pool = list(store.events.values())
    clock = datetime(2031, 12, 31, tzinfo=UTC)
    [bounded] = group(pool, detect(naming), naming, clock, new_key=store.new_key, placed=False)
    assert bounded.before is None
    [unbounded] = group(pool, detect(UNDATED_BATCH_PL), UNDATED_BATCH_PL, clock, new_key=store.new_key, placed=False)
    assert unbounded.after.key == old.after.key


def test_an_unplaced_report_on_monday_is_not_a_thursday_swap_of_the_same_size() -> None:
    thursday = article(
        "UAE mediates swap of 100 prisoners each between Russia and Ukraine",
        "Russia and Ukraine exchanged 100 prisoners of war each on Thursday, February 8, the UAE said.",
        "en",
        datetime(2029, 2, 8, 18, tzinfo=UTC),
        "gulf.example",
    )
    monday = article(
        "Обмін полоненими",
        "У понеділок Україна та Росія обміняли по 100 полонених, повідомив Координаційний штаб.",
        "uk",
        None,
        "misto.example",
    )
    [said] = detect(monday).mentions
    assert said.event_date is None and said.weekday == 1
    store = Store()
    [swap] = store.feed(thursday)
    assert swap.after.event_date is not None and swap.after.event_date.isoweekday() == 4
    [late] = store.feed(monday)
    assert late.before is None  # the same figures, but three days off the weekday it gives
    event = _event(date(2029, 2, 5))  # a Monday
    assert match_score(event, said, None, (), PARAMS) == PARAMS.weekday_weight


def test_an_unplaced_batch_on_the_next_weekday_is_not_the_batch_of_the_same_size_a_day_before() -> None:
    # Batches of one size on consecutive days are separate repatriations; an undated report naming the later
    # day must not join the earlier one on its figure alone (a day off outweighs one equal figure, as two
    # stated days a day apart do for a placed report).
    saturday = article(
        "Repatriation of the fallen",
        "On Saturday, June 9, Ukraine received the bodies of 1,100 fallen soldiers from Russia.",
        "en",
        datetime(2029, 6, 9, 18, tzinfo=UTC),
        "wire.example",
    )
    sunday = article(
        "Повернення тіл загиблих",
        "У неділю Україні повернули тіла 1100 загиблих захисників, повідомив Координаційний штаб.",
        "uk",
        None,
        "daily.example",
    )
    [said] = detect(sunday).mentions
    assert said.event_date is None and said.weekday == 7
    store = Store()
    [first] = store.feed(saturday)
    assert first.after.event_date == date(2029, 6, 9)
    assert match_score(first.after, said, None, (), PARAMS) == 2.0 - PARAMS.hint_conflict_weight
    clock = datetime(2029, 6, 30, tzinfo=UTC)
    [second] = group(list(store.events.values()), detect(sunday), sunday, clock, new_key=store.new_key, placed=False)
    assert second.before is None


def test_two_rows_published_in_the_same_month_with_little_else_form_one_event_of_that_month() -> None:
    # Two undated agreement reports kept only "2031-05": the first makes an event of May, the second,
    # sharing its month and a category, joins it.
    def deal(language: str, source: str) -> tuple[Report, Document]:
        said = Mention("agreement", "agreed", None, "unknown", (Fact("categories", ("azovstal_defenders",), "s"),))
        return Report(True, 1.0, (said,)), article("x", "x", language, None, source)

    may = (date(2031, 5, 1), date(2031, 5, 31))
    clock = datetime(2031, 5, 31, 23, tzinfo=UTC)
    counter = itertools.count(1)
    first_report, first_doc = deal("et", "uudised.example")
    [first] = group(
        [], first_report, first_doc, clock, new_key=lambda: f"e{next(counter)}", placed=False, published_span=may
    )
    assert first.after.date_precision == "month" and first.after.event_date == date(2031, 5, 1)
    assert not first.after.historical
    second_report, second_doc = deal("en", "news.example")
    [second] = group(
        [first.after], second_report, second_doc, clock, new_key=lambda: "e9", placed=False, published_span=may
    )
    assert second.after.key == first.after.key


def test_a_later_report_of_a_known_event_is_at_most_an_update_never_a_second_new_event() -> None:
    from service.core.events.alert import decide_outcome

    store = Store()
    decisions = []
    # (as the replay does, the report that lost its dates comes last)
    for document in (STAGE_UK, NEXT_MORNING_IT, BATCH_SATURDAY_RU, BATCH_SUNDAY_EN, UNPUBLISHED_SUNDAY_UK):
        for outcome in store.feed(document):
            decision = decide_outcome(outcome, confidence_threshold=0.5)
            decisions.append((outcome.after.key, decision.type if decision else None))
    created = [key for key, kind in decisions if kind == "event.created"]
    assert len(created) == len(set(created)) == 3  # the stage, and the Saturday and Sunday batches


AGREED_ABU_DHABI = article(
    "Russia and Ukraine agree on new prisoner exchange after talks",
    "Russia and Ukraine agreed at talks in Abu Dhabi on Tuesday to exchange all severely wounded prisoners of "
    "war in the coming weeks, negotiators said.",
    "en",
    at(5, 6, 19),
    "wire.example",
)


def test_a_postponement_a_week_later_joins_the_agreement_made_at_its_venue() -> None:
    # Another language, no figures: the venue and the category are the evidence besides the time window.
    store = Store()
    [deal] = store.feed(AGREED_ABU_DHABI)
    postponed = article(
        "Обмін тяжкопораненими відкладено",
        "Обмін тяжкопораненими полоненими, про який Україна та Росія домовилися в Абу-Дабі, відкладено, "
        "повідомили в Києві.",
        "uk",
        at(5, 13, 10),
        "news.example.ua",
    )
    [later] = store.feed(postponed)
    assert later.after.key == deal.after.key and later.after.facts.get("venue") == "Abu Dhabi"


def test_a_stated_day_before_an_event_dated_only_by_its_publication_fits_it() -> None:
    # The event's day is its first report's publication day: the handover may have been the day before, so
    # an unplaced report stating that day (or its weekday) is for it, not against; the day after is not.
    inferred = replace(_event(date(2031, 3, 14)), date_inferred=True)
    stated = _event(date(2031, 3, 14))
    day_before = Mention("pow_exchange", "completed", None, "unknown", month_day=(3, 13))
    day_after = Mention("pow_exchange", "completed", None, "unknown", month_day=(3, 15))
    assert match_score(inferred, day_before, None, (), PARAMS) == PARAMS.month_day_weight
    assert match_score(stated, day_before, None, (), PARAMS) == -PARAMS.hint_conflict_weight
    assert match_score(inferred, day_after, None, (), PARAMS) == -PARAMS.hint_conflict_weight
    thursday = Mention("pow_exchange", "completed", None, "unknown", weekday=date(2031, 3, 13).isoweekday())
    assert match_score(inferred, thursday, None, (), PARAMS) == PARAMS.weekday_weight
    assert match_score(stated, thursday, None, (), PARAMS) == -PARAMS.hint_conflict_weight


def test_a_german_ordinal_date_keeps_its_day() -> None:
    # "am 13. März": the dot after the day number is no sentence end (a capitalised month follows), so the
    # report is dated by its day, not by the month the next "sentence" would have been left with.
    from service.core.detection.sentences import split_sentences
    from service.core.topics import load_topic

    stage_de = article(
        "Ukraine und Russland tauschen Gefangene aus",
        "Russland und die Ukraine haben am Donnerstag, dem 13. März, je 150 Kriegsgefangene ausgetauscht. Das "
        "teilte der Koordinierungsstab mit. Der Sprecher sagte 5. Dann ging er.",
        "de",
        at(3, 13, 18),
        "zeitung.example",
    )
    parts = [text for text, _ in split_sentences(stage_de, load_topic().months)]
    assert parts[1].endswith("ausgetauscht.") and parts[-2:] == ["Der Sprecher sagte 5.", "Dann ging er."]
    [said] = detect(stage_de).mentions
    assert (said.event_date, said.date_precision, said.date_inferred) == (date(2031, 3, 13), "day", False)
    store = Store()
    [first] = store.feed(STAGE_UK)
    [german] = store.feed(stage_de)
    assert german.after.key == first.after.key


def test_the_day_of_the_talks_behind_a_handover_is_not_its_day() -> None:
    # An unpublished report of a stage that recalls the talks' day: "in line with the agreements reached at
    # the talks of 2 June" is the deal's day; held against the stage of 9 June it kept the report apart.
    stage_ru = article(
        "Россия и Украина провели первый этап обмена",
        "Россия и Украина в соответствии с договоренностями, достигнутыми на переговорах 2 июня в Стамбуле, "
        "провели первый этап обмена пленными. Вернулись военные в возрасте до 25 лет.",
        "ru",
        None,
        "lenta.example",
    )
    [said] = detect(stage_ru).mentions
    assert said.kind == "pow_exchange" and said.month_day is None
    dated = replace(stage_ru, text=stage_ru.text.replace("провели первый этап", "9 июня провели первый этап"))
    assert detect(dated).mentions[0].month_day == (6, 9)
    # A clause that tells the act done keeps its day, whatever deal it names.
    under_deal = article(
        "Ukraine and Russia swap prisoners",
        "Ukraine and Russia swapped 84 prisoners each on 14 June under the deal agreed in Istanbul.",
        "en",
        None,
        "wire.example",
    )
    assert detect(under_deal).mentions[0].month_day == (6, 14)
    store = Store()
    first_stage = article(
        "Перший етап обміну: повернулися молоді захисники",
        "Сьогодні, 9 червня, Україна і Росія провели перший етап обміну полоненими. Додому повернулися захисники "
        "віком до 25 років.",
        "uk",
        at(6, 9, 15),
        "news-uk.example",
    )
    [stage] = store.feed(first_stage)
    [late] = store.feed(stage_ru)
    assert late.after.key == stage.after.key
