"""Who was exchanged (categories): named in the sentence about the event, in a sentence that takes its
people up again ("They are to be exchanged …", "the 30 Ukrainians included …"), in several languages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from service.core.domain import Document
from tests.support.detection import primary

TUESDAY = datetime(2025, 4, 15, 12, 0, tzinfo=UTC)


def _primary(text: str, language: str = "en", title: str = "") -> tuple[str, dict[str, Any]]:
    mention = primary(Document(title, text, language, TUESDAY))
    return mention.kind, mention.fact_values()


def test_ru_one_civilian_is_a_civilian() -> None:
    _, facts = _primary(
        "Сегодня проведен обмен пленными. Домой возвращаются 12 украинских военнослужащих. "
        "Также освобожден один гражданский.",
        "ru",
    )
    assert "civilians" in facts["categories"]


def test_en_they_takes_up_the_previous_sentences_people() -> None:
    kind, facts = _primary(
        "Forty seriously wounded fighters from Azovstal were evacuated to a hospital in occupied territory. "
        "They are planned to be exchanged for Russian prisoners and returned to Ukraine, the deputy minister said."
    )
    assert kind == "agreement"
    assert {"wounded", "azovstal_defenders"} <= set(facts["categories"])


def test_uk_vony_takes_up_the_previous_sentences_people() -> None:
    kind, facts = _primary(
        "Ще 40 тяжкопоранених захисників вивезли до лікарні на окупованій території. "
        "Вони мають бути обміняні на російських полонених і повернуті в Україну, заявили в Міноборони.",
        "uk",
    )
    assert kind == "agreement"
    assert "wounded" in facts["categories"]


def test_en_the_same_count_again_names_who_they_are() -> None:
    kind, facts = _primary(
        "Ukraine's deputy prime minister said a new prisoner swap had been agreed with Russia and that "
        "24 Ukrainians would be going home on Thursday. "
        "She added that the 24 Ukrainians included three officers and 15 soldiers, plus six civilians."
    )
    assert kind == "agreement"
    assert set(facts["categories"]) == {"officers", "civilians"}
    assert facts["agreed_to_ukraine"] == 24


def test_an_unrelated_sentence_lends_no_category() -> None:
    kind, facts = _primary(
        "Ukraine's deputy prime minister said a new prisoner swap had been agreed with Russia and that "
        "24 Ukrainians would be going home on Thursday. "
        "Shelling of civilians continued in the east overnight."
    )
    assert kind == "agreement"
    assert "civilians" not in facts.get("categories", ())
