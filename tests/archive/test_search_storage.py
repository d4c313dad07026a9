"""Issue 18's storage: the contentless search index (written and deleted through
`search_index`), the record stored without the columns' fields (read back exactly), the
ranking rule, and an archive of the schema before upgraded with identical answers."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from parsers import parse
from parsers.errors import NotAnArticle, ParseError
from parsers.record import Article, Byline
from scraper.archive import schema
from scraper.archive.export import Filters, stored
from scraper.archive.pending import Pending
from scraper.archive.prepare import prepare
from scraper.archive.records import compact, slim, slimmed
from scraper.archive.search import count, ranks_by_bm25, search
from scraper.archive.store import Archive

NOW = "2025-01-01T00:00:00Z"
FIXTURES = Path(__file__).parents[1] / "fixtures"
REAL_PAGES = Path(__file__).resolve().parents[3] / "shared" / "real-pages"  # when present


def fixture_articles() -> list[Article]:
    records = sorted(FIXTURES.glob("*/*.json"))
    out = []
    for path in records:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "body_text" in data and "canonical_url" in data:
            out.append(Article.from_dict(data))
    return out


def real_page_articles() -> list[Article]:
    out = []
    for page in sorted(REAL_PAGES.glob("*.html")):
        expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        try:
            out.append(parse(page.read_bytes(), expected["url"]))
        except (NotAnArticle, ParseError):
            continue
    return out


def test_records_read_back_exactly_from_fixtures_and_real_pages(tmp_path: Path) -> None:
    articles = fixture_articles() + real_page_articles()
    assert len(articles) >= 15
    with Archive(tmp_path / "a.db") as archive:
        with archive.transaction():
            outcomes = archive.store_articles(articles, fetched_at=NOW)
        kept = [a for a, o in zip(articles, outcomes, strict=True) if o == "new"]
        assert len(kept) >= 15
        for article in kept:
            assert archive.article(article.canonical_url) == article
        exported = {
            json.loads(line)["canonical_url"]: line for _, _, line in stored(archive.db, Filters())
        }
        for article in kept:
            assert exported[article.canonical_url] == compact(article.to_dict())
            assert json.loads(exported[article.canonical_url]) == article.to_dict()
        # What the row stores: no copy of the texts, the keys where they were.
        body, stored_slim = archive.db.execute(
            "SELECT body_text, record_slim FROM articles WHERE canonical_url = ?",
            [kept[0].canonical_url],
        ).fetchone()
        assert body not in stored_slim and json.loads(stored_slim)["body_text"] is True
        assert kept[0].canonical_url not in stored_slim and '"url":true' in stored_slim
        assert list(json.loads(stored_slim)) == list(kept[0].to_dict())
        (extracted,) = archive.db.execute(
            "SELECT json_extract(record, '$.body_text') FROM articles WHERE canonical_url = ?",
            [kept[0].canonical_url],
        ).fetchone()
        assert extracted == body


def test_a_record_that_would_not_read_back_exactly_stays_whole() -> None:
    article = fixture_articles()[0]
    record = article.to_dict()
    whole = json.dumps(record, ensure_ascii=False)
    columns = (article.title, article.sapo, article.body_text)
    texts_only = {**record, "title": True, "sapo": True, "body_text": True}
    assert json.loads(slimmed(whole, *columns)) == texts_only
    assert slimmed(whole, article.title + " (sửa)", article.sapo, article.body_text) == whole
    # Written now: each field slimmed only if the row's column holds it, as it is.
    row = prepare([article])[0].row
    assert json.loads(row["record_slim"])["parser"] is True
    assert json.loads(slim(record, {**row, "parser": "other@1"})) == texts_only
    assert slim(record, {**row, "body_text": "khác"}) == compact(record)


def test_records_with_empty_fields_read_back_exactly(tmp_path: Path) -> None:
    model = fixture_articles()[0]
    variants = [
        replace(model, byline=None, section=None, sapo=None, updated_at=None),
        replace(model, byline=Byline(author=None, organization="Báo Nhân Dân", source=None)),
        replace(model, title='Tựa "có ngoặc" \\ và\ttab', section="Thời sự\u2028"),
    ]
    variants = [
        replace(
            v,
            url=f"https://x.vn/{n}",
            canonical_url=f"https://x.vn/{n}",
            body_text=f"{v.body_text} Bản {n}.",
        )
        for n, v in enumerate(variants)
    ]
    with Archive(tmp_path / "a.db") as archive:
        with archive.transaction():
            archive.store_articles(variants, fetched_at=NOW)
        for article in variants:
            (line,) = archive.db.execute(
                "SELECT record FROM articles WHERE canonical_url = ?", [article.canonical_url]
            ).fetchone()
            assert line == compact(article.to_dict())
            assert archive.article(article.canonical_url) == article


def test_an_edit_replaces_the_search_entry_and_keeps_the_whole_old_record(tmp_path: Path) -> None:
    first = fixture_articles()[0]
    original = replace(first, title=first.title + " Zyzzyva", body_text=first.body_text + " Xylo.")
    edited = replace(first, body_text=first.body_text + " Tàu ngầm Kilo.", title="Tựa mới")
    with Archive(tmp_path / "a.db") as archive:
        for article in (original, edited):
            with archive.transaction():
                archive.store_article(article, fetched_at=NOW, fetch_id=None)
        assert archive.article(original.canonical_url) == edited
        (old,) = archive.db.execute("SELECT record FROM article_versions").fetchone()
        assert old == compact(original.to_dict())
        assert count(archive.db, "kilo") == 1
        assert count(archive.db, '"Tựa mới"') == 1
        # The old texts' words are gone from the index, which holds one row, intact.
        assert count(archive.db, "xylo") == count(archive.db, "zyzzyva") == 0
        assert archive.db.execute("SELECT count(*) FROM articles_fts_docsize").fetchone() == (1,)
        archive.db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")


def test_phrases_and_prefixes_rank_newest_first_words_by_bm25() -> None:
    assert ranks_by_bm25("Đảng uỷ") and ranks_by_bm25("title:dang AND uy")
    assert not ranks_by_bm25('"dang uy"') and not ranks_by_bm25("d*")
    assert not ranks_by_bm25("NEAR(dang uy)")


def test_one_letter_prefixes_and_phrases_search(tmp_path: Path) -> None:
    articles = fixture_articles()
    with Archive(tmp_path / "a.db") as archive:
        with archive.transaction():
            archive.store_articles(articles, fetched_at=NOW)
        n = archive.count("articles")
        hits = search(archive.db, "t*", limit=n)
        assert len(hits) == count(archive.db, "t*") > 1
        assert [h.id for h in hits] == sorted((h.id for h in hits), reverse=True)
        assert all(any(b > a for a, b in h.highlights) for h in hits if h.highlights)
        phrase = " ".join(articles[0].body_text.split()[3:6]).strip(".,")
        assert articles[0].canonical_url in {
            h.canonical_url for h in search(archive.db, f'"{phrase}"', limit=n)
        }


def test_an_archive_of_the_schema_before_is_upgraded_with_identical_answers(
    tmp_path: Path,
) -> None:
    articles = list({a.canonical_url: a for a in fixture_articles()}.values())
    odd = replace(articles[1], url="https://x.vn/odd", canonical_url="https://x.vn/odd")
    path = tmp_path / "old.db"
    # What the code before wrote: whole records, the index storing its columns.
    db = Database(sqlite3.connect(path))
    schema.migrations.apply(db, stop_before="m018_search_contentless")
    old = Archive.__new__(Archive)
    old.path, old.db = path, db
    pending = Pending(db)
    with db.atomic():
        for article, prepared in zip([*articles, odd], prepare([*articles, odd]), strict=True):
            row = dict(prepared.row)
            del row["record_slim"]
            row["record"] = json.dumps(article.to_dict(), ensure_ascii=False)
            article_id = old._insert(row, NOW, None)
            pending.search_rows.append((article_id, *prepared.folded))
        pending.flush()
        # A record unlike its columns (written by hand): kept whole.
        db.execute(
            "UPDATE articles SET record = json_set(record, '$.title', 'Khác')"
            " WHERE canonical_url = 'https://x.vn/odd'"
        )
    queries = ["dang", "Đảng", '"ban tuyen giao"', "t*", "tỉnh AND hội", "ng*"]
    before = [[h.to_dict() for h in search(db, q, limit=50)] for q in queries]
    counts = [count(db, q) for q in queries]
    records = [json.loads(line) for _, _, line in stored(db, Filters())]
    lines = [line for _, _, line in stored(db, Filters())]
    assert db.execute("SELECT count(*) FROM articles_fts_content").fetchone()[0] == len(lines)
    db.close()

    with Archive(path) as upgraded:
        names = {r[0] for r in upgraded.db.execute("SELECT name FROM _sqlite_migrations")}
        assert {"m018_search_contentless", "m018_record_columns"} <= names
        assert "articles_fts_content" not in upgraded.db.table_names()
        after_lines = [line for _, _, line in stored(upgraded.db, Filters())]
        assert [json.loads(line) for line in after_lines] == records
        assert after_lines[-1] == lines[-1]  # the odd one, as it was
        assert after_lines[:-1] == [compact(r) for r in records[:-1]]
        assert [count(upgraded.db, q) for q in queries] == counts
        after = [[h.to_dict() for h in search(upgraded.db, q, limit=50)] for q in queries]
        for query, was, now in zip(queries, before, after, strict=True):
            if ranks_by_bm25(query):
                assert now == was, query
            else:  # newest first now: the same hits
                assert sorted(now, key=lambda h: h["id"]) == sorted(was, key=lambda h: h["id"])
        slimmed_bodies = upgraded.db.execute(
            "SELECT count(*) FROM articles WHERE json_type(record_slim, '$.body_text') = 'true'"
        ).fetchone()
        assert slimmed_bodies == (len(lines) - 1,)
    assert [c for c in counts if c] and sum(counts) > len(queries)


@pytest.mark.parametrize("query", ["dang", "t*", '"ban tuyen giao"'])
def test_datasette_search_and_rank_read_the_contentless_index(tmp_path: Path, query: str) -> None:
    with Archive(tmp_path / "a.db") as archive:
        with archive.transaction():
            archive.store_articles(fixture_articles(), fetched_at=NOW)
        ranked = archive.db.execute(
            "SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY articles_fts.rank",
            [query],
        ).fetchall()
        assert len(ranked) == count(archive.db, query)


def test_a_bulk_transaction_is_written_as_one_segment_of_the_search_index(
    tmp_path: Path,
) -> None:
    """The index keeps its write settings (`search_index.WRITE_CONFIG`), so a batch stored
    in one transaction reaches the index as one segment, not one per megabyte of text."""
    articles = [
        replace(
            fixture_articles()[0],
            canonical_url=f"https://tuyengiao.vn/bai-{n}.html",
            url=f"https://tuyengiao.vn/bai-{n}.html",
            body_text=f"Bài số {n}. " + " ".join(f"từ{n}x{k}" for k in range(3000)),
        )
        for n in range(40)
    ]
    with Archive(tmp_path / "archive.db") as archive:
        config = dict(archive.db.execute("SELECT k, v FROM articles_fts_config"))
        assert config["hashsize"] == 64 * 1024 * 1024 and config["automerge"] == 16
        with archive.transaction():
            archive.store_articles(articles, fetched_at=NOW)
        segments = archive.db.execute("SELECT count(DISTINCT segid) FROM articles_fts_idx")
        assert segments.fetchone()[0] == 1
        assert count(archive.db, "từ7x2999") == 1


OLD_RECORD = """
    CASE WHEN json_type(record_slim, '$.body_text') = 'true'
    THEN json_replace(record_slim, '$.title', title, '$.sapo', sapo, '$.body_text', body_text)
    ELSE record_slim END
