"""What a re-check of an archived article needs: its URL, validators and last response.

Which articles are re-checked, and when, is the schedule's business
(`scraper.archive.schedule`). For each one this gives the ``ETag`` and
``Last-Modified`` of the last full response archived for it (sent as ``If-None-Match``
/ ``If-Modified-Since``, so an unchanged page costs the server a 304) and the WARC
pointer of that response (an identical payload is then stored as a revisit record
pointing at it). An article imported without a response (`import-jsonl`) has none.
"""

from __future__ import annotations

from dataclasses import dataclass

from scraper.archive.schedule import Due
from scraper.archive.store import Archive
from scraper.warc.writer import WarcPointer

# The last fetch of an article that returned its full page (revisits have a detail
# starting "revisit"; a page whose record did not change is logged `unchanged` in full).
_LAST_FULL = """
SELECT url, etag, last_modified, warc_file, warc_offset, warc_length,
       warc_record_id, warc_payload_digest, payload_sha256
FROM fetches
WHERE article_id = ? AND status = 200 AND warc_file IS NOT NULL
  AND outcome IN ('new', 'updated', 'unchanged')
  AND (detail IS NULL OR detail NOT LIKE 'revisit%')
ORDER BY id DESC LIMIT 1
"""


@dataclass(frozen=True, slots=True)
class Recheck:
    url: str
    article_id: int
    etag: str | None
    last_modified: str | None
    original: WarcPointer | None

    @property
    def digest(self) -> str | None:
        return self.original.payload_digest if self.original else None


def rechecks(archive: Archive, due: list[Due]) -> list[Recheck]:
    """The re-checks of `due` articles, in the same order."""
    found = []
    with archive.transaction():
        for item in due:
            row = archive.db.execute(_LAST_FULL, [item.article_id]).fetchone()
            if row is None:
                found.append(Recheck(item.url, item.article_id, None, None, None))
                continue
            url, etag, last_modified, file, offset, length, record_id, digest, sha256 = row
            original = WarcPointer(file, offset, length, record_id, digest or "", sha256)
            found.append(Recheck(url, item.article_id, etag, last_modified, original))
    return found
