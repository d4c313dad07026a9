"""Merge archives crawled on different machines into one.

Articles are merged by canonical URL by replaying every version of every input —
current rows and `article_versions` alike — through `Archive.store_article` in the order
they were first seen. The newest version therefore wins and each older, different one
ends up in `article_versions`, identical ones collapse, same-site copies become aliases
and cross-site copies join story clusters, exactly as if one machine had crawled it
all. Aliases, crawl runs, the fetch log and the frontier are carried over; entities
are re-derived from the records.

WARC files are copied into the merged archive's WARC folder (a merged archive must
stand alone once the inputs are gone) under their own names, or under a name with a
digest suffix if a different file of that name is already there, and the fetch log's
`warc_file` pointers are rewritten to match. Inputs are opened read-only.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from parsers.record import Article
from scraper.archive.mergechanges import copy_changes
from scraper.archive.store import Archive, RunCounts, content_hash
from scraper.warc.writer import default_warc_folder

REQUIRED = ("articles", "article_urls", "article_versions", "fetches", "crawl_runs", "frontier")
# Versions replayed in one transaction: a commit per 500 wrote the near-duplicate keys
# and the search index's pages again at every batch (benchmarks/bench_ingest.py).
BATCH = 5000


class MergeError(Exception):
    """An input is missing or not an archive, or the output would overwrite an input."""


@dataclass
class MergeReport:
    counts: RunCounts = field(default_factory=RunCounts)
    fetches: int = 0
    warcs_copied: int = 0
    warcs_missing: list[str] = field(default_factory=list)


def _open_source(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise MergeError(f"{path}: no such archive")
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise MergeError(f"{path}: not a SQLite archive ({exc})") from None
    missing = [t for t in REQUIRED if t not in names]
    if missing:
        conn.close()
        raise MergeError(f"{path}: not a tuyengiao archive (no table {missing[0]})")
    return conn


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve() or (a.exists() and b.exists() and a.samefile(b))


def _digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def safe_warc_name(name: str) -> bool:
    """Is `name` a plain file name (no folder, no `..`), as the archive writes them? A
    pointer taken from an archive is data: `../x` would reach outside its WARC folder."""
    return bool(name) and "/" not in name and "\\" not in name and name not in (".", "..")


def _inside(path: Path, folder: Path) -> bool:
    """Is `path`, symbolic links followed, a file inside `folder` (followed too)?"""
    return path.resolve().parent == folder.resolve()


def _copy_warc(src: Path, dest_dir: Path, name: str) -> str:
    """Copy one WARC file into `dest_dir`; returns its name there. A symbolic link
    already at the destination is never written through."""
    dest = dest_dir / name
    if dest.is_symlink():
        dest = dest_dir / f"merged-{name}"
        name = dest.name
        if dest.is_symlink():
            raise MergeError(f"{dest}: a symbolic link where a WARC file would go")
    if dest.exists():
        if dest.stat().st_size == src.stat().st_size and _digest(dest) == _digest(src):
            return name
        stem, _, suffix = name.partition(".")
        name = f"{stem}-{_digest(src)[:12]}.{suffix}" if suffix else f"{stem}-{_digest(src)[:12]}"
        dest = dest_dir / name
        if dest.exists():
            return name
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dest)
    return name


def merge(sources: list[Path], into: Path) -> MergeReport:
    for source in sources:
        if _same_file(source, into):
            raise MergeError(f"refusing to overwrite the input {source}")
    conns = [_open_source(source) for source in sources]
    report = MergeReport()
    try:
        with Archive(into) as target:
            fetch_maps = [
                _copy_log(target, conn, source, report)
                for conn, source in zip(conns, sources, strict=True)
            ]
            _replay(target, conns, fetch_maps, report)
            for conn, fetch_map in zip(conns, fetch_maps, strict=True):
                _link(target, conn, fetch_map)
            for conn, fetch_map in zip(conns, fetch_maps, strict=True):
                copy_changes(target, conn, fetch_map)
            target.place_articles()
    finally:
        for conn in conns:
            conn.close()
    return report


def _copy_log(
    target: Archive, conn: sqlite3.Connection, source: Path, report: MergeReport
) -> dict[int, int]:
    """Carry over crawl runs, fetches (with their WARC files) and the frontier."""
    db = target.db
    warc_names: dict[str, str] = {}
    fetch_map: dict[int, int] = {}
    with target.transaction():
        run_map: dict[int, int] = {}
        conn.row_factory = sqlite3.Row
        for run in conn.execute("SELECT * FROM crawl_runs ORDER BY id"):
            row = dict(run)
            old_id = row.pop("id")
            same = " AND ".join(f"{column} IS ?" for column in row)
            found = db.execute(
                f"SELECT id FROM crawl_runs WHERE {same}", list(row.values())
            ).fetchone()
            run_map[old_id] = found[0] if found else db["crawl_runs"].insert(row).last_pk
        for fetch in conn.execute("SELECT * FROM fetches ORDER BY id"):
            row = dict(fetch)
            old_id = row.pop("id")
            found = db.execute(
                "SELECT id FROM fetches WHERE url = ? AND fetch_url = ? AND fetched_at = ?",
                [row["url"], row["fetch_url"], row["fetched_at"]],
            ).fetchone()
            if found:
                fetch_map[old_id] = found[0]
                continue
            name = row["warc_file"]
            if name and not (
                safe_warc_name(name)
                and _inside(default_warc_folder(source) / name, default_warc_folder(source))
            ):
                report.warcs_missing.append(
                    f"{source}: {name!r} is not a file of its WARC folder; pointer dropped"
                )
                row["warc_file"] = name = None
            if name:
                if name not in warc_names:
                    src = default_warc_folder(source) / name
                    if src.is_file():
                        warc_names[name] = _copy_warc(src, target.warc_dir, name)
                        report.warcs_copied += 1
                    else:
                        warc_names[name] = name
                        report.warcs_missing.append(f"{source}: {name}")
                row["warc_file"] = warc_names[name]
            row.update(run_id=run_map.get(row["run_id"]), article_id=None)
            fetch_map[old_id] = int(db["fetches"].insert(row).last_pk)
            report.fetches += 1
        for item in conn.execute("SELECT * FROM frontier"):
            row = dict(item)
            db.execute(
                f"INSERT INTO frontier ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
                " ON CONFLICT (url) DO UPDATE SET status = excluded.status,"
                " last_error = excluded.last_error, updated_at = excluded.updated_at"
                " WHERE frontier.status != 'done' AND excluded.status = 'done'",
                list(row.values()),
            )
        conn.row_factory = None
    return fetch_map


def _replay(
    target: Archive,
    conns: list[sqlite3.Connection],
    fetch_maps: list[dict[int, int]],
    report: MergeReport,
) -> None:
    """Store every version of every input article, in the order they were first seen."""
    events = []
    for index, conn in enumerate(conns):
        events += [
            (at, index, "articles", rowid)
            for rowid, at in conn.execute("SELECT id, last_changed_at FROM articles")
        ]
        events += [
            (at, index, "article_versions", rowid)
            for rowid, at in conn.execute("SELECT id, first_fetched_at FROM article_versions")
        ]
    events.sort()
    for start in range(0, len(events), BATCH):
        with target.transaction():
            for at, index, table, rowid in events[start : start + BATCH]:
                record = (
                    conns[index]
                    .execute(f"SELECT record FROM {table} WHERE id = ?", [rowid])
                    .fetchone()[0]
                )
                fetch_id = None
                if table == "articles":
                    (old_fetch,) = (
                        conns[index]
                        .execute("SELECT fetch_id FROM articles WHERE id = ?", [rowid])
                        .fetchone()
                    )
                    fetch_id = fetch_maps[index].get(old_fetch)
                article = Article.from_dict(json.loads(record))
                report.counts.add(_store(target, article, record, at, fetch_id))


def _store(target: Archive, article: Article, record: str, at: str, fetch_id: int | None) -> str:
    """Store one version, unless the target already has it or has a newer one.

    A version older than the target's current one (the target was merged into before)
    is filed in `article_versions`, where it belongs, instead of replacing it.
    """
    db = target.db
    current = db.execute(
        "SELECT id, content_hash, last_changed_at FROM articles WHERE canonical_url = ?",
        [article.canonical_url],
    ).fetchone()
    if current is None or current[2] <= at:
        return target.store_article(article, fetched_at=at, fetch_id=fetch_id)
    article_id, current_hash, current_at = current
    c_hash = content_hash(article)
    known = db.execute(
        "SELECT 1 FROM article_versions WHERE article_id = ? AND content_hash = ?",
        [article_id, c_hash],
    ).fetchone()
    if c_hash == current_hash or known:
        return "unchanged"  # its URLs are carried over with the aliases
    db["article_versions"].insert(
        {
            "article_id": article_id,
            "content_hash": c_hash,
            "record": record,
            "first_fetched_at": at,
            "replaced_at": current_at,
        }
    )
    return "updated"


def _link(target: Archive, conn: sqlite3.Connection, fetch_map: dict[int, int]) -> None:
    """Aliases, first-seen times and the fetch log's article ids, once articles are in."""
    db = target.db
    with target.transaction():
        ids: dict[int, int] = {}
        for old_id, canonical, first in conn.execute(
            "SELECT id, canonical_url, first_fetched_at FROM articles"
        ):
            new_id = target.article_id_for_url(canonical)
            ids[old_id] = new_id
            db.execute(
                "UPDATE articles SET first_fetched_at = min(first_fetched_at, ?) WHERE id = ?",
                [first, new_id],
            )
        for url, old_id, seen in conn.execute(
            "SELECT url, article_id, first_seen_at FROM article_urls"
        ):
            db.execute(
                "INSERT OR IGNORE INTO article_urls (url, article_id, first_seen_at)"
                " VALUES (?, ?, ?)",
                [url, ids[old_id], seen],
            )
        for old_fetch, old_article in conn.execute(
            "SELECT id, article_id FROM fetches WHERE article_id IS NOT NULL"
        ):
            db.execute(
                "UPDATE fetches SET article_id = ? WHERE id = ?",
                [ids.get(old_article), fetch_map[old_fetch]],
            )
