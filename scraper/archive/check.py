"""`tuyengiao check`: is an archive whole? For operators, after a crash, a full disk or a
copy from elsewhere.

SQLite's own integrity check, then every fetch-log pointer read back from its WARC file
(the record at that offset must be the record named, and read to its end with its
digest right). The database is opened read-only: a damaged or read-only archive can be
checked without being written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from scraper.archive.merge import safe_warc_name
from scraper.warc.reader import WarcPointer, read_response
from scraper.warc.writer import default_warc_folder
from scraper.web.errors import CorruptWarc

_POINTERS = (
    "SELECT id, warc_file, warc_offset, warc_length, warc_record_id, warc_payload_digest,"
    " payload_sha256 FROM fetches WHERE warc_file IS NOT NULL ORDER BY warc_file, warc_offset"
)


@dataclass
class CheckReport:
    """What `check_archive` found: problems, one line each, and how much it read."""

    problems: list[str] = field(default_factory=list)
    pointers: int = 0


def check_archive(path: Path, progress: Callable[[int], None] | None = None) -> CheckReport:
    """Check the archive at ``path``; raises ``sqlite3.DatabaseError`` when it cannot be
    read at all."""
    report = CheckReport()
    conn = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
    try:
        for (line,) in conn.execute("PRAGMA integrity_check"):
            if line != "ok":
                report.problems.append(f"database: {line}")
        folder = default_warc_folder(Path(path))
        for fetch_id, name, offset, length, record_id, digest, sha256 in conn.execute(_POINTERS):
            report.pointers += 1
            if progress is not None:
                progress(report.pointers)
            problem = _pointer_problem(folder, name, offset, length, record_id, digest, sha256)
            if problem:
                report.problems.append(f"fetch {fetch_id}: {problem}")
    finally:
        conn.close()
    return report


def _pointer_problem(
    folder: Path, name: str, offset: int, length: int, record_id: str, digest: str, sha256: str
) -> str | None:
    if not safe_warc_name(name):
        return f"WARC pointer {name!r} is not a file name of the WARC folder"
    if not (folder / name).is_file():
        return f"WARC file {name} is missing"
    pointer = WarcPointer(name, offset or 0, length or 0, record_id, digest or "", sha256)
    try:
        read_response(folder, pointer)
    except ValueError:
        return None  # a revisit record: its body is in the record it refers to
    except (CorruptWarc, OSError) as exc:
        return str(exc)
    return None
