"""Archives of an earlier schema that today's store can write into, for upgrade tests."""

from __future__ import annotations

from sqlite_utils import Database

from scraper.archive import schema


def with_todays_rows(db: Database) -> None:
    """Give `db` (migrated only up to some step) the search index and the article record
    columns today's store writes: the index is rebuilt again by the upgrade; the record
    columns' migration is recorded as applied (it cannot run twice)."""
    schema.m017_search_exact(db)
    schema.m018_record_columns(db)
    db["_sqlite_migrations"].insert(
        {
            "migration_set": schema.migrations.name,
            "name": "m018_record_columns",
            "applied_at": "2026-12-06 00:00:00",
        }
    )
