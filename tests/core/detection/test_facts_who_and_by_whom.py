"""Recall of `categories` and `mediators` as grammar, not item fixes: the mediator of an agreement's
talks, mediators coordinated in a list, a group counted with a number word in a sentence that says who
was among the people, Azovstal named through the plant's noun, a severity that covers both coordinated
criteria, and a generic sentence about the ICRC's usual role that names no mediator of this event.
All texts are invented."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.detection.sentences import analyse
from service.core.domain import Document
from service.core.topics import load_topic
from tests.support.detection import primary

THURSDAY = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)


def _primary(text: str, language: str, title: str = "") -> tuple[str, dict[str, Any]]:
    mention = primary(Document(title, text, language, THURSDAY))
    return mention.kind, mention.fact_values()


@pytest.mark.parametrize(
    ("language", "text", "mediator"),
    [
        (
            "en",
            "Kyiv and Moscow have agreed to swap 300 prisoners of war each next month in talks brokered by Qatar, "
            "both delegations said on Thursday.",
            "Qatar",
        ),
        (
            "ru",
            "Россия и Украина договорились обменяться пленными в формате 300 на 300 в следующем месяце. "
            "Посредником на переговорах выступила Саудовская Аравия.",
            "Saudi Arabia",
        ),
        (
            "de",
            "Russland und die Ukraine haben den Austausch von jeweils 300 Kriegsgefangenen vereinbart. "
            "Die Türkei, die die Gespräche vermittelt hatte, begrüßte die Einigung.",
            "Turkey",
        ),
        (
            "uk",
            "Україна та Росія домовилися про обмін полоненими у форматі 300 на 300. "
            "Посередником у переговорах виступила Саудівська Аравія.",
            "Saudi Arabia",
        ),
    ],
)
def test_the_mediator_of_an_agreements_talks(language: str, text: str, mediator: str) -> None:
    kind, facts = _primary(text, language)
    assert kind == "agreement"
    assert mediator in facts.get("mediators", ())


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Ukraine and Russia swapped prisoners on Thursday. "
            "Among the 150 Ukrainians who came home were defenders of the Azovstal steel plant.",
        ),
        (
            "pl",
            "Ukraina i Rosja wymieniły w czwartek jeńców. Do domu wróciło 150 żołnierzy, w tym obrońcy huty Azowstal.",
        ),
        (
            "ro",
            "Rusia a eliberat joi 150 de militari ucraineni într-un schimb de prizonieri, "
            "printre care apărători ai uzinei Azovstal.",
        ),
        (
            "de",
            "Russland und die Ukraine haben am Donnerstag Gefangene ausgetauscht. "
            "Unter den 150 Heimkehrern sind Verteidiger des Stahlwerks Asowstal.",
        ),
        (
            "uk",
            "Україна та Росія провели у четвер обмін полоненими. "
            "Додому повернулися 150 військових, серед них оборонці заводу «Азовсталь».",
        ),
        (
            "ru",
            "Россия и Украина провели в четверг обмен пленными. "
            "Домой вернулись 150 украинских военных, среди них защитники комбината «Азовсталь».",
        ),
        (
            "fr",
            "L'Ukraine et la Russie ont échangé jeudi des prisonniers. "
            "Parmi les 150 soldats libérés figurent des défenseurs de l'aciérie Azovstal.",
        ),
        (
            "es",
            "Ucrania y Rusia intercambiaron prisioneros el jueves. "
            "Entre los 150 liberados hay defensores de la acería de Azovstal.",
        ),
        (
            "it",
            "Ucraina e Russia hanno scambiato giovedì dei prigionieri. "
            "Tra i 150 soldati liberati ci sono difensori dell'acciaieria Azovstal.",
        ),
        (
            "hu",
            "Ukrajna és Oroszország csütörtökön fogolycserét hajtott végre. "
            "A 150 hazatért ukrán katona között vannak az Azovstal acélmű védői is.",
        ),
    ],
)
def test_azovstal_defenders_through_the_plants_noun(language: str, text: str) -> None:
    _, facts = _primary(text, language)
    assert "azovstal_defenders" in facts.get("categories", ())


def test_the_plant_named_without_its_defenders_is_no_group() -> None:
    _, facts = _primary(
        "Ukraine and Russia swapped prisoners on Thursday, and 150 Ukrainians came home. "
        "The Azovstal plant was besieged for months in 2022.",
        "en",
    )
    assert "azovstal_defenders" not in facts.get("categories", ())


@pytest.mark.parametrize(
    ("language", "text", "label"),
    [
        (
            "en",
            "Ukraine and Russia exchanged 120 prisoners each on Thursday. "
            "Eleven of the Ukrainians were civilians, the coordination headquarters said.",
            "civilians",
        ),
        (
            "de",
            "Russland und die Ukraine haben am Donnerstag je 120 Gefangene ausgetauscht. "
            "Unter den Ukrainern seien elf Frauen, teilte Kiew mit.",
            "women",
        ),
        ("uk", "Україна та Росія провели обмін полоненими 120 на 120. Серед звільнених — двоє цивільних.", "civilians"),
        ("ru", "Россия и Украина провели обмен пленными 120 на 120. Среди освобождённых — трое офицеров.", "officers"),
        ("pl", "Ukraina i Rosja wymieniły w czwartek po 120 jeńców. Wśród Ukraińców jest pięć kobiet.", "women"),
        (
            "fr",
            "L'Ukraine et la Russie ont échangé jeudi 120 prisonniers chacune. "
            "Parmi les Ukrainiens figurent neuf civils.",
            "civilians",
        ),
        (
            "es",
            "Ucrania y Rusia intercambiaron el jueves 120 prisioneros cada una. "
            "Entre los ucranianos hay cuatro mujeres.",
            "women",
        ),
        (
            "it",
            "Ucraina e Russia hanno scambiato giovedì 120 prigionieri ciascuna. Tra gli ucraini ci sono tre ufficiali.",
            "officers",
        ),
        (
            "pt",
            "Ucrânia e Rússia trocaram na quinta-feira 120 prisioneiros cada. Entre os ucranianos estão seis civis.",
            "civilians",
        ),
    ],
)
def test_a_number_word_and_its_group_in_a_sentence_about_who_was_among_them(
    language: str, text: str, label: str
) -> None:
    _, facts = _primary(text, language)
    assert label in facts.get("categories", ())


def test_a_group_in_a_sentence_about_something_else_is_not_counted() -> None:
    _, facts = _primary(
        "Ukraine and Russia exchanged 120 prisoners each on Thursday. "
        "Shelling of civilians continued in the east overnight.",
        "en",
    )
    assert "civilians" not in facts.get("categories", ())


def test_among_them_opening_a_sentence_is_about_the_previous_sentences_people() -> None:
    _, facts = _primary(
        "Russia and Ukraine exchanged prisoners on Thursday. 64 Ukrainian soldiers came home. "
        "Among them are three women who had been captured in Mariupol in 2022.",
        "en",
    )
    assert "women" in facts.get("categories", ())


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "pt",
            "A Rússia e a Ucrânia trocaram hoje 80 prisioneiros de cada lado. "
            "Os ucranianos libertados estão gravemente feridos ou doentes, segundo Kiev.",
        ),
        (
            "en",
            "Russia and Ukraine swapped 80 prisoners each on Thursday. "
            "The Ukrainians who came home are severely wounded and sick, Kyiv said.",
        ),
        (
            "ru",
            "Россия и Украина провели обмен пленными 80 на 80. "
            "Домой вернулись тяжелораненые и больные украинские военные.",
        ),
    ],
)
def test_a_severity_covers_both_coordinated_criteria(language: str, text: str) -> None:
    _, facts = _primary(text, language)
    assert set(facts["categories"]) == {"wounded", "seriously_ill"}


def test_a_plain_coordination_stays_plain() -> None:
    _, facts = _primary(
        "Russia and Ukraine swapped 80 prisoners each on Thursday. "
        "The Ukrainians who came home are wounded and sick, Kyiv said.",
        "en",
    )
    assert set(facts["categories"]) == {"wounded", "ill"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "uk",
            "Україна та Росія домовилися про обмін полоненими у форматі 300 на 300. "
            "Першими додому мають повернутися важкопоранені та важкохворі.",
        ),
        (
            "es",
            "Rusia y Ucrania acordaron un intercambio de 300 prisioneros por cada lado. "
            "La primera fase incluirá a heridos graves y enfermos graves.",
        ),
    ],
)
def test_whom_an_agreed_exchange_covers(language: str, text: str) -> None:
    kind, facts = _primary(text, language)
    assert kind == "agreement"
    assert set(facts.get("categories", ())) == {"wounded", "seriously_ill"}


@pytest.mark.parametrize(
    ("language", "text", "mediators"),
    [
        (
            "uk",
            "Сьогодні відбувся обмін полоненими: додому повертаються 150 українців. "
            "Висловлюємо вдячність Державі Катар та Об'єднаним Арабським Еміратам за посередництво.",
            {"Qatar", "UAE"},
        ),
        (
            "de",
            "Russland und die Ukraine haben am Donnerstag je 150 Gefangene ausgetauscht. "
            "Kiew dankte den Vereinigten Arabischen Emiraten und dem Vatikan für die Vermittlung.",
            {"UAE", "Vatican"},
        ),
        (
            "ru",
            "Россия и Украина провели обмен пленными 150 на 150. "
            "Стороны выразили благодарность Международному Красному Кресту и Святому Престолу.",
            {"ICRC", "Vatican"},
        ),
    ],
)
def test_coordinated_mediators_in_any_case_are_all_kept(language: str, text: str, mediators: set[str]) -> None:
    _, facts = _primary(text, language)
    assert set(facts.get("mediators", ())) == mediators


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "de",
            "Russland hat der Ukraine die Leichen von 500 Soldaten übergeben. "
            "Solche Rückführungen finden regelmäßig statt, meist mit Hilfe des Roten Kreuzes.",
        ),
        (
            "en",
            "Ukraine received the bodies of 500 fallen soldiers from Russia on Thursday. "
            "The ICRC has played a key role in facilitating contacts between the two sides since 2022.",
        ),
        (
            "uk",
            "Росія передала Україні тіла 500 загиблих військових. "
            "Зазвичай такі репатріації відбуваються за сприяння Червоного Хреста.",
        ),
    ],
)
def test_a_sentence_about_the_icrcs_usual_role_names_no_mediator(language: str, text: str) -> None:
    _, facts = _primary(text, language)
    assert "ICRC" not in facts.get("mediators", ())


def test_a_short_official_thanks_names_the_mediator() -> None:
    _, facts = _primary(
        "Ukraine received the bodies of 500 fallen soldiers from Russia on Thursday. "
        "The Coordination Headquarters thanks the ICRC for its assistance.",
        "en",
    )
    assert facts.get("mediators") == ("ICRC",)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "tr",
            "Rusya ve Ukrayna perşembe günü 120'şer esiri takas etti. Serbest bırakılanlar arasında 12 kadın da var.",
        ),
        (
            "cs",
            "Rusko a Ukrajina si ve čtvrtek vyměnily po 120 zajatcích. Mezi propuštěnými Ukrajinci jsou tři ženy.",
        ),
        (
            "nl",
            "Rusland en Oekraïne hebben donderdag elk 120 krijgsgevangenen uitgewisseld. "
            "Onder de Oekraïners waren twaalf vrouwen.",
        ),
        ("bg", "Русия и Украйна размениха в четвъртък по 120 военнопленници. Сред освободените има три жени."),
    ],
)
def test_who_was_among_them_in_further_languages(language: str, text: str) -> None:
    _, facts = _primary(text, language)
    assert "women" in facts.get("categories", ())


@pytest.mark.parametrize(
    ("language", "usual", "this_time"),
    [
        (
            "tr",
            "Rusya ve Ukrayna perşembe günü esir takas etti: Ukrayna'ya 120 asker döndü. "
            "Bu tür takaslar genellikle Kızılhaç'ın yardımıyla yapılıyor.",
            "Rusya ve Ukrayna perşembe günü esir takas etti: Ukrayna'ya 120 asker döndü. "
            "Takas Kızılhaç'ın yardımıyla yapıldı.",
        ),
        (
            "nl",
            "Rusland heeft Oekraïne de lichamen van 500 gesneuvelde soldaten overgedragen. "
            "Zulke overdrachten gebeuren meestal met hulp van het Rode Kruis.",
            "Rusland heeft Oekraïne de lichamen van 500 gesneuvelde soldaten overgedragen. "
            "De overdracht gebeurde met hulp van het Rode Kruis.",
        ),
    ],
)
def test_what_usually_happens_in_further_languages(language: str, usual: str, this_time: str) -> None:
    assert "ICRC" not in _primary(usual, language)[1].get("mediators", ())
    assert _primary(this_time, language)[1].get("mediators") == ("ICRC",)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Russia and Ukraine exchanged 150 prisoners each on Thursday. Kyiv thanked the United Arab Emirates "
            "for their mediation, and the Kingdom of Saudi Arabia, the State of Qatar, the Republic of Turkey "
            "and the Holy See as well.",
        ),
        (
            "uk",
            "Україна та Росія провели обмін полоненими 150 на 150. Україна дякує за посередництво Об'єднаним "
            "Арабським Еміратам, Королівству Саудівська Аравія, Державі Катар, Республіці Туреччина та "
            "Святому Престолу.",
        ),
    ],
)
def test_a_long_list_of_mediators_is_kept_whole(language: str, text: str) -> None:
    _, facts = _primary(text, language)
    assert set(facts.get("mediators", ())) == {"UAE", "Saudi Arabia", "Qatar", "Turkey", "Vatican"}


def test_a_name_in_another_sentence_is_no_mediator() -> None:
    _, facts = _primary(
        "Russia and Ukraine exchanged 150 prisoners each on Thursday. Zelensky thanked the United Arab "
        "Emirates for its mediation. He later met the Pope in Rome.",
        "en",
    )
    assert facts.get("mediators") == ("UAE",)


_MEDIATED = [
    ("en", "mediated by Saudi Arabia", "Saudi Arabia"),
    ("en", "brokered by Washington", "USA"),
    ("uk", "за посередництва Саудівської Аравії", "Saudi Arabia"),
    ("uk", "дякуємо Сполученим Штатам", "USA"),
    ("ru", "при посредничестве Объединённых Арабских Эмиратов", "UAE"),
    ("ru", "при содействии Международного комитета Красного Креста", "ICRC"),
    ("de", "unter Vermittlung Saudi-Arabiens", "Saudi Arabia"),
    ("de", "dank der Vermittlung der Vereinigten Arabischen Emirate", "UAE"),
    ("pl", "dzięki mediacji Arabii Saudyjskiej", "Saudi Arabia"),
    ("pl", "dzięki mediacji Stanów Zjednoczonych", "USA"),
    ("ro", "cu medierea Arabiei Saudite", "Saudi Arabia"),
    ("ro", "datorită Vaticanului", "Vatican"),
    ("hu", "Szaúd-Arábia közvetítésével", "Saudi Arabia"),
    ("fr", "grâce à la médiation de l'Arabie saoudite", "Saudi Arabia"),
    ("es", "gracias a la mediación de Arabia Saudí", "Saudi Arabia"),
    ("pt", "com a mediação da Arábia Saudita", "Saudi Arabia"),
    ("it", "grazie alla mediazione dell'Arabia Saudita", "Saudi Arabia"),
    ("it", "con la mediazione della Turchia", "Turkey"),
]


@pytest.mark.parametrize(("language", "phrase", "mediator"), _MEDIATED)
def test_mediators_and_their_cue_in_every_main_language(language: str, phrase: str, mediator: str) -> None:
    sentence = analyse(Document("", phrase, language, None), load_topic())[0]
    assert sentence.has("med:" + mediator) and sentence.has("mediation"), sorted(sentence.hits)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Kyiv and Moscow have agreed to exchange 200 soldiers evacuated from the plant for Russian prisoners. "
            "Of them, 53 are seriously wounded.",
        ),
        (
            "uk",
            "Київ і Москва домовилися обміняти 200 евакуйованих із заводу військових на російських полонених. "
            "Серед них 53 тяжкопоранені.",
        ),
        (
            "de",
            "Kiew und Moskau haben vereinbart, 200 aus dem Werk evakuierte Soldaten gegen russische Gefangene "
            "auszutauschen. Darunter sind 53 Schwerverletzte.",
        ),
    ],
)
def test_who_is_among_the_people_an_agreement_covers(language: str, text: str) -> None:
    kind, facts = _primary(text, language)
    assert kind == "agreement"
    assert facts.get("categories") == ("wounded",)


@pytest.mark.parametrize(
    ("language", "text", "label"),
    [
        (
            "uk",
            "Сьогодні відбувся обмін полоненими: додому повернулися 90 українців, серед них 4 захисниці.",
            "women",
        ),
        (
            "de",
            "Russland und die Ukraine haben je 90 Gefangene ausgetauscht. Unter den Heimkehrern sind vier Soldatinnen.",
            "women",
        ),
        (
            "uk",
            "Сьогодні відбувся обмін полоненими: додому повернулися 90 українців. "
            "Частина звільнених має важкі поранення.",
            "wounded",
        ),
        (
            "en",
            "Russia and Ukraine swapped 90 prisoners each on Thursday. "
            "Some of the freed men have severe wounds, Kyiv said.",
            "wounded",
        ),
    ],
)
def test_groups_named_by_service_and_parts_of_the_group(language: str, text: str, label: str) -> None:
    _, facts = _primary(text, language)
    assert label in facts.get("categories", ())


@pytest.mark.parametrize(
    ("language", "text", "mediator"),
    [
        (
            "pt",
            "A Ucrânia recebeu hoje os corpos de 700 soldados, numa operação realizada com o apoio da Cruz Vermelha.",
            "ICRC",
        ),
        (
            "tr",
            "Rusya ve Ukrayna perşembe günü esir takas etti: Ukrayna'ya 120 asker döndü. "
            "Takas, Uluslararası Kızılhaç Komitesi'nin desteğiyle gerçekleştirildi.",
            "ICRC",
        ),
        (
            "de",
            "Russland hat der Ukraine die Leichen von 700 Soldaten übergeben. "
            "Das Rote Kreuz habe die Übergabe unterstützt.",
            "ICRC",
        ),
        (
            "fr",
            "Moscou et Kiev ont échangé jeudi 90 prisonniers chacun, "
            "les Emirats arabes unis ayant servi d'intermédiaires.",
            "UAE",
        ),
    ],
)
def test_mediators_who_supported_the_handover(language: str, text: str, mediator: str) -> None:
    _, facts = _primary(text, language)
    assert mediator in facts.get("mediators", ())
