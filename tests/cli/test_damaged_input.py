"""Damaged or hostile input is reported in one line, and nothing archived is lost or
written where it should not be: cut WARC files, files that are no WARC, crafted JSONL
records and archives, damaged databases, binary pages; and one writer at a time.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from scraper.archive.runlock import RunLock
from tests.archive.test_merge import EDITED, build
from tests.support.mirror import run_tuyengiao, tuyengiao_command
from tests.support.warcs import article_warc

ARTICLES = 3


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of ARTICLES pages imported from a WARC file, built once."""
    folder = tmp_path_factory.mktemp("base")
    article_warc(folder / "pages.warc.gz", ARTICLES)
    result = run_tuyengiao("import-warc", "pages.warc.gz", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def work(base: Path, tmp_path: Path) -> Path:
    shutil.copy(base / "archive.db", tmp_path / "archive.db")
    shutil.copytree(base / "archive.warcs", tmp_path / "archive.warcs")
    return tmp_path


def query(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def one_line_error(result: subprocess.CompletedProcess) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


def test_a_warc_cut_inside_its_last_record_is_a_warning_and_exit_1(tmp_path: Path) -> None:
    article_warc(tmp_path / "cut.warc.gz", ARTICLES, cut_last=True)
    result = run_tuyengiao("import-warc", "cut.warc.gz", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "warning: corrupt WARC record" in result.stderr
    assert query(tmp_path / "archive.db", "SELECT count(*) FROM articles") == [(ARTICLES - 1,)]


def test_a_file_that_is_no_warc_is_neither_imported_nor_adopted(tmp_path: Path) -> None:
    """Before: the file was linked into the WARC folder, then failed to read."""
    (tmp_path / "notes.warc").write_text("Ghi chép, không phải WARC\n", encoding="utf-8")
    result = run_tuyengiao("import-warc", "notes.warc", cwd=tmp_path)
    assert result.returncode == 1
    assert "not a WARC file" in result.stderr
    warcs = tmp_path / "archive.warcs"
    assert not warcs.exists() or list(warcs.iterdir()) == []


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("canonical_url", "javascript:alert(1)"),
        ("url", "file:///etc/passwd"),
        ("site", "../../etc"),
    ],
)
def test_import_jsonl_refuses_unsafe_records(work: Path, field: str, value: str) -> None:
    """Before: each was stored as an article."""
    (stored,) = query(work / "archive.db", "SELECT record FROM articles LIMIT 1")
    record = json.loads(stored[0])
    record.update({field: value, "body_text": "Một bài khác hẳn.", "title": "Khác"})
    if field != "canonical_url":
        record["canonical_url"] = "https://tinh.example/bai-khac.html"
    (work / "bad.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    result = run_tuyengiao("import-jsonl", "bad.jsonl", cwd=work)
    assert result.returncode == 1
    assert "bad.jsonl:1: not an article record" in one_line_error(result)
    assert query(work / "archive.db", "SELECT count(*) FROM articles") == [(ARTICLES,)]


def test_merge_never_writes_outside_the_output_warc_folder(tmp_path: Path) -> None:
    """Before: a pointer `../x` made merge write `x` beside the output's WARC folder, and
    a symbolic link in that folder was written through."""
    source = tmp_path / "in" / "source.db"
    source.parent.mkdir()
    build(source, [(EDITED, EDITED.url, "2024-01-01T00:00:00Z")], "a.warc.gz", "s")
    (tmp_path / "in" / "x").write_bytes(b"WARC/1.1\r\nbeside the folder")
    with sqlite3.connect(source) as conn:
        conn.execute("UPDATE fetches SET warc_file = '../x'")
        conn.execute(
            "INSERT INTO fetches (run_id, url, fetch_url, fetched_at, outcome, warc_file)"
            " SELECT run_id, url || '?2', fetch_url, fetched_at, outcome, 'a.warc.gz' FROM fetches"
        )
    out = tmp_path / "out" / "merged.db"
    (out.parent / "merged.warcs").mkdir(parents=True)
    victim = tmp_path / "victim"
    victim.write_bytes(b"untouched")
    (out.parent / "merged.warcs" / "a.warc.gz").symlink_to(victim)
    result = run_tuyengiao("merge", str(source), "--into", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not a file of its WARC folder" in result.stderr
    assert sorted(p.name for p in out.parent.iterdir()) == ["merged.db", "merged.warcs"] or all(
        p.name.startswith("merged.") for p in out.parent.iterdir()
    )
    assert not (out.parent / "x").exists()
    assert victim.read_bytes() == b"untouched"


def test_a_damaged_archive_is_not_written_on(work: Path) -> None:
    """Before: reparse wrote on a file damaged in the middle and exited 0."""
    db = work / "archive.db"
    with sqlite3.connect(db) as conn:  # a page reparse itself never reads: the frontier's
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'frontier'")
        (page_number,) = root.fetchone()
        (page_size,) = conn.execute("PRAGMA page_size").fetchone()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    start = (page_number - 1) * page_size
    data[start : start + page_size] = b"\xa5" * page_size
    db.write_bytes(bytes(data))
    result = run_tuyengiao("reparse", cwd=work)
    assert result.returncode == 1
    assert "damaged" in one_line_error(result) or "cannot be used" in result.stderr


def test_check_reads_back_every_warc_pointer(work: Path) -> None:
    result = run_tuyengiao("check", cwd=work)
    assert result.returncode == 0, result.stderr
    assert f"ok; integrity checked, {ARTICLES} WARC pointers read" in result.stdout
    (work / "archive.warcs" / "pages.warc.gz").write_bytes(b"")
    broken = run_tuyengiao("check", cwd=work)
    assert broken.returncode == 1
    assert broken.stderr.count("problem: fetch") == ARTICLES


def test_sites_check_on_a_binary_file_is_one_line(tmp_path: Path) -> None:
    """Before: exit 70, "unexpected ParseError"."""
    (tmp_path / "page.html").write_bytes(bytes(range(256)) * 20)
    result = run_tuyengiao("sites", "check", "tuyengiao.vn", "page.html", cwd=tmp_path)
    assert result.returncode == 1
    assert "binary data" in one_line_error(result)


def test_a_writing_command_waits_for_the_lock_or_exits_4(work: Path) -> None:
    """Before: reparse and the imports took no lock and wrote beside a crawl."""
    lock = RunLock(work / "archive.db", "crawl")
    lock.acquire()
    try:
        refused = run_tuyengiao("reparse", "--no-wait", cwd=work)
        assert refused.returncode == 4
        assert "in use by another run" in one_line_error(refused)
        waiting = subprocess.Popen(
            [*tuyengiao_command(), "reparse"],
            cwd=work,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )
        told = waiting.stderr.readline()  # returns once the process says it waits
        assert told.startswith("waiting:") and "in use by another run" in told, told
        assert waiting.poll() is None  # and it does wait
    finally:
        lock.release()
    _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, told + err


def test_a_run_left_running_by_a_dead_process_is_marked_killed(work: Path) -> None:
    """Before: a killed import-warc or reparse stayed `running` in crawl_runs."""
    db = work / "archive.db"
    with sqlite3.connect(db) as conn:  # what a SIGKILLed reparse leaves behind
        conn.execute(
            "INSERT INTO crawl_runs (command, sites, started_at, status)"
            " VALUES ('reparse', '[]', '2026-01-01T00:00:00Z', 'running')"
        )
    result = run_tuyengiao("reparse", cwd=work)
    assert result.returncode == 0, result.stderr
    statuses = query(db, "SELECT status FROM crawl_runs WHERE command = 'reparse' ORDER BY id")
    assert statuses[0] == ("killed",)


def _make_read_only(path: Path) -> bool:
    """Make ``path`` read-only for this user: `chattr +i` for root (file modes do not bind
    root), the file mode otherwise. False when neither is possible here."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        return True
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    return done.returncode == 0


def test_a_read_only_archive_gets_one_line(work: Path) -> None:
    """Before: exit 70, "unexpected OperationalError: attempt to write a readonly database"."""
    db = work / "archive.db"
    if not _make_read_only(db):
        pytest.skip("cannot make a file read-only here")
    try:
        result = run_tuyengiao("reparse", cwd=work)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], check=False)
        db.chmod(0o644)
    assert result.returncode == 1
    assert "readonly database" in one_line_error(result)
