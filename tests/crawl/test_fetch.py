"""Fetcher against a real local HTTP server: responses as received, redirects, caps."""

from __future__ import annotations

import gzip
import re
import unicodedata

import pytest

from scraper.crawl.fetch import parse_content_type
from scraper.web.errors import OutOfScope
from scraper.web.response import FetchError
from scraper.web.settings import FetchSettings
from scraper.web.urls import Scope
from tests.support.fakes import make_fetcher
from tests.support.site_server import LocalSite, Reply, Request


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


def test_redirects_are_followed_and_every_hop_kept(local_site: LocalSite) -> None:
    local_site.add("/old", Reply(301, b"", headers={"Location": "/middle"}))
    local_site.add("/middle", Reply(302, b"", headers={"Location": local_site.url("/new")}))
    local_site.add("/new", b"here")
    fetcher, _ = make_fetcher()

    result = fetcher.fetch(local_site.url("/old"), scope=Scope.of(local_site.base_url))

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
        fetcher.fetch(local_site.url("/out"), scope=Scope.of(local_site.base_url))
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
    def handler(request: Request) -> Reply:
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
        fetcher.fetch(local_site.url("/x"), scope=Scope.of("https://tuyengiao.vn/"))
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


def test_raw_utf8_location_is_followed_like_a_browser(local_site: LocalSite) -> None:
    raw_utf8 = "/tin-tức".encode().decode("latin-1")  # bytes as IIS sends them
    local_site.add("/old", Reply(301, b"", headers={"Location": raw_utf8}))
    local_site.add("/tin-t%E1%BB%A9c", b"ok")
    fetcher, _ = make_fetcher()

    result = fetcher.fetch(local_site.url("/old"))

    assert result.status == 200
    assert result.final_url == local_site.url("/tin-t%E1%BB%A9c")
