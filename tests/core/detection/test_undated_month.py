"""An undated text (no publication date, no day of its own) that dates a later sentence by a month alone
tells another event there (invented texts): "В начале февраля … вернулись 63 …" after a sentence recalling
the previous swap is background, and its counts do not replace the news's own."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        (
            "uk",
            "Україна і Росія провели обмін полоненими",
            "Додому повернулися 130 людей, повідомив Зеленський. Попередній обмін відбувся у лютому. "
            "5 лютого в результаті обміну в Україну повернулися 63 військових і 116 цивільних.",
        ),
        (
            "en",
            "Ukraine and Russia swap prisoners",
            "130 people came home, Zelensky said. The previous swap took place in February. "
            "On February 5, 63 soldiers returned to Ukraine in an exchange.",
        ),
        (
            "de",
            "Ukraine und Russland tauschen Gefangene aus",
            "130 Menschen sind heimgekehrt, sagte Selenskyj. Der vorige Austausch fand im Februar statt. "
            "Am 5. Februar kehrten 63 Soldaten in die Ukraine zurück.",
        ),
        (
            "fr",
            "L'Ukraine et la Russie échangent des prisonniers",
            "130 personnes sont rentrées, a annoncé Zelensky. Le précédent échange a eu lieu en février. "
            "Le 5 février, 63 soldats sont rentrés en Ukraine.",
        ),
        (
            "es",
            "Ucrania y Rusia intercambian prisioneros",
            "Regresaron 130 personas, anunció Zelenski. El intercambio anterior tuvo lugar en febrero. "
            "El 5 de febrero, 63 soldados regresaron a Ucrania.",
        ),
        (
            "pt",
            "Ucrânia e Rússia trocam prisioneiros",
            "Regressaram 130 pessoas, anunciou Zelensky. A troca anterior ocorreu em fevereiro. "
            "Em 5 de fevereiro, 63 soldados regressaram à Ucrânia.",
        ),
        (
            "it",
            "Ucraina e Russia si scambiano prigionieri",
            "Sono rientrate 130 persone, ha annunciato Zelensky. Il precedente scambio è avvenuto a febbraio. "
            "Il 5 febbraio, 63 soldati sono tornati in Ucraina.",
        ),
    ],
)
def test_a_day_within_a_recalled_month_is_background(language: str, title: str, text: str) -> None:
    """ "The previous swap took place in February. On February 5, 63 …": that day falls in the recalled swap's
    month, so its figures are the February swap's, not the news's."""
    assert _facts(title, text, language).get("returned_to_ukraine") == 130


def test_a_day_after_the_recalled_month_stays_a_candidate() -> None:
    text = (
        "130 people came home, Zelensky said. The previous swap took place in January. "
        "On February 5, 63 soldiers returned to Ukraine in an exchange."
    )
    assert _facts("Ukraine and Russia swap prisoners", text, "en").get("returned_to_ukraine") == 63
