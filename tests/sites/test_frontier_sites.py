"""The persistent frontier and the site registry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scraper.archive.store import Archive
from scraper.crawl.frontier import ARTICLE, LISTING, MAX_ATTEMPTS, Frontier
from scraper.sites.registry import UnknownSite, get_site

SITE = "tuyengiao.vn"


@pytest.fixture
def frontier(tmp_path: Path):
    with Archive(tmp_path / "archive.db") as archive:
        yield Frontier(archive.db)


def test_articles_come_before_the_next_listing_page(frontier: Frontier) -> None:
    frontier.add("https://tuyengiao.vn/tuyen-giao-cac-cap?page=2", SITE, LISTING)
    frontier.add("https://tuyengiao.vn/a-150001", SITE, ARTICLE)
    frontier.add("https://tuyengiao.vn/b-150002", SITE, ARTICLE)
    order = [frontier.next(SITE).url for _ in range(3)]
    assert order == [
        "https://tuyengiao.vn/a-150001",
        "https://tuyengiao.vn/b-150002",
        "https://tuyengiao.vn/tuyen-giao-cac-cap?page=2",
    ]
    assert frontier.next(SITE) is None


def test_a_known_url_is_not_queued_twice(frontier: Frontier) -> None:
    assert frontier.add("https://tuyengiao.vn/a-150001", SITE, ARTICLE)
    assert not frontier.add("https://tuyengiao.vn/a-150001", SITE, ARTICLE)


def test_work_left_in_progress_is_recovered(frontier: Frontier) -> None:
    frontier.add("https://tuyengiao.vn/a-150001", SITE, ARTICLE)
    item = frontier.next(SITE)
    assert frontier.status(item.url) == "in_progress"
    assert frontier.recover(SITE) == 1
    again = frontier.next(SITE)
    assert again.url == item.url and again.attempts == 2


def test_an_ended_discovery_page_is_reached_again_but_an_article_is_not(
    frontier: Frontier,
) -> None:
    listing = "https://tuyengiao.vn/tuyen-giao-cac-cap"
    frontier.add(listing, SITE, LISTING)
    frontier.add("https://tuyengiao.vn/a-150001", SITE, ARTICLE)
    for _ in range(2):
        item = frontier.next(SITE)
        frontier.finish(item.url, "done")
    frontier.requeue(SITE)
    assert frontier.status("https://tuyengiao.vn/a-150001") == "done"
    assert frontier.is_known("https://tuyengiao.vn/a-150001")
    assert frontier.status(listing) == "done"
    assert frontier.reach(listing, SITE, LISTING)
    assert frontier.status(listing) == "queued"
    assert not frontier.reach(listing, SITE, LISTING)  # already queued


def test_a_failure_waits_before_it_is_retried(frontier: Frontier) -> None:
    frontier.add("https://tuyengiao.vn/a-150001", SITE, ARTICLE)
    frontier.finish(frontier.next(SITE).url, "failed", "HTTP 503")
    frontier.requeue(SITE)
    assert frontier.status("https://tuyengiao.vn/a-150001") == "failed"


def _hours_to_wait(frontier: Frontier, url: str) -> float:
    (next_try,) = frontier.db.execute(
        "SELECT next_try_at FROM frontier WHERE url = ?", [url]
    ).fetchone()
    moment = datetime.fromisoformat(next_try.replace("Z", "+00:00"))
    return (moment - datetime.now(UTC)) / timedelta(hours=1)


def test_the_wait_doubles_and_a_failing_article_is_given_up(frontier: Frontier) -> None:
    url = "https://tuyengiao.vn/a-150001"
    frontier.add(url, SITE, ARTICLE)
    waits = []
    for _ in range(MAX_ATTEMPTS):
        item = frontier.next(SITE)
        assert item is not None and item.url == url
        frontier.finish(url, "failed", "HTTP 404")
        waits.append(round(_hours_to_wait(frontier, url)))
        # The wait is over (as if the next run came much later): tried again, up to the cap.
        frontier.db.execute("UPDATE frontier SET next_try_at = '2000-01-01T00:00:00Z'")
        frontier.requeue(SITE)
    assert waits == [1, 2, 4, 8, 16, 32, 64, 128]
    assert frontier.status(url) == "failed"
    assert frontier.next(SITE) is None


def test_article_urls_follow_the_site_scheme() -> None:
    site = get_site("tuyengiao.vn")
    assert site.is_article("https://tuyengiao.vn/dong-thap-nhieu-doi-moi-149483")
    assert site.is_article(
        "https://tuyengiao.vn/bao-ve-nen-tang-tu-tuong-cua-dang/tu-do-internet-113371"
    )
    assert not site.is_article("https://tuyengiao.vn/tuyen-giao-cac-cap")
    assert not site.is_article("https://tuyengiao.vn/Uploads/2024/7/1/anh-149483.jpg")
    assert not site.is_article("https://example.com/dong-thap-149483")


def test_a_mirror_serves_the_site_under_its_own_urls() -> None:
    site = get_site("tuyengiao.vn").with_mirror("http://127.0.0.1:8123/")
    assert site.fetch_url("https://tuyengiao.vn/a-150001?page=2") == (
        "http://127.0.0.1:8123/a-150001?page=2"
    )
    assert site.site_url("http://127.0.0.1:8123/a-150001") == "https://tuyengiao.vn/a-150001"
    assert site.fetch_hosts == frozenset({"127.0.0.1"})


@pytest.mark.parametrize("bad", ["ftp://x", "not a url", "127.0.0.1:80"])
def test_a_bad_mirror_url_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="--base-url"):
        get_site("tuyengiao.vn").with_mirror(bad)


def test_unknown_site_names_the_registered_ones() -> None:
    with pytest.raises(
        UnknownSite, match=r"unknown site 'nowhere\.vn' \(registered: .*tuyengiao\.vn"
    ):
        get_site("nowhere.vn")
