"""Datasette as a research tool: search that respects diacritics, metadata for every
table and view, hidden internals, truncated cells, folded name look-ups (in process)."""

from __future__ import annotations

import asyncio
import sqlite3
import unicodedata
import urllib.parse
from dataclasses import replace
from typing import Any

import pytest

from parsers.record import Person
from scraper.archive.search import search
from scraper.archive.serve import HIDDEN, datasette
from scraper.archive.store import Archive
from tests.archive.test_search_exact import ALL, CURRENTLY, FORM, PARTY

SPEAKER = replace(
    PARTY,
    url="https://soctrang.example.vn/hoi-nghi",
    canonical_url="https://soctrang.example.vn/hoi-nghi",
    site="soctrang.example.vn",
    title="Hội nghị Tỉnh ủy",
    body_text="Đồng chí Lâm Văn Mẫn, Bí thư Tỉnh ủy, chủ trì hội nghị.",
    persons=(Person("Lâm Văn Mẫn", ("Bí thư Tỉnh ủy",), True, "chu_tri"),),
)
LONG = replace(
    SPEAKER,
    url="https://dai.example.vn/dai",
    canonical_url="https://dai.example.vn/dai",
    site="dai.example.vn",
    body_text="Nội dung rất dài. " * 200 + "Câu cuối cùng.",
)


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("serve") / "archive.db"
    with Archive(path) as archive, archive.transaction():
        for one in (*ALL, SPEAKER, LONG):
            archive.store_article(one, fetched_at="2024-06-01T00:00:00Z", fetch_id=None)
    return datasette(path), path


def get(ds, path: str, **params: str) -> Any:
    url = path + ("?" + urllib.parse.urlencode(params) if params else "")

    async def fetch():
        return await ds[0].client.get(url)

    response = asyncio.run(fetch())
    assert response.status_code == 200, (url, response.text[:300])
    return response.json() if ".json" in path else response.text


def titles(rows: list[dict[str, Any]]) -> set[str]:
    return {row["title"] for row in rows}


def test_search_parameter_respects_diacritics(ds) -> None:
    def search(q: str) -> set[str]:
        return titles(get(ds, "/archive/articles.json", _search=q, _shape="array"))

    assert search("Đảng") == {PARTY.title}
    assert search("dang") == {PARTY.title, CURRENTLY.title, FORM.title}
    assert search("Đảng co so") == {PARTY.title}
    assert search(unicodedata.normalize("NFD", "Đảng")) == {PARTY.title}  # decomposed input
    assert search("không có từ này") == set()  # not every row, as before


def test_articles_table_has_a_search_box(ds) -> None:
    page = get(ds, "/archive/articles")
    assert 'name="_search"' in page


@pytest.mark.parametrize(
    ("query", "params", "expected"),
    [
        ("search_articles", {"q": "Đảng cơ sở"}, {PARTY.title}),
        ("search_articles", {"q": "35-NQ/TW dang"}, set()),  # punctuation is not syntax
        ("search_articles", {"q": ""}, set()),  # the empty form: no rows, no error
        ("search_articles", {"q": "dang (cao"}, {CURRENTLY.title, FORM.title}),
        (
            "search_by_site_and_period",
            {"q": "dang", "site": "tuyengiao.vn", "date_from": "2024-02-01", "date_to": ""},
            {CURRENTLY.title, FORM.title},
        ),
    ],
)
def test_canned_search_queries(ds, query: str, params: dict[str, str], expected: set) -> None:
    rows = get(ds, f"/archive/{query}.json", _shape="array", **params)
    assert titles(rows) == expected


@pytest.mark.parametrize("q", ["cao", "vung cao", '"vung cao"', "Tỉnh ủy", '"Tỉnh ủy" hội'])
def test_canned_search_ranks_as_tuyengiao_search(ds, q: str) -> None:
    """Whole words by BM25, a phrase newest first: the order of `search`, whose rule
    spares a pass over every article holding a phrase."""
    rows = get(ds, "/archive/search_articles.json", q=q, _shape="array")
    with Archive(ds[1]) as archive:
        expected = [hit.id for hit in search(archive.db, q)]
    assert [row["id"] for row in rows] == expected
    assert len(expected) >= 2 or q == '"Tỉnh ủy" hội'


def test_canned_search_snippet_marks_the_exact_word(ds) -> None:
    (row,) = get(ds, "/archive/search_articles.json", q="Đảng cơ sở", _shape="array")
    assert row["snippet"] == "Công tác xây dựng [Đảng] ở [cơ] [sở] được chú trọng."


@pytest.mark.parametrize("name", ["lam van man", "LÂM VĂN MẪN", "van man"])
def test_person_and_speaker_lookups_ignore_case_and_diacritics(ds, name: str) -> None:
    persons = get(ds, "/archive/persons_named.json", name=name, _shape="array")
    assert [row["name"] for row in persons] == ["Lâm Văn Mẫn"]
    spoke = get(ds, "/archive/speaker_appearances_of.json", name=name, _shape="array")
    assert {row["name"] for row in spoke} == {"Lâm Văn Mẫn"}


def test_internal_tables_are_hidden(ds) -> None:
    listed = {t["name"] for t in get(ds, "/archive.json")["tables"] if not t["hidden"]}
    assert not listed & set(HIDDEN)
    assert "articles" in listed


def test_every_table_view_and_query_has_a_title_and_description(ds) -> None:
    conn = sqlite3.connect(ds[1])
    names = {
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            " AND name NOT LIKE 'articles_fts_%' AND name NOT LIKE 'articles_folded_fts_%'"
            " AND name NOT LIKE 'sqlite_%'"
        )
    }
    metadata = ds[0].metadata()["databases"]["archive"]
    for name in names:
        assert metadata["tables"].get(name, {}).get("title"), name
        assert metadata["tables"][name].get("description"), name
    for name, query in metadata["queries"].items():
        assert query.get("title") and query.get("description"), name


def test_long_text_is_truncated_in_the_table_but_whole_on_the_row_page(ds) -> None:
    table = get(ds, "/archive/articles", _search="dai")
    assert "Câu cuối cùng." not in table
    assert "Nội dung rất dài." in table
    (row,) = get(ds, "/archive/articles.json", _search="dai", _shape="array")
    assert "Câu cuối cùng." in get(ds, f"/archive/articles/{row['id']}")


def test_article_list_facets_by_site_section_and_year(ds) -> None:
    facets = get(ds, "/archive/article_list.json")["facet_results"]
    assert {"site", "section", "year"} <= set(facets)
