"""The clause's status, not its attributes: an exchange carried out "as agreed in X" is an exchange, an
agreement told with a verb alone is an agreement, an auxiliary is the tense of the participle it governs.
All sentences are invented."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

TUESDAY = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def _detect(text: str, language: str, title: str = "") -> Report:
    return detect(Document(title, text, language, TUESDAY))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Kyiv and Moscow agreed on Monday to swap 200 prisoners of war each."),
        ("de", "Russland und die Ukraine vereinbarten am Montag, jeweils 200 Kriegsgefangene auszutauschen."),
        ("de", "Kiew und Moskau haben sich darauf geeinigt, 200 Kriegsgefangene auszutauschen."),
        ("ru", "Москва и Киев договорились обменять по 200 военнопленных."),
        ("uk", "Київ і Москва домовилися обміняти по 200 військовополонених."),
        ("pl", "Kijów i Moskwa uzgodniły wymianę 200 jeńców z każdej strony."),
        ("pt", "Kiev e Moscou concordaram em trocar 200 prisioneiros de guerra de cada lado."),
        ("tr", "Kiev ve Moskova, 200'er savaş esirinin takas edilmesi konusunda anlaştı."),
        ("fr", "Kiev et Moscou se sont entendus sur un échange de 200 prisonniers de guerre."),
        ("es", "Kiev y Moscú pactaron un canje de 200 prisioneros de guerra por bando."),
        ("it", "Kiev e Mosca hanno concordato lo scambio di 200 prigionieri, che avverrà la settimana prossima."),
        ("ro", "Kievul și Moscova au convenit să schimbe câte 200 de prizonieri de război."),
    ],
)
def test_an_agreement_told_by_its_verb_is_an_agreement(language: str, text: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("es", "Moscú y Kiev pactan un canje de prisioneros", "Las delegaciones acordaron el canje el lunes."),
        ("fr", "Moscou et Kiev s'entendent sur un échange de prisonniers", "L'échange doit avoir lieu bientôt."),
        ("en", "Prisoner swap agreed in Istanbul", "Russia and Ukraine will exchange 200 soldiers each."),
    ],
)
def test_an_agreement_headline_is_not_a_report_of_the_swap(language: str, title: str, text: str) -> None:
    report = _detect(text, language, title)
    assert report.relevant and report.primary is not None
    assert {m.kind for m in report.mentions} == {"agreement"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Russia and Ukraine swapped 150 prisoners each, the first stage of an exchange agreed in Geneva."),
        ("ro", "Rusia și Ucraina au efectuat luni prima etapă a schimbului de prizonieri convenit la Geneva."),
        ("tr", "Rusya ve Ukrayna, Cenevre'de varılan mutabakat çerçevesinde esir takasının ilk aşamasını tamamladı."),
        ("de", "Kiew und Moskau haben den ersten Teil ihres in Genf vereinbarten Gefangenenaustauschs umgesetzt."),
        ("ru", "Москва и Киев завершили первый этап обмена пленными в рамках договоренностей, достигнутых в Женеве."),
        ("uk", "Україна та Росія завершили перший етап обміну полоненими в рамках домовленостей у Женеві."),
        ("it", "Russia e Ucraina hanno effettuato lunedì lo scambio di 150 prigionieri concordato a Ginevra."),
        ("pl", "Rosja i Ukraina przeprowadziły w poniedziałek wymianę 150 jeńców uzgodnioną w Genewie."),
        ("pt", "Rússia e Ucrânia realizaram na segunda-feira a troca de 150 prisioneiros acordada em Genebra."),
        ("fr", "La Russie et l'Ukraine ont achevé lundi l'échange de 150 prisonniers convenu à Genève."),
        (
            "nl",
            "Rusland en Oekraïne hebben maandag de in Genève overeengekomen uitwisseling van 150 gevangenen afgerond.",
        ),
        ("cs", "Rusko a Ukrajina v pondělí dokončily výměnu 150 zajatců dohodnutou v Ženevě."),
        ("bg", "Русия и Украйна завършиха в понеделник договорената в Женева размяна на 150 военнопленници."),
    ],
)
def test_an_exchange_carried_out_under_an_agreement_is_an_exchange(language: str, text: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")
    assert not any(m.kind == "agreement" for m in report.mentions)  # the agreement is a link, not news


def test_a_delay_before_the_noun_qualifies_it() -> None:
    report = _detect(
        "The two sides freed 90 soldiers each on Monday.", "en", "Ukraine and Russia start long-delayed prisoner swap"
    )
    assert report.relevant and report.primary is not None
    assert {m.kind for m in report.mentions} == {"pow_exchange"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Los canjes de prisioneros entre Rusia y Ucrania fueron aplazados otra vez."),
        ("it", "Russia e Ucraina hanno rinviato lo scambio di prigionieri."),
    ],
)
def test_an_auxiliary_is_the_tense_of_its_participle(language: str, text: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None
    assert (report.primary.kind, report.primary.status) == ("agreement", "postponed")


def test_a_german_participle_before_werden_is_a_plan() -> None:
    report = _detect("Die Gefangenen aus der Ukraine sollen am Freitag an der Grenze ausgetauscht werden.", "de")
    assert report.relevant and report.primary is not None
    assert report.primary.kind == "agreement"


def _kinds(report: Report) -> list[str]:
    return [m.kind for m in report.mentions if not m.recalled]


def test_living_soldiers_counted_before_the_bodies_are_a_swap_of_their_own() -> None:
    report = _detect(
        "Ukraine brought 45 servicemen home from Russian captivity on Monday in a prisoner exchange. "
        "The bodies of 70 fallen soldiers were also returned.",
        "en",
        title="Ukraine brings home 45 soldiers and the bodies of 70 fallen",
    )
    assert _kinds(report) == ["pow_exchange", "body_repatriation"]


@pytest.mark.parametrize(
    "text",
    [
        "After the prisoner exchange, Russia handed over the bodies of 70 fallen soldiers to Ukraine on Monday.",
        "After the prisoner exchange, 70 Russian soldiers' bodies were handed over to Ukraine on Monday.",
    ],
)
def test_soldiers_whose_bodies_are_returned_are_not_a_swap(text: str) -> None:
    assert _kinds(_detect(text, "en")) == ["body_repatriation"]


def test_a_dated_swap_without_a_party_beside_a_named_handover_of_the_dead_is_kept() -> None:
    report = _detect(
        "Додому повернулися 45 захисників! Сьогодні, 10 березня, відбувся черговий обмін полоненими. "
        "Також вдалося повернути на підконтрольну Україні територію тіла 70 загиблих воїнів.",
        "uk",
    )
    assert _kinds(report) == ["pow_exchange", "body_repatriation"]  # the swap is told first
    assert report.primary is not None and report.primary.fact_values().get("returned_to_ukraine") == 45


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "tr",
            "Rusya ve Ukrayna heyetleri Cenevre'de bir araya geldi. Taraflar 300'er esirin takası konusunda anlaştı.",
        ),
        ("en", "Russian and Ukrainian negotiators met in Geneva. The two sides agreed to swap 300 prisoners each."),
        (
            "ro",
            "Rusia și Ucraina s-au întâlnit la Geneva. Părțile au convenit un schimb de 300 de prizonieri.",
        ),
    ],
)
def test_the_sides_are_the_parties_the_story_named(language: str, text: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"


def test_the_sides_alone_name_no_party() -> None:
    assert not _detect("The two sides agreed to swap 300 prisoners each.", "en").relevant


def test_an_agreement_in_the_lead_of_a_story_about_the_two_sides_talks_is_news() -> None:
    report = _detect(
        "Російська та українська делегації провели в Женеві новий раунд переговорів. "
        "Головним підсумком стала домовленість про обмін полоненими.",
        "uk",
    )
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"


def test_an_exchange_carried_out_in_fulfilment_of_an_agreement_is_news_of_the_exchange() -> None:
    report = _detect(
        "Це другий етап обміну на виконання домовленостей у Женеві: 9 березня з полону звільнили 150 військових. "
        "Україна повернула також двох цивільних.",
        "uk",
    )
    assert report.relevant and report.primary is not None
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("es", "Moscú y Kiev anuncian un canje de 80 prisioneros que se realizará el domingo"),
        ("fr", "Moscou et Kiev annoncent un échange de 80 prisonniers, qui doit intervenir dimanche"),
        ("it", "Mosca e Kiev annunciano uno scambio di 80 prigionieri che avverrà domenica"),
        ("pt", "Moscou e Kiev anunciam uma troca de 80 prisioneiros que deve ocorrer no domingo"),
        ("ro", "Moscova și Kievul anunță un schimb de 80 de prizonieri care va avea loc duminică"),
    ],
)
def test_an_exchange_that_will_take_place_is_a_plan(language: str, title: str) -> None:
    report = _detect("", language, title)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine brought home from Russian captivity 120 soldiers who had been captured in Kherson, officials said.",
        "Ukraine and Russia on Monday carried out the prisoner swap they had agreed in Geneva, freeing 120 each.",
    ],
)
def test_a_past_perfect_after_the_completed_act_is_inside_the_news(text: str) -> None:
    report = _detect(text, "en")
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.recalled) == ("pow_exchange", False)


def test_a_past_perfect_main_clause_is_still_background() -> None:
    assert not _detect("By then, Russia had exchanged 120 prisoners with Ukraine.", "en").relevant


def test_a_deal_reached_is_an_agreement() -> None:
    report = _detect(
        "Ukraine and Russia will restart prisoner exchanges after talks in the UAE, the Ukrainian negotiator said.",
        "en",
        title="Kyiv says deal reached to restart POW swaps, free 800 Ukrainians",
    )
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("agreement", "agreed")


def test_an_official_posts_perfective_infinitive_is_an_act_to_come() -> None:
    """«має повернути» (is to bring back): one act to come — an agreement, not a return carried out."""
    text = (
        "Провів консультації з партнерами в ОАЕ. Досягнуто домовленостей про відновлення обмінів з Росією. "
        "Це має повернути додому 800 українців."
    )
    report = detect(Document("", text, "uk", TUESDAY, official=True))
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("agreement", "agreed")


def test_an_imperfective_infinitive_states_a_norm_not_a_plan() -> None:
    """«українці мають повертатися додому» (Ukrainians must be coming home): a goal, no agreement."""
    text = (
        "Секретар РНБО провів зустріч у Стамбулі щодо обмінів полоненими з Росією. «Завдання чітке – українці "
        "мають повертатися додому з полону», – написав він."
    )
    assert not _detect(text, "uk").relevant


def test_an_official_posts_people_at_home_are_returned() -> None:
    report = detect(Document("", "Повертаємо наших людей. Ще 75 українців удома.", "uk", TUESDAY, official=True))
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.fact_values().get("returned_to_ukraine") == 75


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "У вівторок Україна змогла повернути з російського полону 75 захисників."),
        ("ru", "Во вторник России удалось вернуть из украинского плена 75 военнослужащих."),
        ("ru", "Во вторник Украина смогла вернуть из российского плена 75 военнослужащих."),
    ],
)
def test_managed_to_bring_back_is_carried_out(language: str, text: str) -> None:
    report = _detect(text, language)
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")


def test_also_before_the_verb_adds_the_verb_not_the_count() -> None:
    report = _detect(
        "The Kremlin said the two leaders also agreed that Russia and Ukraine would exchange 150 prisoners of war "
        "each on Thursday, and that Moscow would hand over 20 severely wounded Ukrainian soldiers.",
        "en",
    )
    assert report.relevant and report.primary is not None, report.reasons
    facts = report.primary.fact_values()
    assert (facts.get("agreed_to_ukraine"), facts.get("agreed_to_russia")) == (150, 150), facts


def test_a_german_announcement_and_a_verb_final_wish_are_no_exchange_carried_out() -> None:
    report = _detect(
        "Beide Seiten sollen am Donnerstag jeweils 150 Kriegsgefangene freilassen, teilte der Kreml mit. Zusätzlich "
        "wolle Moskau 20 schwer verwundete ukrainische Soldaten übergeben.",
        "de",
        title="Nach Telefonat: Russland kündigt Gefangenenaustausch mit der Ukraine an",
    )
    assert report.relevant and report.primary is not None, report.reasons
    assert [(m.kind, m.status) for m in report.mentions if not m.recalled] == [("agreement", "agreed")]
