"""The search index (`articles_fts`, with `articles_folded_fts` beside it): how it is laid
out, and the only code that writes it.

The index is *contentless* (`content=''`): FTS5 keeps the index of the six columns of
`search.SEARCH_COLUMNS` and each row's column sizes (for BM25), but no copy of their text,
which the archive has in `articles` already (title, sapo, body_text; the folded columns
are `search.fold` of them). Queries, ranking and Datasette's `?_search=` read the index
alone; snippets are made in Python from `articles.body_text` (`search.snippet`), so
nothing needs the text back from FTS5.

What it costs: FTS5 cannot find a contentless row's words by itself, so a row is deleted
with the values it was indexed with (the 'delete' command). They are recomputed from the
`articles` row, which must therefore be read *before* that row is changed: `unindex`
then `index` is the only way an article's entry changes.

Prefixes: `articles_fts` has prefix indexes of one and two characters, so `t*` and `th*`
are a single look-up; a longer prefix merges the words it begins. For three letters
typed without diacritics (`qua*`: quá, quả, quan, quảng… in every column) that is most
of the index: p95 300 ms at a million articles. A three-character prefix index on the
six columns would cost 2,400 bytes an article (a third of the index); instead
`articles_folded_fts` holds the folded title, sapo and body alone, as row ids only
(`detail='none'`, no positions, no column sizes) with a three-character prefix index:
370 bytes an article. A query of words typed without diacritics matches the same
articles in both (a word as published that has no diacritics is also in the folded
text), so `scraper.archive.search` sends such a query to the small table when it has a
three-letter prefix and no phrase, NEAR or column filter (`search.answered_folded`).
Measured in `benchmarks/fts_layouts.py` and `benchmarks/bench_scale.py` (figures in
benchmarks/HISTORY.md, 2026-12-06).

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
from scraper.archive.search import FOLDED, SEARCH_COLUMNS, WEIGHTS, index_texts, search_texts
from scraper.archive.tables import has_table

_COLUMNS = ", ".join(SEARCH_COLUMNS)
_MARKS = ", ".join("?" * (len(SEARCH_COLUMNS) + 1))
_TOKENIZER = "tokenize = 'unicode61 remove_diacritics 0'"
OPTIONS = f"{_TOKENIZER}, prefix = '1 2', content = ''"
FOLDED_OPTIONS = f"{_TOKENIZER}, prefix = '3', content = '', detail = 'none', columnsize = 0"
_FOLDED_COLUMNS = len(SEARCH_COLUMNS) // 2  # the folded ones come first
WRITE_CONFIG = {"hashsize": 64 * 1024 * 1024, "automerge": 16}


def create(db: Database, suffix: str = "") -> None:
    """Empty search tables (`articles_fts`, `articles_folded_fts`, with `suffix` after
    their names), the rank function carrying the columns' weights."""
    name = f"articles_fts{suffix}"
    db.execute(f"CREATE VIRTUAL TABLE {name} USING fts5({_COLUMNS}, {OPTIONS})")
    weights = ", ".join(str(w) for w in WEIGHTS)
    db.execute(f"INSERT INTO {name} ({name}, rank) VALUES ('rank', ?)", [f"bm25({weights})"])
    db.execute(f"CREATE VIRTUAL TABLE {FOLDED}{suffix} USING fts5(folded, {FOLDED_OPTIONS})")
    configure(db, suffix)


def configure(db: Database, suffix: str = "") -> None:
    """Give the search tables today's WRITE_CONFIG (FTS5 keeps it in each index)."""
    for name in (f"articles_fts{suffix}", f"{FOLDED}{suffix}"):
        if has_table(db, name):
            for option, value in WRITE_CONFIG.items():
                db.execute(f"INSERT INTO {name} ({name}, rank) VALUES (?, ?)", [option, value])


def _folded(texts: Sequence[Any]) -> str:
    """The text of `articles_folded_fts`: the folded columns, a line each."""
    return "\n".join(texts[:_FOLDED_COLUMNS])


def index(db: Database, rows: Iterable[Sequence[Any]], suffix: str = "") -> None:
    """Add rows to the index: article id, then the values of SEARCH_COLUMNS (`index_texts`).
    The migrations before `m018_search_folded_prefixes` write `articles_fts` alone, as
    it was then."""
    rows = list(rows)
    db.conn.executemany(
        f"INSERT INTO articles_fts{suffix} (rowid, {_COLUMNS}) VALUES ({_MARKS})", rows
    )
    if has_table(db, f"{FOLDED}{suffix}"):
        db.conn.executemany(
            f"INSERT INTO {FOLDED}{suffix} (rowid, folded) VALUES (?, ?)",
            [(row[0], _folded(row[1:])) for row in rows],
        )


def unindex(db: Database, article_ids: Iterable[int]) -> None:
    """Remove articles from the index, with the values their `articles` rows give now:
    call before those rows change."""
    folded = has_table(db, FOLDED)
    for article_id in article_ids:
        row = db.execute(
            "SELECT title, coalesce(sapo, ''), body_text FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        if row is not None:
            texts = index_texts(*row)
            db.execute(
                f"INSERT INTO articles_fts (articles_fts, rowid, {_COLUMNS})"
                f" VALUES ('delete', {_MARKS})",
                [article_id, *texts],
            )
            if folded:
                db.execute(
                    f"INSERT INTO {FOLDED} ({FOLDED}, rowid, folded) VALUES ('delete', ?, ?)",
                    [article_id, _folded(texts)],
                )


def rebuild(db: Database) -> None:
    """Replace the search tables with new ones of today's layout, made from the stored
    articles."""
    create(db, "_new")
    for rows in articles_by_id(db, "title, coalesce(sapo, ''), body_text"):
        texts = search_texts(row[1:] for row in rows)
        index(db, [(row[0], *values) for row, values in zip(rows, texts, strict=True)], "_new")
    for name in ("articles_fts", FOLDED):
        db.execute(f"DROP TABLE IF EXISTS {name}")
        db.execute(f"ALTER TABLE {name}_new RENAME TO {name}")
