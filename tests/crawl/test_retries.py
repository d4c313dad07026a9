"""Retries against a real local HTTP server: errors, Retry-After, drops and timeouts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from scraper.crawl.fetch import Fetcher, retry_after_seconds
from scraper.web.response import FetchError
from scraper.web.settings import FetchSettings
from tests.support.fakes import FAST, make_fetcher
from tests.support.site_server import LocalSite, Reply


def test_server_error_then_success_is_retried_with_backoff(local_site: LocalSite) -> None:
    local_site.add_sequence("/flaky", [Reply(500, b"oops"), Reply(body=b"fine")])
    fetcher, fake = make_fetcher(FetchSettings(min_interval=0, backoff_base=4, max_retries=2))

    result = fetcher.fetch(local_site.url("/flaky"))

    assert (result.status, result.raw_body, result.attempts) == (200, b"fine", 2)
    assert [(r.status, r.raw_body) for r in result.retried] == [(500, b"oops")]
    assert [r.status for r in result.exchanges()] == [500, 200]
    assert len(fake.sleeps) == 1
    assert 2.0 <= fake.sleeps[0] <= 4.0  # jittered between half and all of backoff_base


def test_persistent_server_error_gives_up_with_the_last_response(local_site: LocalSite) -> None:
    local_site.add("/down", Reply(503, b"maintenance"))
    fetcher, fake = make_fetcher(FetchSettings(min_interval=0, backoff_base=1, max_backoff=3))

    with pytest.raises(FetchError) as caught:
        fetcher.fetch(local_site.url("/down"))

    assert "HTTP 503" in str(caught.value)
    assert "4 attempts" in str(caught.value)
    assert caught.value.result is not None
    assert caught.value.result.raw_body == b"maintenance"
    assert local_site.paths().count("/down") == 4
    assert all(s <= 3 for s in fake.sleeps)  # capped at max_backoff
    assert fake.sleeps[1] >= 1.0  # grew: second backoff is at least half of 2 s


def test_retry_after_is_honoured(local_site: LocalSite) -> None:
    local_site.add_sequence(
        "/busy", [Reply(429, b"slow down", headers={"Retry-After": "2"}), Reply(body=b"ok")]
    )
    fetcher, fake = make_fetcher()

    result = fetcher.fetch(local_site.url("/busy"))

    assert result.status == 200
    assert result.attempts == 2
    assert fake.sleeps == [pytest.approx(2.0, abs=0.05)]


def test_retry_after_is_honoured_in_real_time(local_site: LocalSite) -> None:
    local_site.add_sequence(
        "/busy", [Reply(503, b"", headers={"Retry-After": "1"}), Reply(body=b"ok")]
    )
    fetcher = Fetcher(FetchSettings(min_interval=0, obey_robots=False))
    assert fetcher.fetch(local_site.url("/busy")).status == 200
    first, second = (r.time for r in local_site.requests_log)
    assert second - first >= 1.0


def test_retry_after_beyond_the_cap_gives_up_at_once(local_site: LocalSite) -> None:
    local_site.add("/busy", Reply(429, b"", headers={"Retry-After": "3600"}))
    fetcher, fake = make_fetcher(FetchSettings(min_interval=0, max_backoff=60))

    with pytest.raises(FetchError, match="Retry-After 3600 s, over the 60 s limit"):
        fetcher.fetch(local_site.url("/busy"))
    assert local_site.paths().count("/busy") == 1
    assert fake.sleeps == []


def test_retry_after_parsing() -> None:
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 <= (retry_after_seconds(later) or 0) <= 30
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0


def test_connection_dropped_mid_body_is_retried(local_site: LocalSite) -> None:
    dropped = Reply(body=b"<html>half", headers={"Content-Length": "5000"}, close=True)
    local_site.add_sequence("/drop", [dropped, Reply(body=b"<html>whole</html>")])
    fetcher, _ = make_fetcher()

    result = fetcher.fetch(local_site.url("/drop"))

    assert result.raw_body == b"<html>whole</html>"
    assert result.attempts == 2


def test_connection_always_dropped_is_a_fetch_error(local_site: LocalSite) -> None:
    local_site.add("/drop", Reply(body=b"half", headers={"Content-Length": "5000"}, close=True))
    fetcher, _ = make_fetcher()
    with pytest.raises(FetchError, match="connection lost while reading the body"):
        fetcher.fetch(local_site.url("/drop"))
    assert local_site.paths().count("/drop") == FAST.max_retries + 1


def test_answer_slower_than_the_read_timeout(local_site: LocalSite) -> None:
    local_site.add("/slow", Reply(body=b"late", delay=1.0))
    settings = FetchSettings(min_interval=0, read_timeout=0.2, max_retries=1)
    fetcher, _ = make_fetcher(settings)
    with pytest.raises(FetchError, match="timed out"):
        fetcher.fetch(local_site.url("/slow"))
    assert local_site.paths().count("/slow") == 2


def test_connection_refused_is_a_fetch_error() -> None:
    with LocalSite() as site:
        url = site.url("/page")
    fetcher, fake = make_fetcher(FetchSettings(obey_robots=False, max_retries=2))
    with pytest.raises(FetchError, match="connection failed"):
        fetcher.fetch(url)
    assert len(fake.sleeps) >= 2


def test_body_that_stalls_after_the_headers(local_site: LocalSite) -> None:
    def stalling() -> Iterator[bytes]:
        yield b"<html>"
        time.sleep(0.6)
        yield b"</html>"

    local_site.route(
        "/stall", lambda _request: Reply(body=stalling(), headers={"Content-Length": "13"})
    )
    fetcher, _ = make_fetcher(FetchSettings(min_interval=0, read_timeout=0.2, max_retries=0))
    with pytest.raises(FetchError, match="timed out reading the body"):
        fetcher.fetch(local_site.url("/stall"))
