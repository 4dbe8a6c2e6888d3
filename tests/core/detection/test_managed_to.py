"""An act told through success ("we managed to bring back ten more", «вдалося повернути», "es ist uns gelungen,
… zurückzuholen", "hemos logrado traer de vuelta", "nous avons réussi à ramener", "were able to return") is
done: the success verb is the completion cue the infinitive lacks (invented texts). Before, only
en/uk/ru had it, and Spanish, Portuguese, French, Italian and Romanian had no verb for bringing people back.
A plain negator before it ("no logró traer", "n'a pas pu ramener", "nie udało się") denies the act."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document

SATURDAY = datetime(2025, 6, 28, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "de",
            "Zehn ukrainische Zivilisten konnten am Freitag aus russischer Gefangenschaft in die Ukraine "
            "zurückkehren, teilte Präsident Selenskyj mit.",
        ),
        (
            "de",
            '"Es ist uns gelungen, weitere zehn Ukrainer aus russischer Gefangenschaft zurückzuholen", schrieb '
            "Präsident Selenskyj am Samstag.",
        ),
        (
            "es",
            '"Hemos logrado traer de vuelta del cautiverio ruso a otros diez ucranianos", escribió el presidente '
            "Zelenski el sábado.",
        ),
        ("es", "Ucrania logró traer de vuelta del cautiverio ruso a diez civiles, informó el presidente Zelenski."),
        (
            "fr",
            "« Nous avons réussi à ramener de captivité russe dix autres Ukrainiens », a écrit le président "
            "Zelensky samedi.",
        ),
        ("fr", "L'Ukraine a pu ramener dix civils de captivité russe, a annoncé samedi le président Zelensky."),
        (
            "it",
            '"Siamo riusciti a riportare dalla prigionia russa altri dieci ucraini", ha scritto sabato il '
            "presidente Zelensky.",
        ),
        (
            "pt",
            '"Conseguimos trazer de volta do cativeiro russo mais dez ucranianos", escreveu o presidente '
            "Zelensky no sábado.",
        ),
        (
            "ro",
            "„Am reușit să aducem înapoi din captivitatea rusă încă zece ucraineni”, a scris sâmbătă "
            "președintele Zelenski.",
        ),
        ("hu", '"Sikerült hazahoznunk az orosz fogságból további tíz ukránt" – írta szombaton Zelenszkij elnök.'),
        (
            "pl",
            "„Udało się sprowadzić z rosyjskiej niewoli kolejnych dziesięciu Ukraińców” – napisał w sobotę "
            "prezydent Zełenski.",
        ),
        (
            "en",
            "Ten Ukrainian civilians were able to return home from Russian captivity on Friday, President "
            "Zelensky said.",
        ),
        ("en", '"We managed to bring back ten more Ukrainians from Russian captivity," President Zelensky wrote.'),
        ("uk", "«Вдалося повернути з російського полону ще десятьох українців», – написав у суботу Зеленський."),
        ("ru", "«Удалось вернуть из российского плена еще десятерых украинцев», – написал в субботу Зеленский."),
    ],
)
def test_an_act_told_through_success_is_done(language: str, text: str) -> None:
    report = detect(Document("", text, language, SATURDAY))
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "pow_exchange" and report.primary.status == "completed"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Ucrania no logró traer de vuelta del cautiverio ruso a los diez civiles, informó Zelenski."),
        ("fr", "L'Ukraine n'a pas pu ramener de captivité russe les dix civils, a annoncé Zelensky."),
        ("pl", "Ukrainie nie udało się sprowadzić z rosyjskiej niewoli dziesięciu cywilów – napisał Zełenski."),
        ("de", "Die Ukraine konnte am Freitag keine Gefangenen aus Russland zurückholen, teilte Selenskyj mit."),
        ("en", "Ukraine was not able to bring back prisoners from Russian captivity this week, Zelensky said."),
        ("fr", "L'Ukraine espère ramener de captivité russe dix civils la semaine prochaine, a dit Zelensky."),
    ],
)
def test_a_denied_or_wished_success_is_no_report(language: str, text: str) -> None:
    report = detect(Document("", text, language, SATURDAY))
    assert not report.relevant, report.mentions
