"""Who receives in languages that mark case on the name (invented texts): a party with a Hungarian or Finnish
case ending ("Ukrajnának", "Ukrainalle") or a Turkish case suffix after its apostrophe ("Ukrayna'ya") is no
subject, and each language's own "and" ("ja", "ve", "és") cuts one predicate from the next."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.domain import Document
from service.core.topics import load_topic
from tests.support.detection import primary_facts

FRIDAY = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


def _facts(text: str, language: str) -> dict[str, Any]:
    return primary_facts(Document("", text, language, FRIDAY))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("hu", "Oroszország 613 katona holttestét adta át Ukrajnának, cserébe 27 holttestet kapott."),
        ("tr", "Rusya'nın 613 cenazeyi Ukrayna'ya teslim ettiği, karşılığında 27 cenaze aldığı bildirildi."),
        ("fi", "Venäjä luovutti Ukrainalle 613 sotilaan ruumiit ja sai vastineeksi 27 ruumista."),
    ],
)
def test_the_dead_go_to_the_side_the_case_names(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (613, 27)


def test_the_hungarian_country_is_no_nationality() -> None:
    facts = _facts("Oroszország pénteken 613 ukrán katona holttestét adta át Ukrajnának.", "hu")
    assert facts.get("bodies_to_ukraine") == 613


def test_coordinators_are_each_languages_own() -> None:
    topic = load_topic()
    assert topic.ands("uk") == {"і", "й", "та"}
    assert "ja" in topic.ands("fi") and "ja" not in topic.ands("de")
    assert "e" not in topic.coordinators("en")  # the Italian and Portuguese "and" is no English word
    assert {"and", "und", "та"} <= topic.ands(None)  # a text of unknown language reads every language's


@pytest.mark.parametrize(
    ("language", "text", "key", "counts"),
    [
        (
            "hu",
            "Ukrajna 596 elesett katona holttestét kapta vissza Oroszországtól, cserébe 31 holttestet adott át.",
            "bodies",
            (596, 31),
        ),
        (
            "ka",
            "რუსეთმა და უკრაინამ პარასკევს ტყვეები გაცვალეს. უკრაინას 77 ტყვე დაუბრუნდა, რუსეთს კი 77.",
            "returned",
            (77, 77),
        ),
        (
            "az",
            "Rusiya və Ukrayna cümə günü əsir mübadiləsi həyata keçirib. Ukrayna 77 əsgərini geri alıb, Rusiyaya 77 "
            "əsir təhvil verilib.",
            "returned",
            (77, 77),
        ),
    ],
)
def test_verbs_split_or_marked_by_their_own_grammar(
    language: str, text: str, key: str, counts: tuple[int, int]
) -> None:
    facts = _facts(text, language)
    assert (facts.get(f"{key}_to_ukraine"), facts.get(f"{key}_to_russia")) == counts


def test_tr_the_body_noun_after_its_consonant_softens() -> None:
    text = "Rusya, 1000 Ukraynalı askerin cesedini Ukrayna'ya iade ederken, 24 Rus askerinin cesedini teslim aldı."
    facts = _facts(text, "tr")
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (1000, 24)


def test_hu_split_verbs_and_a_nationality_counted_as_people() -> None:
    facts = _facts(
        "Ukrajna és Oroszország pénteken végrehajtotta a fogolycsere második szakaszát: 84 ukrán tért haza.", "hu"
    )
    assert (facts.get("returned_to_ukraine"), facts.get("stage")) == (84, 2)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "ru",
            "Российская сторона вернула с подконтрольной Киеву территории 87 военнослужащих, сообщили в Минобороны "
            "России. Взамен ВСУ переданы 87 военнопленных.",
        ),
        ("uk", "Росія повернула 87 своїх військових. Натомість ЗСУ передано 87 полонених."),
    ],
)
def test_an_undeclined_abbreviation_before_a_passive_receives(language: str, text: str) -> None:
    facts = _facts(text, language)
    assert (facts.get("returned_to_ukraine"), facts.get("returned_to_russia")) == (87, 87)
