"""Texts about exchanges that report none — a person's story, the identification of returned dead, an act named
only by a noun — raise nothing, and the reports beside them stay reports. All texts are invented."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document
from tests.support.detection import primary

MAY = datetime(2026, 5, 20, 9, 0, tzinfo=UTC)


def _relevant(text: str, language: str, title: str = "", official: bool = False) -> bool:
    report = detect(Document(title, text, language, MAY, official=official))
    return report.relevant and not all(m.recalled for m in report.mentions)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Back from the cells",
         "He returned to Ukraine in a prisoner exchange this spring, and after weeks in hospital he is learning to "
         "walk again."),
        ("en", "A freed Ukrainian medic on life after captivity",
         "Now, weeks after she was released from Russian captivity in a prisoner swap, she is learning to sleep "
         "again."),
        ("en", "Life after captivity", "The centre helps dozens of men who were freed in exchanges with Russia."),
        ("ru", "«Я считал дни»: бывший пленный вспоминает год в плену",
         "Домой из украинского плена он вернулся в ходе обмена весной."),
        ("pl", "Uwolniony żołnierz opowiada o rosyjskiej niewoli",
         "Do Ukrainy wrócił wiosną w jednej z wymian jeńców z Rosją, dziś przechodzi rehabilitację."),
        ("fr", "Après la captivité",
         "Il a été libéré lors d'un échange de prisonniers entre l'Ukraine et la Russie en mai."),
        ("es", "Un soldado liberado relata su cautiverio en Rusia",
         "Él regresó a Ucrania en un canje de prisioneros esta primavera."),
        ("it", "Un soldato liberato racconta la prigionia in Russia",
         "Lui è tornato in Ucraina con uno scambio di prigionieri in primavera."),
    ],
)  # fmt: skip
def test_a_persons_story_is_no_report(language: str, title: str, text: str) -> None:
    assert not _relevant(text, language, title)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Families asked for DNA samples",
         "Police ask relatives of missing soldiers to give DNA samples to compare with the bodies that were "
         "returned to Ukraine."),
        ("en", "Identification goes on",
         "Of the 900 bodies Russia returned to Ukraine this month, 300 have been identified."),
        ("uk", "Рідних просять здати ДНК",
         "Поліція просить рідних зниклих безвісти здати зразки ДНК для порівняння з тілами, які Росія повернула "
         "в Україну."),
        ("ru", "Родственников просят сдать ДНК",
         "Родственников пропавших просят сдать ДНК, чтобы опознать тела, которые Украина передала России."),
        ("de", "DNA-Proben gesucht",
         "Angehörige sollen DNA-Proben abgeben, um die Leichen zu identifizieren, die von Russland an die Ukraine "
         "übergeben wurden."),
        ("uk", "Як проходить ідентифікація",
         "Після встановлення особи загиблого тіло передають родині для поховання в Україні."),
    ],
)  # fmt: skip
def test_identifying_returned_dead_is_no_repatriation(language: str, title: str, text: str) -> None:
    assert not _relevant(text, language, title)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("uk", "Координаційний штаб зустрівся з родинами. Йшлося про повернення українців з російського полону."),
        ("en", "The Ombudsman met families. The meeting focused on the return of Ukrainians from Russian captivity."),
        ("de", "Der Ombudsmann traf Familien. Im Mittelpunkt stand die Rückkehr ukrainischer Kriegsgefangener "
         "aus Russland."),
        ("pl", "Rzecznik spotkał się z rodzinami jeńców. Rozmowa dotyczyła powrotu Ukraińców z rosyjskiej niewoli."),
        ("fr", "Le médiateur a rencontré les familles. La réunion a porté sur le retour des prisonniers "
         "ukrainiens détenus en Russie."),
        ("es", "El defensor se reunió con las familias. El encuentro trató sobre el regreso de los prisioneros "
         "ucranianos desde Rusia."),
    ],
)  # fmt: skip
def test_an_official_verbal_noun_names_a_topic_not_a_return(language: str, text: str) -> None:
    report = detect(Document("", text, language, MAY, official=True))
    # not a return carried out (a meeting "on" the return may still read as talks about it: an agreement)
    assert all(m.status != "completed" for m in report.mentions), report.mentions


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("en", "Ukraine and Russia swap 120 prisoners each",
         "Ukraine and Russia exchanged 120 prisoners each on Sunday. \"I am home,\" said one of the freed men, "
         "who spent two years in captivity."),
        ("uk", "Відбувся обмін полоненими", "Відбувся обмін полоненими. Додому повертаються 84 українці."),
        ("uk", "Додому повертаються 84 українці", "Наші люди вдома."),
        ("en", "84 Ukrainian defenders are home", "84 Ukrainian defenders are home."),
        ("ru", "Возвращение 103 российских военнослужащих",
         "18 мая из плена возвращены 103 российских военнослужащих."),
        ("en", "Among the 103 freed on Sunday: a father of three",
         "He was one of 103 Ukrainian soldiers freed from Russian captivity in Sunday's exchange."),
        ("en", "Ukraine receives the bodies of 909 fallen",
         "Ukraine received the bodies of 909 fallen soldiers from Russia on Friday; they will be identified by DNA."),
    ],
)  # fmt: skip
def test_reports_beside_them_stay_reports(language: str, title: str, text: str) -> None:
    official = title.startswith(("Відбувся", "Додому", "84", "Возвращение"))
    mention = primary(Document(title, text, language, MAY, official=official))
    assert mention.kind in ("pow_exchange", "body_repatriation") and mention.status == "completed"
