"""Shared fixtures: where the saved pages are, and a live local site."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.site_server import LocalSite

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


FAMILY_DIRS = ("tuyengiao.vn", "liferay", "vnportal", "wordpress", "newspaper")


def article_fixtures() -> list[tuple[str, str]]:
    """(folder, name) of every article fixture with an expected record, all families."""
    found = []
    for folder in FAMILY_DIRS:
        for path in sorted((FIXTURES / folder).glob("*.json")):
            if not path.name.endswith(".links.json"):
                found.append((folder, path.stem))
    return found


def listing_fixtures() -> list[tuple[str, str]]:
    """(folder, name) of every listing fixture with expected links."""
    return [
        (folder, path.name.removesuffix(".links.json"))
        for folder in FAMILY_DIRS
        for path in sorted((FIXTURES / folder).glob("*.links.json"))
    ]


def load_expected(folder: str, name: str, suffix: str = ".json") -> dict[str, Any]:
    return json.loads((FIXTURES / folder / f"{name}{suffix}").read_text(encoding="utf-8"))
