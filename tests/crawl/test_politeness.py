"""Politeness against a real local HTTP server: robots.txt, Crawl-delay, per-host spacing."""

from __future__ import annotations

import itertools
import threading

import pytest

from scraper.crawl.fetch import Fetcher
from scraper.web.errors import RobotsDisallowed
from scraper.web.response import FetchResult
from scraper.web.settings import FetchSettings
from tests.support.fakes import FAST, FakeTime, make_fetcher
from tests.support.site_server import LocalSite, Reply

ROBOTS = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n"


def test_robots_disallow_makes_no_request_and_crawl_delay_is_obeyed(
    local_site: LocalSite,
) -> None:
    local_site.add("/robots.txt", Reply(body=ROBOTS, content_type="text/plain"))
    local_site.add("/page", b"ok")
    fetcher, fake = make_fetcher()

    with pytest.raises(RobotsDisallowed) as caught:
        fetcher.fetch(local_site.url("/private/secret"))
    assert "robots.txt forbids" in str(caught.value)
    fetcher.fetch(local_site.url("/page"))
    fetcher.fetch(local_site.url("/page"))

    assert local_site.paths() == ["/robots.txt", "/page", "/page"]
    assert fake.sleeps == [pytest.approx(2.0, abs=0.05)] * 2  # Crawl-delay beats min_interval


def test_robots_404_allows_everything(local_site: LocalSite) -> None:
    local_site.add("/private/x", b"ok")
    fetcher, _ = make_fetcher()
    assert fetcher.fetch(local_site.url("/private/x")).status == 200
    assert local_site.paths() == ["/robots.txt", "/private/x"]


def test_robots_server_error_blocks_the_host_for_the_run(local_site: LocalSite) -> None:
    local_site.add("/robots.txt", Reply(503, b"busy"))
    local_site.add("/page", b"ok")
    fetcher, _ = make_fetcher()

    for _ in range(2):
        with pytest.raises(RobotsDisallowed) as caught:
            fetcher.fetch(local_site.url("/page"))
        assert "HTTP 503" in str(caught.value)
        assert "skipped for this run" in str(caught.value)
    # robots.txt retried like any request, then cached; the page never requested
    assert local_site.paths() == ["/robots.txt"] * (FAST.max_retries + 1)


def test_robots_unreachable_blocks_the_host() -> None:
    with LocalSite() as site:
        url = site.url("/page")
    fetcher, _ = make_fetcher(FetchSettings(max_retries=1, connect_timeout=1))
    with pytest.raises(RobotsDisallowed, match="unreachable"):
        fetcher.fetch(url)


def test_robots_can_be_ignored_on_purpose(local_site: LocalSite) -> None:
    local_site.add("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n"))
    local_site.add("/page", b"ok")
    fetcher, _ = make_fetcher(FetchSettings(min_interval=0, obey_robots=False))
    assert fetcher.fetch(local_site.url("/page")).status == 200
    assert local_site.paths() == ["/page"]


@pytest.mark.usefixtures("no_gc")
def test_requests_to_one_host_are_spaced_in_real_time(local_site: LocalSite) -> None:
    local_site.add("/page", b"ok")
    fetcher = Fetcher(FetchSettings(min_interval=0.25))
    fetcher.fetch(local_site.url("/page"))
    fetcher.fetch(local_site.url("/page?2"))

    times = [r.time for r in local_site.requests_log]
    assert len(times) == 3  # robots.txt, then the two pages
    # Spacing runs start to start, measured here at arrival: a request that opens a new
    # connection reaches the server some milliseconds after it started.
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert all(gap >= 0.235 for gap in gaps), gaps


@pytest.mark.usefixtures("no_gc")
def test_threads_share_the_per_host_interval(local_site: LocalSite) -> None:
    local_site.add("/robots.txt", Reply(404))
    local_site.add("/page", b"ok")
    fetcher = Fetcher(FetchSettings(min_interval=0.1))
    threads = [
        threading.Thread(target=fetcher.fetch, args=(local_site.url(f"/page?{i}"),))
        for i in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    times = sorted(r.time for r in local_site.requests_log)
    assert len(times) == 5
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.085


def test_redirect_into_a_disallowed_path_stops_before_it(local_site: LocalSite) -> None:
    local_site.add("/robots.txt", Reply(body=ROBOTS, content_type="text/plain"))
    local_site.add("/go", Reply(302, b"", headers={"Location": "/private/page"}))
    fetcher, _ = make_fetcher()
    with pytest.raises(RobotsDisallowed):
        fetcher.fetch(local_site.url("/go"))
    assert local_site.paths() == ["/robots.txt", "/go"]


def test_robots_responses_are_handed_over_for_archiving(local_site: LocalSite) -> None:
    local_site.add("/robots.txt", Reply(301, b"", headers={"Location": "/real-robots.txt"}))
    local_site.add("/real-robots.txt", Reply(body=ROBOTS, content_type="text/plain"))
    local_site.add("/page", b"ok")
    seen: list[FetchResult] = []
    fake = FakeTime()
    fetcher = Fetcher(FAST, sleep=fake.sleep, clock=fake.clock, on_robots=seen.append)

    fetcher.fetch(local_site.url("/page"))
    fetcher.fetch(local_site.url("/page"))

    assert len(seen) == 1
    assert seen[0].url == local_site.url("/robots.txt")
    assert seen[0].final_url == local_site.url("/real-robots.txt")
    assert seen[0].raw_body == ROBOTS
    assert seen[0].redirects == ((local_site.url("/robots.txt"), 301),)
