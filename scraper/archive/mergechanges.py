"""`merge` carries the change events and removal episodes of its inputs along.

Rows are matched to the merged archive's articles by canonical URL and to its fetch log
through the map `merge` built; an event already there (same URL, kind and time) is not
copied twice. The earlier version an edit replaced is in the merged `article_versions`
too, but not under a known id: `version_id` is left empty. The schedule is not copied:
the merged archive enrols its articles afresh at its first run.
"""

from __future__ import annotations

import sqlite3

from scraper.archive.store import Archive


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def copy_changes(target: Archive, conn: sqlite3.Connection, fetch_map: dict[int, int]) -> int:
    """Copy `conn`'s removals and changes into `target`; returns the changes copied."""
    if not {"changes", "removals"} <= _tables(conn):
        return 0  # an archive from before change tracking
    db = target.db
    urls = dict(conn.execute("SELECT id, canonical_url FROM articles").fetchall())
    conn.row_factory = sqlite3.Row
    removal_map: dict[int, int] = {}
    copied = 0
    with target.transaction():
        for removal in conn.execute("SELECT * FROM removals ORDER BY id").fetchall():
            row = dict(removal)
            old_id = row.pop("id")
            article_id = target.article_id_for_url(urls.get(row["article_id"], ""))
            if article_id is None:
                continue
            found = db.execute(
                "SELECT id FROM removals WHERE url = ? AND first_failed_at = ?",
                [row["url"], row["first_failed_at"]],
            ).fetchone()
            if found:
                removal_map[old_id] = found[0]
                continue
            row.update(
                article_id=article_id, fetch_id=fetch_map.get(row["fetch_id"]), last_run_id=None
            )
            removal_map[old_id] = int(db["removals"].insert(row).last_pk)
        for change in conn.execute("SELECT * FROM changes ORDER BY id").fetchall():
            row = dict(change)
            row.pop("id")
            row.pop("observed_between")  # generated
            article_id = target.article_id_for_url(urls.get(row["article_id"], ""))
            exists = db.execute(
                "SELECT 1 FROM changes WHERE url = ? AND kind = ? AND detected_at = ?",
                [row["url"], row["kind"], row["detected_at"]],
            ).fetchone()
            if article_id is None or exists:
                continue
            row.update(
                article_id=article_id,
                fetch_id=fetch_map.get(row["fetch_id"]),
                removal_id=removal_map.get(row["removal_id"]),
                version_id=None,
                run_id=None,
            )
            db["changes"].insert(row)
            copied += 1
    conn.row_factory = None
    return copied
