"""What one site's crawl may follow in one run, and when robots.txt asks for a second look.

Nothing is followed without a bound: at most ``max_listing_pages`` listing pages and
``max_sitemaps`` sitemaps a run, sitemap indexes nested at most MAX_SITEMAP_DEPTH deep,
and at most MAX_QUERY_VARIANTS query strings on the path of an article whose path alone
names it (a query string there only makes another address of the same page). A cap
reached is one warning and one ``cap`` event a run.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from scraper.archive.store import Archive, now_iso
from scraper.crawl.events import EventLog
from scraper.crawl.frontier import Frontier

log = logging.getLogger(__name__)

MAX_SITEMAP_DEPTH = 3  # an index of indexes of indexes; the protocol allows one level
MAX_QUERY_VARIANTS = 5  # query strings kept on the path of an article its path names


class RunBounds:
    """The counters of one site's run against its caps."""

    def __init__(
        self, site: str, max_listing_pages: int, max_sitemaps: int, events: EventLog
    ) -> None:
        self.site = site
        self.max_listing_pages = max_listing_pages
        self.max_sitemaps = max_sitemaps
        self.events = events
        self.listing_pages = 0
        self.sitemap_depth: dict[str, int] = {}  # sitemaps reached this run → nesting
        self.capped: set[str] = set()

    def may_page(self) -> bool:
        """May one more listing page be queued?"""
        if self.listing_pages < self.max_listing_pages:
            return True
        self.cap(
            "listing pages",
            f"{self.max_listing_pages} listing pages read this run (--max-listing-pages);"
            " paging stops",
        )
        return False

    def child_depth(self, index_url: str) -> int | None:
        """The nesting of the sitemaps an index names; None when too deep to follow."""
        depth = self.sitemap_depth.get(index_url, 0) + 1
        if depth <= MAX_SITEMAP_DEPTH:
            return depth
        self.cap("sitemap depth", f"sitemap indexes nested over {MAX_SITEMAP_DEPTH} deep")
        return None

    def sitemap_room(self) -> bool:
        """May one more sitemap be queued?"""
        if len(self.sitemap_depth) < self.max_sitemaps:
            return True
        self.cap("sitemaps", f"{self.max_sitemaps} sitemaps read this run (--max-sitemaps)")
        return False

    def too_many_variants(self, frontier: Frontier, path_names_it: bool, url: str) -> bool:
        """Is ``url`` one query string too many on the path of an article that its path
        alone names (``path_names_it``)? A URL already known is never too many."""
        path, _, query = url.partition("?")
        if not query or not path_names_it or frontier.status(url) is not None:
            return False
        if frontier.known_under(path + "?") < MAX_QUERY_VARIANTS:
            return False
        self.cap("query variants", f"over {MAX_QUERY_VARIANTS} query strings on {path}")
        return True

    def cap(self, name: str, detail: str) -> None:
        """Note that a cap stopped something; warned of once a run."""
        if name not in self.capped:
            self.capped.add(name)
            log.warning("%s: %s; the rest not followed", self.site, detail)
            self.events.emit("cap", site=self.site, cap=name, detail=detail)


def path_of(url: str) -> str:
    return urlsplit(url).path


def requeue_if_robots_changed(
    archive: Archive, frontier: Frontier, site: str, digest: str | None
) -> None:
    """When the site's robots.txt (``digest``, None if unread) differs from the one last
    read, queue again the articles its rules forbade: the rules are looked at again
    before each. Call inside a transaction."""
    if digest is None:
        return
    row = archive.db.execute("SELECT sha256 FROM robots_seen WHERE site = ?", [site]).fetchone()
    if row is not None and row[0] == digest:
        return
    if row is not None:
        again = frontier.requeue_forbidden(site)
        log.info("%s: robots.txt changed; %d forbidden articles queued again", site, again)
    archive.db.execute(
        "INSERT INTO robots_seen (site, sha256, seen_at) VALUES (?, ?, ?)"
        " ON CONFLICT (site) DO UPDATE SET sha256 = excluded.sha256, seen_at = excluded.seen_at",
        [site, digest, now_iso()],
    )
