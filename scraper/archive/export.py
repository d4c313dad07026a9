"""Export archived articles as JSONL, CSV or Parquet, and import JSONL back.

JSONL is the lossless format: one `Article.to_dict()` record per line, exactly as
stored, and `import_jsonl` stores such a file through `Archive.store_articles`, so an
export re-imports to the same records. CSV flattens each record to the columns of
`CSV_COLUMNS` (lists joined with "; "), led by the archive's stable article id and
first-fetch time. Parquet keeps the record's nested shape (persons, documents, images as
lists of structs) with typed times: `published_at` / `updated_at` are timestamps at
+07:00 where the page gave a time (null where it gave only a day), `published_date` /
`updated_date` the day, `first_fetched_at` a UTC timestamp.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.parquet as pq
from sqlite_utils import Database

from parsers.record import Article
from scraper.archive.bulk import store_batches
from scraper.archive.store import Archive, RunCounts, now_iso
from scraper.web.urls import canonical_url

FORMATS = ("jsonl", "csv", "parquet")
CSV_COLUMNS = (
    "id",
    "first_fetched_at",
    "canonical_url",
    "url",
    "site",
    "section",
    "title",
    "sapo",
    "published_at",
    "updated_at",
    "byline_author",
    "byline_organization",
    "byline_source",
    "persons",
    "speakers",
    "directives",
    "tags",
    "images",
    "language",
    "parser",
    "body_text",
)
_STR = pa.string()
PARQUET_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("first_fetched_at", pa.timestamp("s", tz="UTC")),
        ("url", _STR),
        ("canonical_url", _STR),
        ("site", _STR),
        ("section", _STR),
        ("title", _STR),
        ("sapo", _STR),
        ("body_text", _STR),
        ("published_at", pa.timestamp("s", tz="+07:00")),
        ("published_date", pa.date32()),
        ("updated_at", pa.timestamp("s", tz="+07:00")),
        ("updated_date", pa.date32()),
        ("byline", pa.struct([("author", _STR), ("organization", _STR), ("source", _STR)])),
        (
            "persons",
            pa.list_(
                pa.struct(
                    [
                        ("name", _STR),
                        ("positions", pa.list_(_STR)),
                        ("spoke", pa.bool_()),
                        ("role", _STR),
                    ]
                )
            ),
        ),
        (
            "directives",
            pa.list_(
                pa.struct(
                    [
                        (name, _STR)
                        for name in ("text", "kind", "number", "symbol", "id", "date", "issuer")
                    ]
                    + [("title", _STR)]
                )
            ),
        ),
        ("images", pa.list_(pa.struct([("src", _STR), ("caption", _STR)]))),
        ("tags", pa.list_(_STR)),
        ("language", _STR),
        ("parser", _STR),
    ]
)
PARQUET_BATCH = 2000


class RecordError(Exception):
    """A line of an import file is not a record."""


@dataclass(frozen=True, slots=True)
class Filters:
    site: str | None = None
    section: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    # ids of provinces (`parsers.places`): the article's province as published is one
    provinces: frozenset[str] | None = None


def stored(db: Database, filters: Filters) -> Iterator[tuple[int, str, str]]:
    """Article id, first-fetch time and JSON record of every matching article, oldest
    first, streamed."""
    where, params = [], []
    if filters.site:
        where.append("site = ?")
        params.append(filters.site)
    if filters.section:
        where.append("section = ?")
        params.append(filters.section)
    if filters.date_from:
        where.append("substr(published_at, 1, 10) >= ?")
        params.append(filters.date_from.isoformat())
    if filters.date_to:
        where.append("substr(published_at, 1, 10) <= ?")
        params.append(filters.date_to.isoformat())
    if filters.provinces is not None:
        where.append(_in_provinces("id", filters.provinces))
        params.extend(sorted(filters.provinces))
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    sql = f"SELECT id, first_fetched_at, record FROM articles {clause} ORDER BY id"
    yield from db.execute(sql, params)


def _in_provinces(column: str, provinces: frozenset[str]) -> str:
    marks = ", ".join("?" * len(provinces))
    return f"{column} IN (SELECT article_id FROM article_places WHERE published_id IN ({marks}))"


def flat_row(record: dict[str, Any], article_id: int, first_fetched_at: str) -> dict[str, str]:
    """One record as the CSV columns (docs/archive.md)."""
    byline = record.get("byline") or {}
    persons = record.get("persons") or []
    row = {key: record.get(key) for key in CSV_COLUMNS if key in record}
    row.update(
        id=article_id,
        first_fetched_at=first_fetched_at,
        byline_author=byline.get("author"),
        byline_organization=byline.get("organization"),
        byline_source=byline.get("source"),
        persons="; ".join(p["name"] for p in persons),
        speakers="; ".join(p["name"] for p in persons if p.get("spoke")),
        directives="; ".join(d.get("id") or d["text"] for d in record.get("directives") or []),
        tags="; ".join(record.get("tags") or []),
        images="; ".join(i["src"] for i in record.get("images") or []),
    )
    return {key: "" if row.get(key) is None else str(row[key]) for key in CSV_COLUMNS}


def write_jsonl(rows: Iterator[tuple[int, str, str]], out: IO[str]) -> int:
    count = 0
    for _id, _fetched, line in rows:
        out.write(line + "\n")
        count += 1
    return count


def write_csv(rows: Iterator[tuple[int, str, str]], out: IO[str], *, bom: bool = False) -> int:
    """CSV with a header; `bom` starts it with U+FEFF, which Excel needs to read UTF-8."""
    if bom:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for article_id, fetched, line in rows:
        writer.writerow(flat_row(json.loads(line), article_id, fetched))
        count += 1
    return count


def _moment(value: str | None) -> datetime | None:
    """An ISO 8601 instant; None for a bare day (the page gave no time) or nothing."""
    return datetime.fromisoformat(value) if value and "T" in value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def parquet_row(record: dict[str, Any], article_id: int, first_fetched_at: str) -> dict[str, Any]:
    """A record with the Parquet columns' types (see the module doc)."""
    return {
        **typed_record(record),
        "id": article_id,
        "first_fetched_at": datetime.fromisoformat(first_fetched_at),
    }


