"""`tuyengiao serve` as a reader sees it: the pages rendered by headless Chromium.

Needs the Debian `chromium` package (`.ci/run` installs it); skipped where it is absent.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.archive.test_search_exact import CURRENTLY, FORM, PARTY, build
from tests.support.serving import serving

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="headless Chromium not installed (apt-get install chromium)"
)


def rendered(url: str) -> str:
    """The DOM after Datasette's scripts ran, as Chromium dumps it."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout


def visible_text(dom: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).replace("&amp;", "&").split())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    db = build(tmp_path_factory.mktemp("browser") / "archive.db")
    with serving(db) as base:
        yield base


def test_reader_searches_the_articles_table_with_diacritics(server: str) -> None:
    dom = rendered(server + "/archive/articles?" + urllib.parse.urlencode({"_search": "Đảng"}))
    assert re.search(r'<input[^>]*name="_search"[^>]*value="Đảng"', dom)  # the search box
    text = visible_text(dom)
    assert "1 row where search matches" in text
    assert PARTY.title in text  # Vietnamese shown as written
    assert CURRENTLY.title not in text and FORM.title not in text


def test_reader_runs_the_canned_search(server: str) -> None:
    dom = rendered(server + "/archive/search_articles?" + urllib.parse.urlencode({"q": "dang"}))
    text = visible_text(dom)
    assert "Search articles" in text
    assert re.search(r'<input[^>]*name="q"[^>]*value="dang"', dom)
    for title in (PARTY.title, CURRENTLY.title, FORM.title):
        assert title in text
    assert "Tỉnh [đang] triển khai" in text
