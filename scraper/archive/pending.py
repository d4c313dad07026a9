"""Writes of a batch of stores that no later store of the batch reads, kept for one
`executemany` each.

`Archive.store_articles` inserts or updates article rows at once (later records of the
batch look them up by canonical URL and body hash) and leaves here the rows that are only
read by a store that changes an existing article: aliases, entity links, search rows and
near-duplicate indexing. Such a store flushes first, so every store sees the archive as if
the batch had been stored one article at a time. The flush runs inside the caller's
transaction, so a killed ingest still leaves whole batches or nothing.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from scraper.archive.search_index import index
from scraper.archive.syndication import index_new


class Pending:
    """Rows waiting for the end of a batch (or for a store that reads them)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._clear()

    def _clear(self) -> None:
        self.aliases: list[tuple[str, int, str]] = []
        self.persons: list[tuple[Any, ...]] = []
        self.directives: list[tuple[Any, ...]] = []
        self.search_rows: list[tuple[Any, ...]] = []  # id, then `search.SEARCH_COLUMNS`
        self.bodies: list[tuple[int, str, list[int]]] = []  # for `index_new`

    def flush(self) -> None:
        """Write everything waiting, in the order it was added."""
        conn = self.db.conn
        conn.executemany(
            "INSERT OR IGNORE INTO article_urls (url, article_id, first_seen_at) VALUES (?, ?, ?)",
            self.aliases,
        )
        conn.executemany(
            "INSERT INTO article_persons (article_id, person_id, positions, spoke, role)"
            " VALUES (?, ?, ?, ?, ?)",
            _last_per_key(self.persons),
        )
        conn.executemany(
            "INSERT INTO article_directives (article_id, directive_id, text, date, issuer)"
            " VALUES (?, ?, ?, ?, ?)",
            _last_per_key(self.directives),
        )
        index(self.db, self.search_rows)
        if self.bodies:
            index_new(self.db, self.bodies)
        self._clear()


def _last_per_key(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows an `INSERT OR REPLACE` of each in turn would leave, keyed on their first
    two columns (an article naming one person twice keeps the last mention).

    A plain INSERT instead of OR REPLACE: with foreign keys on, OR REPLACE needs a
    statement journal, and opening one makes FTS5 (SQLite 3.40) write out its pending
    rows, so the search index was written one article at a time, in tiny segments.
    """
    last: dict[tuple[Any, Any], tuple[Any, ...]] = {}
    for row in rows:
        last.pop(row[:2], None)
        last[row[:2]] = row
    return list(last.values())
