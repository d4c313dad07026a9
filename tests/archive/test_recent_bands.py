"""The near-duplicate index in two tables: new keys in `minhash_recent`, merged into
`minhash_bands` in key order. The clusters decided are those of one table, across merges,
upgrades and a merge killed half-way."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from parsers.record import Article
from scraper.archive import dedup, schema, syndication
from scraper.archive.store import Archive
from tests.archive.test_killed_ingest import make_records
from tests.support.old_archives import with_todays_rows
from tests.support.vn_texts import ORIGINAL, REPUBLISHED, SAME_EVENT

NOW = "2021-03-17T00:00:00Z"
ROOT = Path(__file__).resolve().parents[2]
CLUSTERS = (
    "SELECT a.canonical_url, o.canonical_url, c.size, ac.similarity FROM article_clusters ac"
    " JOIN articles a ON a.id = ac.article_id JOIN story_clusters c ON c.id = ac.cluster_id"
    " JOIN articles o ON o.id = c.origin_article_id ORDER BY 1"
)


N = 300  # records of `make_records` used: every tenth republishes the one before


def records(path: Path) -> list[Article]:
    return [Article.from_dict(json.loads(line)) for line in path.read_text().splitlines()]


def make_data(path: Path) -> list[Article]:
    make_records(path)
    lines = path.read_text().splitlines()[:N]
    path.write_text("".join(line + "\n" for line in lines))
    return records(path)


def load(path: Path, articles: list[Article], batch: int = 50) -> list[tuple]:
    with Archive(path) as archive:
        for start in range(0, len(articles), batch):
            with archive.transaction():
                archive.store_articles(articles[start : start + batch], fetched_at=NOW)
        return archive.db.execute(CLUSTERS).fetchall()


def key_rows(db: Database) -> dict[str, list[tuple[int, int]]]:
    return {
        table: db.execute(f"SELECT band_key, article_id FROM {table} ORDER BY 1, 2").fetchall()
        for table in syndication.index_tables(db)
    }


def expected_rows(db: Database) -> list[tuple[int, int]]:
    rows = db.execute("SELECT id, body_text FROM articles").fetchall()
    keys = dedup.bodies_band_keys([body for _, body in rows])
    return sorted(
        (key, row[0]) for row, row_keys in zip(rows, keys, strict=True) for key in row_keys
    )


def merge_every(monkeypatch: pytest.MonkeyPatch, rows: int) -> None:
    monkeypatch.setattr(syndication, "MERGE_ROWS", rows)
    monkeypatch.setattr(syndication, "MERGE_SHARE", 10**9)  # MERGE_ROWS alone decides


def test_clusters_across_merges_are_those_of_one_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = make_data(tmp_path / "records.jsonl")
    never = load(tmp_path / "never.db", articles)
    merge_every(monkeypatch, 180 * len(dedup.BANDS))  # a merge at the fourth batch
    merged = load(tmp_path / "merged.db", articles)
    assert merged == never
    assert len({row[1] for row in merged}) == N // 10  # every republication found
    with Archive(tmp_path / "merged.db") as archive:
        rows = key_rows(archive.db)
        assert len(rows["minhash_bands"]) > len(rows["minhash_recent"]) > 0
        assert sorted(rows["minhash_bands"] + rows["minhash_recent"]) == expected_rows(archive.db)
        assert not set(rows["minhash_bands"]) & set(rows["minhash_recent"])
    with Archive(tmp_path / "never.db") as archive:
        assert key_rows(archive.db)["minhash_bands"] == []  # no merge below MERGE_ROWS


def templated(n: int) -> Article:
    return replace(
        ORIGINAL,
        url=f"{ORIGINAL.url}-{n}",
        canonical_url=f"{ORIGINAL.canonical_url}-{n}",
        body_text=f"{ORIGINAL.body_text}\nThông báo số {n}.",
    )


def test_a_bucket_holds_max_bucket_articles_across_both_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    merge_every(monkeypatch, 30 * len(dedup.BANDS))
    count = syndication.MAX_BUCKET + 20
    pages = [templated(n) for n in range(count)]
    load(tmp_path / "t.db", pages, batch=7)
    with Archive(tmp_path / "t.db") as archive:
        rows = key_rows(archive.db)
        assert rows["minhash_bands"] and rows["minhash_recent"]
        per_key: dict[int, int] = {}
        for key, _ in rows["minhash_bands"] + rows["minhash_recent"]:
            per_key[key] = per_key.get(key, 0) + 1
        assert max(per_key.values()) == syndication.MAX_BUCKET
        assert archive.db.execute("SELECT size FROM story_clusters").fetchall() == [(count,)]


def test_a_changed_body_takes_its_keys_out_of_both_tables(tmp_path: Path) -> None:
    with Archive(tmp_path / "a.db") as archive:
        with archive.transaction():
            archive.store_articles([ORIGINAL, REPUBLISHED], fetched_at=NOW)
            assert syndication.merge_recent(archive.db, always=True) == 2 * len(dedup.BANDS)
            archive.store_articles([SAME_EVENT], fetched_at=NOW)
        assert archive.db.execute(CLUSTERS).fetchall() != []
        edited = [
            replace(ORIGINAL, body_text=SAME_EVENT.body_text, title="Sửa"),  # keys in the large
            replace(SAME_EVENT, body_text=REPUBLISHED.body_text + "\nCập nhật."),  # in the small
        ]
        with archive.transaction():
            assert archive.store_articles(edited, fetched_at=NOW) == ["updated", "updated"]
        rows = key_rows(archive.db)
        assert sorted(rows["minhash_bands"] + rows["minhash_recent"]) == expected_rows(archive.db)


def test_an_archive_before_the_small_table_is_upgraded_and_answers_the_same(
    tmp_path: Path,
) -> None:
    articles = make_data(tmp_path / "records.jsonl")
    first, rest = articles[:200], articles[200:]
    old = Database(tmp_path / "old.db")
    schema.migrations.apply(old, stop_before="m018_recent_bands")
    with_todays_rows(old)  # the search index and record columns today's store writes
    archive = Archive.__new__(Archive)  # today's store on the schema of before
    archive.path, archive.db = tmp_path / "old.db", old
    with old.atomic():
        archive.store_articles(first, fetched_at=NOW)
    assert syndication.index_tables(old) == ("minhash_bands",)
    old.close()
    upgraded = load(tmp_path / "old.db", rest)
    assert upgraded == load(tmp_path / "new.db", articles)
    with Archive(tmp_path / "old.db") as opened:
        rows = key_rows(opened.db)
        assert sorted(rows["minhash_bands"] + rows["minhash_recent"]) == expected_rows(opened.db)
        assert (
            len(rows["minhash_recent"]) == sum(1 for a in rest if dedup.shingles(a.body_text)) * 16
        )


# An import that kills itself inside its first merge, after the keys were copied into
# the large table and before they were deleted from the small one.
KILLED_IN_A_MERGE = """
import os, signal, sys
from sqlite_utils import Database
from scraper.archive import syndication
from scraper.cli.archive import import_jsonl_command

