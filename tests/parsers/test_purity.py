"""The layout's promises: `parsers` stands alone, and the wings of `scraper` import downwards.

The first test fails if importing `parsers` (and parsing a page with the packaged
profiles) loads any `scraper` module; the second if a wing imports a wing above it
(the order is the one `scraper/__init__.py` gives).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Each wing and the wings it may import.
ALLOWED = {
    "web": set(),
    "warc": {"web"},
    "sites": {"web"},
    "archive": {"sites", "warc", "web"},
    "crawl": {"archive", "sites", "warc", "web"},
    "derive": {"archive", "sites", "warc", "web"},
    "cli": {"crawl", "derive", "archive", "sites", "warc", "web"},
}


def test_importing_parsers_loads_nothing_of_scraper() -> None:
    page = ROOT / "tests" / "fixtures" / "tuyengiao.vn" / "soc-trang-mang-xa-hoi.html"
    code = (
        "import sys, parsers\n"
        f"parsers.parse(open({str(page)!r}, 'rb').read(),"
        " 'https://tuyengiao.vn/soc-trang-1')\n"
        "print(sorted(m for m in sys.modules if m == 'scraper' or m.startswith('scraper.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_no_module_of_parsers_imports_scraper() -> None:
    for path in (ROOT / "parsers").rglob("*.py"):
        found = {m for m in _imported_modules(path) if m.split(".")[0] == "scraper"}
        assert not found, f"{path.relative_to(ROOT)} imports {sorted(found)}"


@pytest.mark.parametrize("wing", sorted(ALLOWED))
def test_each_wing_imports_only_the_wings_below_it(wing: str) -> None:
    for path in (ROOT / "scraper" / wing).rglob("*.py"):
        for module in _imported_modules(path):
            parts = module.split(".")
            if parts[0] != "scraper" or len(parts) < 2 or parts[1] == wing:
                continue
            assert parts[1] in ALLOWED[wing], f"{path.relative_to(ROOT)} imports {module}"


def test_every_wing_is_named_in_the_order() -> None:
    wings = {p.parent.name for p in (ROOT / "scraper").glob("*/__init__.py")}
    assert wings == set(ALLOWED)
