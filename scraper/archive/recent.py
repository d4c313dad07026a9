"""The newest stored pages of a site, read back from the WARCs: what `sites learn
--from-archive` learns a changed template from."""

from __future__ import annotations

from collections.abc import Callable

from scraper.archive.store import Archive
from scraper.warc.reader import StoredResponse, WarcPointer, read_response
from scraper.web.errors import CorruptWarc


def recent_pages(
    archive: Archive, hosts: frozenset[str], wanted: Callable[[str], bool], limit: int = 10
) -> list[StoredResponse]:
    """Up to `limit` pages of `hosts` that answered 200 with a stored response, one per
    URL, newest first, whose URL `wanted` accepts (the site's article pattern). Pages the
    parsers read as articles and pages they did not (a changed template) alike."""
    found: list[StoredResponse] = []
    seen: set[str] = set()
    rows = archive.db.execute(
        """
        SELECT url, warc_file, warc_offset, warc_length, warc_record_id, payload_sha256
        FROM fetches
        WHERE status = 200 AND warc_file IS NOT NULL
          AND outcome NOT IN ('unchanged', 'attachment', 'truncated')
        ORDER BY id DESC
        """
    )
    for url, *pointer in rows:
        host = url.split("://", 1)[-1].split("/", 1)[0].split(":")[0].lower()
        if url in seen or host not in hosts or not wanted(url):
            continue
        seen.add(url)
        try:
            found.append(read_response(archive.warc_dir, WarcPointer(*pointer[:4], "", pointer[4])))
        except (CorruptWarc, OSError, ValueError):
            continue  # a page that cannot be read back is not learned from
        if len(found) >= limit:
            break
    return found
