"""Core vocabulary in every further language DW publishes in: invented short reports in each — an
exchange with counts, a repatriation of the fallen, an agreed or planned exchange, and a story that is
not a Russia–Ukraine report (another country's swap, or war news without an exchange)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from service.core.detection.detect import detect
from service.core.domain import Document, Report

SUNDAY = datetime(2025, 6, 15, 18, 0, tzinfo=UTC)

# language → (exchange: 84 returned to Ukraine, bodies: 909 to Ukraine, agreement, negative)
TEXTS: dict[str, tuple[str, str, str, str]] = {
    "tr": (
        "Rusya ile Ukrayna arasında pazar günü yeni bir esir takası gerçekleştirildi. Rus esaretinden 84 "
        "Ukraynalı asker ülkesine döndü, aralarında yaralılar da var.",
        "Ukrayna, Rusya'dan 909 askerin cenazesini teslim aldı.",
        "Rusya ve Ukrayna, gelecek hafta 1000'e 1000 formülüyle esir takası yapılması konusunda anlaştı.",
        "İsrail ile Hamas arasında yeni bir rehine ve esir takası yapıldı, 84 Filistinli serbest bırakıldı.",
    ),
    "nl": (
        "Oekraïne en Rusland hebben zondag opnieuw krijgsgevangenen uitgewisseld. 84 Oekraïense soldaten "
        "keerden uit Russische gevangenschap terug naar huis.",
        "Rusland heeft de lichamen van 909 gesneuvelde Oekraïense soldaten aan Oekraïne overgedragen.",
        "Kiev en Moskou zijn overeengekomen om volgende week 1000 krijgsgevangenen van elke kant te ruilen.",
        "De Verenigde Staten en Rusland hebben in Abu Dhabi gevangenen geruild; een Amerikaanse journalist "
        "is vrijgelaten.",
    ),
    "et": (
        "Ukraina ja Venemaa vahetasid pühapäeval taas sõjavange. Vene vangistusest naasis koju 84 Ukraina sõdurit.",
        "Ukraina sai Venemaalt tagasi 909 langenud sõduri surnukehad.",
        "Ukraina ja Venemaa leppisid kokku, et järgmisel nädalal vahetatakse 1000 vangi kummaltki poolelt.",
        "Iisrael ja Hamas vahetasid pantvange ja vange, vabastati 84 palestiinlast.",
    ),
    "bn": (
        "রাশিয়া ও ইউক্রেন রবিবার যুদ্ধবন্দি বিনিময় করেছে। রুশ বন্দিদশা থেকে ৮৪ জন ইউক্রেনীয় সেনা দেশে ফিরেছেন।",
        "রাশিয়া ইউক্রেনকে ৯০৯ জন নিহত সেনার মরদেহ ফিরিয়ে দিয়েছে।",
        "রাশিয়া ও ইউক্রেন আগামী সপ্তাহে ১০০০ জন করে যুদ্ধবন্দি বিনিময়ে সম্মত হয়েছে।",
        "ইসরায়েল ও হামাসের মধ্যে জিম্মি ও বন্দি বিনিময় হয়েছে।",
    ),
}


def _detect(text: str, language: str | None) -> Report:
    return detect(Document("", text, language, SUNDAY))


@pytest.mark.parametrize("language", sorted(TEXTS))
@pytest.mark.parametrize("declared", [True, False], ids=["declared", "detected"])
def test_exchange_report_with_counts(language: str, declared: bool) -> None:
    report = _detect(TEXTS[language][0], language if declared else None)
    assert report.relevant and report.primary is not None, report.reasons
    assert (report.primary.kind, report.primary.status) == ("pow_exchange", "completed")
    assert report.primary.fact_values().get("returned_to_ukraine") == 84


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_body_repatriation(language: str) -> None:
    report = _detect(TEXTS[language][1], language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "body_repatriation"
    assert report.primary.fact_values().get("bodies_to_ukraine") == 909


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_agreed_exchange_is_an_agreement(language: str) -> None:
    report = _detect(TEXTS[language][2], language)
    assert report.relevant and report.primary is not None, report.reasons
    assert report.primary.kind == "agreement"


@pytest.mark.parametrize("language", sorted(TEXTS))
def test_another_countrys_swap_is_not_a_report(language: str) -> None:
    assert not _detect(TEXTS[language][3], language).relevant
