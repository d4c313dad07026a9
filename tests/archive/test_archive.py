"""The archive on a real SQLite file: keys, idempotence, versions, duplicates, entities."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from parsers.record import Article, Byline, Directive, Person
from scraper.archive.store import Archive, ArchiveError

ARTICLE = Article(
    url="https://tuyengiao.vn/hoi-nghi-bao-cao-vien-thang-5-150001?utm_source=fb",
    canonical_url="https://tuyengiao.vn/hoi-nghi-bao-cao-vien-thang-5-150001",
    site="tuyengiao.vn",
    section="Tuyên giáo các cấp",
    title="Hội nghị báo cáo viên tháng 5",
    sapo="Sáng 15/5, Ban Tuyên giáo Tỉnh ủy tổ chức Hội nghị báo cáo viên.",
    body_text="Đồng chí Nguyễn Văn An phát biểu.\nHội nghị quán triệt Chỉ thị số 05-CT/TW.",
    published_at="2024-05-15T09:30:00+07:00",
    byline=Byline(author="Minh Anh", organization="Ban Tuyên giáo Tỉnh ủy Hà Nam"),
    persons=(
        Person(
            name="Nguyễn Văn An",
            positions=("Trưởng Ban Tuyên giáo Tỉnh ủy",),
            spoke=True,
            role="phat_bieu",
        ),
    ),
    directives=(
        Directive(
            text="Chỉ thị số 05-CT/TW",
            kind="chi_thi",
            number="05",
            symbol="CT/TW",
            id="05-CT/TW",
        ),
    ),
    parser="tuyengiao.vn@1",
)
NOW = "2024-05-16T01:00:00Z"


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "archive.db") as opened:
        yield opened


def store(archive: Archive, article: Article, at: str = NOW) -> str:
    with archive.transaction():
        return archive.store_article(article, fetched_at=at, fetch_id=None)


def snapshot(archive: Archive) -> dict[str, list]:
    tables = ["articles", "article_urls", "article_versions", "persons", "article_persons"]
    tables += ["directives", "article_directives", "articles_fts"]
    return {t: archive.db.execute(f"SELECT * FROM {t}").fetchall() for t in tables}


def test_new_article_is_stored_with_entities(archive: Archive) -> None:
    assert store(archive, ARTICLE) == "new"
    row = archive.db.execute("SELECT canonical_url, site, title, published_at FROM articles")
    assert row.fetchall() == [
        (ARTICLE.canonical_url, "tuyengiao.vn", ARTICLE.title, "2024-05-15T09:30:00+07:00")
    ]
    assert archive.article(ARTICLE.canonical_url) == ARTICLE
    person = archive.db.execute(
        "SELECT p.name, ap.positions, ap.spoke, ap.role FROM article_persons ap"
        " JOIN persons p ON p.id = ap.person_id"
    ).fetchall()
    assert person == [("Nguyễn Văn An", '["Trưởng Ban Tuyên giáo Tỉnh ủy"]', 1, "phat_bieu")]
    directive = archive.db.execute("SELECT doc_id, kind FROM directives").fetchall()
    assert directive == [("05-CT/TW", "chi_thi")]
    urls = {r[0] for r in archive.db.execute("SELECT url FROM article_urls")}
    assert urls == {ARTICLE.url, ARTICLE.canonical_url}


def test_storing_the_same_article_again_changes_nothing(archive: Archive) -> None:
    store(archive, ARTICLE)
    before = snapshot(archive)
    assert store(archive, ARTICLE, at="2024-06-01T00:00:00Z") == "unchanged"
    assert snapshot(archive) == before


def test_a_changed_article_keeps_its_old_version(archive: Archive) -> None:
    store(archive, ARTICLE)
    edited = replace(ARTICLE, title="Hội nghị báo cáo viên tháng 5 năm 2024")
    assert store(archive, edited, at="2024-06-01T00:00:00Z") == "updated"
    assert archive.article(ARTICLE.canonical_url).title.endswith("năm 2024")
    versions = archive.db.execute(
        "SELECT record, first_fetched_at, replaced_at FROM article_versions"
    ).fetchall()
    assert len(versions) == 1
    old_record, first, replaced = versions[0]
    assert json.loads(old_record)["title"] == ARTICLE.title
    assert (first, replaced) == (NOW, "2024-06-01T00:00:00Z")
    assert archive.count("articles") == 1


def test_same_body_at_another_url_is_a_duplicate_alias(archive: Archive) -> None:
    store(archive, ARTICLE)
    copy = replace(
        ARTICLE,
        url="https://tuyengiao.vn/tuyen-giao-cac-cap/hoi-nghi-bao-cao-vien-150001",
        canonical_url="https://tuyengiao.vn/tuyen-giao-cac-cap/hoi-nghi-bao-cao-vien-150001",
    )
    assert store(archive, copy) == "duplicate"
    assert archive.count("articles") == 1
    assert archive.article_id_for_url(copy.canonical_url) == archive.article_id_for_url(
        ARTICLE.canonical_url
    )


def test_directive_details_fill_in_from_later_citations(archive: Archive) -> None:
    store(archive, ARTICLE)
    later = replace(
        ARTICLE,
        canonical_url="https://tuyengiao.vn/other-150002",
        url="https://tuyengiao.vn/other-150002",
        body_text="Một bài khác.",
        directives=(replace(ARTICLE.directives[0], date="2021-01-20", issuer="Bộ Chính trị"),),
    )
    store(archive, later)
    assert archive.db.execute("SELECT date, issuer FROM directives").fetchall() == [
        ("2021-01-20", "Bộ Chính trị")
    ]
    assert archive.count("article_directives") == 2


def test_a_failed_transaction_leaves_nothing(archive: Archive) -> None:
    with pytest.raises(RuntimeError), archive.transaction():
        archive.store_article(ARTICLE, fetched_at=NOW, fetch_id=None)
        raise RuntimeError("killed mid-page")
    assert all(rows == [] for rows in snapshot(archive).values())


def test_reopening_applies_no_migration_twice(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Archive(path) as first:
        store(first, ARTICLE)
    with Archive(path) as second:
        assert second.count("articles") == 1
        names = [r[0] for r in second.db.execute("SELECT name FROM _sqlite_migrations")]
        assert names == sorted(set(names))
        mode = second.db.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 20)
    with pytest.raises(ArchiveError, match="not a usable SQLite archive"):
        Archive(bogus)
    assert bogus.read_text().startswith("these are my notes")


def test_a_person_named_twice_keeps_the_last_mention(archive: Archive) -> None:
    first = ARTICLE.persons[0]
    again = replace(first, positions=("Bí thư Tỉnh ủy",), spoke=False, role="chu_tri")
    other = Person(name="Trần Thị Bình", positions=(), spoke=False, role=None)
    store(archive, replace(ARTICLE, persons=(first, other, again)))
    rows = archive.db.execute(
        "SELECT p.name, ap.positions, ap.role FROM article_persons ap"
        " JOIN persons p ON p.id = ap.person_id ORDER BY ap.rowid"
    ).fetchall()
    assert rows == [
        ("Trần Thị Bình", "[]", None),
        ("Nguyễn Văn An", '["Bí thư Tỉnh ủy"]', "chu_tri"),
    ]
