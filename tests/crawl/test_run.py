"""Several sites side by side: hosts overlap in time, each host still one at a time."""

from __future__ import annotations

import re
import threading
from itertools import pairwise
from pathlib import Path

import pytest

from scraper.archive.store import Archive
from scraper.crawl.events import EventLog
from scraper.crawl.run import crawl
from scraper.crawl.site import CrawlOptions
from scraper.sites.registry import SiteProfile
from scraper.web.settings import FetchSettings
from tests.support.pages import article_page, listing_page
from tests.support.site_server import LocalSite, Reply, Request

ARTICLES = 6


class InFlight:
    """Counts requests being answered at once by one host."""

    def __init__(self) -> None:
        self.now = 0
        self.most = 0
        self.lock = threading.Lock()

    def wrap(self, reply: Reply):
        def handler(_request: Request) -> Reply:
            with self.lock:
                self.now += 1
                self.most = max(self.most, self.now)
            try:
                threading.Event().wait(0.05)
                return reply
            finally:
                with self.lock:
                    self.now -= 1

        return handler


def site_on(host: str, index: int) -> tuple[LocalSite, InFlight]:
    site = LocalSite()
    flight = InFlight()
    site.add("/robots.txt", Reply(404))
    paths = [f"/bai-{index}-{n}-{190000 + n}" for n in range(ARTICLES)]
    site.route("/tin-tuc", flight.wrap(Reply(body=listing_page(paths).encode())))
    for n, path in enumerate(paths):
        site.route(path, flight.wrap(Reply(body=article_page(index * 100 + n).encode())))
    return site.start(host=host), flight


def profile(index: int, site: LocalSite) -> SiteProfile:
    return SiteProfile(
        name=f"site{index}.example",
        base_url=f"https://site{index}.example",
        hosts=frozenset({f"site{index}.example"}),
        listings=("/tin-tuc",),
        article_pattern=re.compile(r"/bai-\d+-\d+-\d{6}"),
        family="generic",
    ).with_mirror(site.base_url)


@pytest.mark.usefixtures("no_gc")
def test_sites_are_crawled_side_by_side_and_each_host_politely(tmp_path: Path) -> None:
    servers = [site_on(f"127.0.0.{i}", i) for i in (1, 2, 3)]
    try:
        with Archive(tmp_path / "archive.db") as archive:
            result = crawl(
                archive,
                [profile(i, site) for i, (site, _) in enumerate(servers, 1)],
                FetchSettings(min_interval=0.1),
                command="crawl",
                options=CrawlOptions(workers=3),
                events=EventLog(),
            )
            stored = archive.count("articles")
    finally:
        for site, _ in servers:
            site.stop()
    assert result.status == "completed" and not result.failed_sites
    assert result.counts.new == stored == 3 * ARTICLES
    windows = []
    for site, flight in servers:
        times = [r.time for r in site.requests_log]
        assert flight.most == 1  # one request at a time per host
        assert all(b - a >= 0.09 for a, b in pairwise(times))  # the interval holds
        windows.append((times[0], times[-1]))
    # The hosts were crawled at the same time, not one after another.
    assert max(start for start, _ in windows) < min(end for _, end in windows)
