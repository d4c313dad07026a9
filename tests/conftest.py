"""Shared fixtures: where the saved pages are, and a live local site."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.site_server import LocalSite

FIXTURES = Path(__file__).parent / "fixtures"
TUYENGIAO = FIXTURES / "tuyengiao.vn"


def expected(name: str) -> dict[str, Any]:
    return json.loads((TUYENGIAO / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture
def local_site() -> Iterator[LocalSite]:
    """A started ``LocalSite`` with no routes; stopped after the test."""
    with LocalSite() as site:
        yield site


@pytest.fixture
def no_gc() -> Iterator[None]:
    """No garbage collection during the test: a collection pauses every thread of this
    process, the local server's too, and would shift the arrival times it records."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