def typed_record(record: dict[str, Any]) -> dict[str, Any]:
    """The record's dates as the Parquet columns hold them: an instant, and the day."""
    return {
        **record,
        "published_at": _moment(record.get("published_at")),
        "published_date": _day(record.get("published_at")),
        "updated_at": _moment(record.get("updated_at")),
        "updated_date": _day(record.get("updated_at")),
    }


def write_parquet(rows: Iterator[tuple[int, str, str]], path: Path) -> int:
    count, batch = 0, []
    with pq.ParquetWriter(path, PARQUET_SCHEMA) as writer:
        for article_id, fetched, line in rows:
            batch.append(parquet_row(json.loads(line), article_id, fetched))
            if len(batch) == PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
                count, batch = count + len(batch), []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=PARQUET_SCHEMA))
            count += len(batch)
    return count


# A site is named by its host name: lower-case letters, digits, hyphens, dots between.
_SITE_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")


def checked(article: Article) -> Article:
    """The record, if its URLs are absolute http(s) URLs and its site a host name;
    else ValueError. (A `javascript:` URL would reach every page that shows the record,
    a site like `../../etc` every path built from it.)"""
    for name in ("url", "canonical_url"):
        value = getattr(article, name)
        if not isinstance(value, str) or urlsplit(value).scheme.lower() not in ("http", "https"):
            raise ValueError(f"{name} is not an http(s) URL: {value!r}")
        canonical_url(value)  # raises ValueError for a URL without a host
    if not isinstance(article.site, str) or not _SITE_NAME.fullmatch(article.site):
        raise ValueError(f"site is not a host name: {article.site!r}")
    return article


def read_jsonl(path: Path) -> Iterator[Article]:
    """Records of a JSONL file; a line that is not one raises RecordError naming it."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield checked(Article.from_dict(json.loads(line)))
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                raise RecordError(f"{path}:{number}: not an article record ({exc})") from None


def import_jsonl(archive: Archive, path: Path, batch: int = 5000) -> RunCounts:
    """Store every record of a JSONL file, `batch` records per transaction, each batch
    prepared in a worker process while the one before is stored.

    A killed import leaves whole batches; running it again stores the rest and counts
    the records already there as unchanged.
    """
    counts = RunCounts()
    articles = read_jsonl(path)
    chunks = iter(lambda: list(islice(articles, batch)), [])
    for outcomes in store_batches(archive, chunks, now_iso):
        for outcome in outcomes:
            counts.add(outcome)
    archive.place_articles()
    return counts
