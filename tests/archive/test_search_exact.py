"""Diacritics typed are diacritics meant: exact words with marks, every form without."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from parsers.record import Article
from scraper.archive import schema
from scraper.archive.search import match_query, search
from scraper.archive.store import Archive
from scraper.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]


def article(n: int, title: str, body: str) -> Article:
    url = f"https://tuyengiao.vn/bai-{n}"
    return Article(
        url=url,
        canonical_url=url,
        site="tuyengiao.vn",
        section="Thời sự",
        title=title,
        body_text=body,
        published_at=f"2024-0{n}-01T08:00:00+07:00",
    )


PARTY = article(1, "Xây dựng Đảng trong sạch", "Công tác xây dựng Đảng ở cơ sở được chú trọng.")
CURRENTLY = article(2, "Tiến độ dự án", "Tỉnh đang triển khai dự án đường cao tốc.")
FORM = article(3, "Đa dạng hoá sinh kế", "Nhiều dạng hình thức hỗ trợ người dân vùng cao.")
CARRY = article(4, "Mang hàng lên bản", "Bộ đội mang hàng Tết lên vùng cao; mạng lưới đường.")
NETWORK = article(5, "An ninh mạng", "Bảo vệ an ninh mạng và thông tin trên mạng xã hội.")
ALL = (PARTY, CURRENTLY, FORM, CARRY, NETWORK)


def build(path: Path) -> Path:
    with Archive(path) as archive, archive.transaction():
        for one in ALL:
            archive.store_article(one, fetched_at="2024-06-01T00:00:00Z", fetch_id=None)
    return path


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(build(tmp_path / "archive.db")) as opened:
        yield opened


def found(archive: Archive, query: str) -> set[str]:
    return {hit.title for hit in search(archive.db, query)}


@pytest.mark.parametrize("query", ["Đảng", "đảng", "ĐẢNG"])
def test_a_word_with_diacritics_matches_that_word_only(archive: Archive, query: str) -> None:
    assert found(archive, query) == {PARTY.title}


def test_a_word_without_diacritics_matches_every_accented_form(archive: Archive) -> None:
    assert found(archive, "dang") == {PARTY.title, CURRENTLY.title, FORM.title}
    assert found(archive, "mang") == {CARRY.title, NETWORK.title}


def test_mang_and_mạng_are_different_words(archive: Archive) -> None:
    assert found(archive, "mạng") == {NETWORK.title, CARRY.title}  # CARRY has "mạng lưới"
    assert found(archive, "mạng xã") == {NETWORK.title}
    assert found(archive, "Mang hàng") == {CARRY.title}
    assert found(archive, "mạng hàng") == {CARRY.title}
    assert found(archive, "an ninh mạng") == {NETWORK.title}


def test_mixed_queries_go_term_by_term(archive: Archive) -> None:
    assert found(archive, "Đảng co so") == {PARTY.title}
    assert found(archive, "dang tỉnh") == {CURRENTLY.title}
    assert found(archive, '"xây dựng Đảng"') == {PARTY.title}
    assert found(archive, '"xay dung dang"') == {PARTY.title}


def test_decomposed_input_is_read_as_composed(archive: Archive) -> None:
    assert found(archive, "\u0110a\u0309ng") == {PARTY.title}  # Đ + a + combining hook


def test_exact_matches_rank_above_folded_ones(tmp_path: Path) -> None:
    # "mang" (to carry) is written exactly once in one article; "mạng" several times in
    # the other, which BM25 alone would put first.
    with Archive(build(tmp_path / "a.db")) as opened:
        titles = [hit.title for hit in search(opened.db, "mang")]
    assert titles == [CARRY.title, NETWORK.title]


def test_snippet_highlights_only_the_words_matched(archive: Archive) -> None:
    (hit,) = search(archive.db, "mạng xã")
    assert hit.marked_snippet() == "Bảo vệ an ninh [mạng] và thông tin trên [mạng] [xã] hội."
    (hit,) = search(archive.db, "mạng lưới")
    assert hit.marked_snippet() == "Bộ đội mang hàng Tết lên vùng cao; [mạng] [lưới] đường."


def test_hand_written_sql_match_respects_diacritics(tmp_path: Path) -> None:
    conn = sqlite3.connect(build(tmp_path / "a.db"))
    count = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    assert conn.execute(count, ["Đảng"]).fetchone() == (1,)
    assert conn.execute(count, ["dang"]).fetchone() == (3,)


def test_escaped_queries_quote_each_word() -> None:
    assert match_query("Nghị quyết 35-NQ/TW", escaped=True) == '"Nghị" "quyết" "35" "NQ" "TW"'
    assert match_query('"Nghị quyết" OR dang', escaped=True) == '"Nghị quyết" OR "dang"'


def test_an_archive_made_before_the_exact_index_is_upgraded(tmp_path: Path) -> None:
    path = build(tmp_path / "old.db")
    conn = sqlite3.connect(path)  # the index as m003 left it: folded text only
    conn.executescript(
        """
        DROP TABLE articles_fts;
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, sapo, body_text,
            tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4');
        INSERT INTO articles_fts (rowid, title, sapo, body_text) VALUES (1, 'x', '', 'dang');
        DELETE FROM _sqlite_migrations WHERE name = 'm017_search_exact';
        """
    )
    conn.close()
    with Archive(path) as upgraded:
        assert found(upgraded, "Đảng") == {PARTY.title}
        assert found(upgraded, "dang") == {PARTY.title, CURRENTLY.title, FORM.title}
        assert schema.migrations.applied(upgraded.db)[-1].name == "m017_search_exact"


def test_cli_json_has_clean_snippets_and_highlights(tmp_path: Path) -> None:
    db = build(tmp_path / "a.db")
    done = CliRunner().invoke(cli, ["search", "Đảng", "--db", str(db), "--json"])
    (hit,) = json.loads(done.stdout)
    assert not any(ord(ch) < 32 and ch != "\n" for ch in hit["snippet"])
    assert [hit["snippet"][a:b] for a, b in hit["highlights"]] == ["Đảng"]
