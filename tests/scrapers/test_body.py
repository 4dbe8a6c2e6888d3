"""The bounded decompressor and response classification, without a network."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrapers.body import CappedDecoder, check_content_type, error_for_status, parse_content_type
from scrapers.errors import BadContent, Blocked, ClientError, RateLimited, ServerError, TooLarge
from scrapers.http import FEED_ACCEPT, HTML_ACCEPT

NOW = datetime(2025, 6, 9, 12, 0, tzinfo=UTC)


def bomb(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1_000_000)
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


def test_bomb_in_one_chunk_never_inflates_past_the_limit() -> None:
    payload = bomb(500_000_000)  # ~500 KB on the wire, 500 MB inflated
    decoder = CappedDecoder("gzip", 1_000_000)
    tracemalloc.start()
    try:
        with pytest.raises(TooLarge):
            decoder.feed(payload)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000  # bounded by the limit, not by the bomb
    assert decoder.total == 1_000_001


@given(st.binary(max_size=5000), st.integers(1, 700), st.sampled_from(["gzip", "deflate", None]))
def test_any_chunking_round_trips(data: bytes, chunk: int, coding: str | None) -> None:
    packed = {"gzip": gzip.compress, "deflate": zlib.compress, None: bytes}[coding](data)
    decoder = CappedDecoder(coding, len(data))
    out = b"".join(decoder.feed(packed[i : i + chunk]) for i in range(0, len(packed), chunk)) + decoder.flush()
    assert out == data


@given(st.binary(min_size=1, max_size=3000), st.integers(0, 2999))
def test_limit_is_exact(data: bytes, limit: int) -> None:
    decoder = CappedDecoder("gzip", limit)
    if len(data) <= limit:
        assert decoder.feed(gzip.compress(data)) + decoder.flush() == data
    else:
        with pytest.raises(TooLarge):
            decoder.feed(gzip.compress(data))
            decoder.flush()


def test_concatenated_gzip_members() -> None:
    decoder = CappedDecoder("x-gzip", 100)
    assert decoder.feed(gzip.compress(b"one ") + gzip.compress(b"two")) + decoder.flush() == b"one two"


def test_corrupt_and_unsupported_encodings() -> None:
    with pytest.raises(BadContent):
        CappedDecoder("gzip", 100).feed(b"this is not gzip at all")
    for coding in ("br", "zstd", "gzip, gzip", "compress"):
        with pytest.raises(BadContent):
            CappedDecoder(coding, 100)
    assert CappedDecoder("identity", 10).feed(b"plain") == b"plain"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "utf-8")),
        ('application/rss+xml;charset="windows-1251"', ("application/rss+xml", "windows-1251")),
        ("TEXT/XML", ("text/xml", None)),
        ("text/html; charset=", ("text/html", None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_content_type(header: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_content_type(header) == expected


def test_check_content_type() -> None:
    for ok in ("text/html", "application/xml", "application/octet-stream", None):
        check_content_type(ok, HTML_ACCEPT)
    for bad in ("application/pdf", "image/jpeg", "audio/mpeg", "application/zip"):
        with pytest.raises(BadContent):
            check_content_type(bad, FEED_ACCEPT)
    check_content_type("image/png", "image/*")


@pytest.mark.parametrize(
    ("status", "headers", "head", "error"),
    [
        (403, {}, b"", Blocked),
        (451, {}, b"", Blocked),
        (429, {}, b"", RateLimited),
        (503, {"server": "cloudflare"}, b"origin down", ServerError),
        (503, {"server": "cloudflare"}, b"window._cf_chl_opt={}", Blocked),
        (502, {}, b"", ServerError),
        (418, {}, b"", ClientError),
        (300, {}, b"", BadContent),
    ],
)
def test_error_for_status(status: int, headers: dict[str, str], head: bytes, error: type) -> None:
    found = error_for_status(status, headers, head, "https://x.example/", NOW)
    assert type(found) is error and found.status == status and found.url == "https://x.example/"


def test_truncating_decoder_keeps_the_head() -> None:
    decoder = CappedDecoder("gzip", 10, truncate=True)
    assert decoder.feed(gzip.compress(b"0123456789abcdef")) == b"0123456789"
    assert decoder.done and decoder.feed(b"more") == b"" and decoder.flush() == b""
