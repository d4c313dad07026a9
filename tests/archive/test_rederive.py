"""import-warc, reparse and rebuild: records derived again from stored responses."""

from __future__ import annotations

import gzip
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from parsers.sites import tuyengiao_vn
from scraper.archive import rederive
from scraper.archive.store import Archive
from scraper.crawl.run import crawl
from scraper.crawl.site import CrawlOptions
from scraper.sites.registry import get_site
from scraper.web.settings import FetchSettings
from tests.conftest import TUYENGIAO, expected
from tests.support.mirror import run_tuyengiao, serve_tuyengiao
from tests.support.site_server import LocalSite
from tests.support.warcs import article_warc, response_warc

FAST = FetchSettings(min_interval=0.0, max_retries=0)


def crawl_mirror(site: LocalSite, db: Path) -> None:
    profile = get_site("tuyengiao.vn").with_mirror(site.base_url)
    with Archive(db) as archive:
        crawl(archive, [profile], FAST, command="crawl", options=CrawlOptions())


def records(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT canonical_url, record FROM articles"))


def wget_style_warc(path: Path, url: str, html: bytes) -> None:
    path.write_bytes(response_warc([(url, html)], "text/html; charset=utf-8")[0])


def test_rebuild_gives_the_same_articles(local_site: LocalSite, tmp_path: Path) -> None:
    serve_tuyengiao(local_site)
    crawl_mirror(local_site, tmp_path / "archive.db")
    result = run_tuyengiao("rebuild", "--into", "rebuilt.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    original, rebuilt = records(tmp_path / "archive.db"), records(tmp_path / "rebuilt.db")
    assert rebuilt == original and len(rebuilt) == 6
    # The rebuilt archive's fetch log points into its own WARC folder.
    with Archive(tmp_path / "rebuilt.db") as archive:
        files = {r[0] for r in archive.db.execute("SELECT DISTINCT warc_file FROM fetches")}
        assert all((archive.warc_dir / name).is_file() for name in files)


def test_rebuild_refuses_to_overwrite(local_site: LocalSite, tmp_path: Path) -> None:
    serve_tuyengiao(local_site)
    crawl_mirror(local_site, tmp_path / "archive.db")
    (tmp_path / "rebuilt.db").write_bytes(b"keep me")
    result = run_tuyengiao("rebuild", "--into", "rebuilt.db", cwd=tmp_path)
    assert result.returncode == 1 and "exists" in result.stderr
    assert (tmp_path / "rebuilt.db").read_bytes() == b"keep me"


def test_reparse_after_a_parser_change(
    local_site: LocalSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_tuyengiao(local_site)
    real = tuyengiao_vn.parse

    def older_parser(html: str, url: str, **kwargs):
        # An older parser that read the section wrongly (a missing one would now be
        # filled by the generic fallback).
        return replace(real(html, url, **kwargs), section="Cũ", parser="tuyengiao.vn@0")

    monkeypatch.setattr(tuyengiao_vn, "parse", older_parser)
    db = tmp_path / "archive.db"
    crawl_mirror(local_site, db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT DISTINCT section, parser FROM articles").fetchall() == [
            ("Cũ", "tuyengiao.vn@0")
        ]
    monkeypatch.setattr(tuyengiao_vn, "parse", real)

    result = run_tuyengiao("reparse", "--site", "tuyengiao.vn", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "6 updated" in result.stdout
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT DISTINCT section, parser FROM articles").fetchall() == [
            ("Tuyên giáo các cấp", "tuyengiao.vn@1")
        ]
        assert conn.execute("SELECT count(*) FROM article_versions").fetchone() == (6,)
    again = run_tuyengiao("reparse", cwd=tmp_path)
    assert "0 updated" in again.stdout and "6 unchanged" in again.stdout


def test_import_a_warc_made_elsewhere(tmp_path: Path) -> None:
    url = expected("kon-tum-khong-tac-gia")["url"]
    warc = tmp_path / "elsewhere.warc.gz"
    wget_style_warc(warc, url, (TUYENGIAO / "kon-tum-khong-tac-gia.html").read_bytes())
    result = run_tuyengiao("import-warc", str(warc), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stdout
    assert list(records(tmp_path / "archive.db")) == [url]
    assert (tmp_path / "archive.warcs" / "elsewhere.warc.gz").is_file()
    again = run_tuyengiao("import-warc", str(warc), cwd=tmp_path)
    assert "1 unchanged" in again.stdout
    assert len(list((tmp_path / "archive.warcs").iterdir())) == 1


def test_a_corrupt_warc_keeps_what_came_before(tmp_path: Path) -> None:
    good = tmp_path / "good.warc.gz"
    wget_style_warc(
        good,
        expected("kon-tum-khong-tac-gia")["url"],
        (TUYENGIAO / "kon-tum-khong-tac-gia.html").read_bytes(),
    )
    page = (TUYENGIAO / "nam-dinh-nhieu-anh.html").read_bytes()
    second, _ = response_warc([(expected("nam-dinh-nhieu-anh")["url"], page)])
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(good.read_bytes() + second[: len(second) // 2])
    result = run_tuyengiao("import-warc", str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "warning: " in result.stderr and "broken.warc.gz" in result.stderr
    assert "1 new" in result.stdout
    assert list(records(tmp_path / "archive.db")) == [expected("kon-tum-khong-tac-gia")["url"]]


def test_import_of_a_file_that_is_not_a_warc(tmp_path: Path) -> None:
    notes = tmp_path / "notes.warc.gz"
    notes.write_bytes(gzip.compress(b"not a warc at all\n"))
    result = run_tuyengiao("import-warc", str(notes), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "notes.warc.gz" in result.stderr


def test_import_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_tuyengiao("import-warc", "missing.warc.gz", cwd=tmp_path)
    assert result.returncode == 2 and "does not exist" in result.stderr


def run_row(db: Path) -> tuple[str, int, int, int]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT status, fetched, new, failed FROM crawl_runs").fetchone()


def test_import_stores_batches_and_what_came_before_a_corrupt_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rederive, "BATCH", 2)
    monkeypatch.setattr(rederive, "TRANSACTION", 2)
    urls = article_warc(tmp_path / "cut.warc.gz", 6, cut_last=True)
    with Archive(tmp_path / "archive.db") as archive:
        report = rederive.import_warcs(archive, [tmp_path / "cut.warc.gz"])
    assert sorted(records(tmp_path / "archive.db")) == sorted(urls[:5])  # 2 + 2 + 1
    assert (report.counts.fetched, report.counts.new, report.counts.failed) == (5, 5, 1)
    assert run_row(tmp_path / "archive.db") == ("completed_with_errors", 5, 5, 1)


def test_a_failure_inside_a_batch_undoes_that_batch_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rederive, "BATCH", 2)
    monkeypatch.setattr(rederive, "TRANSACTION", 2)
    urls = article_warc(tmp_path / "pages.warc.gz", 5)
    real = rederive.ingest_stored

    def failing_at_the_fourth(archive, run_id, stored, counts):
        if stored.page_url == urls[3]:
            raise RuntimeError("a bug in a parser")
        return real(archive, run_id, stored, counts)

    monkeypatch.setattr(rederive, "ingest_stored", failing_at_the_fourth)
    with Archive(tmp_path / "archive.db") as archive, pytest.raises(RuntimeError):
        rederive.import_warcs(archive, [tmp_path / "pages.warc.gz"])
    # The first batch was committed; the second (the third and fourth pages) was not,
    # and the run's counts say so.
    assert sorted(records(tmp_path / "archive.db")) == sorted(urls[:2])
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        assert conn.execute("SELECT count(*) FROM fetches").fetchone() == (2,)
    assert run_row(tmp_path / "archive.db") == ("interrupted", 2, 2, 0)
    # Run again, the bug fixed: the rest is stored, what was stored counts as unchanged.
    monkeypatch.setattr(rederive, "ingest_stored", real)
    with Archive(tmp_path / "archive.db") as archive:
        report = rederive.import_warcs(archive, [tmp_path / "pages.warc.gz"])
    assert (report.counts.new, report.counts.unchanged) == (3, 2)
    assert sorted(records(tmp_path / "archive.db")) == sorted(urls)


def test_reparse_in_batches_counts_what_it_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rederive, "BATCH", 2)
    monkeypatch.setattr(rederive, "TRANSACTION", 2)
    article_warc(tmp_path / "pages.warc.gz", 5)
    with Archive(tmp_path / "archive.db") as archive:
        rederive.import_warcs(archive, [tmp_path / "pages.warc.gz"])
        report = rederive.reparse(archive)
    assert (report.counts.fetched, report.counts.unchanged, report.counts.failed) == (5, 5, 0)
