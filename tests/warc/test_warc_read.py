"""Reading WARC files: cut short, corrupt, or written by other tools."""

from __future__ import annotations

import gzip
from io import BytesIO
from pathlib import Path

import pytest
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.crawl.fetch import Fetcher
from scraper.warc.writer import WarcWriter, iter_responses, read_response
from scraper.web.errors import CorruptWarc
from scraper.web.settings import FetchSettings
from tests.support.site_server import LocalSite

SETTINGS = FetchSettings(min_interval=0, obey_robots=False)
PAGE = "<html><body><h1>Hội nghị quán triệt Nghị quyết 35-NQ/TW</h1></body></html>".encode()


def test_truncated_warc_yields_good_records_then_corrupt_warc(
    local_site: LocalSite, tmp_path: Path
) -> None:
    for name in ("a", "b", "c"):
        local_site.add(f"/{name}", PAGE + name.encode() * 3000)
    fetcher = Fetcher(SETTINGS)
    with WarcWriter(tmp_path) as writer:
        pointers = [writer.write(fetcher.fetch(local_site.url(f"/{n}"))) for n in "abc"]
    path = tmp_path / pointers[0].filename
    path.write_bytes(path.read_bytes()[: pointers[2].offset + pointers[2].length // 2])

    seen = []
    with pytest.raises(CorruptWarc) as caught:
        for stored in iter_responses(path):
            seen.append(stored.url)
    assert seen == [local_site.url("/a"), local_site.url("/b")]
    assert caught.value.offset == pointers[2].offset
    assert str(caught.value).startswith(f"corrupt WARC record in {path} at offset ")
    with pytest.raises(CorruptWarc):
        read_response(tmp_path, pointers[2])
    assert read_response(tmp_path, pointers[1]).url == local_site.url("/b")


def test_uncompressed_warc_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "plain.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for name in ("one", "two"):
            writer.write_record(_response(writer, f"http://a.vn/{name}", b"x" * 500))
    path.write_bytes(path.read_bytes()[:-300])
    urls = []
    with pytest.raises(CorruptWarc):
        for stored in iter_responses(path):
            urls.append(stored.url)
    assert urls == ["http://a.vn/one"]


def test_garbage_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a WARC file\r\n\r\n"))
    with pytest.raises(CorruptWarc, match="at offset 0"):
        list(iter_responses(path))


@pytest.mark.parametrize("compress", [True, False])
def test_foreign_wget_style_warc_is_read(tmp_path: Path, compress: bool) -> None:
    """Raw HTTP as received (chunked, gzip), plus the records wget and Heritrix add."""
    path = tmp_path / ("wget.warc.gz" if compress else "wget.warc")
    encoded = gzip.compress(PAGE)
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(encoded), encoded)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "Wget/1.21"}))
        writer.write_record(
            writer.create_warc_record(
                "dns:a.vn",
                "response",
                payload=BytesIO(b"a.vn. 300 IN A 1.2.3.4"),
                length=22,
                warc_content_type="text/dns",
            )
        )
        request = writer.create_warc_record(
            "http://a.vn/tin-tuc",
            "request",
            http_headers=StatusAndHeaders(
                "GET /tin-tuc HTTP/1.1", [("Host", "a.vn")], is_http_request=True
            ),
        )
        response = _response(
            writer,
            "http://a.vn/tin-tuc",
            chunked,
            [("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
        )
        writer.write_request_response_pair(request, response)
        digest = response.rec_headers.get_header("WARC-Payload-Digest")
        writer.write_record(
            writer.create_revisit_record(
                "http://a.vn/tin-tuc?copy",
                digest,
                "http://a.vn/tin-tuc",
                "2020-01-01T00:00:00Z",
                http_headers=StatusAndHeaders(
                    "200 OK", [("Content-Encoding", "gzip")], protocol="HTTP/1.1"
                ),
            )
        )
        writer.write_record(
            writer.create_revisit_record(
                "http://a.vn/elsewhere",
                "sha1:AAAA",
                "http://a.vn/elsewhere",
                "2019-01-01T00:00:00Z",
                http_headers=StatusAndHeaders("200 OK", [], protocol="HTTP/1.1"),
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "metadata://wget/log",
                "resource",
                payload=BytesIO(b"log"),
                length=3,
                warc_content_type="text/plain",
            )
        )

    stored = list(iter_responses(path))

    assert [(s.url, s.status) for s in stored] == [
        ("http://a.vn/tin-tuc", 200),
        ("http://a.vn/tin-tuc?copy", 200),
    ]
    assert stored[0].body == PAGE
    assert stored[1].body == PAGE
    assert stored[1].revisit_of == stored[0].pointer.record_id
    again = read_response(tmp_path, stored[0].pointer)
    assert again.body == PAGE


def _response(
    writer: WARCWriter, url: str, body: bytes, headers: list[tuple[str, str]] | None = None
) -> ArcWarcRecord:
    return writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(body),
        length=len(body),
        http_headers=StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html"), *(headers or [])], protocol="HTTP/1.1"
        ),
    )
