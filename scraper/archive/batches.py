"""Passes over every article of a large archive in bounded memory."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlite_utils import Database


def articles_by_id(db: Database, columns: str, size: int = 2000) -> Iterator[list[tuple[Any, ...]]]:
    """Rows of `articles` (`id`, then `columns`, an SQL list) in id order, `size` at a
    time. Each batch is read after the last id of the one before, so a caller may write
    between batches (rebuilding an index, rewriting a column) without disturbing the
    pass."""
    last = 0
    while rows := db.execute(
        f"SELECT id, {columns} FROM articles WHERE id > ? ORDER BY id LIMIT ?", [last, size]
    ).fetchall():
        yield rows
        last = rows[-1][0]
