"""Hungarian: "cserélt" (swapped, 3rd person singular past) tells a swap carried out, the compound
"fogolycsere" names the prisoners, "közreműködésével" is mediation, and a rejected swap ("elutasította")
is none."""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.detection.detect import detect
from service.core.domain import Document, Report

SUNDAY = datetime(2025, 6, 15, 18, 0, tzinfo=UTC)


def _detect(text: str, title: str = "") -> Report:
    return detect(Document(title, text, "hu", SUNDAY))


def test_a_swap_told_with_the_singular_past_and_its_mediator() -> None:
    report = _detect("Vasárnap ismét hadifoglyokat cserélt Ukrajna és Oroszország Katar közreműködésével.")
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")
    assert report.primary.fact_values().get("mediators") == ("Qatar",)


def test_a_headline_prisoner_exchange_carried_out() -> None:
    report = _detect(
        "A részletekről egyik fél sem nyilatkozott.", title="Újabb fogolycserét hajtott végre Kijev és Moszkva"
    )
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")


def test_a_rejected_prisoner_exchange_is_none() -> None:
    report = _detect("Az ukrán kormány elutasította a vasárnapra tervezett fogolycserét.")
    assert not report.relevant, report.mentions
