"""An archive built or brought up to date from a derived Parquet dataset (`derive`).

The dataset's `record` column holds each record exactly as the parsers gave it; the rows
are stored in the order they were fetched (fetch time, then WARC file and offset), in
batches like `import-jsonl`, so dedup, versions, syndication and the search index come
out as if the responses had been crawled into this archive.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

from parsers.record import Article
from scraper.archive.bulk import store_batches
from scraper.archive.store import Archive, RunCounts

ORDER = [("fetched_at", "ascending"), ("warc_path", "ascending"), ("warc_offset", "ascending")]
COLUMNS = ["record", "fetched_at", "warc_path", "warc_offset"]


class DatasetError(ValueError):
    """The folder is not a derived dataset; the message says what is wrong."""


def read_records(folder: Path) -> Iterator[tuple[str, Article]]:
    """(fetched_at, record) of every row of the dataset at `folder`, in fetch order."""
    records = folder / "records"
    if not records.is_dir():
        raise DatasetError(f"{folder}: not a derived dataset (no records/ folder)")
    try:
        dataset = ds.dataset(records, format="parquet", partitioning="hive")
        table = dataset.to_table(columns=COLUMNS).sort_by(ORDER)
    except (pa.ArrowInvalid, pa.ArrowTypeError, KeyError, OSError) as exc:
        raise DatasetError(f"{folder}: cannot read the dataset: {exc}") from None
    for batch in table.to_batches(max_chunksize=1000):
        for fetched_at, record in zip(
            batch.column("fetched_at").to_pylist(), batch.column("record").to_pylist(), strict=True
        ):
            try:
                yield fetched_at, Article.from_dict(json.loads(record))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise DatasetError(f"{folder}: a row is not an article record ({exc})") from None


def import_parquet(archive: Archive, folder: Path, batch: int = 5000) -> RunCounts:
    """Store every record of the dataset, `batch` records a transaction, in fetch order."""
    counts = RunCounts()
    rows = read_records(folder)
    times: list[str] = []

    def chunks() -> Iterator[list[Article]]:
        while chunk := list(islice(rows, batch)):
            times.append(chunk[-1][0])
            yield [article for _, article in chunk]

    for outcomes in store_batches(archive, chunks(), lambda: times.pop(0)):
        for outcome in outcomes:
            counts.add(outcome)
    return counts
