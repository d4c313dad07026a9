"""`tuyengiao serve`: a real Datasette process on a free local port."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from scraper.archive.store import Archive
from tests.support.serving import get, serving
from tests.support.vn_texts import ORIGINAL, REPUBLISHED, SAME_EVENT


@pytest.fixture
def server(tmp_path: Path):
    db = tmp_path / "archive.db"
    with Archive(db) as archive, archive.transaction():
        for article in (ORIGINAL, SAME_EVENT, REPUBLISHED):
            archive.store_article(article, fetched_at="2021-03-17T00:00:00Z", fetch_id=None)
    with serving(db) as base:
        yield base


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
