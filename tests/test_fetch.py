"""Fetcher against a real local HTTP server: politeness, robots, retries, redirects, caps."""

from __future__ import annotations

import gzip
import itertools
import re
import threading
import time
import unicodedata
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from scraper.errors import FetchError, OutOfScope, RobotsDisallowed
from scraper.fetch import Fetcher, parse_content_type, retry_after_seconds
from scraper.settings import FetchSettings
from tests.fakes import FakeTime
from tests.site_server import LocalSite, Reply

FAST = FetchSettings(min_interval=0.0, connect_timeout=2, read_timeout=2, max_retries=2)
ROBOTS = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n"


def make_fetcher(settings: FetchSettings = FAST) -> tuple[Fetcher, FakeTime]:
    fake = FakeTime()
    return Fetcher(settings, sleep=fake.sleep, clock=fake.clock), fake


def test_plain_fetch_records_the_response_as_received(local_site: LocalSite) -> None:
    local_site.add("/robots.txt", Reply(404, b"", content_type="text/plain"))
    local_site.add("/a", Reply(body=b"<p>xin ch\xc3\xa0o</p>", headers={"X-Thing": "1"}))
    fetcher, _ = make_fetcher()

    result = fetcher.fetch(local_site.url("/a"))

    assert result.status == 200
    assert result.reason == "OK"
    assert result.final_url == result.url == local_site.url("/a")
    assert result.raw_body == result.body() == b"<p>xin ch\xc3\xa0o</p>"
    assert ("X-Thing", "1") in result.headers
    assert result.content_type == "text/html"
    assert result.charset == "utf-8"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", result.fetched_at)
    assert result.attempts == 1
    assert result.redirects == ()
    assert not result.truncated
    assert result.http_version in ("HTTP/1.0", "HTTP/1.1")
    sent = dict(result.request_headers)
    assert sent["User-Agent"].startswith("tuyengiao-archive/")
    assert "(+https://github.com/tuyengiao-archive/tuyengiao-archive)" in sent["User-Agent"]
    assert sent["Host"] == f"127.0.0.1:{local_site.port}"
    assert local_site.requests_log[-1].header("Accept-Encoding") == "gzip, deflate"


def test_http_error_statuses_are_results(local_site: LocalSite) -> None:
    local_site.add("/gone", Reply(404, b"missing"))
    fetcher, _ = make_fetcher()
    result = fetcher.fetch(local_site.url("/gone"))
    assert result.status == 404
    assert result.raw_body == b"missing"


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


def test_requests_to_one_host_are_spaced_in_real_time(local_site: LocalSite) -> None:
    local_site.add("/page", b"ok")
    fetcher = Fetcher(FetchSettings(min_interval=0.25))
    fetcher.fetch(local_site.url("/page"))
    fetcher.fetch(local_site.url("/page?2"))

    times = [r.time for r in local_site.requests_log]
    assert len(times) == 3  # robots.txt, then the two pages
    assert all(later - earlier >= 0.25 for earlier, later in itertools.pairwise(times))


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
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.1


def test_server_error_then_success_is_retried_with_backoff(local_site: LocalSite) -> None:
    local_site.add_sequence("/flaky", [Reply(500, b"oops"), Reply(body=b"fine")])
    fetcher, fake = make_fetcher(FetchSettings(min_interval=0, backoff_base=4, max_retries=2))

    result = fetcher.fetch(local_site.url("/flaky"))

    assert (result.status, result.raw_body, result.attempts) == (200, b"fine", 2)
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


def test_redirects_are_followed_and_every_hop_kept(local_site: LocalSite) -> None:
    local_site.add("/old", Reply(301, b"", headers={"Location": "/middle"}))
    local_site.add("/middle", Reply(302, b"", headers={"Location": local_site.url("/new")}))
    local_site.add("/new", b"here")
    fetcher, _ = make_fetcher()

    result = fetcher.fetch(local_site.url("/old"), scope_hosts=frozenset({"127.0.0.1"}))

    assert result.url == local_site.url("/old")
    assert result.final_url == local_site.url("/new")
    assert result.raw_body == b"here"
    assert result.redirects == ((local_site.url("/old"), 301), (local_site.url("/middle"), 302))
    assert result.hops[0].header("Location") == "/middle"


def test_redirect_loop_is_detected(local_site: LocalSite) -> None:
    local_site.add("/a", Reply(302, b"", headers={"Location": "/b"}))
    local_site.add("/b", Reply(302, b"", headers={"Location": "/a"}))
    fetcher, _ = make_fetcher()
    with pytest.raises(FetchError, match="redirect loop"):
        fetcher.fetch(local_site.url("/a"))
    assert local_site.paths() == ["/robots.txt", "/a", "/b"]


def test_too_many_redirects(local_site: LocalSite) -> None:
    for i in range(5):
        local_site.add(f"/r{i}", Reply(302, b"", headers={"Location": f"/r{i + 1}"}))
    fetcher, _ = make_fetcher(FetchSettings(min_interval=0, max_redirects=3))
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.fetch(local_site.url("/r0"))


def test_redirect_out_of_scope(local_site: LocalSite) -> None:
    elsewhere = f"http://localhost:{local_site.port}/elsewhere"
    local_site.add("/out", Reply(302, b"", headers={"Location": elsewhere}))
    fetcher, _ = make_fetcher()
    with pytest.raises(OutOfScope) as caught:
        fetcher.fetch(local_site.url("/out"), scope_hosts=frozenset({"127.0.0.1"}))
    assert str(caught.value) == f"out of scope: {elsewhere}"
    assert "/elsewhere" not in local_site.paths()


