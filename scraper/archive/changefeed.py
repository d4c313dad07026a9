"""The changes for analysts: listed, as JSON, as an Atom feed, exported.

Reads the `changes` table (`scraper.archive.changes` writes it) with the article's title
and the WARC record of the response that showed the change.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree as ET

import pyarrow as pa
import pyarrow.parquet as pq
from sqlite_utils import Database

from scraper.archive.changes import KINDS
from scraper.archive.store import now_iso

ATOM = "http://www.w3.org/2005/Atom"
CSV_COLUMNS = (
    "id", "detected_at", "kind", "detail", "site", "title", "url", "observed_between",
    "fields", "substantive", "diff", "warc_file", "warc_offset", "warc_record_id",
)  # fmt: skip
_SELECT = """
SELECT c.id, c.detected_at, c.kind, c.detail, c.site, a.title, c.url, c.observed_from,
       c.observed_to, c.observed_between, c.fields, c.substantive, c.field_diff, c.text_diff,
       c.diff, c.similarity, c.article_id, c.version_id, f.warc_file, f.warc_offset,
       f.warc_record_id
FROM changes c
JOIN articles a ON a.id = c.article_id
LEFT JOIN fetches f ON f.id = c.fetch_id
"""


@dataclass(frozen=True, slots=True)
class ChangeFilter:
    since: date | None = None
    site: str | None = None
    kind: str | None = None


def list_changes(db: Database, filters: ChangeFilter = ChangeFilter()) -> list[dict[str, Any]]:
    """The changes matching `filters`, oldest first, as plain dicts (JSON fields parsed)."""
    where, params = [], []
    if filters.since:
        where.append("c.detected_at >= ?")
        params.append(filters.since.isoformat())
    if filters.site:
        where.append("c.site = ?")
        params.append(filters.site)
    if filters.kind:
        where.append("c.kind = ?")
        params.append(filters.kind)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    cursor = db.execute(_SELECT + clause + " ORDER BY c.detected_at, c.id", params)
    names = [d[0] for d in cursor.description]
    found = []
    for row in cursor.fetchall():
        change = dict(zip(names, row, strict=True))
        for key in ("fields", "field_diff", "text_diff"):
            change[key] = json.loads(change[key]) if change[key] else None
        change["substantive"] = bool(change["substantive"])
        found.append(change)
    return found


def run_line(db: Database, run_id: int) -> str | None:
    """What a run found, in one line (None if nothing): the events by kind, and the URLs
    left suspected of removal (they are confirmed or cleared by a later run)."""
    counts = dict(
        db.execute(
            "SELECT kind, count(*) FROM changes WHERE run_id = ? GROUP BY kind", [run_id]
        ).fetchall()
    )
    suspect = db.execute(
        "SELECT count(*) FROM removals WHERE last_run_id = ? AND status = 'suspect'", [run_id]
    ).fetchone()[0]
    parts = [f"{counts[kind]} {kind}" for kind in KINDS if counts.get(kind)]
    if suspect:
        parts.append(f"{suspect} suspected removed (to be confirmed by a later run)")
    return f"run {run_id} changes: " + ", ".join(parts) if parts else None


def headline(change: dict[str, Any]) -> str:
    """One line: what happened to which article."""
    kind = change["kind"]
    if kind == "edited":
        what = "edited (" + ", ".join(change["fields"] or ()) + ")"
        what += " — substantive" if change["substantive"] else ""
    elif kind == "moved":
        what = f"moved (→ {change['detail']})"
    elif change["detail"]:
        what = f"{kind} ({change['detail']})"
    else:
        what = kind
    return f"{what}: {change['title']}"


def text_lines(change: dict[str, Any]) -> list[str]:
    """A change as the `changes` command prints it."""
    lines = [
        f"{change['detected_at']}  {change['site']}  {headline(change)}",
        f"    {change['url']}",
        f"    observed between {change['observed_between']}",
    ]
    lines += [f"    {line}" for line in (change["diff"] or "").splitlines()]
    return lines


def atom(changes: list[dict[str, Any]], feed_id: str, title: str) -> str:
    """An Atom feed (RFC 4287) of `changes`, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_id)
    _text(feed, "title", title)
    newest = max((c["detected_at"] for c in changes), default=now_iso())
    _text(feed, "updated", newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "tuyengiao-archive")
    for change in sorted(changes, key=lambda c: (c["detected_at"], c["id"]), reverse=True):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"{feed_id}:change:{change['id']}")
        _text(entry, "title", headline(change))
        _text(entry, "updated", change["detected_at"])
        ET.SubElement(entry, f"{{{ATOM}}}link", href=change["url"], rel="alternate")
        ET.SubElement(entry, f"{{{ATOM}}}category", term=change["kind"])
        _text(entry, "content", "\n".join(text_lines(change)[1:])).set("type", "text")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _text(parent: ET.Element, name: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element


def write_jsonl(changes: list[dict[str, Any]], out: IO[str]) -> int:
    for change in changes:
        out.write(json.dumps(change, ensure_ascii=False) + "\n")
    return len(changes)


def write_csv(changes: list[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for change in changes:
        writer.writerow({**change, "fields": "; ".join(change["fields"] or ())})
    return len(changes)


def write_parquet(changes: list[dict[str, Any]], path: Path) -> int:
    rows = [
        {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
         for k, v in change.items()}
        for change in changes
    ]  # fmt: skip
    pq.write_table(pa.Table.from_pylist(rows), path)
    return len(changes)


def write_changes(changes: list[dict[str, Any]], fmt: str, out: IO[str] | Path) -> int:
    """`changes` in an export format: jsonl, csv (to a stream) or parquet (to a path)."""
    if fmt == "parquet":
        assert isinstance(out, Path)
        return write_parquet(changes, out)
    assert not isinstance(out, Path)
    return (write_jsonl if fmt == "jsonl" else write_csv)(changes, out)