syndication.MERGE_ROWS, syndication.MERGE_SHARE = 80 * 16, 10**9
execute = Database.execute

def execute_then_die(self, sql, *args):
    if sql.startswith("DELETE FROM minhash_recent"):
        assert self.execute("SELECT count(*) FROM minhash_bands").fetchone()[0] > 0
        os.kill(os.getpid(), signal.SIGKILL)
    return execute(self, sql, *args)

Database.execute = execute_then_die
import_jsonl_command(sys.argv[1:])
"""


def test_a_merge_killed_half_way_loses_and_doubles_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, db = tmp_path / "records.jsonl", tmp_path / "archive.db"
    articles = make_data(data)
    argv = [sys.executable, "-c", KILLED_IN_A_MERGE, str(data), "--db", str(db), "--batch", "50"]
    # Output to a file: the workers of a killed import may hold a pipe open a while.
    with (tmp_path / "err").open("w") as err:
        killed = subprocess.run(
            argv, env={**os.environ, "PYTHONPATH": str(ROOT)}, stderr=err, timeout=120
        )
    assert killed.returncode == -9, (tmp_path / "err").read_text()
    with Archive(db) as archive:
        stored = archive.count("articles")
        assert 0 < stored < N and stored % 50 == 0
        rows = key_rows(archive.db)
        assert rows["minhash_bands"] == []  # the merge was undone with its batch
        assert rows["minhash_recent"] == expected_rows(archive.db)

    merge_every(monkeypatch, 80 * len(dedup.BANDS))  # the same merges, not killed now
    clusters = load(db, articles)
    with Archive(db) as archive:
        assert archive.count("articles") == N
        rows = key_rows(archive.db)
        assert rows["minhash_bands"]  # merged this time
        assert sorted(rows["minhash_bands"] + rows["minhash_recent"]) == expected_rows(archive.db)
    assert clusters == load(tmp_path / "one_go.db", articles) != []


def counts_of_the_small_table(archive: Archive, pages: list[Article]) -> int:
    """Store `pages` one per transaction, as a crawl does; how often `minhash_recent`
    was counted meanwhile."""
    statements: list[str] = []
    archive.db.conn.set_trace_callback(statements.append)
    try:
        for page in pages:
            with archive.transaction():
                archive.store_articles([page], fetched_at=NOW)
    finally:
        archive.db.conn.set_trace_callback(None)
    return sum("count(*) FROM minhash_recent" in sql for sql in statements)


def test_pages_stored_one_at_a_time_count_the_small_table_only_when_it_may_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = make_data(tmp_path / "records.jsonl")
    keyed = sum(1 for a in articles[:120] if dedup.shingles(a.body_text))
    merge_every(monkeypatch, 100 * len(dedup.BANDS))
    with Archive(tmp_path / "a.db") as archive:
        assert counts_of_the_small_table(archive, articles[:90]) == 1  # the first page
        assert key_rows(archive.db)["minhash_bands"] == []
        # The merge's count, and the next page's: a merge may be rolled back after it.
        assert counts_of_the_small_table(archive, articles[90:120]) == 2
        rows = key_rows(archive.db)
        assert len(rows["minhash_bands"]) + len(rows["minhash_recent"]) == keyed * 16
        assert len(rows["minhash_bands"]) >= 100 * 16
        assert sorted(rows["minhash_bands"] + rows["minhash_recent"]) == expected_rows(archive.db)


def test_a_merge_rolled_back_is_made_again_at_the_next_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [a for a in make_data(tmp_path / "records.jsonl") if dedup.shingles(a.body_text)]
    merge_every(monkeypatch, 10 * len(dedup.BANDS))
    with Archive(tmp_path / "a.db") as archive:
        counts_of_the_small_table(archive, articles[:9])
        with pytest.raises(RuntimeError), archive.transaction():
            archive.store_articles([articles[9]], fetched_at=NOW)  # it merges, then fails
            assert key_rows(archive.db)["minhash_recent"] == []
            raise RuntimeError
        assert len(key_rows(archive.db)["minhash_recent"]) == 9 * 16
        counts_of_the_small_table(archive, articles[10:11])
        rows = key_rows(archive.db)
        assert rows["minhash_recent"] == [] and len(rows["minhash_bands"]) == 10 * 16
