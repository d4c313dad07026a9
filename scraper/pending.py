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

from scraper.syndication import index_new


class Pending:
    """Rows waiting for the end of a batch (or for a store that reads them)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._clear()

    def _clear(self) -> None:
        self.aliases: list[tuple[str, int, str]] = []
        self.persons: list[tuple[Any, ...]] = []
        self.directives: list[tuple[Any, ...]] = []
        self.search_rows: list[tuple[int, str, str, str]] = []  # id, folded title, sapo, body
        self.bodies: list[tuple[int, str, list[int]]] = []  # for `index_new`

    def flush(self) -> None:
        """Write everything waiting, in the order it was added."""
        conn = self.db.conn
        conn.executemany(
            "INSERT OR IGNORE INTO article_urls (url, article_id, first_seen_at) VALUES (?, ?, ?)",
            self.aliases,
        )
        conn.executemany(
            "INSERT OR REPLACE INTO article_persons (article_id, person_id, positions, spoke, role)"
            " VALUES (?, ?, ?, ?, ?)",
            self.persons,
        )
        conn.executemany(
            "INSERT OR REPLACE INTO article_directives"
            " (article_id, directive_id, text, date, issuer) VALUES (?, ?, ?, ?, ?)",
            self.directives,
        )
        conn.executemany(
            "INSERT INTO articles_fts (rowid, title, sapo, body_text) VALUES (?, ?, ?, ?)",
            self.search_rows,
        )
        if self.bodies:
            index_new(self.db, self.bodies)
        self._clear()
