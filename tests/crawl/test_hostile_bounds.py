"""One crawl of a hostile site: nothing is requested outside the crawl's scope, nothing
is followed without a bound, every redirect hop is archived.

The site (a local mirror of tuyengiao.vn, so the site's scope is the mirror's scheme,
host and port) redirects an article to another port of the same host, lists sitemap
entries on another port, with `user:pw@` and on plain http, paginates for ever, chains
sitemap indexes for ever, lists one article under 40 query strings in a sitemap, loops redirects,
chains 20 redirects, and sends one body a byte at a time.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.support.mirror import run_tuyengiao
from tests.support.pages import article_page, listing_page, sitemap, sitemap_index
from tests.support.site_server import LocalSite, Reply, Request

SITE = "https://tuyengiao.vn"
OK = "/binh-thuong-140001"
OTHER_PORT = "/sang-cong-khac-140002"
VARIANTS = "/bien-the-140003"
LOOP_A, LOOP_B = "/vong-a-140004", "/vong-b-140005"
CHAIN = "/chuoi-140006"
TRICKLE = "/nho-giot-140007"
GOOD_IN_SITEMAP = "/hop-le-140008"
BAD_ENTRIES = [
    "https://tuyengiao.vn:8443/cong-khac-140009",
    "https://u:p@tuyengiao.vn/mat-khau-140010",
    "http://tuyengiao.vn/khong-ma-hoa-140011",
]
LISTING = "/tuyen-giao-cac-cap"


def endless_listing(request: Request) -> Reply:
    page = int(request.query.removeprefix("page=") or 1)
    links = [OK, OTHER_PORT, LOOP_A, CHAIN, TRICKLE] if page == 1 else []
    return Reply(body=listing_page(links, f"{LISTING}?page={page + 1}").encode())


def trickle(_request: Request) -> Reply:
    def body() -> Iterator[bytes]:
        yield b"<html><body><p>"
        for _ in range(600):
            time.sleep(0.1)
            yield b"x"

    return Reply(body=body(), headers={"Content-Length": "100000"})


def serve(site: LocalSite, other: LocalSite) -> None:
    site.add("/robots.txt", Reply(body=b"User-agent: *\nAllow: /\n", content_type="text/plain"))
    site.route(LISTING, endless_listing)
    site.add(OK, article_page(1))
    site.add(OTHER_PORT, Reply(302, headers={"Location": other.url(OTHER_PORT)}))
    other.add(OTHER_PORT, article_page(2))
    site.add(VARIANTS, article_page(3))
    site.add(LOOP_A, Reply(302, headers={"Location": LOOP_B}))
    site.add(LOOP_B, Reply(302, headers={"Location": LOOP_A}))
    site.add(CHAIN, Reply(302, headers={"Location": f"{CHAIN}-1"}))
    for n in range(1, 21):
        site.add(f"{CHAIN}-{n}", Reply(302, headers={"Location": f"{CHAIN}-{n + 1}"}))
    site.route(TRICKLE, trickle)
    variants = [f"{SITE}{VARIANTS}?v={n}" for n in range(40)]
    site.add("/sm-bad.xml", Reply(body=sitemap([*BAD_ENTRIES, SITE + GOOD_IN_SITEMAP, *variants])))
    site.add(GOOD_IN_SITEMAP, article_page(8))
    for n in range(300):  # each index names the next: a chain without end
        site.add(f"/sm-{n}.xml", Reply(body=sitemap_index([f"{SITE}/sm-{n + 1}.xml"])))
    many = [f"{SITE}/sm-many-{n}.xml" for n in range(30)]
    site.add("/sm-many.xml", Reply(body=sitemap_index(many)))
    for n in range(30):
        site.add(f"/sm-many-{n}.xml", Reply(body=sitemap([])))


@pytest.fixture(scope="module")
def crawled(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[LocalSite, LocalSite, Path, float]]:
    tmp = tmp_path_factory.mktemp("hostile")
    with LocalSite() as site, LocalSite() as other:
        serve(site, other)
        started = time.monotonic()
        result = run_tuyengiao(
            "crawl", "tuyengiao.vn", "--base-url", site.base_url, "--delay", "0",
            "--retries", "0", "--timeout", "5", "--max-response-time", "1",
            "--max-listing-pages", "5", "--max-sitemaps", "12",
            "--sitemap", "/sm-bad.xml", "--sitemap", "/sm-0.xml", "--sitemap", "/sm-many.xml",
            cwd=tmp, timeout=60,
        )  # fmt: skip
        took = time.monotonic() - started
        assert result.returncode == 0, result.stderr
        yield site, other, tmp, took


def requested(site: LocalSite, prefix: str) -> list[str]:
    return [path for path in site.paths() if path.startswith(prefix)]


def frontier(tmp: Path, path: str) -> tuple:
    with sqlite3.connect(tmp / "archive.db") as db:
        return db.execute(
            "SELECT status, last_error FROM frontier WHERE url = ?", [SITE + path]
        ).fetchone()


def warc_targets(tmp: Path) -> list[str]:
    targets = []
    for file in sorted((tmp / "archive.warcs").iterdir()):
        with file.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    targets.append(record.rec_headers.get_header("WARC-Target-URI"))
    return targets


def test_a_redirect_to_another_port_of_the_same_host_is_not_followed(crawled) -> None:
    """Before: the other port was requested and its page archived as the article."""
    _, other, tmp, _ = crawled
    assert other.requests_log == []
    assert frontier(tmp, OTHER_PORT)[0] == "failed"  # tried again later, not skipped
    assert frontier(tmp, OK)[0] == "done"


def test_sitemap_entries_off_the_sites_origins_are_not_requested(crawled) -> None:
    """Before: another port, `user:pw@` and plain http entries were all queued and fetched."""
    site, *_ = crawled
    for entry in BAD_ENTRIES:
        path = "/" + entry.rsplit("/", 1)[1]
        assert requested(site, path) == [], entry
    assert requested(site, GOOD_IN_SITEMAP) == [GOOD_IN_SITEMAP]


def test_endless_pagination_stops_at_the_listing_page_cap(crawled) -> None:
    site, *_ = crawled
    assert len(requested(site, LISTING)) == 5


def test_chained_and_numerous_sitemaps_stop_at_the_caps(crawled) -> None:
    """Before: 300 chained indexes and all 30 listed sitemaps were read."""
    site, *_ = crawled
    chain = [p for p in requested(site, "/sm-") if not p.startswith(("/sm-many", "/sm-bad"))]
    assert len(chain) <= 4  # the source and three levels of nesting
    assert len(requested(site, "/sm-")) <= 12


def test_query_string_variants_of_one_article_are_capped(crawled) -> None:
    site, *_ = crawled
    assert 1 <= len(requested(site, VARIANTS)) <= 5


def test_every_redirect_hop_is_archived(crawled) -> None:
    """Before: the loop kept 1 of its 2 hops, the 20-hop chain only its last."""
    _, _, tmp, _ = crawled
    targets = warc_targets(tmp)
    assert sum(t.endswith((LOOP_A, LOOP_B)) for t in targets) == 2
    assert sum(CHAIN in t for t in targets) == 11  # the hops received before giving up


def test_a_body_sent_byte_by_byte_is_abandoned_at_the_response_deadline(crawled) -> None:
    _, _, tmp, took = crawled
    status, error = frontier(tmp, TRICKLE)
    assert status == "failed" and "not complete within 1 s" in error
    assert took < 30
