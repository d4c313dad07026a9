"""The SQLite archive: articles keyed by canonical URL, their entities, the fetch log and
crawl runs.

One `Archive` is the only writer of `archive.db`. Every page is stored in one
transaction (`store_article` plus its fetch-log row), so a crawl killed at any moment
leaves either the whole page or nothing. Storing an unchanged article again changes
nothing; a changed one keeps its previous version in `article_versions`. Bulk loads
store a batch per transaction with `store_articles`, which decides every record as
`store_article` would.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from parsers.record import Article
from scraper.archive import schema
from scraper.archive.pending import Pending
from scraper.archive.places import refresh_places
from scraper.archive.prepare import PersonLink, Prepared, prepare
from scraper.archive.prepare import content_hash as content_hash  # for `scraper.archive.merge`
from scraper.archive.search_index import unindex
from scraper.archive.syndication import remove_article
from scraper.sites.registry import SITES
from scraper.warc.writer import default_warc_folder

OUTCOMES = ("new", "updated", "unchanged", "duplicate")


class ArchiveError(Exception):
    """The archive file cannot be opened or is not a tuyengiao archive."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class RunCounts:
    fetched: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    not_article: int = 0
    attachment: int = 0
    truncated: int = 0
    skipped: int = 0
    failed: int = 0

    def add(self, outcome: str, n: int = 1) -> None:
        setattr(self, outcome, getattr(self, outcome) + n)

    def merge(self, other: RunCounts) -> None:
        for name, value in other.as_row().items():
            self.add(name, value)

    def as_row(self) -> dict[str, int]:
        return asdict(self)


