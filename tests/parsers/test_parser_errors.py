"""A parser that fails on one page with a bug (not `NotAnArticle`/`ParseError`): that page is
recorded as failed, with the error, and the crawl or import goes on with the others.

Before, the error ended the site's crawl, and the next run, which tries the page left in
progress first, ended the same way: one page stopped a site for good.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

import pytest

from scraper.archive import ingest, rederive
from scraper.archive.store import Archive
from scraper.crawl import site as crawl_module
from scraper.crawl.run import crawl
from scraper.crawl.site import CrawlOptions
from scraper.sites.registry import get_site
from scraper.web.settings import FetchSettings
from tests.support.mirror import serve_tuyengiao
from tests.support.site_server import LocalSite
from tests.support.warcs import article_warc

FAST = FetchSettings(min_interval=0.0, max_retries=0)
BROKEN = "hau-giang"  # the page the parser fails on
REAL_PARSE = ingest.parse


def failing_on(marker: str):
    def parse(html, url, **kwargs):
        if marker in url:
            raise RuntimeError("a parser bug")
        return REAL_PARSE(html, url, **kwargs)

    return parse


def crawl_once(site: LocalSite, db: Path):
    with Archive(db) as archive:
        profile = get_site("tuyengiao.vn").with_mirror(site.base_url)
        return crawl(archive, [profile], FAST, command="crawl", options=CrawlOptions())


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_a_parser_error_fails_the_page_not_the_site(
    local_site: LocalSite,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    pages = serve_tuyengiao(local_site)
    monkeypatch.setattr(ingest, "parse", failing_on(BROKEN))
    db = tmp_path / "archive.db"
    with caplog.at_level(logging.WARNING):
        result = crawl_once(local_site, db)
    assert result.status == "completed" and not result.failed_sites
    assert result.counts.new == len(pages) - 1
    # A parser health warning (stderr, crawl_runs, site_health; `update --strict` exits 5).
    warning = (
        "tuyengiao.vn: the parser failed on 1 page (fetch log detail 'parser error: …'"
        " or '… reader error: …'); fix it, then run reparse"
    )
    assert result.warnings == [warning]
    assert [json.loads(w) for (w,) in rows(db, "SELECT warnings FROM site_health")] == [[warning]]
    failed = rows(db, "SELECT url, detail FROM fetches WHERE detail LIKE 'parser error%'")
    assert len(failed) == 1 and BROKEN in failed[0][0]
    assert failed[0][1] == "parser error: RuntimeError: a parser bug"
    assert rows(db, f"SELECT status FROM frontier WHERE url LIKE '%{BROKEN}%'") == [("failed",)]
    said = [r.getMessage() for r in caplog.records]
    assert any(m.startswith("parser error: RuntimeError") and BROKEN in m for m in said)

    # The next run is not stopped by it either, and reparse reads it once the parser works.
    assert not crawl_once(local_site, db).failed_sites
    monkeypatch.setattr(ingest, "parse", REAL_PARSE)
    with Archive(db) as archive:
        report = rederive.reparse(archive)
    assert report.counts.new == 1
    assert rows(db, "SELECT count(*) FROM articles") == [(len(pages),)]


def test_a_listing_reader_error_fails_that_listing_page_only(
    local_site: LocalSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_tuyengiao(local_site)
    real = crawl_module.article_links

    def links(html: str, url: str, registry=None) -> list[str]:
        if "page=2" in url:
            raise KeyError("a listing bug")
        return real(html, url, registry)

    monkeypatch.setattr(crawl_module, "article_links", links)
    db = tmp_path / "archive.db"
    result = crawl_once(local_site, db)
    assert not result.failed_sites and result.counts.new > 0
    assert result.warnings and "the parser failed on 1 page" in result.warnings[0]
    assert rows(db, "SELECT detail FROM fetches WHERE url LIKE '%page=2%'") == [
        ("listing reader error: KeyError: 'a listing bug'",)
    ]


def test_import_goes_on_after_a_parser_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warc = tmp_path / "pages.warc.gz"
    article_warc(warc, 3)
    monkeypatch.setattr(ingest, "parse", failing_on("bai-1."))
    with Archive(tmp_path / "archive.db") as archive:
        report = rederive.import_warcs(archive, [warc])
    assert (report.counts.fetched, report.counts.new, report.counts.failed) == (3, 2, 1)
    assert not report.problems
