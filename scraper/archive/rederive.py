"""Records derived again from stored responses: `import-warc`, `reparse`, `rebuild`.

The WARC files are the archive's ground truth; the database is what the parsers made of
them. These functions run stored responses through the same ingest path as a crawl, so a
better parser, a WARC made by another tool, or a lost database only costs a re-run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from parsers import Registry
from scraper.archive import ingest
from scraper.archive.store import Archive, RunCounts
from scraper.warc.reader import is_warc
from scraper.warc.writer import StoredResponse, WarcPointer, iter_responses, read_response
from scraper.web.errors import CorruptWarc

Progress = Callable[[str], None]
# Responses read at a time, before they are stored: at most this many page bodies in
# memory.
BATCH = 100
# Responses stored in one transaction (each keeps its own savepoint inside it). A commit
# per response took about a third of an import's time (benchmarks/bench_rederive.py), and
# a commit per 100 wrote the near-duplicate keys and the search index's pages again at
# every batch (benchmarks/bench_ingest.py measures the import path: --batch).
TRANSACTION = 5000


@dataclass
class Report:
    """What a re-derivation did: the run, its counts and the problems met on the way."""

    run_id: int
    counts: RunCounts
    problems: list[str] = field(default_factory=list)


def adopt(warc_dir: Path, source: Path) -> Path:
    """Place a WARC file made elsewhere inside the archive's WARC folder.

    The database points into the files of its own folder only, so an imported file is
    linked (or copied, across file systems) there first; a file already there is used
    as it is. A different file of the same name gets the prefix `imported-`.
    """
    warc_dir.mkdir(parents=True, exist_ok=True)
    source = source.resolve()
    if source.parent == warc_dir.resolve():
        return source
    target = warc_dir / source.name
    serial = 0
    while target.exists():
        if target.stat().st_size == source.stat().st_size and _same_bytes(target, source):
            return target
        serial += 1
        target = warc_dir / f"imported-{serial}-{source.name}"
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
    return target


def _same_bytes(a: Path, b: Path) -> bool:
    with a.open("rb") as fa, b.open("rb") as fb:
        while True:
            chunk_a, chunk_b = fa.read(1 << 20), fb.read(1 << 20)
            if chunk_a != chunk_b:
                return False
            if not chunk_a:
                return True


def ingest_stored(
    archive: Archive,
    run_id: int,
    stored: StoredResponse,
    counts: RunCounts,
    registry: Registry | None = None,
) -> str:
    """Archive one stored response, parsed with `registry`'s profiles; returns its outcome."""
    row = {
        "run_id": run_id,
        "url": stored.page_url,
        "fetch_url": stored.url,
        "final_url": stored.url,
        "status": stored.status,
        "content_type": stored.header("Content-Type"),
        "fetched_at": stored.fetched_at,
        "attempts": 1,
        "warc_file": stored.pointer.filename,
        "warc_offset": stored.pointer.offset,
        "warc_length": stored.pointer.length,
        "warc_record_id": stored.pointer.record_id,
        "payload_sha256": stored.pointer.sha256,
    }
    return ingest.store(archive, row, reading_of(stored, registry), counts)


def reading_of(stored: StoredResponse, registry: Registry | None = None) -> ingest.Reading:
    """What a stored response is, read as a crawl would have read it when fetched
    (parsed with `registry`'s profiles, the packaged ones by default)."""
    if stored.decode_error:
        return ingest.Reading("failed", detail=stored.decode_error)
    return ingest.read_response(
        stored.page_url,
        stored.status,
        stored.header("Content-Type"),
        stored.body,
        truncated=stored.truncated,
        registry=registry,
        fetched_at=stored.fetched_at,
    )


def import_warcs(
    archive: Archive,
    paths: Iterable[Path],
    *,
    command: str = "import-warc",
    registry: Registry | None = None,
) -> Report:
    """Feed every response of the WARC files through the parse-and-archive path.

    A corrupt record ends the reading of its file (what came before it is kept) and is
    reported; the other files are still read. A file that is no WARC is reported and
    neither linked nor copied into the WARC folder.
    """
    paths = list(paths)
    report = Report(archive.start_run(command, [str(p) for p in paths]), RunCounts())
    status = "interrupted"
    try:
        for path in paths:
            if not is_warc(path):
                report.counts.failed += 1
                report.problems.append(f"{path}: not a WARC file; not imported")
                continue
            adopted = adopt(archive.warc_dir, path)
            try:
                _store_all(archive, report, _read_in_batches(iter_responses(adopted)), registry)
            except CorruptWarc as exc:
                report.counts.failed += 1
                report.problems.append(str(exc))
        status = "completed" if not report.problems else "completed_with_errors"
    finally:
        archive.finish_run(report.run_id, report.counts, status)
    return report


