"""parse_channel on a saved t.me/s/ preview page: text posts in, service/photo-only/poll posts out."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from scrapers.errors import ParseError
from scrapers.feeds import FeedEntry
from scrapers.telegram import TITLE_MAX, make_title, parse_channel

PAGE = Path(__file__).parent.parent / "fixtures" / "feeds" / "telegram-koordshtab.html"
URL = "https://t.me/s/koordshtab"


@pytest.fixture
def posts() -> dict[str, FeedEntry]:
    feed = parse_channel(PAGE.read_bytes(), url=URL)
    return {entry.guid or "": entry for entry in feed.entries}


def test_channel_title_and_order() -> None:
    feed = parse_channel(PAGE.read_bytes(), url=URL)
    assert feed.title == "Координаційний штаб"
    assert [e.guid for e in feed.entries] == [
        "koordshtab/9127",
        "koordshtab/9125",
        "koordshtab/9124",
        "koordshtab/9121",
    ]


def test_service_photo_only_and_poll_posts_are_skipped(posts: dict[str, FeedEntry]) -> None:
    assert not {"koordshtab/9120", "koordshtab/9122", "koordshtab/9126"} & set(posts)


def test_edited_post_with_emoji_links_and_hashtag(posts: dict[str, FeedEntry]) -> None:
    post = posts["koordshtab/9124"]
    assert post.url == "https://t.me/koordshtab/9124"
    assert post.fetch_page is False
    assert post.published == datetime(2025, 6, 9, 13, 5, 11, tzinfo=UTC)
    assert post.updated == post.published  # edited, time of the edit unknown
    assert post.title == "Вони вдома! Відбувся перший етап обміну полоненими за стамбульськими домовленостями."
    assert post.content.startswith("🇺🇦 Вони вдома!")
    assert "\n\nДодому повертаються поранені" in post.content  # <br/><br/> kept as a paragraph break
    assert "Дякуємо партнерам з #ОАЕ за посередництво." in post.content
    assert "Facebook (https://www.facebook.com/koordshtab)" in post.content
    assert "9.1K" not in post.content and "131K" not in post.content  # reactions and views
    assert post.language == "uk"
    assert post.author == "Координаційний штаб"


def test_unedited_post_has_no_update(posts: dict[str, FeedEntry]) -> None:
    post = posts["koordshtab/9121"]
    assert post.updated is None
    assert post.title == "Передача тіл загиблих відкладається"  # leading ⚡️ dropped from the title only
    assert post.content.startswith("⚡️Передача тіл")
    assert "koordshtab.example.gov.ua (https://koordshtab.example.gov.ua/news/repatriatsiia-9121)" in post.content


def test_forwarded_russian_post(posts: dict[str, FeedEntry]) -> None:
    post = posts["koordshtab/9125"]
    assert post.language == "ru"
    assert post.publisher == "Минобороны России"
    assert post.publisher_url == "https://t.me/mod_russia_example/51234"
    assert post.title.startswith("В соответствии с договорённостями")
    assert post.content.count("\n") == 1


def test_reply_quote_and_link_preview_are_not_content(posts: dict[str, FeedEntry]) -> None:
    post = posts["koordshtab/9127"]
    assert post.content.startswith("Родинам звільнених")
    assert "Вони вдома" not in post.content
    assert "Цілодобово" not in post.content
    # One long line: the title is its first sentence.
    assert post.title.endswith("0 800 300 518.")


def test_long_single_line_title_is_cut_at_a_word() -> None:
    title = make_title("слово " * 100)
    assert len(title) <= TITLE_MAX + 1 and title.endswith("…")


def test_channel_without_public_preview_raises() -> None:
    page = (
        b"<html><head><title>Telegram: Contact @x</title></head>"
        b"<body><div class='tgme_page_title'>x</div></body></html>"
    )
    with pytest.raises(ParseError, match="not a Telegram channel preview"):
        parse_channel(page, url="https://t.me/s/x")


def test_empty_channel_is_an_empty_feed() -> None:
    page = (
        b"<html><body><div class='tgme_channel_info'><div class='tgme_channel_info_header_title'>"
        b"<span>Empty</span></div></div><section class='tgme_channel_history'></section></body></html>"
    )
    feed = parse_channel(page, url="https://t.me/s/empty")
    assert feed.title == "Empty" and feed.entries == ()


def test_empty_body_raises() -> None:
    with pytest.raises(ParseError):
        parse_channel(b"", url=URL)


def test_message_with_bad_date_keeps_entry() -> None:
    page = (
        b'<html><body><div class="tgme_widget_message js-widget_message" data-post="c/1">'
        b'<div class="tgme_widget_message_text">Text only</div>'
        b'<a class="tgme_widget_message_date" href="https://t.me/c/1"><time datetime="yesterday">x</time></a>'
        b"</div></body></html>"
    )
    (entry,) = parse_channel(page, url="https://t.me/s/c").entries
    assert entry.published is None and entry.title == "Text only" and entry.language is None
