"""Full-text search with and without diacritics, on a real archive file."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.record import Article
from scraper.archive.search import (
    _FOLD,
    SearchError,
    _fold_normalised,
    fold,
    match_query,
    search,
    search_texts,
)
from scraper.archive.store import Archive

BASE = Article(
    url="https://tuyengiao.vn/a-150001",
    canonical_url="https://tuyengiao.vn/a-150001",
    site="tuyengiao.vn",
    section="Tuyên giáo các cấp",
    title="Đảng bộ tỉnh Sóc Trăng học tập Nghị quyết",
    body_text=(
        "Sáng 12/6, Ban Thường vụ Tỉnh ủy tổ chức hội nghị.\n"
        "Các đại biểu thảo luận về công tác xây dựng Đảng và quản lý thông tin trên mạng."
    ),
    published_at="2020-06-12T20:45:00+07:00",
)
OTHER = replace(
    BASE,
    url="https://tuyengiao.vn/b-150002",
    canonical_url="https://tuyengiao.vn/b-150002",
    site="btg.example.gov.vn",
    title="Hội thi báo cáo viên giỏi",
    body_text="Hội thi báo cáo viên giỏi cấp tỉnh năm 2022 thu hút 40 thí sinh.",
    published_at="2022-09-01T08:00:00+07:00",
)


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "archive.db") as opened:
        with opened.transaction():
            for article in (BASE, OTHER):
                opened.store_article(article, fetched_at="2024-01-01T00:00:00Z", fetch_id=None)
        yield opened


def test_fold_removes_marks_and_folds_d() -> None:
    assert fold("Đảng bộ ĐỒNG THÁP") == "dang bo dong thap"
    assert fold("Nghị quyết") == "nghi quyet"


@given(st.text())
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(unicodedata.normalize("NFC", text))


@given(st.text())
def test_fold_by_list_is_fold_by_character(text: str) -> None:
    # `fold` reads a list for the common characters: the same as folding each one.
    expected = "".join(_FOLD[ord(ch)] for ch in unicodedata.normalize("NFC", text))
    assert fold(text) == expected


# Vietnamese with the characters past `fold`'s list: CJK, emoji, a lone surrogate.
_MIXED = st.text(
    st.sampled_from("aăâđeêioôơuưyẠẶẦĐỂỊỘỢỰỲ \n.,“”–…ß\u0301\u3000中文😀\ud800") | st.characters()
)


@given(st.lists(_MIXED | st.text()))
def test_folding_texts_together_is_fold_of_each(texts: list[str]) -> None:
    normalised = [unicodedata.normalize("NFC", text) for text in texts]
    assert _fold_normalised(normalised) == [fold(text) for text in texts]


@given(st.lists(st.tuples(_MIXED, _MIXED, _MIXED), max_size=5))
def test_search_texts_are_folded_then_as_published(articles: list[tuple[str, str, str]]) -> None:
    expected = []
    for texts in articles:
        published = tuple(unicodedata.normalize("NFC", text) for text in texts)
        expected.append((*(fold(text) for text in published), *published))
    assert search_texts(articles) == expected


def test_match_query_keeps_operators() -> None:
    nfd = unicodedata.normalize("NFD", 'Đảng AND "Nghị quyết" NOT tỉnh')
    assert match_query(nfd) == 'Đảng AND "Nghị quyết" NOT tỉnh'


@pytest.mark.parametrize("query", ["Đảng", "dang", "DANG", "đảng"])
def test_search_finds_dang_with_or_without_diacritics(archive: Archive, query: str) -> None:
    hits = search(archive.db, query)
    assert [h.canonical_url for h in hits] == [BASE.canonical_url]


def test_snippet_shows_the_published_words(archive: Archive) -> None:
    (hit,) = search(archive.db, "quan ly thong tin")
    assert "[quản] [lý]" in hit.marked_snippet()
    assert "thông tin" in hit.snippet


def test_filters_by_site_and_dates(archive: Archive) -> None:
    assert search(archive.db, "hoi", site="btg.example.gov.vn")[0].title == OTHER.title
    assert search(archive.db, "hoi", date_from=date(2021, 1, 1))[0].title == OTHER.title
    assert [h.title for h in search(archive.db, "hoi", date_to=date(2021, 1, 1))] == [BASE.title]
    assert search(archive.db, "hoi", section="Không có") == []


@pytest.mark.parametrize("query", ['"unclosed', "AND", "dang AND", "(", ""])
def test_malformed_query_is_a_search_error(archive: Archive, query: str) -> None:
    with pytest.raises(SearchError):
        search(archive.db, query)


def test_broad_queries_are_ranked_among_the_most_recent_matches(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    import scraper.archive.search

    for i in range(3):
        article = replace(
            BASE,
            url=f"https://tuyengiao.vn/w-{i}",
            canonical_url=f"https://tuyengiao.vn/w-{i}",
            title="Hội nghị" if i == 0 else "Tin khác",
            body_text=f"Bài số {i} về hội nghị báo cáo viên.",
        )
        with archive.transaction():
            archive.store_article(article, fetched_at="2024-01-01T00:00:00Z", fetch_id=None)
    assert search(archive.db, "hoi nghi")[0].canonical_url.endswith("w-0")  # title match first
    monkeypatch.setattr(scraper.archive.search, "RANK_WINDOW", 2)
    hits = [hit.canonical_url[-3:] for hit in search(archive.db, "hoi nghi")]
    assert sorted(hits) == ["w-1", "w-2"]


@pytest.mark.parametrize(
    ("query", "found"),
    [("t*", 2), ("th*", 2), ("qua*", 1), ("quan*", 1), ("thao*", 1), ("quanl*", 0)],
)
def test_prefix_queries_of_any_length(archive: Archive, query: str, found: int) -> None:
    # 2 to 4 letters read a prefix index; shorter and longer prefixes merge the words.
    assert len(search(archive.db, query)) == found
