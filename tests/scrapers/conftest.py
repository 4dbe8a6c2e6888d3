"""Fixtures for scraper tests: a raw-socket HTTP server on 127.0.0.1 (see rawserver.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.scrapers.rawserver import RawServer


@pytest.fixture
def raw_server() -> Iterator[RawServer]:
    """A fresh raw server per test; register handlers in ``raw_server.routes``."""
    instance = RawServer()
    instance.start()
    yield instance
    instance.stop()
