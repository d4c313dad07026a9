"""Bulk loads (`scraper.archive.bulk`): how many workers, and the log checkpointed in a
thread of its own while batches are stored."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from parsers.record import Article
from scraper.archive import schema
from scraper.archive.bulk import store_batches, worker_count
from scraper.archive.store import Archive
from tests.archive.test_search_storage import fixture_articles

NOW = "2025-01-01T00:00:00Z"


@pytest.mark.parametrize(("cores", "workers"), [(1, 1), (2, 1), (3, 2), (16, 2)])
def test_one_worker_on_two_cores_two_beyond(cores: int, workers: int) -> None:
    assert worker_count(cores) == workers


def _articles(n: int) -> list[Article]:
    model = fixture_articles()[0]
    return [
        replace(
            model,
            url=f"https://tuyengiao.vn/bai-{k}.html",
            canonical_url=f"https://tuyengiao.vn/bai-{k}.html",
            body_text=f"Bài {k}. " + " ".join(f"câu{k}x{j}" for j in range(200)),
        )
        for k in range(n)
    ]


def _rows_in_file_alone(path: Path, tmp_path: Path) -> int:
    """Articles in the database file without its log: what checkpoints have copied."""
    alone = tmp_path / "file-alone.db"
    shutil.copyfile(path, alone)
    with sqlite3.connect(alone) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def test_a_bulk_load_is_checkpointed_by_its_thread_and_gives_the_writer_its_setting_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "archive.db"
    articles = _articles(90)
    with Archive(path) as archive:
        before = archive.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        settings = []
        for _ in store_batches(
            archive, [articles[:30], articles[30:60], articles[60:]], lambda: NOW
        ):
            settings.append(archive.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
        assert settings == [0, 0, 0]  # the writer does not checkpoint during the load
        assert archive.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == before > 0
        # A few small batches are far below the writer's own threshold (1,000 pages):
        # only the thread can have copied them into the file.
        assert Path(f"{path}-wal").stat().st_size > 0
        assert _rows_in_file_alone(path, tmp_path) == 90
        assert archive.count("articles") == 90


def test_an_archive_from_before_merges_its_search_segments_sixteen_at_a_time(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(path))
    schema.migrations.apply(db, stop_before="m018_search_write_settings")
    # The setting the code before wrote (its migrations run with today's `create`).
    db.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8)")
    db.close()
    with Archive(path) as archive:
        config = dict(archive.db.execute("SELECT k, v FROM articles_fts_config"))
        assert config["automerge"] == 16 and config["hashsize"] == 64 * 1024 * 1024
