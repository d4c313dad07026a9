"""Search index layouts compared on the texts of a built archive: bytes, write time, query
time.

    PYTHONPATH=. python benchmarks/fts_layouts.py --db SCALE.db [--articles 50000]

SCALE.db is an archive built by `archive_bench.py scale --keep`. The title, sapo and body
of its first `--articles` articles are folded once (`search.search_texts`), then written
into a scratch database per layout, in transactions of 500 rows as an ingest writes them;
each layout's size (dbstat), CPU time to write, and the time of ranked and newest-first
queries of every kind (`archive_bench.queries`, plus one-letter prefixes) are printed.

Layouts: the FTS5 table storing its six columns (`content`, before issue 18), a
contentless one (`content=''`, what the archive keeps now) with the prefix indexes
'2 3 4' and '1 2 3 4', and an external-content one reading a table of the six
columns (what it would cost if the folded copies were kept in a table of their own).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from sqlite_utils import Database

from benchmarks.archive_bench import quantile, queries
from benchmarks.corpus import VocabularyCorpus
from scraper.archive import search

COLUMNS = ", ".join(search.SEARCH_COLUMNS)
TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"
LAYOUTS = {
    "stored columns, prefix 2 3 4": f"{TOKENIZE}, prefix = '2 3 4'",
    "contentless, prefix 2 3 4": f"{TOKENIZE}, prefix = '2 3 4', content = ''",
    "contentless, prefix 1 2 3 4": f"{TOKENIZE}, prefix = '1 2 3 4', content = ''",
    "contentless, prefix 1 2 3": f"{TOKENIZE}, prefix = '1 2 3', content = ''",
    "contentless, prefix 1 2": f"{TOKENIZE}, prefix = '1 2', content = ''",
    "contentless, prefix 1": f"{TOKENIZE}, prefix = '1', content = ''",
    "contentless, no prefix index": f"{TOKENIZE}, content = ''",
    "external content, prefix 1 2 3 4": f"{TOKENIZE}, prefix = '1 2 3 4', content = 'texts'",
}
BATCH = 500


def read_only(path: Path) -> SimpleNamespace:
    """The archive at `path`, read as it is (not brought up to the current schema)."""
    return SimpleNamespace(db=Database(sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)))


def texts(archive: SimpleNamespace, n: int) -> list[tuple]:
    rows = archive.db.execute(
        "SELECT id, title, coalesce(sapo, ''), body_text FROM articles ORDER BY id LIMIT ?", [n]
    ).fetchall()
    folded = search.search_texts(row[1:] for row in rows)
    return [(row[0], *values) for row, values in zip(rows, folded, strict=True)]


def build(folder: Path, name: str, options: str, rows: list[tuple]) -> sqlite3.Connection:
    conn = sqlite3.connect(folder / f"{name.replace(' ', '_').replace(',', '')}.db")
    conn.execute("PRAGMA page_size = 16384")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    marks = ", ".join("?" * (len(search.SEARCH_COLUMNS) + 1))
    if "content = 'texts'" in options:
        conn.execute(f"CREATE TABLE texts (id INTEGER PRIMARY KEY, {COLUMNS})")
    conn.execute(f"CREATE VIRTUAL TABLE articles_fts USING fts5({COLUMNS}, {options})")
    cpu = time.process_time()
    for i in range(0, len(rows), BATCH):
        with conn:
            if "content = 'texts'" in options:
                conn.executemany(f"INSERT INTO texts VALUES ({marks})", rows[i : i + BATCH])
            conn.executemany(
                f"INSERT INTO articles_fts (rowid, {COLUMNS}) VALUES ({marks})",
                rows[i : i + BATCH],
            )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"  write: {(time.process_time() - cpu) / len(rows) * 1e6:.0f} µs CPU per article")
    return conn


def sizes(conn: sqlite3.Connection, n: int) -> None:
    rows = conn.execute(
        "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%' OR name = 'texts'"
        " GROUP BY name ORDER BY 2 DESC"
    ).fetchall()
    total = sum(size for _, size in rows)
    parts = ", ".join(f"{name} {size / n:.0f}" for name, size in rows)
    print(f"  bytes per article: {total / n:.0f} ({parts})")


def timed(conn: sqlite3.Connection, sql: str, query: str) -> float:
    t0 = time.perf_counter()
    conn.execute(sql, [query]).fetchall()
    return (time.perf_counter() - t0) * 1000


RANKED = f"""
    SELECT id FROM (
        SELECT rowid AS id, bm25(articles_fts, {", ".join(map(str, search.WEIGHTS))}) AS score
        FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 20000
    ) ORDER BY score LIMIT 20
"""
NEWEST = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 20"


def query_times(conn: sqlite3.Connection, mix: list[str]) -> None:
    kinds = ("common word", "mid word", "two words", "phrase", "3-letter prefix", "1-letter")
    for label, sql in (("bm25 in window", RANKED), ("newest first", NEWEST)):
        by_kind: dict[str, list[float]] = {kind: [] for kind in kinds}
        for i, query in enumerate(mix):
            kind = kinds[i % 5] if i < len(mix) - 20 else kinds[5]
            by_kind[kind].append(timed(conn, sql, search.match_query(query)))
        line = ", ".join(
            f"{kind} {quantile(t, 0.5):.1f}/{quantile(t, 0.95):.1f}" for kind, t in by_kind.items()
        )
        print(f"  {label} (p50/p95 ms): {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=50_000)
    args = parser.parse_args()
    archive = read_only(args.db)
    rows = texts(archive, args.articles)
    n = len(rows)
    mix = list(queries(VocabularyCorpus(seed=2), archive))
    rng = random.Random(4)
    mix += [rng.choice("abcdghklmnopqstuvxy") + "*" for _ in range(20)]
    with tempfile.TemporaryDirectory(dir=args.db.parent) as tmp:
        for name, options in LAYOUTS.items():
            print(f"{name} ({n} articles):", flush=True)
            conn = build(Path(tmp), name, options, rows)
            sizes(conn, n)
            query_times(conn, mix)
            conn.close()


if __name__ == "__main__":
    main()
