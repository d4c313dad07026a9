"""Where the test fixtures are and how to read their expected records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
TUYENGIAO = FIXTURES / "tuyengiao.vn"


def expected(name: str) -> dict[str, Any]:
    return json.loads((TUYENGIAO / f"{name}.json").read_text(encoding="utf-8"))
