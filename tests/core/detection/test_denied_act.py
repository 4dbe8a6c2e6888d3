"""A plain negator right before the act word denies the act (invented texts): "have not exchanged prisoners"
is no completed exchange, however done the participle looks; a negation about something else, or an act told
beside a denied one, leaves the report a report."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Russia and Ukraine have not exchanged prisoners this week, officials in Kyiv said."),
        ("en", "Russia and Ukraine haven't swapped prisoners since the new year."),
        ("de", "Russland und die Ukraine haben in dieser Woche keine Gefangenen ausgetauscht."),
        ("uk", "Росія та Україна цього тижня не обмінялися полоненими."),
        ("ru", "Россия и Украина на этой неделе не обменялись военнопленными."),
        ("no", "Russland og Ukraina har ikke byttet fanger denne uken."),
    ],
)
def test_a_denied_exchange_is_no_report(language: str, text: str) -> None:
    report = detect(Document("", text, language, SATURDAY))
    assert not report.relevant, report.mentions


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("ru", "Не всех удалось вернуть, но 90 украинских военных вернулись домой из российского плена."),
        ("en", "Russia and Ukraine exchanged 90 prisoners each on Saturday; not all of them were wounded."),
        ("uk", "Україна в суботу повернула з полону 90 захисників, які не бачили рідних два роки."),
    ],
)
def test_a_negation_about_something_else_leaves_the_report(language: str, text: str) -> None:
    report = detect(Document("", text, language, SATURDAY))
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "pow_exchange" and report.primary.status == "completed"
