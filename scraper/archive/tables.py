"""Which tables an archive has, for code that also runs on an archive part-way through
its upgrade: the migrations run today's storing code on the tables of their time."""

from __future__ import annotations

from sqlite_utils import Database


def has_table(db: Database, name: str) -> bool:
    """Whether `db` has the table (or virtual table) `name`. One look-up in the schema:
    sqlite-utils' `Table.exists()` lists every table, six times slower, and this is
    asked on each store."""
    return db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [name]).fetchone() is not None