def _read_in_batches(responses: Iterator[StoredResponse]) -> Iterator[list[StoredResponse]]:
    """The responses in lists of `BATCH`, read before their batch's transaction begins.
    When reading fails (a corrupt record), the list read so far is given first, then the
    error, so what came before it is still stored."""
    batch: list[StoredResponse] = []
    try:
        for stored in responses:
            batch.append(stored)
            if len(batch) == BATCH:
                yield batch
                batch = []
    except Exception:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def _store_all(
    archive: Archive,
    report: Report,
    batches: Iterator[list[StoredResponse]],
    registry: Registry | None,
) -> None:
    """Store the responses in transactions of TRANSACTION (whole batches); count them once
    their transaction is committed. An error reading the next batch (a corrupt record)
    commits the transaction with what was read before it, then is raised."""
    error: Exception | None = None
    done = False
    while not done:
        counts = RunCounts()
        with archive.transaction():
            while counts.fetched < TRANSACTION:
                try:
                    batch = next(batches, None)
                except Exception as exc:
                    error, batch = exc, None
                if batch is None:
                    done = True
                    break
                for stored in batch:
                    counts.fetched += 1
                    if registry is None:
                        ingest_stored(archive, report.run_id, stored, counts)
                    else:
                        ingest_stored(archive, report.run_id, stored, counts, registry)
        report.counts.merge(counts)
    if error is not None:
        raise error


def reparse(
    archive: Archive, *, site: str | None = None, registry: Registry | None = None
) -> Report:
    """Parse again, with the current parsers, the last stored page of every archived URL.

    Pages that were not articles before are tried again too: a better parser may read
    them. Changed records go through the archive's versioning like any update.
    """
    report = Report(archive.start_run("reparse", [site] if site else []), RunCounts())
    status = "interrupted"
    try:
        stored = _read_each(archive, _latest_pages(archive, site), report)
        _store_all(archive, report, _read_in_batches(stored), registry)
        status = "completed" if not report.problems else "completed_with_errors"
    finally:
        archive.finish_run(report.run_id, report.counts, status)
    return report


def _read_each(
    archive: Archive, pointers: list[WarcPointer], report: Report
) -> Iterator[StoredResponse]:
    """The stored responses; one that cannot be read is a problem of the report."""
    for pointer in pointers:
        try:
            yield read_response(archive.warc_dir, pointer)
        except (CorruptWarc, OSError, ValueError) as exc:
            report.counts.failed += 1
            report.problems.append(f"{pointer.filename}@{pointer.offset}: {exc}")


def _site_patterns(site: str) -> list[str]:
    return [f"%://{site}/%", f"%://www.{site}/%"]


def has_site(archive: Archive, site: str) -> bool:
    """Whether the archive logged any fetch of a page of `site` (a host name)."""
    found = archive.db.execute(
        "SELECT 1 FROM fetches WHERE url LIKE ? OR url LIKE ? LIMIT 1", _site_patterns(site)
    ).fetchone()
    return found is not None


def _latest_pages(archive: Archive, site: str | None) -> list[WarcPointer]:
    """The newest stored page (a response record, not a revisit) of each URL."""
    # 'unchanged' re-fetches may be stored as revisits; the page they repeat is older.
    stored_page = (
        "status = 200 AND warc_file IS NOT NULL AND outcome NOT IN ('unchanged', 'attachment')"
    )
    site_filter, params = "", []
    if site:
        site_filter = "AND (url LIKE ? OR url LIKE ?)"
        params = _site_patterns(site)
    rows = archive.db.execute(
        f"""
        SELECT warc_file, warc_offset, warc_length, warc_record_id, payload_sha256
        FROM fetches WHERE id IN (
            SELECT max(id) FROM fetches WHERE {stored_page} GROUP BY url
        ) {site_filter}
        ORDER BY id
        """,
        params,
    ).fetchall()
    return [
        WarcPointer(
            filename=r[0],
            offset=r[1],
            length=r[2],
            record_id=r[3],
            payload_digest="",
            sha256=r[4],
        )
        for r in rows
    ]


def rebuild(source_warcs: Path, into: Archive, registry: Registry | None = None) -> Report:
    """A new archive from a folder of WARC files, read in the order they were written."""
    files = sorted(source_warcs.glob("*.warc.gz")) + sorted(source_warcs.glob("*.warc"))
    return import_warcs(into, files, command="rebuild", registry=registry)
