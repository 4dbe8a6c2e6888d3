"""Benchmark inputs in words: exchange reports (en/uk/ru/de) and ordinary news, written for these benchmarks.

Reports are short news texts about one stage of a prisoner exchange with its numbers; `report(lang, n, i)`
varies the numbers so every generated report is a distinct story. Filler paragraphs are everyday news in
the same languages, so the prefilter and the detector see realistic non-matching text.
"""

from __future__ import annotations

import random

LANGUAGES = ("en", "uk", "ru", "de")

_REPORTS: dict[str, list[tuple[str, list[str]]]] = {
    "en": [
        (
            "Ukraine brings home {n} defenders in new prisoner exchange with Russia",
            [
                "Ukraine and Russia carried out another prisoner exchange today, and {n} Ukrainian servicemen"
                " returned home from Russian captivity, President Volodymyr Zelensky said.",
                "Russia received {n} of its soldiers in return, the Russian Defence Ministry confirmed.",
                "Among those freed were wounded soldiers and defenders of Mariupol, some of whom had been held"
                " since 2022. The swap was mediated by the United Arab Emirates.",
                "The Coordination Headquarters for the Treatment of Prisoners of War said work on the next"
                " stage was already under way.",
            ],
        ),
        (
            "{n} Ukrainian prisoners of war freed in latest swap",
            [
                "Kyiv and Moscow swapped prisoners of war today in the latest stage of the exchange agreed in"
                " Istanbul, with {n} Ukrainian soldiers returning home.",
                "Ukraine handed over {n} Russian prisoners of war, the Coordination Headquarters said.",
                "Most of the Ukrainians released are under 25 or seriously wounded, officials in Kyiv said.",
            ],
        ),
    ],
    "uk": [
        (
            "Додому повернулися {n} українських захисників",
            [
                "Сьогодні відбувся черговий етап обміну полоненими між Україною та Росією. Додому повернулися"
                " {n} українських захисників, повідомив Координаційний штаб з питань поводження з"
                " військовополоненими.",
                "Росії передано {n} військовополонених. Серед звільнених з полону є поранені та тяжкохворі.",
                "Посередником в обміні виступили Об'єднані Арабські Емірати.",
            ],
        ),
        (
            "Обмін полоненими: з російського полону звільнено {n} військових",
            [
                "Україна провела ще один обмін полоненими з Росією: сьогодні з російського полону повернулися"
                " {n} українських військовослужбовців, заявив президент Володимир Зеленський.",
                "Більшість звільнених — молодші 25 років, є також захисники Маріуполя.",
                "Робота над наступним етапом обміну вже триває.",
            ],
        ),
    ],
    "ru": [
        (
            "Россия и Украина провели обмен пленными: вернулись {n} военных",
            [
                "Россия и Украина сегодня провели очередной этап обмена военнопленными, сообщило Министерство"
                " обороны России. Из плена возвращены {n} российских военнослужащих.",
                "Взамен Украине переданы {n} украинских военнопленных.",
                "Посредничество в обмене оказали Объединённые Арабские Эмираты.",
            ],
        ),
    ],
    "de": [
        (
            "Ukraine und Russland tauschen erneut Kriegsgefangene aus",
            [
                "Die Ukraine und Russland haben heute erneut Kriegsgefangene ausgetauscht. {n} ukrainische"
                " Soldaten seien aus russischer Gefangenschaft zurückgekehrt, teilte Präsident Selenskyj mit.",
                "Russland erhielt nach Angaben des Verteidigungsministeriums in Moskau ebenfalls {n} Gefangene zurück.",
                "Vermittelt hatten den Austausch die Vereinigten Arabischen Emirate.",
            ],
        ),
    ],
}

_FILLER: dict[str, list[str]] = {
    "en": [
        "The central bank kept its key interest rate unchanged on Thursday, citing slowing inflation and a"
        " weaker outlook for exports in the second half of the year.",
        "City officials said the new tram line would open in the autumn after months of delays caused by"
        " supply problems and a shortage of skilled workers.",
        "The home side scored twice in the second half to secure a narrow win that lifts them to third place"
        " in the league table.",
        "Forecasters expect heavy rain and strong winds across the north of the country over the weekend, with"
        " local flooding possible in low-lying areas.",
        "Parliament debated a bill on energy subsidies for households, which the opposition says does too little"
        " for pensioners and families with children.",
        "Shares in the carmaker fell sharply after it cut its profit forecast, blaming higher costs for batteries"
        " and weaker demand in Asia.",
        "The festival drew more than forty thousand visitors this year, organisers said, a record since it was"
        " first held in 1998.",
    ],
    "uk": [
        "Національний банк зберіг облікову ставку без змін, пославшись на уповільнення інфляції та стабільну"
        " ситуацію на валютному ринку.",
        "У Києві відкрили оновлений міст через Дніпро після двох років реконструкції, повідомили у міській"
        " адміністрації.",
        "Синоптики прогнозують на вихідних дощі та похолодання у західних областях, у горах можливий сніг.",
        "Уряд затвердив програму підтримки малого бізнесу, яка передбачає пільгові кредити для підприємців.",
        "Збірна України з футболу здобула перемогу в товариському матчі завдяки голу на останніх хвилинах.",
    ],
    "ru": [
        "Центральный банк сохранил ключевую ставку на прежнем уровне, сославшись на замедление инфляции.",
        "В Москве открыли новую станцию метро, которая соединит два спальных района с центром города.",
        "Синоптики прогнозируют на выходных сильные дожди и порывистый ветер в северо-западных регионах.",
        "Правительство одобрило законопроект о поддержке сельского хозяйства и субсидиях для фермеров.",
        "Футбольный клуб объявил о подписании контракта с новым главным тренером на три года.",
    ],
    "de": [
        "Die Europäische Zentralbank hat den Leitzins unverändert gelassen und auf die sinkende Inflation verwiesen.",
        "Die Bahn kündigte an, im Sommer mehrere Strecken wegen Bauarbeiten zu sperren, Fahrgäste müssen mit"
        " Verspätungen rechnen.",
        "Der Bundestag debattierte über die Reform der Rente, die Opposition kritisierte die Pläne als unzureichend.",
        "Meteorologen erwarten für das Wochenende Gewitter und Starkregen im Süden Deutschlands.",
        "Der Autobauer senkte seine Gewinnprognose und begründete dies mit höheren Kosten und schwacher Nachfrage.",
    ],
}

_FILLER_TITLES: dict[str, list[str]] = {
    "en": ["Central bank holds rates", "Tram line delayed again", "Late goals secure win", "Storm warning"],
    "uk": ["Нацбанк зберіг ставку", "У Києві відкрили міст", "Прогноз погоди на вихідні"],
    "ru": ["ЦБ сохранил ставку", "Открыта новая станция метро", "Прогноз погоды"],
    "de": ["EZB lässt Zins unverändert", "Bahn sperrt Strecken", "Debatte um Rentenreform"],
}


def report(lang: str, n: int, variant: int) -> tuple[str, list[str]]:
    """(title, paragraphs) of an exchange report in `lang` about `n` people returned each way."""
    title, paragraphs = _REPORTS[lang][variant % len(_REPORTS[lang])]
    return title.format(n=n), [p.format(n=n) for p in paragraphs]


def filler(lang: str, rng: random.Random, paragraphs: int = 6) -> tuple[str, list[str]]:
    """(title, paragraphs) of an ordinary news story."""
    title = rng.choice(_FILLER_TITLES[lang]) + f" ({rng.randint(1, 9999)})"
    return title, [rng.choice(_FILLER[lang]) for _ in range(paragraphs)]
