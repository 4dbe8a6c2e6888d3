"""Numbers bound to the right side and scope, clause by clause, in several languages (invented texts):
who receives by the verb of the count's own clause, people never counted as bodies, totals over their
parts, "the same number" mirrored, and weekdays that are not stage ordinals."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document
from service.core.sources import is_official, source_side
from tests.support.detection import primary_facts

TUESDAY = datetime(2025, 3, 11, 12, 0, tzinfo=UTC)


def _facts(text: str, language: str, title: str = "") -> dict[str, Any]:
    return primary_facts(Document(title, text, language, TUESDAY))


@pytest.mark.parametrize(
    ("text", "language", "stage"),
    [
        ("Rosja i Ukraina przeprowadziły w piątek trzeci etap wymiany jeńców. Wróciło 70 Ukraińców.", "pl", 3),
        ("Россия и Украина в пятницу провели второй этап обмена пленными, вернулись 70 военных.", "ru", 2),
        ("Україна та Росія в п'ятницю провели третій етап обміну полоненими, повернулися 70 бійців.", "uk", 3),
        ("Rusko a Ukrajina v pátek uskutečnily druhou fázi výměny zajatců, vrátilo se 70 vojáků.", "cs", 2),
        ("Ukrajina i Rusija su u četvrtak provele drugu fazu razmjene zarobljenika, vratilo se 70 vojnika.", "sh", 2),
        ("A Rússia e a Ucrânia realizaram na quinta-feira a segunda fase da troca: 70 prisioneiros voltaram.", "pt", 2),
    ],
)
def test_a_weekday_is_not_the_stage_ordinal(text: str, language: str, stage: int) -> None:
    assert _facts(text, language).get("stage") == stage


def _counts(facts: dict[str, Any], prefix: str) -> tuple[Any, Any]:
    return facts.get(prefix + "_to_ukraine"), facts.get(prefix + "_to_russia")


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        # the count's own clause names who received it, whatever destination another clause names
        ("Ukraine Gets 512 Bodies Back, Hands Over 27 to Russia", "", "en"),
        (
            "",
            "Kyiv on Friday received the remains of 512 people that Moscow says were soldiers, while 27 bodies "
            "went back to the Russian side, officials said.",
            "en",
        ),
        # an elided subject is the earlier clause's: "…, and received 27"
        (
            "",
            "Russia handed over 512 bodies it said were of Ukrainian soldiers, and received 27 bodies of its own "
            "servicemen in return, officials said on Friday.",
            "en",
        ),
        # German: the subject after the verb («erhielt Moskau»), the dative article before the recipient
        (
            "",
            "Russland hat der Ukraine am Freitag die Leichen von 512 Menschen übergeben. Im Gegenzug erhielt "
            "Moskau die Überreste von 27 eigenen Soldaten.",
            "de",
        ),
        # Russian: «передала Украине» (dative) and «получила» sharing the subject «Россия»
        ("", "Россия в пятницу передала Украине тела 512 погибших военных и получила тела 27 своих солдат.", "ru"),
        # a gapped «нам — 27» is the side the first conjunct is not
        (
            "",
            "Обмен телами состоялся в пятницу. «Украинской стороне передано 512 тел, нам — 27», — сказал депутат "
            "Госдумы.",
            "ru",
        ),
        # Ukrainian: a participle shares the subject of the main verb
        (
            "",
            "У п'ятницю Україна передала РФ 27 тіл російських військових, водночас повернувши додому 512 тіл "
            "своїх захисників.",
            "uk",
        ),
    ],
)
def test_who_received_the_bodies(title: str, text: str, language: str) -> None:
    assert _counts(_facts(text, language, title), "bodies") == (512, 27)


def test_own_soldiers_return_to_the_subject_and_the_same_number_goes_the_other_way() -> None:
    facts = _facts("Россия в пятницу вернула 175 своих военнослужащих, передав Украине такое же число пленных.", "ru")
    assert _counts(facts, "returned") == (175, 175)


def test_a_dative_governed_by_an_adjective_is_no_recipient() -> None:
    text = "Во вторник в рамках обмена российская сторона получила 95 военных с подконтрольных Киеву территорий."
    assert _facts(text, "ru").get("returned_to_russia") == 95


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Ukraine on Tuesday brought home 44 soldiers and the bodies of 71 fallen defenders in a swap with Russia.",
            "en",
        ),
        (
            "Ucraina a recuperat marți 44 de militari și trupurile a 71 de soldați căzuți, într-un schimb cu Rusia.",
            "ro",
        ),
    ],
)
def test_people_are_not_counted_as_bodies(text: str, language: str) -> None:
    assert _facts(text, language).get("bodies_to_ukraine") == 71


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "У вівторок Україна повернула з російського полону 64 захисників. Серед звільнених — 9 жінок. Обмін "
            "відбувся за посередництва "
            "Катару. Російська сторона отримала стільки ж своїх військових.",
            "uk",
        ),
        (
            "We wtorek z rosyjskiej niewoli wróciło 64 Ukraińców. Wśród nich są ranni. Strona rosyjska otrzymała "
            "taką samą liczbę swoich żołnierzy.",
            "pl",
        ),
        (
            "Mardi, 64 prisonniers de guerre ukrainiens sont rentrés chez eux, dans le cadre d'un échange avec la "
            "Russie qui a récupéré en retour le même nombre de ses soldats.",
            "fr",
        ),
        (
            "El martes Ucrania recuperó a 64 prisioneros de guerra y Rusia recibió el mismo número de sus soldados.",
            "es",
        ),
        (
            "Russland hat am Dienstag 64 ukrainische Kriegsgefangene freigelassen. Im Gegenzug erhielt Moskau die "
            "gleiche Zahl eigener Soldaten.",
            "de",
        ),
        (
            "Martedì l'Ucraina ha recuperato 64 prigionieri di guerra e la Russia ha ricevuto lo stesso numero di "
            "soldati.",
            "it",
        ),
        ("Marți, Ucraina a primit 64 de prizonieri de război, iar Rusia a primit același număr de militari.", "ro"),
    ],
)
def test_the_same_number_mirrors(text: str, language: str) -> None:
    assert _counts(_facts(text, language), "returned") == (64, 64)


@pytest.mark.parametrize(
    ("text", "language", "total"),
    [
        # a total before its breakdown in another sentence: the parts add up to it
        (
            "Відбувся обмін полоненими. З російського полону звільнено 118 військовослужбовців, а також 5 "
            "цивільних. Усього звільнено 123 українці.",
            "uk",
            123,
        ),
        (
            "Россия и Украина провели обмен пленными. Из российского плена освобождены 70 военнослужащих, а "
            "также 3 гражданских. Всего освобождены 73 украинца.",
            "ru",
            73,
        ),
        # a count followed by a colon and its parts
        (
            "Україна провела обмін полоненими. «Повернули 47 військових: 5 офіцерів, 42 рядових і сержантів», — "
            "написав голова Офісу президента.",
            "uk",
            47,
        ),
        # a part added to the count of its own clause, spelled
        (
            "У вівторок з російського полону в Україну повернулися 210 військовослужбовців та троє цивільних.",
            "uk",
            213,
        ),
    ],
)
def test_a_total_outranks_its_parts(text: str, language: str, total: int) -> None:
    assert _facts(text, language).get("returned_to_ukraine") == total


def test_a_number_word_naming_both_sides_is_no_count() -> None:
    text = "Rusya ve Ukrayna salı günü esir takasını tamamladı. Takasta her iki taraf 84'er esiri serbest bıraktı."
    assert _counts(_facts(text, "tr"), "returned") == (84, 84)


@pytest.mark.parametrize(("url", "side"), [("https://news.example.ru/a/1", "ru"), ("https://example.com.ua/b", "ua")])
def test_our_people_are_the_sources_side(url: str, side: str) -> None:
    text = (
        "Во вторник Россия и Украина провели обмен телами погибших военных. «С той стороны получено 40 тел "
        "наших погибших», — сказал депутат."
    )
    report = detect(Document("", text, "ru", TUESDAY, url=url))
    assert report.primary is not None
    facts = report.primary.fact_values()
    assert facts.get("bodies_to_russia" if side == "ru" else "bodies_to_ukraine") == 40


@pytest.mark.parametrize(
    ("url", "source", "key"),
    [
        ("https://t.me/medinskiy_vladimir/77", "", "bodies_to_russia"),
        ("", "Владимир Мединский (Telegram)", "bodies_to_russia"),
        ("https://t.me/Koordshtab/901", "", "bodies_to_ukraine"),
    ],
)
def test_an_officials_we_is_the_officials_side(url: str, source: str, key: str) -> None:
    text = "Сегодня состоялась репатриация тел погибших военнослужащих. Мы получили 19 тел наших погибших солдат."
    document = Document("", text, "ru", TUESDAY, url=url, source=source, official=is_official(url, source))
    report = detect(document)
    assert report.primary is not None, report.reasons
    assert report.primary.fact_values().get(key) == 19


def test_official_sources_speak_for_their_side() -> None:
    assert source_side("https://t.me/mod_russia/5") == "ru"
    assert source_side("", "Rustem Umerov via Telegram") == "ua"
    assert source_side("https://www.icrc.org/en/document/1") is None  # a mediator speaks for neither


def test_each_sentence_of_a_headline_binds_its_own_counts() -> None:
    report = detect(
        Document(
            "Україна повернула тіла 1000 загиблих. Росії передали 24 тіла",
            "Репатріація відбулася у вівторок.",
            "uk",
            TUESDAY,
        )
    )
    assert report.primary is not None, report.reasons
    facts = report.primary.fact_values()
    assert (facts.get("bodies_to_ukraine"), facts.get("bodies_to_russia")) == (1000, 24)


def test_source_side_by_country_domain() -> None:
    assert source_side("https://www.rbc.ru/politics/1") == "ru"
    assert source_side("https://www.pravda.com.ua/news/1") == "ua"
    assert source_side("https://www.dw.com/ru/1", "DW") is None
    assert source_side("", "tass.ru") == "ru"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the party after the first verb is its object; the coordinated second verb shares the subject
        (
            "Rusia entregó el martes a Ucrania los cuerpos de 512 soldados y recibió los restos de 27 de sus "
            "militares.",
            "es",
        ),
        (
            "Martedì la Russia ha consegnato all'Ucraina i corpi di 512 soldati e ha ricevuto le salme di 27 dei suoi "
            "militari.",
            "it",
        ),
        (
            "Na terça-feira a Rússia entregou à Ucrânia os corpos de 512 soldados e recebeu os restos mortais de 27 "
            "dos seus militares.",
            "pt",
        ),
        (
            "Mardi, la Russie a remis à l'Ukraine les corps de 512 soldats et a reçu en retour les dépouilles de 27 de "
            "ses militaires.",
            "fr",
        ),
        (
            "We wtorek Rosja przekazała Ukrainie ciała 512 żołnierzy, a w zamian otrzymała ciała 27 swoich wojskowych.",
            "pl",
        ),
    ],
)
def test_a_coordinated_verb_shares_the_subject(text: str, language: str) -> None:
    assert _counts(_facts(text, language), "bodies") == (512, 27)


def test_one_for_one_mirrors_and_a_coordinated_return_is_the_subjects() -> None:
    text = "Во вторник Москва и Киев обменялись один к одному военнопленными – домой вернулись 64 российских военных."
    assert _counts(_facts(text, "ru"), "returned") == (64, 64)
    text = "Во вторник Россия передала Украине 512 тел погибших, а возвратила 27 тел своих военных."
    assert _counts(_facts(text, "ru"), "bodies") == (512, 27)


def test_a_verb_final_second_predicate_has_its_own_recipient() -> None:
    text = (
        "Rusya salı günü Ukrayna'ya 512 askerin cenazesini teslim etti ve karşılığında 27 askerinin cenazesini "
        "teslim aldı."
    )
    assert _counts(_facts(text, "tr"), "bodies") == (512, 27)


def test_each_coordinated_predicate_has_its_own_recipient_and_noun() -> None:
    text = "Во вторник России передали 90 военнопленных и вернули в Украину 90 защитников."
    assert _counts(_facts(text, "ru"), "returned") == (90, 90)  # «вторник» is no noun «России» belongs to
    text = "On Tuesday 90 prisoners and 40 bodies were returned to Ukraine in an exchange with Russia."
    facts = _facts(text, "en")
    assert (facts.get("returned_to_ukraine"), facts.get("bodies_to_ukraine")) == (90, 40)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mardi, l'Ukraine a récupéré 90 prisonniers de guerre tandis que la Russie en a reçu autant.", "fr"),
        ("El martes Ucrania recuperó a 90 prisioneros de guerra y Rusia recibió otros tantos.", "es"),
        ("Na terça-feira a Ucrânia recebeu 90 prisioneiros de guerra e a Rússia recebeu outros tantos.", "pt"),
    ],
)
def test_as_many_mirrors(text: str, language: str) -> None:
    assert _counts(_facts(text, language), "returned") == (90, 90)
