"""`tuyengiao serve`: a real Datasette process on a free local port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from scraper.archive.store import Archive
from tests.support.vn_texts import ORIGINAL, REPUBLISHED, SAME_EVENT

ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


@pytest.fixture
def server(tmp_path: Path):
    db = tmp_path / "archive.db"
    with Archive(db) as archive, archive.transaction():
        for article in (ORIGINAL, SAME_EVENT, REPUBLISHED):
            archive.store_article(article, fetched_at="2021-03-17T00:00:00Z", fetch_id=None)
    port = free_port()
    code = "from scraper.cli.archive import serve_command; serve_command()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "--db", str(db), "--port", str(port)],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                get(base + "/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None:
                    pytest.fail(proc.stderr.read().decode())
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_shows_the_archive_with_metadata_and_canned_queries(server: str) -> None:
    page = get(server + "/archive/articles").decode()
    assert "One row per article, keyed by canonical URL." in page
    assert "Sóc Trăng sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW" in page
    query = urllib.parse.urlencode({"document": "05-CT/TW", "year": "2021", "_shape": "array"})
    rows = json.loads(get(f"{server}/archive/citations_by_year.json?{query}"))
    assert sorted(r["site"] for r in rows) == sorted(
        [ORIGINAL.site, SAME_EVENT.site, REPUBLISHED.site]
    )
    assert {r["speakers"] for r in rows} == {"Lâm Văn Mẫn (chu_tri)"}
    syndicated = json.loads(get(f"{server}/archive/syndicated_stories.json?_shape=array"))
    assert [(r["origin_site"], r["copy_site"]) for r in syndicated] == [
        (ORIGINAL.site, REPUBLISHED.site)
    ]
    facets = json.loads(get(f"{server}/archive/article_list.json?_facet=year"))
    assert facets["facet_results"]["year"]["results"][0]["value"] == "2021"
