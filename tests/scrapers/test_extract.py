"""extract_article on saved article pages (boilerplate out, text in), charsets, titles, languages."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from scrapers.extract import Extracted, clean_title, extract_article, looks_like_html

PAGES = Path(__file__).parent.parent / "fixtures" / "pages"
DW_URL = "https://www.dw.com/en/ukraine-russia-swap-prisoners-of-war/a-72841903"
UA_URL = "https://www.ukrinform.ua/rubric-ato/4000001-ukraina-povernula-zakhysnykiv.html"


def extract(name: str, url: str, **kwargs: str) -> Extracted:
    result = extract_article((PAGES / name).read_bytes(), url=url, **kwargs)
    assert result is not None
    return result


def test_pages_are_realistically_sized() -> None:
    for page in PAGES.glob("*.html"):
        assert 50_000 <= page.stat().st_size <= 200_000, page.name


def test_dw_article_layout() -> None:
    page = extract("dw-en-article-2025.html", DW_URL)
    assert page.title == "Ukraine, Russia swap prisoners of war in first stage of Istanbul deal"
    assert page.language == "en"
    assert page.published == datetime(2025, 6, 9, 14, 47, tzinfo=UTC)
    assert page.author == "Olena Kovalenko"  # the byline, not "Deutsche Welle"
    assert page.text.startswith("The exchange is the first of several agreed in Istanbul.")  # header lead
    for sentence in (
        "exchanged a first group of prisoners of war on Monday",
        "thanked the United Arab Emirates for its mediation",
        "bodies of 6,000 fallen soldiers each",
        "freed 1,000 prisoners each over three days in late May",
    ):
        assert sentence in page.text
    for boilerplate in (
        "We use cookies",
        "Advertisement",
        "Related topics",
        "Explore more",
        "Bundesliga",
        "Privacy Policy",
        "Українська",
        "window.__APP_STATE__",
        "teasers",
    ):
        assert boilerplate not in page.text


def test_dw_old_layout_byline_from_the_labelled_list() -> None:
    """Before 2022 DW showed the author only in <ul class="smallList"> ('Autor', 'Автор' …); the meta author
    is the publisher, which is not a byline."""
    page = extract("dw-uk-article-2020-old-layout.html", "https://www.dw.com/uk/obmin-polonenymy/a-54539001")
    assert page.author == "Ірина Шевчук"
    assert page.language == "uk"
    assert page.title == "Україна та Росія провели обмін полоненими"
    assert page.text.startswith("Україна та Росія провели обмін полоненими: додому повернулися 72")
    for boilerplate in ("Реклама", "Більше на цю тему", "Ключові слова", "Ірина Шевчук"):
        assert boilerplate not in page.text


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<ul class="smallList"><li><strong>Autor:</strong> Jan Novák</li></ul>', "Jan Novák"),
        ('<ul class="smallList"><li><strong>Autorin</strong> Anna Schmidt</li></ul>', "Anna Schmidt"),
        ('<ul class="smallList"><li><strong>Autor</strong> Deutsche Welle</li></ul>', None),  # a publisher
        ('<ul class="smallList"><li><strong>Datum</strong> 08.07.2020</li></ul>', None),
        ('<p>By <a rel="author" href="/p/1">Maria Lopez</a></p>', "Maria Lopez"),
        ('<div itemprop="author" itemscope><span itemprop="name">Taras Bondar</span>, Kyiv</div>', "Taras Bondar"),
    ],
)
def test_byline_cues(byline: str, expected: str | None) -> None:
    story = "".join(f"<p>{sentence}</p>" for sentence in ["Members of parliament voted on a new budget today."] * 4)
    html = f"<html><head><title>Budget</title></head><body><article>{story}</article>{byline}</body></html>"
    result = extract_article(html.encode(), url="https://news.example/a/1")
    assert result is not None and result.author == expected


def test_ukrainian_agency_page() -> None:
    page = extract("ukrinform-uk-article.html", UA_URL)
    assert page.title == "Україна повернула перших захисників у межах стамбульських домовленостей"
    assert page.sitename == "Укрінформ"
    assert page.language == "uk"
    assert page.published == datetime(2025, 6, 9, 14, 55, tzinfo=UTC)
    assert page.text.startswith("Сьогодні відбувся перший етап обміну полоненими")
    assert "за формулою 1000 на 1000" in page.text
    assert "Дата репатріації поки не визначена" in page.text
    for boilerplate in ("Останні новини", "Реклама", "Всі права застережені", "Переглядів", "НБУ зберіг"):
        assert boilerplate not in page.text


def test_windows_1251_bytes_declared_as_utf8_are_not_mojibake() -> None:
    html = (PAGES / "ukrinform-uk-article.html").read_text(encoding="utf-8")
    page = extract_article(html.encode("windows-1251", errors="replace"), url=UA_URL, encoding="utf-8")
    assert page is not None
    assert "перший етап обміну полоненими" in page.text
    assert page.title == "Україна повернула перших захисників у межах стамбульських домовленостей"


def test_utf8_bytes_declared_as_latin1_are_not_mojibake() -> None:
    page = extract("ukrinform-uk-article.html", UA_URL, encoding="iso-8859-1")
    assert "перший етап обміну полоненими" in page.text


def test_meta_charset_is_used_for_legacy_pages() -> None:
    paragraphs = "".join(
        f"<p>Абзац {n}: состоялся обмен военнопленными, домой вернулись раненые военные.</p>" for n in range(5)
    )
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        f"<title>Обмен пленными</title></head><body><article>{paragraphs}</article></body></html>"
    )
    page = extract_article(html.encode("windows-1251"), url="https://old.example.ru/news/1.html")
    assert page is not None
    assert "состоялся обмен военнопленными" in page.text


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav></body></html>",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"\x00\x01\x02\x03" * 100,
    ],
)
def test_pages_without_main_text_give_none(body: bytes) -> None:
    assert extract_article(body, url="https://ex.com/a") is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Tenzije između Srbije i BiH | Politika | DW | 08.07.2020", "Tenzije između Srbije i BiH"),
        ("Tenzije između Srbije i BiH | DW | 08.07.2020", "Tenzije između Srbije i BiH"),
        ("Ukraine, Russia swap POWs – DW – 06/09/2025", "Ukraine, Russia swap POWs"),
        ("Обмін полоненими - Укрінформ", "Обмін полоненими"),
        ("Kyiv - Moscow talks resume in Istanbul", "Kyiv - Moscow talks resume in Istanbul"),
        ("Swap under way | Reuters.com", "Swap under way"),
        ("Только заголовок", "Только заголовок"),
    ],
)
def test_title_suffixes_are_stripped(title: str, expected: str) -> None:
    assert clean_title(title, "Укрінформ") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"<!DOCTYPE html><html><head>", True),
        (b"\xef\xbb\xbf  <!-- x --><html lang='uk'>", True),
        (b"<head><title>x</title></head>", True),
        (b'<?xml version="1.0"?><rss version="2.0"><channel>', False),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', False),
        (b'{"articles": []}', False),
        (b"", False),
    ],
)
def test_looks_like_html(body: bytes, expected: bool) -> None:
    assert looks_like_html(body) is expected


def _page(head: str, html_attrs: str = "") -> bytes:
    paragraphs = "".join(
        f"<p>Абзац {n}. Россия и Украина провели очередной этап обмена военнопленными, сообщили стороны.</p>"
        for n in range(6)
    )
    return (
        f"<!DOCTYPE html><html{html_attrs}><head><meta charset='utf-8'>{head}</head>"
        f"<body><nav><a href='/'>Главная</a></nav><article><h1>Обмен</h1>{paragraphs}</article></body></html>"
    ).encode()


def test_language_falls_back_to_og_locale() -> None:
    page = extract_article(_page("<meta property='og:locale' content='ru_RU'>"), url="https://ex.ru/a")
    assert page is not None and page.language == "ru"


def test_html_lang_wins_over_og_locale() -> None:
    page = extract_article(_page("<meta property='og:locale' content='ru_RU'>", ' lang="uk-UA"'), url="https://ex/a")
    assert page is not None and page.language == "uk"


def test_json_ld_graph_date_and_future_dates_ignored() -> None:
    graph = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebPage"}, {"@type": "NewsArticle", "datePublished": "2025-05-23T18:30:00+03:00"}]}</script>'
        "<meta property='article:published_time' content='2099-01-01T00:00:00Z'>"
    )
    page = extract_article(_page(graph), url="https://ex.ru/a")
    assert page is not None
    assert page.published == datetime(2025, 5, 23, 15, 30, tzinfo=UTC)


def test_pages_turned_down_by_the_gate_still_get_their_text_from_the_fast_path() -> None:
    body = (PAGES / "dw-en-article-2025.html").read_bytes()
    url = "https://www.dw.com/en/x/a-1"
    seen: list[str] = []

    def gate(page: str) -> bool:
        seen.append(page)
        return False

    fast = extract_article(body, url=url, thorough=gate)
    thorough = extract_article(body, url=url, thorough=lambda _: True)
    assert fast is not None and thorough is not None
    assert not fast.thorough and thorough.thorough
    assert seen and "<html" in seen[0].lower()  # the gate sees the decoded page
    assert fast.text == thorough.text  # same text on a well-structured page, at about half the cost
