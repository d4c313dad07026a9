"""`search --stats`: how many articles match (not only those shown) and the search's time,
on stderr, so that the hits on stdout stay as they are."""

from __future__ import annotations

import re
from pathlib import Path

from scraper.archive.search import count
from scraper.archive.store import Archive
from tests.archive.test_search_exact import ALL, build
from tests.support.mirror import run_tuyengiao


def test_stats_give_every_match_and_the_time(tmp_path: Path) -> None:
    build(tmp_path / "archive.db")
    with Archive(tmp_path / "archive.db") as archive:
        everything = count(archive.db, "dang")
        assert everything == 3 and count(archive.db, "Đảng") == 1
    done = run_tuyengiao("search", "dang", "--limit", "1", "--stats", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"3 articles match; 1 shown; \d+\.\d ms\n", done.stderr)
    plain = run_tuyengiao("search", "dang", "--limit", "1", cwd=tmp_path)
    assert plain.stdout == done.stdout and plain.stderr == ""
    assert len(ALL) > everything  # the count is of matches, not of the archive


def test_a_malformed_query_is_one_line_with_stats_too(tmp_path: Path) -> None:
    build(tmp_path / "archive.db")
    done = run_tuyengiao("search", '"unclosed', "--stats", cwd=tmp_path)
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
