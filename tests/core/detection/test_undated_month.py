"""An undated text (no publication date, no day of its own) that dates a later sentence by a month alone
tells another event there (invented texts): "В начале февраля … вернулись 63 …" after a sentence recalling
the previous swap is background, and its counts do not replace the news's own."""

from __future__ import annotations

from service.core.domain import Document
from tests.support.detection import primary_facts


def _facts(title: str, text: str, language: str) -> dict[str, object]:
    return primary_facts(Document(title, text, language, None))


def test_ru_a_month_dated_body_sentence_of_an_undated_text_is_background() -> None:
    text = (
        "На Украину вернулись 130 человек, сообщил Зеленский. Предыдущий обмен состоялся 16 февраля. "
        "В начале февраля в результате обмена на Украину вернулись 63 военных и 116 украинцев."
    )
    facts = _facts("Украина и Россия провели обмен пленными", text, "ru")
    assert facts.get("returned_to_ukraine") == 130


def test_a_count_told_before_the_month_in_another_clause_stays_the_news() -> None:
    text = (
        "Kyiv got back 212 bodies. In a swap, 48 Ukrainian prisoners of war returned home, the ministry said."
        "In early May Ukraine had brought home 75 prisoners."  # no space: one sentence for the splitter
    )
    facts = _facts("Ukraine gets back bodies and prisoners", text, "en")
    assert facts.get("returned_to_ukraine") == 48


def test_ru_a_day_no_later_than_the_recalled_swap_is_background() -> None:
    text = (
        "На Украину вернулись 130 человек, сообщил Зеленский. Предыдущий обмен состоялся 16 февраля. "
        "5 февраля в результате обмена на Украину вернулись 63 военных и 116 украинцев."
    )
    facts = _facts("Украина и Россия провели обмен пленными", text, "ru")
    assert facts.get("returned_to_ukraine") == 130
