"""Official primary sources are recognised from an article's address or source label."""

from __future__ import annotations

import pytest

from service.core.sources import is_official


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://t.me/Koordshtab/1234", ""),
        ("https://t.me/s/V_Zelenskiy_official/99", ""),
        ("", "t.me/mod_russia"),
        ("https://www.president.gov.ua/news/x", ""),
        ("https://koordshtab.gov.ua/news/1", ""),  # any Ukrainian government domain
        ("https://example.org/story", "mil.ru"),
    ],
)
def test_official_addresses(url: str, source: str) -> None:
    assert is_official(url, source)


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("https://t.me/rian_ru/5", ""),  # a state news agency's channel is media, not the ministry
        ("https://www.dw.com/en/x", "dw.com"),
        ("https://gov.ua.example.com/", ""),  # a look-alike host
        ("https://evilgov.ua/", ""),  # not a subdomain of gov.ua
        ("https://t.me/s/", ""),
        ("https://www.kyivindependent.com/x", "The Kyiv Independent"),
        ("", "Kremlin watchers' digest"),  # only offices and people who speak for themselves
        ("", ""),
    ],
)
def test_other_addresses(url: str, source: str) -> None:
    assert not is_official(url, source)


@pytest.mark.parametrize(
    "source",
    [
        "Координаційний штаб (Telegram)",
        "Уповноважений  ВРУ з прав людини (Telegram)",  # spacing does not matter
        "Dmytro Lubinets via Telegram",
        "Минобороны России",
        "President of Ukraine",
    ],
)
def test_official_publishers_named_in_the_source_label(source: str) -> None:
    assert is_official("", source)


def test_a_name_in_the_url_is_not_a_label() -> None:
    assert not is_official("https://example.org/koordynatsiinyi-shtab/Координаційний штаб", "example.org")
