"""A passing fault never loses an article for good, and a stop is honoured at once.

Real `tuyengiao` processes against local servers: robots.txt answering 500 for a run,
an article redirected off-site for a run (a maintenance page), a robots.txt rule lifted,
a robots.txt redirected to another port, a Crawl-delay of an hour, and SIGTERM during a
Retry-After wait and during a body that never ends.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from tests.support.mirror import run_tuyengiao, tuyengiao_command
from tests.support.pages import article_page, listing_page
from tests.support.site_server import LocalSite, Reply, Request

LISTING = "/tuyen-giao-cac-cap"
A1, OFF, A2, A3 = "/mot-150001", "/bao-tri-150002", "/hai-150003", "/ba-150004"
FORBIDDEN = "/cam/bai-cam-150005"


def crawl_args(site: LocalSite, *more: str) -> list[str]:
    base = ["crawl", "tuyengiao.vn", "--base-url", site.base_url, "--delay", "0"]
    return [*base, "--retries", "0", "--timeout", "5", *more]


def query(tmp: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(tmp / "archive.db") as db:
        return db.execute(sql).fetchall()


def test_articles_are_archived_once_robots_and_redirect_faults_clear(
    local_site: LocalSite, tmp_path: Path
) -> None:
    """Before: the articles met during the faults ended `skipped` and were never fetched
    again (2 articles of 5 archived); now they end `failed` and the next due run archives
    them, and an article a robots.txt rule forbade is fetched once the rule is gone."""
    state = {"robots": b"User-agent: *\nDisallow: /cam/\n", "off_site": True}

    def robots(_request: Request) -> Reply:
        if state["robots"] is None:
            return Reply(500, b"down", content_type="text/plain")
        return Reply(body=state["robots"], content_type="text/plain")

    with LocalSite() as elsewhere:
        elsewhere.add("/bao-tri", "<html><body>Bảo trì</body></html>")

        def maintenance(_request: Request) -> Reply:
            if state["off_site"]:
                return Reply(302, headers={"Location": elsewhere.url("/bao-tri")})
            return Reply(body=article_page(2).encode())

        local_site.route("/robots.txt", robots)
        local_site.add(LISTING, listing_page([FORBIDDEN, A1, OFF, A2, A3]))
        local_site.route(OFF, maintenance)
        for n, path in enumerate((A1, A2, A3, FORBIDDEN), 3):
            local_site.add(path, article_page(n))

        first = run_tuyengiao(*crawl_args(local_site, "--max-articles", "2"), cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        forbidden = query(tmp_path, f"SELECT status FROM frontier WHERE url LIKE '%{FORBIDDEN}'")
        assert forbidden == [("skipped",)]
        state.update(robots=None, off_site=False)
        second = run_tuyengiao(*crawl_args(local_site), cwd=tmp_path)
        assert second.returncode == 3, second.stderr  # the site failed: robots.txt down
        statuses = dict(query(tmp_path, "SELECT url, status FROM frontier"))
        assert statuses["https://tuyengiao.vn" + A3] == "failed"
        assert statuses["https://tuyengiao.vn" + OFF] == "failed"
        # An hour later, the retry of the failed pages is due; robots.txt lifts its rule.
        query(tmp_path, "UPDATE frontier SET next_try_at = '2000-01-01T00:00:00Z'")
        state["robots"] = b"User-agent: *\nAllow: /\n"
        third = run_tuyengiao(*crawl_args(local_site), cwd=tmp_path)
        assert third.returncode == 0, third.stderr
        assert elsewhere.requests_log == []  # the off-site target was never requested
    assert query(tmp_path, "SELECT count(*) FROM articles") == [(5,)]


def test_a_robots_txt_redirect_out_of_scope_is_not_followed(
    local_site: LocalSite, tmp_path: Path
) -> None:
    """Before: the other port's robots.txt was requested and stored in the WARC."""
    with LocalSite() as other:
        other.add(
            "/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n", content_type="text/plain")
        )
        local_site.add("/robots.txt", Reply(302, headers={"Location": other.url("/robots.txt")}))
        local_site.add(LISTING, listing_page([A1]))
        local_site.add(A1, article_page(1))
        result = run_tuyengiao(*crawl_args(local_site), cwd=tmp_path)
        assert other.requests_log == []
    assert result.returncode == 3
    assert "out of scope" in result.stderr
    assert [p for p in local_site.paths() if p != "/robots.txt"] == []


def test_a_crawl_delay_of_an_hour_defers_the_host_with_a_warning(
    local_site: LocalSite, tmp_path: Path
) -> None:
    """Before: the crawl waited the hour between the listing and its first article."""
    robots = b"User-agent: *\nCrawl-delay: 3600\n"
    local_site.add("/robots.txt", Reply(body=robots, content_type="text/plain"))
    local_site.add(LISTING, listing_page([A1]))
    local_site.add(A1, article_page(1))
    started = time.monotonic()
    result = run_tuyengiao(*crawl_args(local_site), cwd=tmp_path, timeout=60)
    assert time.monotonic() - started < 20
    assert "Crawl-delay of 3600 s, over the 60 s cap" in result.stderr
    assert result.returncode == 3
    assert query(tmp_path, "SELECT status FROM frontier") == [("failed",)]


def _stop_during(site: LocalSite, tmp_path: Path, path: str) -> tuple[float, int, str]:
    """Start a crawl, SIGTERM it once ``path`` was requested; (seconds to exit, code, err)."""
    site.add("/robots.txt", Reply(404))
    site.add(LISTING, listing_page([path]))
    process = subprocess.Popen(
        [*tuyengiao_command(), *crawl_args(site, "--retries", "2")],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    try:
        deadline = time.monotonic() + 30
        while path not in site.paths():
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
        time.sleep(0.3)
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=30)
        return time.monotonic() - sent, process.returncode, err
    finally:
        if process.poll() is None:
            process.kill()


def test_sigterm_ends_a_retry_after_wait_within_two_seconds(
    local_site: LocalSite, tmp_path: Path
) -> None:
    """Before: the process exited only when the 50 s Retry-After wait was over."""
    busy = Reply(429, b"busy", headers={"Retry-After": "50"})
    local_site.add_sequence(A1, [busy, Reply(body=article_page(1).encode())])
    took, code, err = _stop_during(local_site, tmp_path, A1)
    assert took < 2, err
    assert code == 130, err
    assert query(tmp_path, "SELECT status FROM crawl_runs") == [("interrupted",)]


def test_sigterm_ends_a_read_that_never_ends_within_two_seconds(
    local_site: LocalSite, tmp_path: Path
) -> None:
    """Before: the process exited only when the server hung up."""

    def never_ends(_request: Request) -> Reply:
        def body() -> Iterator[bytes]:
            yield b"<html><body><p>"
            while True:
                time.sleep(0.5)
                yield b"x"

        return Reply(body=body(), headers={"Content-Length": "1000000"})

    local_site.route(A1, never_ends)
    took, code, err = _stop_during(local_site, tmp_path, A1)
    assert took < 2, err
    assert code == 130, err
    assert query(tmp_path, "SELECT status FROM crawl_runs") == [("interrupted",)]
