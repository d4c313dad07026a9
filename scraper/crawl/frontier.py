"""The persistent URL queue, a table in the archive itself.

A URL is `queued`, `in_progress`, or ended: `done`, `not_article`, `attachment`,
`truncated`, `skipped` (a robots.txt rule forbids it; queued again when the site's
robots.txt changes) or `failed` (retried in a later run once `next_try_at` has passed;
the wait doubles after each failed attempt, and an article is given up after
MAX_ATTEMPTS, so a page removed for good is not requested by every run for ever). A
passing cause is never final: robots.txt unreachable, a redirect out of scope, a
connection failure all end as `failed`, on that schedule. An item left `in_progress`
by a killed process is queued again by `recover()`, so the next run resumes it.
Articles already ended are never fetched again by a crawl (`update` re-checks recent
ones itself). Discovery pages (listings,
sitemaps, feeds) change: a run queues its start pages again, and any other discovery
page again when a page it walks links to it (`reach`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlite_utils import Database

from scraper.archive.store import now_iso

LISTING, ARTICLE, SITEMAP, FEED = "listing", "article", "sitemap", "feed"
DISCOVERY = (LISTING, SITEMAP, FEED)
# Articles before discovery pages: a listing's articles are fetched before the next page.
_PRIORITY = {ARTICLE: 1, LISTING: 0, SITEMAP: 0, FEED: 0}
RETRY_AFTER = timedelta(hours=1)  # after the first failed attempt; doubled after each next
MAX_ATTEMPTS = 8  # the last retry comes about 5 days after the first failure


@dataclass(frozen=True, slots=True)
class Item:
    url: str
    site: str
    kind: str
    attempts: int


class Frontier:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, url: str, site: str, kind: str) -> bool:
        """Queue `url` unless it is known; True if it was new."""
        now = now_iso()
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO frontier"
            " (url, site, kind, status, priority, discovered_at, updated_at)"
            " VALUES (?, ?, ?, 'queued', ?, ?, ?)",
            [url, site, kind, _PRIORITY[kind], now, now],
        )
        return cursor.rowcount == 1

    def status(self, url: str) -> str | None:
        row = self.db.execute("SELECT status FROM frontier WHERE url = ?", [url]).fetchone()
        return row[0] if row else None

    def recover(self, site: str) -> int:
        """Queue again what a killed run left in progress; returns how many."""
        cursor = self.db.execute(
            "UPDATE frontier SET status = 'queued', updated_at = ?"
            " WHERE site = ? AND status = 'in_progress'",
            [now_iso(), site],
        )
        return cursor.rowcount

    def reach(self, url: str, site: str, kind: str) -> bool:
        """Queue a discovery page, again if it has ended; False if it is already queued."""
        now = now_iso()
        cursor = self.db.execute(
            "INSERT INTO frontier (url, site, kind, status, priority, discovered_at, updated_at)"
            " VALUES (?, ?, ?, 'queued', ?, ?, ?) ON CONFLICT (url) DO UPDATE"
            " SET status = 'queued', updated_at = excluded.updated_at"
            " WHERE status NOT IN ('queued', 'in_progress')",
            [url, site, kind, _PRIORITY[kind], now, now],
        )
        return cursor.rowcount == 1

    def ended_at(self, url: str) -> str | None:
        """When `url` was last fetched to a `done` end, or None."""
        row = self.db.execute(
            "SELECT updated_at FROM frontier WHERE url = ? AND status = 'done'", [url]
        ).fetchone()
        return row[0] if row else None

    def is_known(self, url: str) -> bool:
        """Has `url` been tried before (archived, or ended otherwise: a 404 is known too)?
        A URL queued by a killed run and never tried is not."""
        row = self.db.execute(
            "SELECT status, attempts FROM frontier WHERE url = ?", [url]
        ).fetchone()
        return row is not None and (row[0] not in ("queued", "in_progress") or row[1] > 0)

    def requeue(self, site: str) -> None:
        """Start of a run: articles that failed are tried again once their wait is over,
        unless they have had MAX_ATTEMPTS already."""
        now = now_iso()
        self.db.execute(
            "UPDATE frontier SET status = 'queued', updated_at = ?"
            " WHERE site = ? AND status = 'failed' AND kind = 'article' AND attempts < ?"
            " AND (next_try_at IS NULL OR next_try_at <= ?)",
            [now, site, MAX_ATTEMPTS, now],
        )

    def requeue_forbidden(self, site: str) -> int:
        """Queue again the articles robots.txt forbade (its rules changed); how many."""
        cursor = self.db.execute(
            "UPDATE frontier SET status = 'queued', updated_at = ?"
            " WHERE site = ? AND status = 'skipped' AND kind = 'article'",
            [now_iso(), site],
        )
        return cursor.rowcount

    def known_under(self, prefix: str) -> int:
        """How many URLs the frontier holds that start with ``prefix`` (an index range)."""
        row = self.db.execute(
            "SELECT count(*) FROM frontier WHERE url >= ? AND url < ?",
            [prefix, prefix + "\U0010ffff"],
        ).fetchone()
        return row[0]

    def next(self, site: str) -> Item | None:
        """Take the next queued item of `site` and mark it in progress."""
        row = self.db.execute(
            "SELECT url, site, kind, attempts FROM frontier"
            " WHERE site = ? AND status = 'queued'"
            " ORDER BY priority DESC, rowid LIMIT 1",
            [site],
        ).fetchone()
        if row is None:
            return None
        self.db.execute(
            "UPDATE frontier SET status = 'in_progress', attempts = attempts + 1,"
            " updated_at = ? WHERE url = ?",
            [now_iso(), row[0]],
        )
        return Item(url=row[0], site=row[1], kind=row[2], attempts=row[3] + 1)

    def finish(self, url: str, status: str, error: str | None = None) -> None:
        next_try = None
        if status == "failed":
            row = self.db.execute("SELECT attempts FROM frontier WHERE url = ?", [url]).fetchone()
            wait = RETRY_AFTER * 2 ** max((row[0] if row else 1) - 1, 0)
            next_try = (datetime.now(UTC) + wait).isoformat(timespec="seconds")
            next_try = next_try.replace("+00:00", "Z")
        self.db.execute(
            "UPDATE frontier SET status = ?, last_error = ?, next_try_at = ?, updated_at = ?"
            " WHERE url = ?",
            [status, error, next_try, now_iso(), url],
        )

    def counts(self, site: str) -> dict[str, int]:
        rows = self.db.execute(
            "SELECT status, count(*) FROM frontier WHERE site = ? GROUP BY status", [site]
        ).fetchall()
        return dict(rows)
