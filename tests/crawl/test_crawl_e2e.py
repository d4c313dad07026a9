"""End to end: the real `tuyengiao crawl` process against a local tuyengiao.vn mirror."""

from __future__ import annotations

import json
import sqlite3
from itertools import pairwise
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from scraper.warc.writer import iter_responses
from tests.support.mirror import REMOVED, run_tuyengiao, serve_tuyengiao
from tests.support.site_server import LocalSite

JITTER = 0.02
SEED = "https://tuyengiao.vn/soc-trang-thong-tin-chuyen-de-ve-quan-ly-thong-tin-tren-mang-xa-hoi-128133"


@pytest.fixture
def mirror(local_site: LocalSite) -> tuple[LocalSite, dict[str, Path]]:
    return local_site, serve_tuyengiao(local_site)


def crawl(site: LocalSite, tmp_path: Path, *extra: str):
    return run_tuyengiao(
        "crawl",
        "tuyengiao.vn",
        "--base-url",
        site.base_url,
        "--delay",
        "0.01",
        *extra,
        cwd=tmp_path,
    )


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_crawl_archives_every_article_once(mirror, tmp_path: Path) -> None:
    site, pages = mirror
    result = crawl(site, tmp_path)
    assert result.returncode == 0, result.stderr
    db = tmp_path / "archive.db"
    assert f"{len(pages)} new" in result.stdout
    assert "1 failed" in result.stdout  # the removed article answers 404

    articles = rows(db, "SELECT canonical_url, site, section, published_at FROM articles")
    assert len(articles) == len(pages)
    assert {a[1] for a in articles} == {"tuyengiao.vn"}
    urls = {a[0] for a in articles}
    assert all(url.startswith("https://tuyengiao.vn/") for url in urls)
    assert SEED in urls
    seed = json.loads(rows(db, f"SELECT record FROM articles WHERE canonical_url = '{SEED}'")[0][0])
    assert seed["published_at"] == "2020-06-12T20:45:00+07:00"
    assert seed["byline"]["author"] == "Tô Nài Não"
    assert [d["id"] for d in seed["directives"]] == ["19-CT/TU"]

    fetched = rows(db, "SELECT url, status, outcome, warc_file, warc_offset FROM fetches")
    removed = [f for f in fetched if f[0].endswith(REMOVED)]
    assert removed and removed[0][1:3] == (404, "failed")
    assert "/admin/" not in " ".join(site.paths())
    assert site.paths().count("/robots.txt") == 1

    # Every fetch points at a WARC record holding that very response.
    warcs = tmp_path / "archive.warcs"
    for url, status, _outcome, warc_file, offset in fetched:
        with (warcs / warc_file).open("rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream)))
        assert record.rec_type == "response"
        assert record.http_headers.get_statuscode() == str(status)
        assert record.rec_headers.get_header("WARC-Target-URI").endswith(url.split("/", 3)[3])
    stored = [r for f in sorted(warcs.glob("*.warc.gz")) for r in iter_responses(f)]
    assert any(r.url.endswith("/robots.txt") for r in stored)


def test_a_second_crawl_adds_nothing(mirror, tmp_path: Path) -> None:
    site, pages = mirror
    assert crawl(site, tmp_path).returncode == 0
    db = tmp_path / "archive.db"
    tables = ["articles", "article_urls", "persons", "article_persons", "directives"]
    before = {t: rows(db, f"SELECT * FROM {t}") for t in tables}
    site.requests_log.clear()

    again = crawl(site, tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 new" in again.stdout
    assert {t: rows(db, f"SELECT * FROM {t}") for t in tables} == before
    article_paths = set(pages)
    assert not article_paths & set(site.paths())  # no archived article fetched again
    assert rows(db, "SELECT count(*), count(DISTINCT id) FROM crawl_runs") == [(2, 2)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_max_articles_stops_early_and_the_next_crawl_goes_on(mirror, tmp_path: Path) -> None:
    site, pages = mirror
    first = crawl(site, tmp_path, "--max-articles", "2")
    assert first.returncode == 0, first.stderr
    db = tmp_path / "archive.db"
    assert rows(db, "SELECT count(*) FROM articles") == [(2,)]
    assert crawl(site, tmp_path).returncode == 0
    assert rows(db, "SELECT count(*) FROM articles") == [(len(pages),)]


@pytest.mark.usefixtures("no_gc")
def test_the_crawl_is_polite(mirror, tmp_path: Path) -> None:
    site, _pages = mirror
    assert crawl(site, tmp_path, "--max-articles", "1", "--delay", "0.1").returncode == 0
    agents = {r.header("User-Agent") for r in site.requests_log}
    assert len(agents) == 1
    assert agents.pop().startswith("tuyengiao-archive/")
    times = [r.time for r in site.requests_log]
    # The interval runs between the starts of requests; arrival at the server adds
    # jitter (the first request of a process sets up its connection before it is sent).
    gaps = [round(b - a, 4) for a, b in pairwise(times)]
    assert all(gap >= 0.1 - JITTER for gap in gaps), gaps


def test_unknown_site_is_one_line_and_nonzero(tmp_path: Path) -> None:
    result = run_tuyengiao("crawl", "nowhere.vn", cwd=tmp_path)
    assert result.returncode != 0
    assert result.stderr.startswith("Error: unknown site 'nowhere.vn' (registered: ")
    assert "tuyengiao.vn" in result.stderr and result.stderr.count("\n") == 1
    assert not (tmp_path / "archive.db").exists()