"""


def test_rows_of_the_form_before_read_the_same_after_the_upgrade(tmp_path: Path) -> None:
    """An archive whose rows slim only the title, sapo and body: after `m018_record_fields`
    they read as before, and the rows stored next slim every column field."""
    articles = list({a.canonical_url: a for a in fixture_articles()}.values())
    old, new = articles[:-2], articles[-2:]
    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(path))
    schema.migrations.apply(db, stop_before="m018_record_fields")
    # `record` as the code before defined it, and rows as it wrote them.
    db.execute("ALTER TABLE articles DROP COLUMN record")
    db.execute(f"ALTER TABLE articles ADD COLUMN record TEXT GENERATED ALWAYS AS ({OLD_RECORD})")
    archive = Archive.__new__(Archive)
    archive.path, archive.db = path, db
    with db.atomic():
        for article, prepared in zip(old, prepare(old), strict=True):
            row = dict(prepared.row)
            row["record_slim"] = compact(
                {**article.to_dict(), "title": True, "sapo": True, "body_text": True}
            )
            archive._insert(row, NOW, None)
    before = [line for _, _, line in stored(db, Filters())]
    assert before == [compact(a.to_dict()) for a in old]
    db.close()

    with Archive(path) as upgraded:
        assert [line for _, _, line in stored(upgraded.db, Filters())] == before
        with upgraded.transaction():
            upgraded.store_articles(new, fetched_at=NOW)
        after = [line for _, _, line in stored(upgraded.db, Filters())]
        assert after == [compact(a.to_dict()) for a in [*old, *new]]
        forms = upgraded.db.execute(
            "SELECT json_type(record_slim, '$.url') FROM articles ORDER BY id"
        ).fetchall()
        assert forms == [("text",)] * len(old) + [("true",)] * len(new)
