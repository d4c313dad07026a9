"""End to end: `tuyengiao update` after the site changed, and the run lock."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from tests.support.mirror import run_tuyengiao, tuyengiao_command
from tests.support.pages import article_page, listing_page
from tests.support.site_server import LocalSite, Reply, Request

SITE = "https://tuyengiao.vn"
LISTING = "/tuyen-giao-cac-cap"
RECENT = (date.today() - timedelta(days=1)).isoformat()


class ChangingSite:
    """Three listing pages of five articles; three articles are recent. Article 1 answers
    conditional requests with 304; article 2 ignores them (same page again); article 3
    can be edited; article 8 is gone (404). `publish()` puts new articles at the top of
    page 1."""

    def __init__(self, site: LocalSite) -> None:
        self.site = site
        self.pages = [
            [f"/bai-{n}-{150000 + n}" for n in range(p * 5 + 1, p * 5 + 6)] for p in range(3)
        ]
        self.edited = False
        site.add("/robots.txt", Reply(404))
        site.route(LISTING, self._listing)
        for n in range(1, 16):
            site.route(self.pages[(n - 1) // 5][(n - 1) % 5], self._article(n))

    def path(self, n: int) -> str:
        return f"/bai-{n}-{150000 + n}"

    def publish(self, *numbers: int) -> None:
        for n in numbers:
            self.site.route(self.path(n), self._article(n))
        self.pages[0] = [self.path(n) for n in numbers] + self.pages[0]

    def _listing(self, request: Request) -> Reply:
        index = int(request.query.removeprefix("page=") or 1) - 1 if request.query else 0
        following = f"{LISTING}?page={index + 2}" if index + 1 < len(self.pages) else None
        return Reply(body=listing_page(self.pages[index], following).encode())

    def _article(self, n: int):
        def reply(request: Request) -> Reply:
            if n == 8:
                return Reply(404, b"not found", content_type="text/plain")
            day = RECENT if n <= 3 or n > 15 else "2023-05-10"
            edit = "Bài đã được cập nhật." if n == 3 and self.edited else ""
            body = article_page(n, day=day, edit=edit).encode()
            if n == 2:
                return Reply(body=body)
            etag = f'"v{n}-{int(bool(edit))}"'
            modified = "Mon, 15 Jul 2024 01:30:00 GMT"
            validators = {"ETag": etag, "Last-Modified": modified}
            if request.header("If-None-Match") == etag:
                return Reply(304, headers=validators)
            return Reply(body=body, headers=validators)

        return reply


def tuyengiao(site: LocalSite, tmp_path: Path, command: str, *extra: str):
    return run_tuyengiao(
        command, "tuyengiao.vn", "--base-url", site.base_url, "--delay", "0.01", *extra,
        cwd=tmp_path,
    )  # fmt: skip


def rows(db: Path, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def test_update_fetches_only_what_is_new_and_rechecks_recent_articles(
    local_site: LocalSite, tmp_path: Path
) -> None:
    changing = ChangingSite(local_site)
    first = tuyengiao(local_site, tmp_path, "crawl")
    assert first.returncode == 0, first.stderr
    db = tmp_path / "archive.db"
    assert rows(db, "SELECT count(*) FROM articles") == [(14,)]

    changing.publish(16, 17)
    changing.edited = True
    local_site.requests_log.clear()
    update = tuyengiao(local_site, tmp_path, "update", "--recheck-days", "7")
    assert update.returncode == 0, update.stderr
    assert "2 new, 1 updated, 2 unchanged" in update.stdout

    log = local_site.requests_log
    paths = [r.path + (f"?{r.query}" if r.query else "") for r in log]
    # Page 1 lists new articles, page 2 none (its 404 was tried already): paging stops
    # there, page 3 is not walked.
    assert sorted(paths) == sorted(
        ["/robots.txt", LISTING, f"{LISTING}?page=2"]
        + [changing.path(n) for n in (1, 2, 3, 16, 17)]
    )
    sent = {r.path: r for r in log}
    assert sent[changing.path(1)].header("If-None-Match") == '"v1-0"'
    assert sent[changing.path(1)].header("If-Modified-Since") == "Mon, 15 Jul 2024 01:30:00 GMT"
    assert sent[changing.path(3)].header("If-None-Match") == '"v3-0"'
    assert sent[changing.path(2)].header("If-None-Match") is None  # it never sent an ETag
    assert sent[changing.path(16)].header("If-None-Match") is None

    outcomes = dict(
        rows(db, "SELECT url, outcome || ' ' || coalesce(detail, '') FROM fetches WHERE run_id = 2")
    )
    assert outcomes[SITE + changing.path(1)] == "unchanged revisit: not modified (HTTP 304)"
    assert outcomes[SITE + changing.path(2)] == "unchanged revisit: identical payload"
    assert outcomes[SITE + changing.path(3)].strip() == "updated"
    assert rows(db, "SELECT count(*) FROM article_versions") == [(1,)]
    assert rows(db, "SELECT count(*) FROM articles") == [(16,)]

    revisits = rows(db, "SELECT warc_file, warc_offset FROM fetches WHERE detail LIKE 'revisit%'")
    assert len(revisits) == 2
    for warc_file, offset in revisits:
        with (tmp_path / "archive.warcs" / warc_file).open("rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream)))
        assert record.rec_type == "revisit"
        assert record.rec_headers.get_header("WARC-Refers-To")

    run = rows(db, "SELECT command, status, new, updated, unchanged FROM crawl_runs WHERE id = 2")
    assert run == [("update", "completed", 2, 1, 2)]


def test_a_second_run_is_refused_while_one_runs_and_sigterm_stops_cleanly(
    local_site: LocalSite, tmp_path: Path
) -> None:
    local_site.add("/robots.txt", Reply(404))
    pages = [f"/cham-{n}-{160000 + n}" for n in range(1, 30)]
    local_site.add(LISTING, listing_page(pages))
    for n, path in enumerate(pages, 1):
        local_site.add(path, Reply(body=article_page(n).encode(), delay=0.3))
    args = ["update", "tuyengiao.vn", "--base-url", local_site.base_url, "--delay", "0.01"]
    first = subprocess.Popen(
        [*tuyengiao_command(), *args, "--log-json", "-"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        deadline = time.monotonic() + 20
        while not any(r.path.startswith("/cham-") for r in local_site.requests_log):
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        second = run_tuyengiao(*args, "--no-wait", cwd=tmp_path)
        assert second.returncode == 4
        assert second.stdout == ""
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and "in use by another run" in lines[0], second.stderr
        assert f"pid {first.pid}" in lines[0]

        first.send_signal(signal.SIGTERM)
        out, err = first.communicate(timeout=20)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 130, err
    assert "interrupted" in err
    events = [json.loads(line) for line in out.splitlines()]
    assert events[-1]["event"] == "run_end" and events[-1]["status"] == "interrupted"
    db = tmp_path / "archive.db"
    assert rows(db, "SELECT status FROM crawl_runs") == [("interrupted",)]
    # The lock went with the process: the next run starts and finishes the work.
    again = run_tuyengiao(*args, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert rows(db, "SELECT count(*) FROM articles") == [(len(pages),)]


def _env() -> dict[str, str]:
    import os

    return {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


def test_update_reads_only_the_sitemaps_changed_since_it_last_read_them(
    local_site: LocalSite, tmp_path: Path
) -> None:
    local_site.add("/robots.txt", Reply(404))
    local_site.add(LISTING, listing_page([]))
    old, fresh = "/sitemap-2023.xml", "/sitemap-moi.xml"
    index = {"lastmod": "2023-12-31"}

    def sitemap_index(_request: Request) -> Reply:
        return Reply(
            body=(
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{SITE}{old}</loc><lastmod>2024-01-01</lastmod></sitemap>"
                f"<sitemap><loc>{SITE}{fresh}</loc><lastmod>{index['lastmod']}</lastmod>"
                "</sitemap></sitemapindex>"
            ).encode()
        )

    local_site.route("/sitemap.xml", sitemap_index)
    for path, n in ((old, 1), (fresh, 2)):
        article = f"/bai-{n}-{180000 + n}"
        body = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>{SITE}{article}</loc></url></urlset>'
        local_site.add(path, Reply(body=body.encode()))
        local_site.add(article, Reply(body=article_page(n).encode()))
    first = tuyengiao(local_site, tmp_path, "update", "--sitemap", "/sitemap.xml")
    assert first.returncode == 0, first.stderr
    assert "2 new" in first.stdout

    index["lastmod"] = (date.today() + timedelta(days=1)).isoformat()
    local_site.requests_log.clear()
    second = tuyengiao(local_site, tmp_path, "update", "--sitemap", "/sitemap.xml")
    assert second.returncode == 0, second.stderr
    assert sorted(local_site.paths()) == sorted(["/robots.txt", LISTING, "/sitemap.xml", fresh])


def test_sitemaps_named_by_robots_txt_are_read(local_site: LocalSite, tmp_path: Path) -> None:
    robots = (
        "User-agent: *\nDisallow: /admin/\n"
        f"Sitemap: {SITE}/sitemap-robots.xml\n"
        "Sitemap: https://example.org/sitemap.xml\n"  # another host: not read
    )
    local_site.add("/robots.txt", Reply(body=robots.encode(), content_type="text/plain"))
    local_site.add(LISTING, listing_page([]))
    article = "/bai-1-190001"  # linked from no listing, only from the sitemap
    urlset = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{SITE}{article}</loc></url></urlset>"
    )
    local_site.add("/sitemap-robots.xml", Reply(body=urlset.encode()))
    local_site.add(article, Reply(body=article_page(1).encode()))
    result = tuyengiao(local_site, tmp_path, "crawl")
    assert result.returncode == 0, result.stderr
    assert "1 new" in result.stdout
    assert sorted(local_site.paths()) == sorted(
        ["/robots.txt", LISTING, "/sitemap-robots.xml", article]
    )
    db = tmp_path / "archive.db"
    assert rows(db, "SELECT url, kind, status FROM frontier WHERE kind = 'sitemap'") == [
        (SITE + "/sitemap-robots.xml", "sitemap", "done")
    ]


def test_a_site_that_cannot_be_read_fails_the_run_with_status_3(
    local_site: LocalSite, tmp_path: Path
) -> None:
    local_site.add("/robots.txt", Reply(503, b"maintenance"))
    result = tuyengiao(local_site, tmp_path, "update", "--retries", "0")
    assert result.returncode == 3
    assert result.stdout.startswith("run 1: ")
    error = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(error) == 1
    assert error[0].startswith(
        "Error: site tuyengiao.vn failed: no listing, sitemap or feed could be read:"
    )
    assert "robots.txt unreachable (HTTP 503" in error[0]
    assert local_site.paths() == ["/robots.txt"]
    db = tmp_path / "archive.db"
    assert rows(db, "SELECT status, failed_sites FROM crawl_runs") == [
        ("completed", '["tuyengiao.vn"]')
    ]
