"""An act told for tomorrow is planned, not done: a verbless headline ("Trump-Putin call: tomorrow a swap of
175 prisoners each", «Завтра обмін 175 на 175») reads as news style (completed) unless "tomorrow" says it is
to come. A completed act beside it ("got back 90 today; more are due tomorrow") stays completed. Invented
texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

TUESDAY = datetime(2031, 3, 18, 19, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Trump-Putin call: tomorrow a swap of 175 prisoners each between Russia and Ukraine"),
        ("uk", "Розмова Трампа і Путіна: завтра обмін полоненими між Україною та Росією 175 на 175"),
        ("ru", "Разговор Трампа и Путина: завтра обмен пленными между Россией и Украиной 175 на 175"),
        ("pl", "Rozmowa Trump-Putin: jutro wymiana jeńców między Rosją a Ukrainą, 175 za 175"),
        ("it", "Telefonata Trump-Putin, domani scambio di 175 prigionieri per parte tra Russia e Ucraina"),
        ("fr", "Appel Trump-Poutine : demain, échange de 175 prisonniers de chaque côté entre la Russie et l'Ukraine"),
        ("tr", "Trump-Putin görüşmesi: yarın Rusya ile Ukrayna arasında 175'e 175 esir takası"),
    ],
)
def test_a_headline_act_for_tomorrow_is_planned(language: str, title: str) -> None:
    report = detect(Document(title, "", language, TUESDAY))
    assert report.relevant, report.reasons
    primary = report.mentions[0]
    assert (primary.kind, primary.status) == ("agreement", "agreed"), report.mentions


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Ukraine got back 90 prisoners of war from Russia today; more are due tomorrow"),
        ("ru", "Украина вернула из российского плена 90 военнопленных, завтра ожидается продолжение"),
    ],
)
def test_a_completed_act_beside_tomorrow_stays_completed(language: str, title: str) -> None:
    primary = detect(Document(title, "", language, TUESDAY)).mentions[0]
    assert (primary.kind, primary.status) == ("pow_exchange", "completed")
