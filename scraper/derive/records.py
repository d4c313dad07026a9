"""One WARC file → Parquet parts of its records and of its failures: the unit of work.

Every engine runs `derive_file` on each file of the manifest, in any order and on any
worker; it writes only files named after the input (`part-<index>.parquet`), so the
dataset is the same whatever ran it. A response is read as `reparse` reads it
(`scraper.archive.rederive.reading_of`); an article becomes one row of
`records/site=<site>/year=<year>/`, anything else (a listing, robots.txt, a 404, a
corrupt record) one row of `failures/` with its outcome and reason. Nothing stops the
job: a corrupt record ends its file's reading, and is itself a failure row.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from scraper.archive.export import PARQUET_SCHEMA, typed_record
from scraper.archive.rederive import reading_of
from scraper.warc.reader import iter_responses
from scraper.web.errors import CorruptWarc

_STR = pa.string()
# Where each row came from: the WARC record and the fetch.
POINTER_FIELDS = [
    pa.field("warc_path", _STR),
    pa.field("warc_offset", pa.int64()),
    pa.field("warc_length", pa.int64()),
    pa.field("warc_record_id", _STR),
    pa.field("fetched_at", _STR),
]
# The export's typed columns (less `site`, a partition key, and the archive's own `id` and
# `first_fetched_at`), the exact record as JSON (what `import-parquet` stores), the pointer.
NOT_DERIVED = {"site", "id", "first_fetched_at"}
RECORD_SCHEMA = pa.schema(
    [f for f in PARQUET_SCHEMA if f.name not in NOT_DERIVED]
    + [pa.field("record", _STR)]
    + POINTER_FIELDS
)
FAILURE_SCHEMA = pa.schema(
    [pa.field("url", _STR), pa.field("outcome", _STR), pa.field("reason", _STR), *POINTER_FIELDS]
)
UNKNOWN_YEAR = "unknown"


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one file gave: counts of rows written."""

    index: int
    path: str
    records: int
    failures: int


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def derive_file(index: int, path: str, out: str) -> FileResult:
    """Read the `index`-th WARC file of the manifest into the dataset at `out`."""
    by_partition: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    failures: list[dict[str, Any]] = []
    try:
        for stored in iter_responses(Path(path)):
            pointer = {
                "warc_path": path,
                "warc_offset": stored.pointer.offset,
                "warc_length": stored.pointer.length,
                "warc_record_id": stored.pointer.record_id,
                "fetched_at": stored.fetched_at,
            }
            reading = reading_of(stored)
            if reading.article is None:
                failures.append(
                    {
                        "url": stored.page_url,
                        "outcome": reading.outcome,
                        "reason": reading.detail,
                        **pointer,
                    }
                )
                continue
            record = reading.article.to_dict()
            year = (record.get("published_at") or "")[:4] or UNKNOWN_YEAR
            by_partition[(record["site"], year)].append(
                {
                    **typed_record(record),
                    "record": json.dumps(record, ensure_ascii=False),
                    **pointer,
                }
            )
    except CorruptWarc as exc:
        failures.append(
            {
                "url": None,
                "outcome": "corrupt",
                "reason": str(exc),
                "warc_path": path,
                "warc_offset": exc.offset,
                "warc_length": None,
                "warc_record_id": None,
                "fetched_at": None,
            }
        )
    root = Path(out)
    for (site, year), rows in sorted(by_partition.items()):
        folder = root / "records" / f"site={site}" / f"year={year}"
        _write(folder / part_name(index), rows, RECORD_SCHEMA)
    if failures:
        _write(root / "failures" / part_name(index), failures, FAILURE_SCHEMA)
    records = sum(len(rows) for rows in by_partition.values())
    return FileResult(index, path, records, len(failures))


def _write(path: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=schema)
    tmp = path.with_suffix(".tmp")
    pq.write_table(table, tmp)
    tmp.replace(path)  # a killed task leaves no half-written part behind
