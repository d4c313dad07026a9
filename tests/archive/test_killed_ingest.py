"""An import killed mid-way leaves a consistent archive, and running it again completes it."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.corpus import article, copy_of, event, write_up
from parsers.record import Article
from scraper.archive import dedup
from scraper.archive.prepare import directive_key, person_key
from scraper.archive.store import Archive

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
RECORDS = 1000
BATCH = 50


def make_records(path: Path) -> None:
    rng = random.Random(5)
    ev, paragraphs = event(rng), []
    with path.open("w", encoding="utf-8") as out:
        for i in range(RECORDS):
            if i % 10 == 9:  # every tenth republishes the report before it
                paragraphs = copy_of(rng, paragraphs, ev)
            else:
                ev = event(rng)
                paragraphs = write_up(rng, ev, rng.randint(6, 14))
            record = article(ev, paragraphs, f"site{i % 7}.gov.vn", f"bai-{i}", "PV")
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")


def count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def ingest(data: Path, db: Path) -> subprocess.Popen:
    code = "from scraper.cli.archive import import_jsonl_command; import_jsonl_command()"
    return subprocess.Popen(
        [sys.executable, "-c", code, str(data), "--db", str(db), "--batch", str(BATCH)],
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux's /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def check_consistent(db: Path) -> int:
    with Archive(db) as archive:
        q = archive.db.execute
        assert q("PRAGMA integrity_check").fetchone() == ("ok",)
        assert q("PRAGMA foreign_key_check").fetchall() == []
        n = archive.count("articles")
        assert n % BATCH == 0  # whole batches only
        assert q("SELECT count(*) FROM articles_fts").fetchone() == (n,)
        orphans = "SELECT count(*) FROM articles WHERE id NOT IN (SELECT rowid FROM articles_fts)"
        assert q(orphans).fetchone() == (0,)
        assert q("SELECT count(*) FROM article_urls").fetchone() == (n,)
        for article_id, record in q("SELECT id, record FROM articles").fetchall():
            article = Article.from_dict(json.loads(record))
            persons = q(
                "SELECT p.name_key FROM article_persons ap JOIN persons p ON p.id = ap.person_id"
                " WHERE ap.article_id = ?",
                [article_id],
            ).fetchall()
            assert {r[0] for r in persons} == {person_key(p.name) for p in article.persons}
            directives = q(
                "SELECT d.key FROM article_directives ad JOIN directives d"
                " ON d.id = ad.directive_id WHERE ad.article_id = ?",
                [article_id],
            ).fetchall()
            assert {r[0] for r in directives} == {directive_key(d) for d in article.directives}
            bands = q(
                "SELECT count(*) FROM (SELECT article_id FROM minhash_bands UNION ALL"
                " SELECT article_id FROM minhash_recent) WHERE article_id = ?",
                [article_id],
            )
            assert bands.fetchone()[0] == (
                len(dedup.BANDS) if dedup.shingles(article.body_text) else 0
            )
        sizes = q(
            "SELECT count(*) FROM story_clusters c WHERE c.size !="
            " (SELECT count(*) FROM article_clusters ac WHERE ac.cluster_id = c.id)"
        ).fetchone()
        assert sizes == (0,)
        return n


def test_a_killed_ingest_leaves_a_consistent_archive(tmp_path: Path) -> None:
    data, db = tmp_path / "records.jsonl", tmp_path / "archive.db"
    make_records(data)
    proc = ingest(data, db)
    deadline = time.monotonic() + 60
    while count(db) < 2 * BATCH and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the import ended before it could be killed"
    workers = children(proc.pid)
    assert workers, "the import prepares its batches in worker processes"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10  # they look for their parent every second
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers), "workers outlived the killed import"

    stored = check_consistent(db)
    assert 0 < stored < RECORDS

    again = ingest(data, db)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    assert (
        out.decode().strip()
        == f"{RECORDS - stored} new, 0 updated, {stored} unchanged, 0 duplicate"
    )
    assert check_consistent(db) == RECORDS
    with Archive(db) as archive:
        assert archive.db.execute("SELECT count(*) FROM syndication").fetchone()[0] == RECORDS // 10
