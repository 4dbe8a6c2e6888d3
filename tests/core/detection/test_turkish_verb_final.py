"""Turkish is verb-final: the object comes before its verb, so lists named before "teslim etti" are paperwork
(as the topic of talks comes before "temasa geçti"); but its auxiliary follows the verb ("teslim edecek"), so a
modal word earlier in the clause governs no participle, unlike German "Moskau wolle 23 Soldaten übergeben".
Invented texts."""

from __future__ import annotations

from datetime import UTC, datetime

from service.core.detection.detect import detect
from service.core.domain import Document

FRIDAY = datetime(2025, 6, 13, 16, 0, tzinfo=UTC)


def test_lists_handed_over_before_the_verb_are_paperwork() -> None:
    report = detect(Document("", "Ukrayna, 84 esirin isim listesini Rusya'ya teslim etti.", "tr", FRIDAY))
    assert all(m.status != "completed" for m in report.mentions), report.mentions


def test_an_earlier_modal_word_governs_no_turkish_participle() -> None:
    text = "Rusya, teklif edilen takas çerçevesinde 84 Ukraynalı esiri teslim etti."
    report = detect(Document("", text, "tr", FRIDAY))
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")
