"""Which archived articles `update` re-checks, and with which validators.

An article is re-checked when it was published within the last ``days`` days (or, when
its date is unknown, first fetched within them): recent articles are the ones still being
edited. The request carries the
``ETag`` and ``Last-Modified`` of the last full response archived for it
(``If-None-Match`` / ``If-Modified-Since``), so an unchanged page costs the server a 304.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from scraper.archive.store import Archive
from scraper.warc.writer import WarcPointer

# The last fetch of each article that returned its full page (revisits have a detail).
_DUE = """
SELECT a.id, f.url, f.etag, f.last_modified, f.warc_file, f.warc_offset, f.warc_length,
       f.warc_record_id, f.warc_payload_digest, f.payload_sha256
FROM articles a
JOIN fetches f ON f.id = (
    SELECT max(id) FROM fetches
    WHERE article_id = a.id AND status = 200 AND detail IS NULL AND warc_file IS NOT NULL
      AND outcome IN ('new', 'updated', 'unchanged')
)
WHERE a.site = ? AND coalesce(a.published_at, a.first_fetched_at) >= ?
ORDER BY a.id
"""


@dataclass(frozen=True, slots=True)
class Recheck:
    url: str
    article_id: int
    etag: str | None
    last_modified: str | None
    original: WarcPointer

    @property
    def digest(self) -> str:
        return self.original.payload_digest


def due_rechecks(archive: Archive, site: str, days: int) -> list[Recheck]:
    """The recent articles of ``site`` with their last full response, oldest first."""
    if days <= 0:
        return []
    day = (datetime.now(UTC) - timedelta(days=days)).date().isoformat()
    with archive.transaction():
        rows = archive.db.execute(_DUE, [site, day]).fetchall()
    return [_recheck(row) for row in rows]


def _recheck(row: tuple[Any, ...]) -> Recheck:
    article_id, url, etag, last_modified, file, offset, length, record_id, digest, sha256 = row
    original = WarcPointer(file, offset, length, record_id, digest or "", sha256)
    return Recheck(url, article_id, etag, last_modified, original)
