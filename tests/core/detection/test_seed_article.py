"""The seed article's structure, in a fixture of our own: a stage carried out today with categories and no
counts, the talks' agreement (dated, with a venue and agreed bodies), an earlier N-for-N exchange recalled,
accusations about earlier exchanges, and the Geneva Conventions and the ICRC named in passing."""

from __future__ import annotations

from datetime import UTC, date, datetime

from service.core.detection.detect import detect
from service.core.domain import Document, Mention, Report

# Invented: the stage of 14 July 2025, talks in Istanbul on 7 July, a 500-for-500 exchange on 20–22 June.
SEED_LIKE = """Kyiv – July 14, 2025 – Ukraine and Russia today began a new exchange of prisoners of war, a \
multi-stage operation agreed upon at talks in Istanbul earlier this month. The first stage of the swap brought \
home seriously wounded and gravely ill soldiers, as well as servicemen under the age of 25.
President Volodymyr Zelenskyy confirmed the start of the exchange, saying that "our people are coming home \
from Russian captivity" and that the process would continue over the coming days. Neither side disclosed how \
many people were exchanged in this stage. The Russian Defence Ministry said an "equal number" of servicemen \
had been returned to each side.
The groundwork was laid in two rounds of talks in Istanbul. The first round, held on June 12, aimed at a \
"five hundred for five hundred" deal, with an exchange of 500 prisoners from each side taking place from \
June 20 to 22. The second round of talks on July 7 settled the details of the current operation: both sides \
agreed to put categories of prisoners before numbers.
The talks in Istanbul also dealt with the return of the fallen. Both Ukraine and Russia agreed to hand over \
approximately 8,000 bodies of soldiers, although no dates for the repatriations have been set.
The process has not been smooth. Days before the current swap, Kyiv and Moscow accused each other of delaying \
previous exchanges. Russian officials had accused Ukraine of "unexpectedly postponing" the exchange and the \
acceptance of bodies.
Human rights groups have called for the treatment of prisoners in line with the Geneva Conventions. The \
International Committee of the Red Cross has long urged access to all detention sites.
This exchange, possibly the largest since the full-scale invasion began, shows that Ukraine and Russia can \
still reach agreements on humanitarian issues."""

PUBLISHED = datetime(2025, 7, 14, 15, 0, tzinfo=UTC)


def _report(published: datetime | None = PUBLISHED) -> Report:
    return detect(Document("", SEED_LIKE, "en", published, source="dw.com"))


def _only(report: Report, kind: str, recalled: bool) -> Mention:
    found = [m for m in report.mentions if m.kind == kind and m.recalled == recalled]
    assert len(found) == 1, report.mentions
    return found[0]


def test_the_stage_is_the_news_with_its_categories_and_no_counts() -> None:
    report = _report()
    assert report.relevant and report.primary is not None
    stage = report.primary
    assert (stage.kind, stage.status, stage.recalled) == ("pow_exchange", "completed", False)
    assert stage.event_date == date(2025, 7, 14)
    facts = stage.fact_values()
    assert facts["stage"] == 1
    assert set(facts["categories"]) == {"wounded", "seriously_ill", "under_25"}
    for key in ("returned_to_ukraine", "returned_to_russia", "bodies_to_ukraine", "bodies_to_russia"):
        assert key not in facts, key  # this stage's numbers were not disclosed


def test_the_agreement_is_dated_by_its_talks_with_venue_and_agreed_bodies() -> None:
    agreement = _only(_report(), "agreement", recalled=False)
    assert agreement.status == "agreed"  # not "postponed": the accusations are about earlier exchanges
    assert agreement.event_date == date(2025, 7, 7)
    facts = agreement.fact_values()
    assert facts["venue"] == "Istanbul"  # not "geneva" from the Geneva Conventions
    assert facts["agreed_bodies"] == 8000


def test_the_earlier_exchange_is_a_recalled_mention_with_its_own_figures() -> None:
    earlier = _only(_report(), "pow_exchange", recalled=True)
    assert earlier.event_date == date(2025, 6, 20)
    facts = earlier.fact_values()
    assert (facts["returned_to_ukraine"], facts["returned_to_russia"]) == (500, 500)


def test_nothing_is_postponed() -> None:
    assert all(m.status != "postponed" for m in _report().mentions)


def test_undated_copy_still_places_the_stage_and_the_agreement() -> None:
    report = _report(published=None)
    assert report.primary is not None and report.primary.event_date == date(2025, 7, 14)
    agreement = _only(report, "agreement", recalled=False)
    assert agreement.event_date == date(2025, 7, 7)


def test_undated_copy_still_treats_the_earlier_exchange_as_background() -> None:
    # Without a publication date the dateline's day is the news day: June 20 is weeks before it.
    earlier = _only(_report(published=None), "pow_exchange", recalled=True)
    assert earlier.event_date == date(2025, 6, 20)
