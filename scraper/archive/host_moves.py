"""Sites that moved host, learned from the redirects kept in the WARC files.

A redirect response (301, 302, 303, 307, 308) whose `Location` leads to another host
(`www.` aside) is a move old host → new host; `host_moves` keeps each move with the
WARC dates it was first and last seen and one URL that showed it. A WARC file is read
again only when it has grown since it was last read (`warc_scans`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scraper.archive.store import Archive, now_iso
from scraper.sites.profile import SiteProfile
from scraper.warc.reader import iter_responses
from scraper.web.errors import CorruptWarc

REDIRECTS = frozenset({301, 302, 303, 307, 308})


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _moves_in(path: Path) -> list[tuple[str, str, str, str]]:
    """(old host, new host, WARC date, URL) of each cross-host redirect in one file."""
    moves = []
    for stored in iter_responses(path):
        location = stored.header("Location")
        if stored.status not in REDIRECTS or not location:
            continue
        source = stored.page_url
        old, new = _host(source), _host(urljoin(source, location))
        if old and new and old != new:
            moves.append((old, new, stored.fetched_at, source))
    return moves


def learn_host_moves(archive: Archive) -> list[str]:
    """Read the WARC files not read (or grown) since last time; returns problems found."""
    problems = []
    scanned = dict(archive.db.execute("SELECT file, size FROM warc_scans").fetchall())
    for path in sorted(archive.warc_dir.glob("*.warc*")):
        size = path.stat().st_size
        if scanned.get(path.name) == size:
            continue
        try:
            moves = _moves_in(path)
        except CorruptWarc as error:
            problems.append(str(error))
            continue
        with archive.transaction():
            archive.db.conn.executemany(
                """
                INSERT INTO host_moves (old_host, new_host, first_seen_at, last_seen_at,
                                        example_url)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (old_host, new_host) DO UPDATE SET
                    first_seen_at = min(first_seen_at, excluded.first_seen_at),
                    last_seen_at = max(last_seen_at, excluded.last_seen_at)
                """,
                [(old, new, seen, seen, url) for old, new, seen, url in moves],
            )
            archive.db.execute(
                "INSERT OR REPLACE INTO warc_scans (file, size, scanned_at) VALUES (?, ?, ?)",
                [path.name, size, now_iso()],
            )
    return problems


def host_moves(
    archive: Archive, sites: Mapping[str, SiteProfile] | None = None
) -> list[dict[str, str | None]]:
    """Every move learned, oldest first, with the registered sites of both hosts (None
    for a host no profile lists)."""
    owner = {
        host.removeprefix("www."): site.name
        for site in (sites or {}).values()
        for host in site.hosts
    }
    rows = archive.db.execute(
        "SELECT old_host, new_host, first_seen_at, last_seen_at, example_url"
        " FROM host_moves ORDER BY first_seen_at, old_host"
    ).fetchall()
    keys = ("old_host", "new_host", "first_seen_at", "last_seen_at", "example_url")
    moves = []
    for row in rows:
        move: dict[str, str | None] = dict(zip(keys, row, strict=True))
        move.update(old_site=owner.get(row[0]), new_site=owner.get(row[1]))
        moves.append(move)
    return moves