class Archive:
    """An open archive database and the folder of its WARC files.

    The connection may be used from several threads (a crawl runs one worker per site);
    ``transaction()`` holds a lock for its whole extent, so writes are serialised and a
    transaction never interleaves with another thread's statements.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        if self.path.exists() and self.path.is_dir():
            raise ArchiveError(f"{self.path} is a directory, not an archive file")
        try:
            self.db = Database(sqlite3.connect(self.path, check_same_thread=False))
            self.db.execute("PRAGMA busy_timeout = 10000")
            # 16 KiB pages (the default is 4 KiB): an article row with its record JSON
            # then fits one or two pages instead of an overflow chain, which cut the
            # writing side of an ingest by about a tenth. It takes effect only on a new
            # file; an existing archive keeps its page size.
            self.db.execute("PRAGMA page_size = 16384")
            self.db.enable_wal()
            # In WAL mode, NORMAL syncs the log at checkpoints rather than at every commit:
            # a killed process loses nothing committed, and the file stays consistent on
            # power loss too, which may only undo the last transactions. (The WARC files
            # are fsynced at every write: `import-warc` re-derives what such a loss undid.)
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            schema.apply(self.db)
            # 256 MiB of page cache at most (the default is 2 MiB): the near-duplicate index
            # and the search index are written at random places, and a large archive's hot
            # pages then stay in memory. Set once the file's page size is known: SQLite
            # turns a size in KiB into a number of pages with the page size of that moment,
            # which is 4 KiB before the first read. (It used to be set before, as 64 MiB,
            # which gave 256 MiB of 16 KiB pages; the archive's benchmarks ran with that.)
            self.db.execute("PRAGMA cache_size = -262144")
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path} is not a usable SQLite archive: {exc}") from None

    def damage(self) -> str | None:
        """What SQLite's quick check finds wrong with the file, or None when nothing.
        It reads every page (about a second a gigabyte): writing commands run it first,
        so that a file damaged in the middle is not written on."""
        lines = [row[0] for row in self.db.execute("PRAGMA quick_check")]
        return None if lines == ["ok"] else "; ".join(lines[:3])

    @property
    def warc_dir(self) -> Path:
        return default_warc_folder(self.path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock, self.db.atomic():
            yield

    # -- crawl runs -------------------------------------------------------------------

    def start_run(self, command: str, sites: list[str]) -> int:
        with self.transaction():
            table = self.db["crawl_runs"]
            table.insert(
                {
                    "command": command,
                    "sites": json.dumps(sites),
                    "started_at": now_iso(),
                    "status": "running",
                }
            )
            return int(table.last_pk)

    def finish_run(
        self,
        run_id: int,
        counts: RunCounts,
        status: str,
        failed_sites: list[str] = (),
        warnings: list[str] = (),
    ) -> None:
        row = {**counts.as_row(), "finished_at": now_iso(), "status": status}
        row["failed_sites"] = json.dumps(sorted(failed_sites), ensure_ascii=False)
        row["warnings"] = json.dumps(list(warnings), ensure_ascii=False)
        with self.transaction():
            self.db["crawl_runs"].update(run_id, row)
        self.place_articles()

    def place_articles(self) -> int:
        """Place the articles not placed yet, or changed since (`scraper.archive.places`).

        Called at the end of each run and by the commands that read placements (search,
        export, serve), not when an archive is opened: opening must not write, or a
        second process would wait on a running crawl's transactions before it could even
        see that the crawl holds the run lock."""
        with self._lock:
            return refresh_places(self.db, SITES)

    def close_dead_runs(self) -> int:
        """Mark runs still `running` as `killed`, with counts taken from their fetch log.

        Call only while holding the run lock: then no other process is running, and a
        `running` row belongs to a process that was killed before it could finish.
        """
        with self.transaction():
            running = self.db.execute("SELECT id FROM crawl_runs WHERE status = 'running'")
            dead = [row[0] for row in running.fetchall()]
            for run_id in dead:
                counts = RunCounts()
                for outcome, n in self.db.execute(
                    "SELECT outcome, count(*) FROM fetches WHERE run_id = ? GROUP BY outcome",
                    [run_id],
                ):
                    if outcome in counts.as_row():
                        counts.add(outcome, n)
                    if outcome not in ("failed", "skipped"):
                        counts.fetched += n
                self.db["crawl_runs"].update(run_id, {**counts.as_row(), "status": "killed"})
            return len(dead)

    # -- fetch log --------------------------------------------------------------------

    def log_fetch(self, row: dict[str, Any]) -> int:
        """Append one row to the fetch log (call inside the page's transaction)."""
        table = self.db["fetches"]
        table.insert(row)
        return int(table.last_pk)

    # -- articles ---------------------------------------------------------------------

    def article_id_for_url(self, url: str) -> int | None:
        row = self.db.execute("SELECT article_id FROM article_urls WHERE url = ?", [url]).fetchone()
        return row[0] if row else None

    def store_article(self, article: Article, *, fetched_at: str, fetch_id: int | None) -> str:
        """Insert or update one article; returns one of OUTCOMES.

        Call inside a transaction. An article whose body is already archived under
        another canonical URL of the same site is a `duplicate`: its URL becomes an alias
        of that article. The same body on another site is a republication: it is stored as
        an article of its own and joins the original's story cluster (`syndication`).
        """
        return self.store_articles([article], fetched_at=fetched_at, fetch_id=fetch_id)[0]

    def store_articles(
        self,
        articles: Sequence[Article | Prepared],
        *,
        fetched_at: str,
        fetch_id: int | None = None,
    ) -> list[str]:
        """`store_article` for each article in turn, in one go; returns their outcomes.

        Call inside a transaction. The result is the same as storing them one by one; the
        rows no later store reads are written together at the end (`scraper.archive.pending`).
        Articles may come `prepare`d already (by another process, `scraper.archive.bulk`).
        """
        prepared = iter(prepare([a for a in articles if isinstance(a, Article)]))
        ready = [a if isinstance(a, Prepared) else next(prepared) for a in articles]
        pending = Pending(self.db)
        outcomes = [self._store(p, fetched_at, fetch_id, pending) for p in ready]
        pending.flush()
        return outcomes

    def _store(
        self, prepared: Prepared, fetched_at: str, fetch_id: int | None, pending: Pending
    ) -> str:
        row = prepared.row
        url, canonical_url, b_hash = row["url"], row["canonical_url"], row["body_hash"]
        existing = self.db.execute(
            "SELECT id, content_hash, body_hash FROM articles WHERE canonical_url = ?",
            [canonical_url],
        ).fetchone()
        if existing is None:
            twin = self.db.execute(
                "SELECT id FROM articles WHERE body_hash = ? AND site = ? LIMIT 1",
                [b_hash, row["site"]],
            ).fetchone()
            if twin is not None:
                pending.aliases.append((url, twin[0], fetched_at))
                pending.aliases.append((canonical_url, twin[0], fetched_at))
                return "duplicate"
            article_id = self._insert(dict(row), fetched_at, fetch_id)
            outcome, old_body_hash = "new", None
        else:
            article_id, old_hash, old_body_hash = existing
            if old_hash == row["content_hash"]:
                pending.aliases.append((url, article_id, fetched_at))
                return "unchanged"
            # What follows reads and replaces this article's rows: write the batch's first.
            pending.flush()
            self.db.execute(
                "INSERT INTO article_versions"
                " (article_id, content_hash, record, first_fetched_at, replaced_at)"
                " SELECT id, content_hash, record, last_changed_at, ? FROM articles WHERE id = ?",
                [fetched_at, article_id],
            )
            if old_body_hash != b_hash:
                remove_article(self.db, article_id)
            unindex(self.db, [article_id])  # with the texts of the row not yet updated
            self._update(article_id, dict(row), fetched_at, fetch_id)
            self.db.execute("DELETE FROM article_persons WHERE article_id = ?", [article_id])
            self.db.execute("DELETE FROM article_directives WHERE article_id = ?", [article_id])
            outcome = "updated"
        pending.aliases.append((url, article_id, fetched_at))
        pending.aliases.append((canonical_url, article_id, fetched_at))
        for person in prepared.persons:
            pending.persons.append(self._person_link(article_id, person))
        for directive in prepared.directives:
            pending.directives.append(self._directive_link(article_id, directive))
        pending.search_rows.append((article_id, *prepared.folded))
        if outcome == "new" or old_body_hash != b_hash:
            pending.bodies.append((article_id, row["body_text"], prepared.band_keys))
        return outcome

    def _insert(self, row: dict[str, Any], fetched_at: str, fetch_id: int | None) -> int:
        row.update(first_fetched_at=fetched_at, last_changed_at=fetched_at, fetch_id=fetch_id)
        # Plain SQL rather than sqlite-utils' insert: the columns are known, and its
        # introspection was a fifth of the cost of storing an article.
        cursor = self.db.conn.execute(
            f"INSERT INTO articles ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )
        return int(cursor.lastrowid)

    def _update(
        self, article_id: int, row: dict[str, Any], fetched_at: str, fetch_id: int | None
    ) -> None:
        row.update(last_changed_at=fetched_at, fetch_id=fetch_id)
        self.db.conn.execute(
            f"UPDATE articles SET {', '.join(f'{column} = ?' for column in row)} WHERE id = ?",
            [*row.values(), article_id],
        )

    def _person_link(self, article_id: int, person: PersonLink) -> tuple[Any, ...]:
        """The `article_persons` row for `person`, adding the person if new."""
        name, key, positions, spoke, role = person
        found = self.db.execute("SELECT id FROM persons WHERE name_key = ?", [key]).fetchone()
        if found:
            person_id = found[0]
        else:
            person_id = self.db.conn.execute(
                "INSERT INTO persons (name, name_key) VALUES (?, ?)", [name, key]
            ).lastrowid
        return (article_id, person_id, positions, spoke, role)

    def _directive_link(self, article_id: int, directive: tuple[Any, ...]) -> tuple[Any, ...]:
        """The `article_directives` row for a `directive_link`, adding or completing the
        document."""
        key, doc_id, kind, number, symbol, date, issuer, title, text = directive
        found = self.db.execute(
            "SELECT id, date, issuer FROM directives WHERE key = ?", [key]
        ).fetchone()
        if found is None:
            directive_id = self.db.conn.execute(
                "INSERT INTO directives (key, doc_id, kind, number, symbol, date, issuer, title)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [key, doc_id, kind, number, symbol, date, issuer, title],
            ).lastrowid
        else:
            directive_id, known_date, known_issuer = found
            if (known_date is None and date) or (known_issuer is None and issuer):
                # A later citation may state what an earlier one left out.
                self.db.execute(
                    "UPDATE directives SET date = coalesce(date, ?), issuer = coalesce(issuer, ?)"
                    " WHERE id = ?",
                    [date, issuer, directive_id],
                )
        return (article_id, directive_id, text, date, issuer)

    def article(self, canonical_url: str) -> Article | None:
        row = self.db.execute(
            "SELECT record FROM articles WHERE canonical_url = ?", [canonical_url]
        ).fetchone()
        return Article.from_dict(json.loads(row[0])) if row else None

    def count(self, table: str) -> int:
        return self.db[table].count
