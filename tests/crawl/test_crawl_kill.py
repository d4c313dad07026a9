"""SIGKILL at random moments of a crawl, five times, then a run to the end.

Whatever instant the kill lands on (inside a WARC write, inside a transaction, between
the two), the archive ends with every article exactly once, the database intact, and
every fetch-log row pointing at the WARC record it names.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import time
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from tests.support.mirror import run_tuyengiao, tuyengiao_command
from tests.support.pages import article_page, listing_page
from tests.support.site_server import LocalSite, Reply

LISTING = "/tuyen-giao-cac-cap"
PAGES = 2
PER_PAGE = 15


def serve(site: LocalSite) -> list[str]:
    site.add("/robots.txt", Reply(404))
    paths = [f"/bai-{n}-{170000 + n}" for n in range(1, PAGES * PER_PAGE + 1)]
    site.route(LISTING, _by_page(paths))
    for n, path in enumerate(paths, 1):
        site.add(path, Reply(body=article_page(n).encode(), delay=0.01))
    return paths


def _by_page(paths: list[str]):
    def listing(request):
        page = int(request.query.removeprefix("page=")) - 1 if request.query else 0
        links = paths[page * PER_PAGE : (page + 1) * PER_PAGE]
        following = f"{LISTING}?page={page + 2}" if page + 1 < PAGES else None
        return Reply(body=listing_page(links, following).encode())

    return listing


def test_killed_five_times_then_finished(local_site: LocalSite, tmp_path: Path) -> None:
    paths = serve(local_site)
    args = ["crawl", "tuyengiao.vn", "--base-url", local_site.base_url, "--delay", "0.01"]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    seed = random.randrange(1 << 30)
    # Moments after the crawl has begun (its first request), not during start-up.
    moments = random.Random(seed).sample(range(0, 100), 5)  # hundredths of a second
    db = tmp_path / "archive.db"
    for moment in moments:
        served = len(local_site.requests_log)
        process = subprocess.Popen(
            [*tuyengiao_command(), *args],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while len(local_site.requests_log) == served and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(moment / 100)
        process.kill()
        process.wait()
    assert db.exists(), f"seed {seed}"

    final = run_tuyengiao(*args, cwd=tmp_path)
    assert final.returncode == 0, f"seed {seed}: {final.stderr}"

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        urls = [r[0] for r in conn.execute("SELECT canonical_url FROM articles")]
        assert sorted(urls) == sorted(f"https://tuyengiao.vn{p}" for p in paths), f"seed {seed}"
        new = conn.execute("SELECT count(*) FROM fetches WHERE outcome = 'new'").fetchone()
        assert new == (len(paths),)  # each archived once, by one fetch
        assert conn.execute("SELECT count(*) FROM article_versions").fetchone() == (0,)
        pointers = conn.execute(
            "SELECT warc_file, warc_offset, warc_record_id, status FROM fetches"
            " WHERE warc_file IS NOT NULL"
        ).fetchall()
        runs = conn.execute("SELECT status FROM crawl_runs ORDER BY id").fetchall()
    assert runs[-1] == ("completed",)
    assert ("running",) not in runs  # runs cut short by a kill are marked killed
    for warc_file, offset, record_id, status in pointers:
        with (tmp_path / "archive.warcs" / warc_file).open("rb") as stream:
            stream.seek(offset)
            record = next(iter(ArchiveIterator(stream)))
            assert record.rec_headers.get_header("WARC-Record-ID") == record_id
            assert record.http_headers.get_statuscode() == str(status)
