"""The archive counts a document cited by name under its normalised key."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from sqlite_utils import Database

from parsers.record import Directive
from scraper.archive import schema
from scraper.archive.store import Archive
from tests.support.old_archives import with_todays_rows
from tests.support.vn_texts import ORIGINAL, REPUBLISHED, SAME_EVENT

NOW = "2021-03-17T00:00:00Z"
CONGRESS = Directive(
    text="Nghị quyết Đại hội XIII", kind="nghi_quyet", title="Nghị quyết Đại hội XIII"
)
DOCUMENTS = Directive(
    text="Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
    kind="other",
    title="Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII của Đảng",
)
LAW = Directive(text="Luật Báo chí", kind="luat", title="Luật Báo chí")


def citations(archive: Archive) -> list[tuple]:
    rows = archive.db.execute(
        "SELECT key, times_cited, texts FROM directive_citations WHERE doc_id IS NULL ORDER BY key"
    ).fetchall()
    return [(key, n, sorted(json.loads(texts))) for key, n, texts in rows]


def articles():
    return [
        replace(ORIGINAL, directives=(CONGRESS, LAW)),
        replace(SAME_EVENT, directives=(DOCUMENTS,)),
        replace(REPUBLISHED, directives=(CONGRESS,)),
    ]


def test_named_documents_are_counted_by_their_key(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        archive.store_articles(articles(), fetched_at=NOW)
        assert citations(archive) == [
            ("dai-hoi:toan-quoc:XIII", 3, sorted({CONGRESS.text, DOCUMENTS.text})),
            ("luat:bao-chi", 1, [LAW.text]),
        ]


def test_an_archive_keyed_by_title_is_rekeyed_and_merged(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    schema.migrations.apply(old, stop_before="m007_named_directive_keys")
    with_todays_rows(old)  # the search index and record columns today's store writes
    old_archive = Archive.__new__(Archive)
    old_archive.path, old_archive.db = path, old
    with old.atomic():
        old_archive.store_articles(articles(), fetched_at=NOW)
        # The earlier keys: kind and folded title, one row per way of naming.
        (congress_id,) = old.execute(
            "SELECT id FROM directives WHERE doc_id IS NULL AND kind = 'nghi_quyet'"
        ).fetchone()
        old.execute("UPDATE directives SET key = kind || ':' || lower(title) WHERE doc_id IS NULL")
        documents_id = old.conn.execute(
            "INSERT INTO directives (key, kind, title, date) VALUES (?, 'other', ?, '2021-02-01')",
            ["other:" + DOCUMENTS.title.lower(), DOCUMENTS.title],
        ).lastrowid
        old.execute(
            "UPDATE article_directives SET directive_id = ? WHERE directive_id = ? AND text = ?",
            [documents_id, congress_id, DOCUMENTS.text],
        )
        assert old.execute("SELECT count(*) FROM directives WHERE doc_id IS NULL").fetchone() == (
            3,
        )
    old.close()
    with Archive(path) as upgraded:
        assert citations(upgraded) == [
            ("dai-hoi:toan-quoc:XIII", 3, sorted({CONGRESS.text, DOCUMENTS.text})),
            ("luat:bao-chi", 1, [LAW.text]),
        ]
        merged = upgraded.db.execute(
            "SELECT id, date FROM directives WHERE key = 'dai-hoi:toan-quoc:XIII'"
        ).fetchone()
        assert merged == (congress_id, "2021-02-01")  # the oldest row, the date it lacked