def test_body_over_the_cap_is_truncated(local_site: LocalSite) -> None:
    chunk = b"x" * 65536
    local_site.add("/huge", Reply(body=(chunk for _ in range(64)), content_type="text/plain"))
    fetcher, _ = make_fetcher(FetchSettings(min_interval=0, max_bytes=200_000))

    result = fetcher.fetch(local_site.url("/huge"))

    assert result.truncated
    assert len(result.raw_body) == 200_000
    assert result.body() == result.raw_body


def test_gzip_body_is_kept_encoded_and_decoded_on_demand(local_site: LocalSite) -> None:
    page = "<p>Nghị quyết 35-NQ/TW</p>".encode() * 100
    local_site.add("/gz", Reply(body=gzip.compress(page), headers={"Content-Encoding": "gzip"}))
    fetcher, _ = make_fetcher()

    result = fetcher.fetch(local_site.url("/gz"))

    assert gzip.decompress(result.raw_body) == page
    assert result.body() == page


def test_gzip_bomb_is_refused_without_inflating(local_site: LocalSite) -> None:
    bomb = gzip.compress(b"\0" * 20_000_000)
    assert len(bomb) < 50_000
    local_site.add("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    fetcher, _ = make_fetcher(FetchSettings(min_interval=0, max_decoded_bytes=1_000_000))

    result = fetcher.fetch(local_site.url("/bomb"))

    assert result.raw_body == bomb
    with pytest.raises(FetchError, match="over the 1000000-byte cap"):
        result.body()


def test_conditional_get_returns_not_modified(local_site: LocalSite) -> None:
    def handler(request):  # type: ignore[no-untyped-def]
        if request.header("If-None-Match") == '"v1"':
            return Reply(304, b"", headers={"ETag": '"v1"'})
        return Reply(body=b"page", headers={"ETag": '"v1"'})

    local_site.route("/article", handler)
    fetcher, _ = make_fetcher()

    first = fetcher.fetch(local_site.url("/article"))
    again = fetcher.fetch(
        local_site.url("/article"),
        etag=first.header("ETag"),
        last_modified="Sat, 28 Nov 2026 10:00:00 GMT",
    )

    assert not first.not_modified
    assert again.status == 304
    assert again.not_modified
    assert again.raw_body == b""
    sent = local_site.requests_log[-1]
    assert sent.header("If-Modified-Since") == "Sat, 28 Nov 2026 10:00:00 GMT"


def test_pdf_bytes_are_untouched(local_site: LocalSite) -> None:
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"
    local_site.add("/doc.pdf", Reply(body=pdf, content_type="application/pdf"))
    fetcher, _ = make_fetcher()
    result = fetcher.fetch(local_site.url("/doc.pdf"))
    assert (result.content_type, result.charset) == ("application/pdf", None)
    assert result.body() == pdf


def test_windows_1258_page_keeps_its_bytes_and_charset(local_site: LocalSite) -> None:
    # windows-1258 writes most tones as combining marks: 0xD2 is U+0309, the hook above
    page = b"<p>Ban Tuy\xean gi\xe1o Ti\xd2nh u\xd2y \x96 \xd0a\xd2ng</p>"
    local_site.add("/old", Reply(body=page, content_type="text/html; charset=windows-1258"))
    fetcher, _ = make_fetcher()

    result = fetcher.fetch(local_site.url("/old"))

    assert result.raw_body == page
    assert result.charset == "windows-1258"
    text = unicodedata.normalize("NFC", result.body().decode(result.charset))
    assert text == "<p>Ban Tuyên giáo Tỉnh ủy – Đảng</p>"


def test_scope_is_checked_before_the_first_request(local_site: LocalSite) -> None:
    fetcher, _ = make_fetcher()
    with pytest.raises(OutOfScope):
        fetcher.fetch(local_site.url("/x"), scope_hosts=frozenset({"tuyengiao.vn"}))
    assert local_site.requests_log == []


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=UTF-8", ("text/html", "utf-8")),
        ('text/html; charset="windows-1258"', ("text/html", "windows-1258")),
        ("Application/PDF", ("application/pdf", None)),
        (None, (None, None)),
    ],
)
def test_parse_content_type(header: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_content_type(header) == expected


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
    seen = []
    fake = FakeTime()
    fetcher = Fetcher(FAST, sleep=fake.sleep, clock=fake.clock, on_robots=seen.append)

    fetcher.fetch(local_site.url("/page"))
    fetcher.fetch(local_site.url("/page"))

    assert len(seen) == 1
    assert seen[0].url == local_site.url("/robots.txt")
    assert seen[0].final_url == local_site.url("/real-robots.txt")
    assert seen[0].raw_body == ROBOTS
    assert seen[0].redirects == ((local_site.url("/robots.txt"), 301),)


def test_non_http_urls_are_refused_without_a_request() -> None:
    fetcher, _ = make_fetcher()
    with pytest.raises(FetchError, match="not an http"):
        fetcher.fetch("ftp://tuyengiao.vn/file")


def test_unsupported_content_encoding_is_a_fetch_error(local_site: LocalSite) -> None:
    local_site.add("/br", Reply(body=b"\x0b\x02\x80hi\x03", headers={"Content-Encoding": "br"}))
    fetcher, _ = make_fetcher()
    result = fetcher.fetch(local_site.url("/br"))
    assert result.raw_body == b"\x0b\x02\x80hi\x03"
    with pytest.raises(FetchError, match="unsupported Content-Encoding 'br'"):
        result.body()


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
