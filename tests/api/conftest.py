"""Fixtures shared by the API tests."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.support.browser import Browser, chromium_path


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium: skipped locally when missing, a failure in CI (.ci/run installs it)."""
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is required in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with Browser(executable) as instance:
        yield instance
