"""`articles_folded_fts`: queries of words typed without diacritics with a three-letter
prefix are read from the small folded index, and match exactly the articles they match
in `articles_fts`, through stores, updates and an upgrade of an archive from before."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from parsers.record import Article
from scraper.archive import schema
from scraper.archive.search import (
    FOLDED,
    SEARCH_COLUMNS,
    answered_folded,
    count,
    fold,
    search,
)
from scraper.archive.store import Archive
from tests.archive.test_search_storage import fixture_articles

NOW = "2025-01-01T00:00:00Z"


@pytest.mark.parametrize(
    ("query", "folded"),
    [
        ("qua*", True),
        ("QUA*", True),
        ("qua* dang", True),
        ("qua* OR tin*", True),
        ("(qua* OR tha*) NOT dang", True),
        ("qua* quang*", True),
        ("quố*", False),  # diacritics: only the columns as published have them
        ("qua* Đảng", False),
        ("qu*", False),  # one and two letters have their prefix index in articles_fts
        ("qua* t*", False),
        ("quan*", False),  # no three-letter prefix: nothing to gain
        ("dang", False),
        ('"qua"*', False),  # a phrase
        ('"ban tuyen" qua*', False),
        ("title: qua*", False),  # a column filter
        ("NEAR(qua* dang)", False),
        ("35-NQ/TW qua*", False),
        ("qua_x*", False),  # two words to the tokenizer: a phrase
    ],
)
def test_which_queries_are_read_from_the_folded_index(query: str, folded: bool) -> None:
    assert answered_folded(query) is folded


def ids(db: Database, table: str, query: str) -> set[int]:
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
    return {row[0] for row in db.execute(sql, [query])}


def routed_queries(articles: list[Article]) -> list[str]:
    """Every three-letter prefix (folded) of the words of the articles, alone, in upper
    case, and with a word or another prefix beside it."""
    words = sorted({fold(w) for a in articles for w in re.findall(r"\w+", a.body_text)})
    prefixes = sorted({w[:3] for w in words if len(w) >= 3})
    out = []
    for n, prefix in enumerate(prefixes):
        other = words[(n * 7) % len(words)]
        out += [f"{prefix}*", f"{prefix.upper()}*", f"{prefix}* {other}"]
        out += [f"{prefix}* OR {prefixes[(n * 3) % len(prefixes)]}*", f"{prefix}* NOT {other}"]
    return [q for q in out if answered_folded(q)]


def test_routed_queries_match_the_same_articles_in_both_indexes(tmp_path: Path) -> None:
    articles = fixture_articles()
    with Archive(tmp_path / "a.db") as archive:
        with archive.transaction():
            archive.store_articles(articles, fetched_at=NOW)
        queries = routed_queries(articles)
        assert len(queries) > 500
        matched = 0
        for query in queries:
            expected = ids(archive.db, "articles_fts", query)
            assert ids(archive.db, FOLDED, query) == expected, query
            matched += bool(expected)
        assert matched > len(queries) // 2
        for query in queries[:40]:  # what `search` and `count` give
            expected = sorted(ids(archive.db, "articles_fts", query), reverse=True)
            assert [h.id for h in search(archive.db, query, limit=100)] == expected[:100]
            assert count(archive.db, query) == len(expected)
        archive.db.execute(f"INSERT INTO {FOLDED} ({FOLDED}) VALUES ('integrity-check')")


def test_a_changed_or_removed_body_leaves_the_folded_index_as_the_other(tmp_path: Path) -> None:
    first, second = fixture_articles()[:2]
    old = replace(first, body_text=first.body_text + "\nTừ zqxmột cũ.")
    new = replace(first, body_text=first.body_text + "\nTừ wvkhai mới.")
    with Archive(tmp_path / "a.db") as archive:
        with archive.transaction():
            archive.store_articles([old, second], fetched_at=NOW)
        assert count(archive.db, "zqx*") == 1
        with archive.transaction():
            assert archive.store_articles([new], fetched_at=NOW) == ["updated"]
        for query in ("zqx*", "wvk*", "zqx* OR wvk*"):
            assert ids(archive.db, FOLDED, query) == ids(archive.db, "articles_fts", query)
        assert count(archive.db, "zqx*") == 0
        assert count(archive.db, "wvk*") == 1
        archive.db.execute(f"INSERT INTO {FOLDED} ({FOLDED}) VALUES ('integrity-check')")


def the_index_of_before(db: Database) -> None:
    """The search index as `m018_search_contentless` made it before the folded index:
    prefix indexes of one to three letters, no `articles_folded_fts`."""
    db.execute(f"DROP TABLE {FOLDED}")
    db.execute("DROP TABLE articles_fts")
    db.execute(
        f"CREATE VIRTUAL TABLE articles_fts USING fts5({', '.join(SEARCH_COLUMNS)},"
        " tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3', content = '')"
    )


def test_an_archive_from_before_gets_the_folded_index_with_the_same_answers(
    tmp_path: Path,
) -> None:
    articles = fixture_articles()
    path = tmp_path / "old.db"
    db = Database(path)
    schema.migrations.apply(db, stop_before="m018_search_folded_prefixes")
    the_index_of_before(db)
    old = Archive.__new__(Archive)  # today's store writes the index of before alone
    old.path, old.db = path, db
    with db.atomic():
        old.store_articles(articles, fetched_at=NOW)
    queries = routed_queries(articles)[:200]
    before = [ids(db, "articles_fts", q) for q in queries]
    assert (
        "prefix = '1 2 3'"
        in db.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    )
    db.close()
    with Archive(path) as upgraded:
        sql = upgraded.db.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'articles_fts'"
        ).fetchone()[0]
        assert "prefix = '1 2'" in sql
        assert [ids(upgraded.db, FOLDED, q) for q in queries] == before
        assert [ids(upgraded.db, "articles_fts", q) for q in queries] == before
        assert [count(upgraded.db, q) for q in queries] == [len(b) for b in before]


def test_an_archive_without_the_folded_index_is_searched_in_the_other(tmp_path: Path) -> None:
    db = Database(tmp_path / "old.db")
    schema.migrations.apply(db, stop_before="m018_search_folded_prefixes")
    the_index_of_before(db)
    old = Archive.__new__(Archive)
    old.path, old.db = tmp_path / "old.db", db
    with db.atomic():
        old.store_articles(fixture_articles(), fetched_at=NOW)
    query = routed_queries(fixture_articles())[0]
    expected = sorted(ids(db, "articles_fts", query), reverse=True)
    assert expected
    assert [h.id for h in search(db, query, limit=100)] == expected[:100]
    assert count(db, query) == len(expected)
