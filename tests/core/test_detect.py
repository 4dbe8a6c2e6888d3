"""Detection and fact extraction on short invented reports, one or more per language, and the traps."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from service.core.detection.detect import detect, prefilter
from service.core.domain import FACT_KEYS, Document, Report

MONDAY = datetime(2025, 3, 10, 15, 0, tzinfo=UTC)


def _doc(text: str, title: str = "", published: datetime | None = MONDAY, language: str | None = "en") -> Document:
    return Document(title=title, text=text, language=language, published=published)


def _primary(report: Report) -> dict[str, Any]:
    assert report.relevant, report.reasons
    assert report.primary is not None
    return report.primary.fact_values()


# --- English -----------------------------------------------------------------------------------


def test_en_pow_exchange_with_sides_mediator_and_date() -> None:
    report = detect(
        _doc(
            "Kyiv and Moscow swapped prisoners of war on Sunday in a deal brokered by the United Arab Emirates. "
            "President Zelensky said 120 Ukrainian defenders had come home, while Russia's defence ministry "
            "said 118 Russian servicemen were returned from Ukrainian-held territory.",
            title="Ukraine brings home 120 POWs in swap with Russia",
        )
    )
    facts = _primary(report)
    assert report.primary is not None
    assert report.primary.kind == "pow_exchange"
    assert report.primary.status == "completed"
    assert report.primary.event_date == date(2025, 3, 9)
    assert facts["returned_to_ukraine"] == 120
    assert facts["returned_to_russia"] == 118
    assert facts["mediators"] == ("UAE",)


def test_en_equal_numbers_each_side() -> None:
    report = detect(_doc("Russia and Ukraine exchanged 64 prisoners of war each on Monday, officials said."))
    facts = _primary(report)
    assert facts["returned_to_ukraine"] == facts["returned_to_russia"] == 64


def test_en_bodies_handed_over_by_russia() -> None:
    report = detect(
        _doc(
            "Russia handed over 612 bodies of fallen Ukrainian soldiers on Friday, the Coordination "
            "Headquarters for the Treatment of Prisoners of War said, and thanked the International "
            "Committee of the Red Cross for its assistance."
        )
    )
    facts = _primary(report)
    assert report.primary is not None
    assert report.primary.kind == "body_repatriation"
    assert report.primary.event_date == date(2025, 3, 7)
    assert facts["bodies_to_ukraine"] == 612
    assert facts["mediators"] == ("ICRC",)
    assert "returned_to_ukraine" not in facts


def test_en_bodies_both_directions() -> None:
    report = detect(
        _doc("Moscow transferred 1,000 bodies of Ukrainian troops and received the bodies of 41 Russian soldiers.")
    )
    facts = _primary(report)
    assert facts["bodies_to_ukraine"] == 1000
    assert facts["bodies_to_russia"] == 41


def test_en_stage_and_categories() -> None:
    report = detect(
        _doc(
            "The second stage of the exchange took place today. Among those returned to Ukraine were "
            "severely wounded soldiers and servicemen under 25, Zelensky said."
        )
    )
    facts = _primary(report)
    assert facts["stage"] == 2
    assert set(facts["categories"]) == {"wounded", "under_25"}  # reported in the labels' vocabulary


def test_en_agreement_not_yet_carried_out() -> None:
    report = detect(
        _doc(
            "Delegations of Russia and Ukraine agreed in Istanbul on Friday to exchange 1,000 prisoners of "
            "war each. The exchange is expected to take place in the coming days.",
            title="Russia and Ukraine agree on large prisoner swap",
            published=datetime(2025, 3, 8, tzinfo=UTC),
        )
    )
    _primary(report)
    assert report.primary is not None
    assert report.primary.kind == "agreement"
    assert report.primary.status == "agreed"
    assert report.primary.event_date == date(2025, 3, 7)
    facts = report.primary.fact_values()
    assert facts["agreed_to_ukraine"] == facts["agreed_to_russia"] == 1000
    assert facts["venue"] == "Istanbul"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Делегации России и Украины договорились в Стамбуле об обмене военнопленными 1000 на 1000.", "ru"),
        ("Rusya ve Ukrayna heyetleri İstanbul'daki görüşmelerde 1000'e 1000 esir takası konusunda anlaştı.", "tr"),
        ("Rosja i Ukraina uzgodniły w Stambule wymianę jeńców 1000 za 1000.", "pl"),
    ],
)
def test_an_agreements_venue_is_one_english_name_in_every_language(text: str, language: str) -> None:
    report = detect(Document("", text, language, datetime(2025, 3, 8, tzinfo=UTC)))
    assert report.primary is not None and report.primary.kind == "agreement"
    assert report.primary.fact_values()["venue"] == "Istanbul"


def test_en_postponed_exchange() -> None:
    report = detect(
        _doc(
            "The planned prisoner exchange between Russia and Ukraine was postponed at the last minute, "
            "Kyiv said, accusing Moscow of delaying the lists."
        )
    )
    _primary(report)
    assert report.primary is not None
    assert report.primary.kind == "agreement"
    assert report.primary.status == "postponed"


def test_en_disputed_delay_is_a_postponed_agreement() -> None:
    report = detect(
        _doc(
            "Kyiv accused Moscow of delaying the exchange of prisoners of war, while Russia said Ukraine "
            "refused to take back its soldiers.",
            title="Russia and Ukraine trade blame over stalled prisoner swap",
        )
    )
    _primary(report)
    assert report.primary is not None
    assert (report.primary.kind, report.primary.status) == ("agreement", "postponed")


def test_en_background_recall_is_a_separate_recalled_mention() -> None:
    report = detect(
        _doc(
            "Ukraine brought home 75 defenders from Russian captivity on Monday. "
            "Earlier, on February 5, Ukraine and Russia exchanged 150 prisoners each."
        )
    )
    _primary(report)
    assert report.primary is not None
    assert report.primary.event_date == date(2025, 3, 10)
    recalled = [m for m in report.mentions if m.recalled]
    assert [m.event_date for m in recalled] == [date(2025, 2, 5)]


def test_en_article_only_recalling_an_old_swap_is_not_relevant() -> None:
    report = detect(
        _doc(
            "Ukraine's parliament debated a new mobilisation law on Monday. Lawmakers argued about the age "
            "limit. Previously, in January, Ukraine and Russia exchanged 200 prisoners of war."
        )
    )
    assert not report.relevant


def test_en_running_totals_are_not_counts() -> None:
    report = detect(
        _doc(
            "Ukraine returned 95 defenders from Russian captivity today. In total, 4,200 Ukrainians have "
            "been freed since the start of the full-scale invasion."
        )
    )
    assert _primary(report)["returned_to_ukraine"] == 95


# --- Ukrainian, Russian, German and the Romance languages -------------------------------------------


def test_uk_bodies_repatriation() -> None:
    report = detect(
        _doc(
            "У п'ятницю в Україну повернули тіла 757 полеглих захисників. Зокрема, 320 тіл — з Донецького "
            "напрямку. Про це повідомив Координаційний штаб з питань поводження з військовополоненими.",
            language="uk",
        )
    )
    facts = _primary(report)
    assert report.primary is not None
    assert report.primary.kind == "body_repatriation"
    assert report.primary.event_date == date(2025, 3, 7)
    assert facts["bodies_to_ukraine"] == 757


def test_uk_pow_exchange_spelled_number() -> None:
    report = detect(
        _doc(
            "Україна повернула з російського полону сто п'ятдесят своїх захисників. Серед звільнених — важкопоранені.",
            title="Обмін полоненими: додому повернулися українські військові",
            language="uk",
        )
    )
    facts = _primary(report)
    assert facts["returned_to_ukraine"] == 150
    assert facts["categories"] == ("wounded",)


def test_undated_article_takes_the_year_from_the_weekday() -> None:
    report = detect(
        _doc("У п'ятницю, 15 березня, Україна повернула з полону 60 захисників.", published=None, language="uk")
    )
    _primary(report)
    assert report.primary is not None
    assert (report.primary.event_date, report.primary.date_precision) == (date(2024, 3, 15), "day")


def test_undated_article_without_any_year_has_no_date() -> None:
    report = detect(_doc("14 березня Україна повернула з полону 60 захисників.", published=None, language="uk"))
    _primary(report)
    assert report.primary is not None
    assert (report.primary.event_date, report.primary.date_precision) == (None, "unknown")


def test_ru_russian_ministry_phrasing() -> None:
    report = detect(
        _doc(
            "В результате переговорного процесса с подконтрольной Киеву территории возвращены 84 российских "
            "военнослужащих. Взамен переданы 84 военнопленных ВСУ. Посреднические усилия оказали ОАЭ.",
            title="Россия и Украина провели обмен пленными",
            language="ru",
        )
    )
    facts = _primary(report)
    assert facts["returned_to_russia"] == 84
    assert facts["returned_to_ukraine"] == 84
    assert facts["mediators"] == ("UAE",)


def test_ru_ministry_phrasing_without_the_word_exchange() -> None:
    report = detect(
        _doc(
            "Сегодня после переговорного процесса с подконтрольной Киеву территории возвращены сто "
            "российских военных, сообщило Минобороны РФ.",
            language="ru",
        )
    )
    assert _primary(report)["returned_to_russia"] == 100


def test_uk_soldiers_and_civilians_add_up() -> None:
    report = detect(
        _doc("Україна повернула з полону 140 військових та 15 цивільних, повідомив Зеленський.", language="uk")
    )
    assert _primary(report)["returned_to_ukraine"] == 155


def test_en_each_side_versus_what_ukraine_says_it_received() -> None:
    report = detect(
        _doc(
            "Russia's defence ministry said each side had received 190 soldiers, while Ukraine said it had "
            "got 201 people back from Russian captivity."
        )
    )
    facts = _primary(report)
    assert (facts["returned_to_ukraine"], facts["returned_to_russia"]) == (201, 190)


def test_uk_preliminary_is_not_previous() -> None:
    report = detect(
        _doc(
            "В Україну повернули тіла тисячі загиблих, які, за попереднім інформуванням російської сторони, "
            "належать українським захисникам.",
            language="uk",
        )
    )
    assert _primary(report)["bodies_to_ukraine"] == 1000


def test_ru_formula_and_weekday() -> None:
    report = detect(_doc("В воскресенье Россия и Украина обменялись пленными по формуле «210 на 210».", language="ru"))
    facts = _primary(report)
    assert facts["returned_to_ukraine"] == facts["returned_to_russia"] == 210
    assert report.primary is not None
    assert report.primary.event_date == date(2025, 3, 9)


def test_ru_bodies_exchange() -> None:
    report = detect(
        _doc(
            "Россия передала Украине тела 1000 погибших военнослужащих ВСУ, а украинская сторона передала "
            "тела 29 российских военных.",
            language="ru",
        )
    )
    facts = _primary(report)
    assert facts["bodies_to_ukraine"] == 1000
    assert facts["bodies_to_russia"] == 29


def test_de_exchange_under_25() -> None:
    report = detect(
        _doc(
            "Die Ukraine und Russland haben am Samstag erneut Kriegsgefangene ausgetauscht. Zurückgekehrt "
            "seien Soldaten unter 25 Jahren, teilte Selenskyj mit.",
            language="de",
        )
    )
    facts = _primary(report)
    assert facts["categories"] == ("under_25",)
    assert report.primary is not None
    assert report.primary.event_date == date(2025, 3, 8)


def test_de_bodies() -> None:
    report = detect(_doc("Russland hat der Ukraine die Leichen von 500 gefallenen Soldaten übergeben.", language="de"))
    assert _primary(report)["bodies_to_ukraine"] == 500


def test_fr_exchange() -> None:
    report = detect(
        _doc(
            "L'Ukraine et la Russie ont échangé mercredi 90 prisonniers de guerre chacun, avec la médiation "
            "des Émirats arabes unis.",
            language="fr",
        )
    )
    facts = _primary(report)
    assert facts["returned_to_ukraine"] == facts["returned_to_russia"] == 90
    assert facts["mediators"] == ("UAE",)


def test_es_bodies() -> None:
    report = detect(_doc("Ucrania recuperó los cuerpos de 300 soldados caídos entregados por Rusia.", language="es"))
    assert _primary(report)["bodies_to_ukraine"] == 300


def test_pt_exchange() -> None:
    report = detect(
        _doc("A Rússia e a Ucrânia trocaram 50 prisioneiros de guerra de cada lado nesta sexta-feira.", language="pt")
    )
    facts = _primary(report)
    assert facts["returned_to_ukraine"] == facts["returned_to_russia"] == 50


def test_it_exchange() -> None:
    report = detect(
        _doc("Russia e Ucraina hanno scambiato 120 prigionieri di guerra per parte, ha detto Kiev.", language="it")
    )
    facts = _primary(report)
    assert facts["returned_to_ukraine"] == facts["returned_to_russia"] == 120


def test_obfuscated_cyrillic_is_normalised() -> None:
    # Latin and Armenian look-alike letters inside Ukrainian words.
    text = "B Укpaїнy пօвepнyли тíлa 120 пօлeглиx зaxиcникíв, пoвідoмив Kooрдинaційний штaб."
    report = detect(_doc(text, language="uk"))
    assert _primary(report)["bodies_to_ukraine"] == 120


def test_swap_with_a_body_handed_over_carries_both_counts() -> None:
    report = detect(
        _doc(
            "Ukraine carried out another prisoner exchange with Russia on Wednesday and brought home 12 "
            "servicemen. The body of a foreign volunteer who fought for Ukraine was also handed over."
        )
    )
    facts = _primary(report)
    assert facts["returned_to_ukraine"] == 12
    assert facts["bodies_to_ukraine"] == 1


def test_facts_use_standard_keys_or_documented_extras() -> None:
    extras = {
        "groups",
        "agreed_to_ukraine",
        "agreed_to_russia",
        "agreed_bodies",
        "agreed_bodies_to_ukraine",
        "agreed_bodies_to_russia",
        "venue",
    }
    report = detect(
        _doc(
            "Ukraine returned 103 soldiers and 2 civilians from Russian captivity, including officers "
            "and defenders of Mariupol, in an exchange mediated by the UAE."
        )
    )
    for mention in report.mentions:
        assert set(mention.fact_values()) <= set(FACT_KEYS) | extras


# --- Traps ------------------------------------------------------------------------------------------

NEGATIVES = [
    (
        "US and Russia swap prisoners in Ankara",
        "The United States and Russia completed a prisoner swap in Ankara on Thursday, freeing a reporter "
        "and several dissidents, years after Russia invaded Ukraine.",
    ),
    (
        "Armenia and Azerbaijan exchange captives",
        "Azerbaijan handed over 12 Armenian prisoners of war, while Armenia returned two soldiers, with "
        "the help of Russian peacekeepers.",
    ),
    (
        "",
        "Hamas returned the bodies of three hostages to Israel through the Red Cross, the army said.",
    ),
    (
        "",
        "Israel released 90 Palestinian prisoners in exchange for three hostages under the ceasefire deal.",
    ),
    (
        "Remains of Korean War soldiers return home",
        "The remains of 40 American service members who fell in the Korean War began their journey home.",
    ),
    (
        "Qatar helps bring deported Ukrainian children home",
        "Four Ukrainian children deported to Russia were returned to their families with Qatar's help.",
    ),
    (
        "",
        "Rescuers recovered the bodies of 12 people from the rubble after a Russian missile strike on Kyiv.",
    ),
    (
        "",
        "Investigators exhumed 300 bodies, including 20 Ukrainian soldiers, from a mass grave near Izium.",
    ),
    (
        "UN report documents torture of prisoners of war",
        "Monitors interviewed Ukrainian prisoners of war released from Russian captivity about torture.",
    ),
    (
        "",
        "За чотири роки Координаційний штаб провів понад 70 обмінів полоненими, з неволі визволено понад "
        "8 тисяч громадян, нагадав Буданов у річницю створення штабу.",
    ),
    (
        "",
        "НБУ встановив офіційний обмінний курс на рівні 41 гривні; в обмінниках долар продають дорожче.",
    ),
    (
        "",
        "Zelensky said he was ready to hand over captured North Korean soldiers to Kim Jong Un in exchange "
        "for Ukrainian prisoners held in Russia.",
    ),
    (
        "",
        "Обмены пленными прекратились, потому что Россия не хочет забирать своих военных, заявил Лубинец.",
    ),
    (
        "A large prisoner exchange between Russia and Ukraine is possible, ICRC says",
        "The head of the Red Cross said an all-for-all exchange could happen in the war between Russia and Ukraine.",
    ),
    ("", "Russia launched 120 drones at Ukraine overnight; air defence shot down most of them."),
    (
        "Putin says Russia ready to exchange all POWs",
        "Putin said Moscow was ready to swap all prisoners of war with Ukraine if Kyiv agreed.",
    ),
    (
        "",
        "Two years ago, Ukraine and Russia exchanged 215 prisoners of war. Today their families met in Kyiv.",
    ),
    (
        "Wagner convicts freed",
        "Thousands of Russian prisoners recruited by Wagner to fight in Ukraine have been freed.",
    ),
    (
        "Ukrainian POWs sentenced by Russian court",
        "A court in Rostov sentenced 12 Ukrainian prisoners of war captured in Mariupol.",
    ),
    (
        "Brigade rotates out of Pokrovsk",
        "Ukrainian soldiers returned home to Lviv after six months at the front, the brigade said.",
    ),
    (
        "",
        "The bodies of the victims in Ukraine were returned to their families after identification.",
    ),
    (
        "",
        "Courts in Ukraine returned 40 cases about Russian military property to prosecutors.",
    ),
    (  # bodies of road-accident victims brought home by a consulate are no repatriation of the fallen
        "Тіла чотирьох українських заробітчан, які загинули в ДТП у Польщі, повернули в Україну",
        "Тіла чотирьох громадян України, загиблих у ДТП під Любліном, репатрійовано до Львова. "
        "Перевезення організувало консульство.",
    ),
    (
        "Bodies of Ukrainian bus crash victims returned from Slovakia",
        "The bodies of nine Ukrainians killed in a bus crash near Kosice were repatriated to Ukraine on Friday, "
        "the foreign ministry said.",
    ),
]


@pytest.mark.parametrize(("title", "text"), NEGATIVES)
def test_traps_are_not_relevant(title: str, text: str) -> None:
    report = detect(_doc(text, title=title))
    assert not report.relevant, (report.reasons, [m.evidence for m in report.mentions])


def test_detect_is_deterministic_and_pure() -> None:
    doc = _doc("Ukraine returned 33 defenders from Russian captivity on Monday.")
    assert detect(doc) == detect(doc)


# --- Prefilter ---------------------------------------------------------------------------------------


def test_prefilter_keeps_candidates_in_any_language() -> None:
    assert prefilter("<html><h1>Обмін полоненими між Україною та Росією</h1></html>")
    assert prefilter("<p>Gefangenenaustausch zwischen Kiew und Moskau</p>")
    assert prefilter("Russia handed over 500 bodies of Ukrainian soldiers")
    assert prefilter("B Укpaїнy пօвepнyли тíлa")


def test_prefilter_drops_pages_that_lack_an_object_a_predicate_or_a_party() -> None:
    assert not prefilter("<html><body>The German economy shrank by 0.1 percent.</body></html>")
    assert not prefilter("<p>Обмін полоненими</p>")  # no party named anywhere
    assert not prefilter("Ukraine and Russia held talks in Istanbul.")  # no object


@pytest.mark.parametrize("case", range(6))
def test_prefilter_keeps_everything_detect_finds(case: int) -> None:
    texts = [
        "Kyiv received 90 prisoners of war from Russia.",
        "В Україну повернули тіла 300 полеглих.",
        "Россия передала Украине тела 500 погибших.",
        "Die Ukraine und Russland tauschten Gefangene aus.",
        "L'Ukraine a récupéré les corps de 200 soldats.",
        "Ucrania y Rusia intercambiaron prisioneros.",
    ]
    text = texts[case]
    assert detect(_doc(text, language=None)).relevant  # undeclared: the language is detected
    assert prefilter(text)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "²³ ¹", "…!!!", "١٢٣ prisoners", "x" * 50_000, "Обмін " * 2_000, "1,000,000,000,000 bodies"],
)
def test_odd_input_never_crashes(text: str) -> None:
    report = detect(_doc(text, title=text[:80]))
    assert isinstance(report.relevant, bool)
    assert isinstance(prefilter(text), bool)


def test_categories_join_criteria_and_who_was_among_them() -> None:
    report = detect(
        _doc(
            "Ukraine brought home 40 prisoners of war on Sunday. Among them are seriously ill soldiers, "
            "two civilians and defenders of Mariupol, the coordination headquarters said."
        )
    )
    facts = _primary(report)
    assert set(facts["categories"]) == {"seriously_ill", "civilians", "azovstal_defenders"}
    assert set(facts["groups"]) == {"civilians", "mariupol_defenders"}


def test_the_city_of_mariupol_named_is_not_its_defenders() -> None:
    report = detect(
        _doc(
            "Ukraine brought home 40 prisoners of war on Sunday. Some were captured near Mariupol, "
            "a port city in the south."
        )
    )
    assert "categories" not in _primary(report)
