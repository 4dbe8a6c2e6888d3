"""Romanian "în urma" (following, as a result of: "în urma unor consultări") is no recall: it shares its lemma
with "în urmă" (ago), so the recall cue reads only the phrases that mean "ago" ("cu doi ani în urmă", "în
urmă cu o lună"), and "în urma" opens a side unit like English "following". Invented texts."""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2031, 11, 15, 9, 0, tzinfo=UTC)


def test_an_agreement_following_consultations_is_news() -> None:
    title = "Acord pentru un nou schimb de prizonieri între Ucraina și Rusia"
    text = (
        "Rustem Umerov a anunțat că, în urma unor consultări mediate de Turcia, s-a convenit eliberarea a 800 de"
        " prizonieri ucraineni. Data schimbului nu a fost anunțată."
    )
    report = detect(Document(title, text, "ro", SATURDAY))
    primary = report.mentions[0]
    assert (primary.kind, primary.status, primary.recalled) == ("agreement", "agreed", False), report.mentions
    assert primary.fact_values().get("agreed_to_ukraine") == 800


def test_ago_is_still_background() -> None:
    text = "Cu doi ani în urmă, Rusia a eliberat 100 de prizonieri ucraineni în cadrul unui schimb."
    report = detect(Document("", text, "ro", SATURDAY))
    assert not report.relevant or all(m.recalled for m in report.mentions), report.mentions
