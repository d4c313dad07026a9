"""The search index (`articles_fts`): how it is laid out, and the only code that writes it.

The index is *contentless* (`content=''`): FTS5 keeps the index of the six columns of
`search.SEARCH_COLUMNS` and each row's column sizes (for BM25), but no copy of their text,
which the archive has in `articles` already (title, sapo, body_text; the folded columns
are `search.fold` of them). Queries, ranking and Datasette's `?_search=` read the index
alone; snippets are made in Python from `articles.body_text` (`search.snippet`), so
nothing needs the text back from FTS5.

What it costs: FTS5 cannot find a contentless row's words by itself, so a row is deleted
with the values it was indexed with (the 'delete' command). They are recomputed from the
`articles` row, which must therefore be read *before* that row is changed: `unindex`
then `index` is the only way an article's entry changes. The prefix indexes of one to
three characters make prefixes of one to three letters (the mix of every query kind: `t*`,
`qua*`) a single look-up; a longer prefix merges the few words it begins. Four
characters too cost 1.5 KB more an article.
Measured in `benchmarks/fts_layouts.py` (figures in benchmarks/HISTORY.md, 2026-12-06).

How it is written (`WRITE_CONFIG`, kept by FTS5 in the index itself): FTS5 gathers new
rows in memory and writes them out as a segment when that memory passes `hashsize` or the
transaction ends, then merges segments `automerge` at a time. With the defaults (1 MB,
4) a bulk import's transaction of 5,000 articles is written as about a hundred small
segments, merged again and again: half of the CPU of storing an article. A 64 MiB hash
holds such a transaction whole, and merging eight segments at a time rewrites each row
fewer times: 423 → 226 µs of CPU an article for the index, for about 5 % more bytes
(segments not merged yet). Sixteen at a time rewrites each row once less again: over
150,000 articles in transactions of 5,000, 230 → 211 µs and 44.7 → 34.6 KiB written an
article, the same bytes, and a query reads more segments (index look-up p50 0.16 →
0.25 ms); 32 gained nothing more. A crawl commits each page, so it writes as before.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from scraper.archive.batches import articles_by_id
from scraper.archive.search import SEARCH_COLUMNS, WEIGHTS, index_texts

_COLUMNS = ", ".join(SEARCH_COLUMNS)
_MARKS = ", ".join("?" * (len(SEARCH_COLUMNS) + 1))
OPTIONS = "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3', content = ''"
WRITE_CONFIG = {"hashsize": 64 * 1024 * 1024, "automerge": 16}


def create(db: Database, name: str = "articles_fts") -> None:
    """An empty search index called `name`, its rank function carrying the columns' weights."""
    db.execute(f"CREATE VIRTUAL TABLE {name} USING fts5({_COLUMNS}, {OPTIONS})")
    weights = ", ".join(str(w) for w in WEIGHTS)
    db.execute(f"INSERT INTO {name} ({name}, rank) VALUES ('rank', ?)", [f"bm25({weights})"])
    configure(db, name)


def configure(db: Database, name: str = "articles_fts") -> None:
    """Give the index `name` today's WRITE_CONFIG (FTS5 keeps it in the index)."""
    for option, value in WRITE_CONFIG.items():
        db.execute(f"INSERT INTO {name} ({name}, rank) VALUES (?, ?)", [option, value])


def index(db: Database, rows: Iterable[Sequence[Any]], name: str = "articles_fts") -> None:
    """Add rows to the index: article id, then the values of SEARCH_COLUMNS (`index_texts`)."""
    db.conn.executemany(f"INSERT INTO {name} (rowid, {_COLUMNS}) VALUES ({_MARKS})", rows)


def unindex(db: Database, article_ids: Iterable[int]) -> None:
    """Remove articles from the index, with the values their `articles` rows give now:
    call before those rows change."""
    for article_id in article_ids:
        row = db.execute(
            "SELECT title, coalesce(sapo, ''), body_text FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is not None:
            db.execute(
                f"INSERT INTO articles_fts (articles_fts, rowid, {_COLUMNS})"
                f" VALUES ('delete', {_MARKS})",
                [article_id, *index_texts(*row)],
            )


def rebuild(db: Database) -> None:
    """Replace the index with a new one of today's layout, made from the stored articles."""
    create(db, "articles_fts_new")
    for rows in articles_by_id(db, "title, coalesce(sapo, ''), body_text"):
        index(db, [(row[0], *index_texts(*row[1:])) for row in rows], "articles_fts_new")
    db.execute("DROP TABLE articles_fts")
    db.execute("ALTER TABLE articles_fts_new RENAME TO articles_fts")
