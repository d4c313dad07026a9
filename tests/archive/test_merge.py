"""Merging archives crawled on different machines, on real files."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from parsers.record import Article
from scraper.archive.store import Archive
from scraper.cli.archive import merge_command
from scraper.warc.writer import default_warc_folder
from tests.support.vn_texts import ORIGINAL, REPUBLISHED

EDITED = replace(ORIGINAL, title="Sóc Trăng: sơ kết 5 năm Chỉ thị 05-CT/TW (cập nhật)")
ALIAS = "https://btgtu.soctrang.gov.vn/index.php?id=1201"


def build(path: Path, stores: list[tuple[Article, str, str]], warc: str, site: str) -> None:
    """An archive with one run, and one fetch (with its WARC file) per stored article."""
    warcs = default_warc_folder(path)
    warcs.mkdir()
    (warcs / warc).write_bytes(b"WARC/1.1\r\n" + path.name.encode())
    with Archive(path) as archive:
        run_id = archive.start_run("crawl", [site])
        for article, url, at in stores:
            with archive.transaction():
                fetch_id = archive.log_fetch(
                    {
                        "run_id": run_id,
                        "url": url,
                        "fetch_url": url,
                        "status": 200,
                        "fetched_at": at,
                        "outcome": "new",
                        "warc_file": warc,
                        "warc_offset": 0,
                        "warc_length": 10,
                    }
                )
                archive.store_article(replace(article, url=url), fetched_at=at, fetch_id=fetch_id)
                article_id = archive.article_id_for_url(article.canonical_url)
                archive.db["fetches"].update(fetch_id, {"article_id": article_id})


def merged(tmp_path: Path) -> tuple[Path, Path, Path]:
    a, b = tmp_path / "a" / "archive.db", tmp_path / "b" / "archive.db"
    a.parent.mkdir()
    b.parent.mkdir()
    build(a, [(ORIGINAL, ORIGINAL.url, "2021-03-15T05:00:00Z")], "host-a-0001.warc.gz", "a")
    build(
        b,
        [
            (EDITED, ALIAS, "2021-03-18T05:00:00Z"),
            (REPUBLISHED, REPUBLISHED.url, "2021-03-16T02:00:00Z"),
        ],
        "host-b-0001.warc.gz",
        "b",
    )
    return a, b, tmp_path / "c.db"


def test_merge_keeps_the_newest_version_and_everything_else(tmp_path: Path) -> None:
    a, b, c = merged(tmp_path)
    result = CliRunner().invoke(merge_command, [str(a), str(b), "--into", str(c)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2 new, 1 updated, 0 unchanged, 0 duplicate; 3 fetches")
    with Archive(c) as archive:
        assert archive.count("articles") == 2
        assert archive.article(ORIGINAL.canonical_url).title == EDITED.title
        old = archive.db.execute("SELECT record, first_fetched_at FROM article_versions").fetchall()
        assert [(json.loads(r)["title"], at) for r, at in old] == [
            (ORIGINAL.title, "2021-03-15T05:00:00Z")
        ]
        row = archive.db.execute(
            "SELECT first_fetched_at, last_changed_at FROM articles WHERE canonical_url = ?",
            [ORIGINAL.canonical_url],
        ).fetchone()
        assert row == ("2021-03-15T05:00:00Z", "2021-03-18T05:00:00Z")
        assert archive.article_id_for_url(ALIAS) == archive.article_id_for_url(ORIGINAL.url)
        assert archive.count("crawl_runs") == 2
        fetches = archive.db.execute(
            "SELECT f.url, f.warc_file, a.canonical_url FROM fetches f"
            " JOIN articles a ON a.id = f.article_id ORDER BY f.fetched_at"
        ).fetchall()
        assert [f[0] for f in fetches] == [ORIGINAL.url, REPUBLISHED.url, ALIAS]
        for _, warc, _ in fetches:
            assert (archive.warc_dir / warc).is_file()  # pointers resolve in the merged archive
        assert archive.db.execute("SELECT origin_site, copy_site FROM syndication").fetchall() == [
            (ORIGINAL.site, REPUBLISHED.site)
        ]
        assert archive.db.execute("SELECT times_cited FROM directive_citations").fetchone() == (2,)


def test_merging_again_changes_nothing(tmp_path: Path) -> None:
    a, b, c = merged(tmp_path)
    runner = CliRunner()
    runner.invoke(merge_command, [str(a), str(b), "--into", str(c)])
    again = runner.invoke(merge_command, [str(b), str(a), "--into", str(c)])
    assert again.exit_code == 0, again.output
    assert again.output.startswith("0 new, 0 updated, 3 unchanged, 0 duplicate; 0 fetches")
    with Archive(c) as archive:
        assert archive.count("fetches") == 3
        assert archive.count("article_versions") == 1
        assert len(list(archive.warc_dir.iterdir())) == 2


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    a, b, _ = merged(tmp_path)
    before = a.read_bytes()
    result = CliRunner().invoke(merge_command, [str(a), str(b), "--into", str(a)])
    assert result.exit_code == 1
    assert result.output == f"Error: refusing to overwrite the input {a}\n"
    assert a.read_bytes() == before


def test_a_bad_input_gets_one_line(tmp_path: Path) -> None:
    a, _, c = merged(tmp_path)
    notes = tmp_path / "notes.db"
    notes.write_text("not a database\n" * 100)
    runner = CliRunner()
    result = runner.invoke(merge_command, [str(a), str(notes), "--into", str(c)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {notes}: not a SQLite archive")
    assert result.output.count("\n") == 1
    result = runner.invoke(merge_command, [str(tmp_path / "gone.db"), "--into", str(c)])
    assert result.output == f"Error: {tmp_path / 'gone.db'}: no such archive\n"
    assert not c.exists()
