"""The month May is no modal "may": a headline dated "on May 23" still tells its swap, a plan "for May" is
still planned, and the modal before a verb is still a possibility."""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.detection.detect import detect
from service.core.domain import Document, Report

MAY_24 = datetime(2025, 5, 24, 8, 0, tzinfo=UTC)


def _detect(text: str, title: str = "") -> Report:
    return detect(Document(title, text, "en", MAY_24))


def test_a_headline_dated_in_may_tells_its_swap() -> None:
    report = _detect("The swap was the largest this year.", title="Russia and Ukraine swap 307 prisoners on May 23")
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")


def test_an_exchange_planned_for_may_is_an_agreement() -> None:
    report = _detect("A new exchange of 400 prisoners each is planned for May, Kyiv and Moscow said.")
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"


def test_the_modal_may_is_still_a_possibility() -> None:
    assert not _detect("Russia may hand over 400 prisoners to Ukraine, Kyiv and Moscow said.").relevant
