"""Where the test fixtures are and how to read their expected records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
TUYENGIAO = FIXTURES / "tuyengiao.vn"


def expected(name: str) -> dict[str, Any]:
    return json.loads((TUYENGIAO / f"{name}.json").read_text(encoding="utf-8"))


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
