"""Shared fixtures: a live local site, and fetcher settings fast enough for tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.site_server import LocalSite


@pytest.fixture
def local_site() -> Iterator[LocalSite]:
    """A started ``LocalSite`` with no routes; stopped after the test."""
    with LocalSite() as site:
        yield site
