"""End to end: the real `tuyengiao crawl` against a site that misbehaves as real ones do.

One crawl meets, on one local mirror of tuyengiao.vn: a 500 then success, a 429 with
Retry-After, a connection dropped mid-body, an answer slower than the timeout, a redirect
loop, a section robots.txt forbids, a sitemap index pointing to a gzipped sitemap, an RSS
feed, one article under URLs with utm_* parameters and fragments, a 50 MB body, a gzip
bomb, a PDF, a soft 404, a windows-1258 page and an NFD page. The crawl survives all of it
and records each in the fetch log and the frontier.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, TUYENGIAO, expected
from tests.support.mirror import run_tuyengiao
from tests.support.pages import article_page, listing_page, rss, sitemap, sitemap_index
from tests.support.site_server import LocalSite, Reply

SITE = "https://tuyengiao.vn"
MB = 1024 * 1024
OK = "/bai-binh-thuong-140016"
FLAKY = "/loi-500-roi-duoc-140002"
BUSY = "/qua-tai-429-140003"
DROPPED = "/dut-ket-noi-140004"
SLOW = "/cham-qua-140005"
LOOP = "/vong-lap-140006"
FORBIDDEN = "/cam/bai-cam-140001"
UTM = "/bai-utm-140008"
HUGE = "/bai-lon-140009"
BOMB = "/bom-nen-140010"
PDF = "/tai-lieu-140011"
CP1258 = "/kon-tum-cp1258-140012"
NFD = "/hau-giang-nfd-140013"
SOFT_404 = "/bai-da-xoa-140017"
FROM_SITEMAP = "/tu-sitemap-140014"
FROM_FEED = "/tu-rss-140015"


def page(number: int) -> Reply:
    return Reply(body=article_page(number).encode())


def fifty_megabytes() -> Iterator[bytes]:
    yield "<html><body><h1 class='news-detail__title'>Lớn</h1><p>".encode()
    for _ in range(50):
        yield b"x" * MB


def serve_bad_site(site: LocalSite) -> None:
    robots = b"User-agent: *\nDisallow: /cam/\n"
    site.add("/robots.txt", Reply(body=robots, content_type="text/plain"))
    listed = [OK, FLAKY, BUSY, DROPPED, SLOW, LOOP, FORBIDDEN, UTM, HUGE, BOMB, PDF]
    site.add("/tuyen-giao-cac-cap", listing_page([*listed, CP1258, NFD, SOFT_404]))
    site.add(OK, page(16))
    site.add_sequence(FLAKY, [Reply(500, b"Server Error"), page(2)])
    site.add_sequence(BUSY, [Reply(429, b"slow down", headers={"Retry-After": "2"}), page(3)])
    cut = Reply(body=b"<html><body>half a pa", headers={"Content-Length": "5000"}, close=True)
    site.add_sequence(DROPPED, [cut, page(4)])
    site.add(SLOW, Reply(body=article_page(5).encode(), delay=2.0))
    site.add(LOOP, Reply(302, headers={"Location": "/vong-lap-b-140007"}))
    site.add("/vong-lap-b-140007", Reply(302, headers={"Location": LOOP}))
    site.add(FORBIDDEN, page(1))
    site.add(UTM, page(8))
    site.add(HUGE, Reply(body=fifty_megabytes(), headers={"Content-Length": str(50 * MB + 55)}))
    bomb = gzip.compress(b"\0" * (60 * MB), compresslevel=9)
    site.add(BOMB, Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    pdf = (FIXTURES / "bad" / "ke-hoach-tuyen-truyen.pdf").read_bytes()
    site.add(PDF, Reply(body=pdf, content_type="application/pdf"))
    cp1258 = (TUYENGIAO / "kon-tum-khong-tac-gia.cp1258.html").read_bytes()
    site.add(CP1258, Reply(body=cp1258, content_type="text/html; charset=windows-1258"))
    site.add(NFD, (TUYENGIAO / "hau-giang-quan-triet-nghi-quyet.nfd.html").read_bytes())
    site.add(SOFT_404, (TUYENGIAO / "soft-404.html").read_bytes())
    site.add("/sitemap.xml", Reply(body=sitemap_index([SITE + "/sitemap-bai.xml.gz"])))
    sitemap_gz = gzip.compress(sitemap([SITE + FROM_SITEMAP, SITE + UTM + "?utm_source=sm"]))
    site.add("/sitemap-bai.xml.gz", Reply(body=sitemap_gz, content_type="application/x-gzip"))
    site.add(FROM_SITEMAP, page(14))
    feed = rss([SITE + FROM_FEED, SITE + UTM + "?utm_source=rss&utm_medium=feed#binh-luan"])
    site.add("/rss/tuyen-giao-cac-cap.rss", Reply(body=feed, content_type="application/rss+xml"))
    site.add(FROM_FEED, page(15))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalSite, Path, Any]]:
    """One crawl of the bad site, shared by the tests below (it takes several seconds)."""
    tmp_path = tmp_path_factory.mktemp("bad-site")
    with LocalSite() as site:
        serve_bad_site(site)
        result = run_tuyengiao(
            "crawl", "tuyengiao.vn", "--base-url", site.base_url,
            "--delay", "0.01", "--timeout", "0.5", "--retries", "1",
            "--sitemap", "/sitemap.xml", "--feed", "/rss/tuyen-giao-cac-cap.rss",
            "--log-json", "events.jsonl",
            cwd=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        yield site, tmp_path, result


def query(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def last_fetch(db: Path, path: str) -> tuple:
    rows = query(
        db,
        "SELECT status, outcome, detail, content_type FROM fetches WHERE url = ? ORDER BY id",
        SITE + path,
    )
    assert rows, path
    return rows[-1]


def test_every_good_article_is_archived_once(crawled) -> None:
    _site, tmp_path, result = crawled
    db = tmp_path / "archive.db"
    urls = [row[0] for row in query(db, "SELECT canonical_url FROM articles")]
    kon_tum = expected("kon-tum-khong-tac-gia.cp1258")["canonical_url"]
    hau_giang = expected("hau-giang-quan-triet-nghi-quyet.nfd")["canonical_url"]
    good = [OK, FLAKY, BUSY, DROPPED, UTM, FROM_SITEMAP, FROM_FEED]
    assert sorted(urls) == sorted([SITE + p for p in good] + [kon_tum, hau_giang])
    assert "9 new" in result.stdout and "0 duplicate" in result.stdout


def test_transient_failures_are_retried_politely(crawled) -> None:
    site, tmp_path, _ = crawled
    log = site.requests_log
    assert [r.path for r in log].count(FLAKY) == 2
    assert [r.path for r in log].count(DROPPED) == 2
    busy = [r.time for r in log if r.path == BUSY]
    assert len(busy) == 2 and busy[1] - busy[0] >= 2.0  # Retry-After: 2 obeyed
    db = tmp_path / "archive.db"
    assert last_fetch(db, FLAKY)[:2] == (200, "new")
    assert query(db, "SELECT attempts FROM fetches WHERE url = ?", SITE + BUSY) == [(2,)]


def test_permanent_failures_are_recorded_and_do_not_stop_the_crawl(crawled) -> None:
    _site, tmp_path, _ = crawled
    db = tmp_path / "archive.db"
    slow = last_fetch(db, SLOW)
    assert slow[1] == "failed" and "timed out" in slow[2]
    loop = last_fetch(db, LOOP)
    assert loop[:2] == (302, "failed") and "redirect loop" in loop[2]
    status = dict(query(db, "SELECT url, status FROM frontier"))
    assert status[SITE + SLOW] == status[SITE + LOOP] == "failed"


def test_robots_forbidden_section_is_never_requested(crawled) -> None:
    site, tmp_path, _ = crawled
    assert not [p for p in site.paths() if p.startswith("/cam/")]
    db = tmp_path / "archive.db"
    assert last_fetch(db, FORBIDDEN)[1] == "skipped"
    assert site.paths().count("/robots.txt") == 1


def test_sitemap_index_gzipped_sitemap_and_feed_are_read(crawled) -> None:
    site, tmp_path, _ = crawled
    for path in ("/sitemap.xml", "/sitemap-bai.xml.gz", "/rss/tuyen-giao-cac-cap.rss"):
        assert site.paths().count(path) == 1
    db = tmp_path / "archive.db"
    kinds = dict(query(db, "SELECT url, kind FROM frontier WHERE kind != 'article'"))
    assert kinds[SITE + "/sitemap-bai.xml.gz"] == "sitemap"
    assert kinds[SITE + "/rss/tuyen-giao-cac-cap.rss"] == "feed"


def test_one_article_under_tracking_urls_is_fetched_and_archived_once(crawled) -> None:
    site, tmp_path, _ = crawled
    assert [p for p in site.paths() if p.startswith(UTM)] == [UTM]
    db = tmp_path / "archive.db"
    assert query(db, "SELECT count(*) FROM articles WHERE canonical_url = ?", SITE + UTM) == [(1,)]


def test_oversized_bodies_are_capped_and_not_parsed(crawled) -> None:
    _site, tmp_path, _ = crawled
    db = tmp_path / "archive.db"
    huge, bomb = last_fetch(db, HUGE), last_fetch(db, BOMB)
    assert huge[:2] == (200, "truncated") and "not parsed" in huge[2]
    assert bomb[:2] == (200, "truncated") and "cap" in bomb[2]
    sizes = query(db, "SELECT warc_length FROM fetches WHERE url = ?", SITE + HUGE)
    assert sizes[0][0] < 21 * MB  # what was kept is the capped body, compressed


def test_not_articles_are_recorded_as_such(crawled) -> None:
    _site, tmp_path, _ = crawled
    db = tmp_path / "archive.db"
    assert last_fetch(db, PDF)[1:] == ("attachment", "application/pdf", "application/pdf")
    assert last_fetch(db, SOFT_404)[1] == "not_article"
    status = dict(query(db, "SELECT url, status FROM frontier"))
    assert status[SITE + PDF] == "attachment"
    assert status[SITE + SOFT_404] == "not_article"
    assert status[SITE + HUGE] == "truncated"


def test_legacy_encodings_and_nfd_give_the_expected_text(crawled) -> None:
    _site, tmp_path, _ = crawled
    db = tmp_path / "archive.db"
    for name in ("kon-tum-khong-tac-gia.cp1258", "hau-giang-quan-triet-nghi-quyet.nfd"):
        want = expected(name)
        rows = query(
            db, "SELECT title, body_text FROM articles WHERE canonical_url = ?",
            want["canonical_url"],
        )  # fmt: skip
        assert rows == [(want["title"], want["body_text"])]


def test_json_log_has_one_event_per_line(crawled) -> None:
    _site, tmp_path, _ = crawled
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert events[0]["event"] == "run_start" and events[-1]["event"] == "run_end"
    assert events[-1]["status"] == "completed" and events[-1]["new"] == 9
    fetched = {e["url"]: e for e in events if e["event"] == "fetch"}
    assert fetched[SITE + PDF]["outcome"] == "attachment"
    assert fetched[SITE + SLOW]["outcome"] == "failed"
    articles = [e for e in events if e["event"] == "article"]
    assert len(articles) == 9 and {e["outcome"] for e in articles} == {"new"}
    assert {e["run_id"] for e in events} == {1}


def test_no_progress_display_when_not_a_terminal(crawled) -> None:
    _site, _tmp_path, result = crawled
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("run 1: ")
    assert "\r" not in result.stderr and "page/s" not in result.stderr  # no progress bar
    assert all(line.startswith("warning: ") for line in result.stderr.splitlines())
