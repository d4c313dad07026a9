"""Writing WARC files and reading our own back: round trips, rotation, revisits."""

from __future__ import annotations

import dataclasses
import gzip
import re
import threading
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from scraper.crawl.fetch import Fetcher
from scraper.warc.writer import (
    WarcPointer,
    WarcWriter,
    default_warc_folder,
    iter_responses,
    payload_digest,
    read_response,
)
from scraper.web.response import FetchResult
from scraper.web.settings import FetchSettings
from tests.support.fakes import FakeTime
from tests.support.site_server import LocalSite, Reply

SETTINGS = FetchSettings(min_interval=0, obey_robots=False)
PAGE = "<html><body><h1>Hội nghị quán triệt Nghị quyết 35-NQ/TW</h1></body></html>".encode()


def fetch(site: LocalSite, path: str, settings: FetchSettings = SETTINGS) -> FetchResult:
    return Fetcher(settings).fetch(site.url(path))


def records(path: Path) -> list[tuple[str, str | None]]:
    with path.open("rb") as stream:
        return [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"))
            for r in ArchiveIterator(stream)
        ]


def test_write_then_read_back_byte_identical(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add("/a", Reply(body=PAGE, headers={"Set-Cookie": "x=1", "X-Powered-By": "ASP"}))
    result = fetch(local_site, "/a")

    with WarcWriter(tmp_path) as writer:
        pointer = writer.write(result)
        stored = read_response(tmp_path, pointer)  # on disk before the file is closed

    assert re.fullmatch(r"tuyengiao-\d{14}-00001\.warc\.gz", pointer.filename)
    assert pointer.payload_digest == payload_digest(PAGE)
    assert pointer.sha256 is not None and len(pointer.sha256) == 64
    assert stored.url == local_site.url("/a")
    assert stored.status == 200
    assert stored.headers == result.headers
    assert stored.body == PAGE
    assert stored.fetched_at == result.fetched_at
    assert stored.pointer == pointer
    kinds = records(tmp_path / pointer.filename)
    assert [kind for kind, _ in kinds] == ["warcinfo", "response", "request"]


def test_request_and_response_are_linked(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add("/a", PAGE)
    with WarcWriter(tmp_path) as writer:
        pointer = writer.write(fetch(local_site, "/a"))
    with (tmp_path / pointer.filename).open("rb") as stream:
        found = {r.rec_type: r for r in ArchiveIterator(stream)}
        request = found["request"]
        assert request.rec_headers.get_header("WARC-Concurrent-To") == pointer.record_id
        assert request.http_headers.protocol == "GET"
        assert request.http_headers.get_header("User-Agent").startswith("tuyengiao-archive/")


def test_gzip_response_is_stored_encoded_and_read_back_decoded(
    local_site: LocalSite, tmp_path: Path
) -> None:
    encoded = gzip.compress(PAGE)
    local_site.add("/gz", Reply(body=encoded, headers={"Content-Encoding": "gzip"}))
    with WarcWriter(tmp_path) as writer:
        pointer = writer.write(fetch(local_site, "/gz"))

    with (tmp_path / pointer.filename).open("rb") as stream:
        stream.seek(pointer.offset)
        record = next(iter(ArchiveIterator(stream)))
        assert record.raw_stream.read() == encoded
    assert pointer.payload_digest == payload_digest(encoded)
    assert read_response(tmp_path, pointer).body == PAGE


def test_redirect_hops_are_archived_too(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add("/old", Reply(301, b"moved", headers={"Location": "/new"}))
    local_site.add("/new", PAGE)
    with WarcWriter(tmp_path) as writer:
        pointer = writer.write(fetch(local_site, "/old"))

    stored = list(iter_responses(tmp_path / pointer.filename))
    assert [(s.url, s.status) for s in stored] == [
        (local_site.url("/old"), 301),
        (local_site.url("/new"), 200),
    ]
    assert stored[-1].pointer == pointer


def test_rotation_starts_a_new_file_with_its_own_warcinfo(
    local_site: LocalSite, tmp_path: Path
) -> None:
    local_site.add("/a", PAGE)
    result = fetch(local_site, "/a")
    with WarcWriter(tmp_path, prefix="test", max_file_bytes=1000) as writer:
        first = writer.write(result)
        second = writer.write(result)

    assert first.filename != second.filename
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([first.filename, second.filename])
    for pointer in (first, second):
        assert records(tmp_path / pointer.filename)[0][0] == "warcinfo"
        assert read_response(tmp_path, pointer).body == PAGE


def test_truncated_fetch_is_flagged(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add("/big", Reply(body=b"y" * 5000, content_type="text/plain"))
    result = fetch(
        local_site, "/big", FetchSettings(min_interval=0, obey_robots=False, max_bytes=1000)
    )
    with WarcWriter(tmp_path) as writer:
        pointer = writer.write(result)
    stored = read_response(tmp_path, pointer)
    assert stored.truncated
    assert stored.body == b"y" * 1000


def test_gzip_bomb_is_archived_but_not_inflated(local_site: LocalSite, tmp_path: Path) -> None:
    bomb = gzip.compress(b"\0" * 5_000_000)
    local_site.add("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    small = FetchSettings(min_interval=0, obey_robots=False, max_decoded_bytes=100_000)
    with WarcWriter(tmp_path) as writer:
        pointer = writer.write(fetch(local_site, "/bomb", small))

    assert pointer.sha256 is None
    stored = read_response(tmp_path, pointer, max_decoded_bytes=100_000)
    assert stored.body == b""
    assert stored.decode_error is not None and "cap" in stored.decode_error


def test_unchanged_refetch_is_a_revisit(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add("/a", PAGE)
    fetcher = Fetcher(SETTINGS)
    with WarcWriter(tmp_path) as writer:
        original = writer.write(fetcher.fetch(local_site.url("/a")))
        revisit = writer.write_revisit(fetcher.fetch(local_site.url("/a")), original)

    assert revisit.record_id != original.record_id
    assert (revisit.payload_digest, revisit.sha256) == (original.payload_digest, original.sha256)
    with (tmp_path / revisit.filename).open("rb") as stream:
        stream.seek(revisit.offset)
        record = next(iter(ArchiveIterator(stream)))
        assert record.rec_type == "revisit"
        assert record.rec_headers.get_header("WARC-Refers-To") == original.record_id
        assert record.rec_headers.get_header("WARC-Refers-To-Target-URI") == local_site.url("/a")
        assert "identical-payload-digest" in record.rec_headers.get_header("WARC-Profile")
    with pytest.raises(ValueError, match="is a revisit"):
        read_response(tmp_path, revisit)
    resolved = list(iter_responses(tmp_path / revisit.filename))
    assert [s.body for s in resolved] == [PAGE, PAGE]
    assert resolved[1].revisit_of == original.record_id


def test_revisit_needs_an_identical_payload(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add_sequence("/a", [Reply(body=b"v1"), Reply(body=b"v2")])
    fetcher = Fetcher(SETTINGS)
    with WarcWriter(tmp_path) as writer:
        original = writer.write(fetcher.fetch(local_site.url("/a")))
        with pytest.raises(ValueError, match="differs"):
            writer.write_revisit(fetcher.fetch(local_site.url("/a")), original)


def test_not_modified_is_a_server_not_modified_revisit(
    local_site: LocalSite, tmp_path: Path
) -> None:
    local_site.add_sequence("/a", [Reply(body=PAGE, headers={"ETag": '"1"'}), Reply(304)])
    fetcher = Fetcher(SETTINGS)
    with WarcWriter(tmp_path) as writer:
        original = writer.write(fetcher.fetch(local_site.url("/a")))
        again = fetcher.fetch(local_site.url("/a"), etag='"1"')
        revisit = writer.write_revisit(again, original)
    with (tmp_path / revisit.filename).open("rb") as stream:
        stream.seek(revisit.offset)
        record = next(iter(ArchiveIterator(stream)))
        assert record.rec_headers.get_header("WARC-Profile").endswith("server-not-modified")
        assert record.http_headers.get_statuscode() == "304"


def test_non_ascii_headers_are_stored_byte_for_byte(local_site: LocalSite, tmp_path: Path) -> None:
    disposition = 'attachment; filename="Nghị quyết 35.pdf"'
    on_the_wire = disposition.encode().decode("latin-1")  # how http.client hands it over
    local_site.add(
        "/file",
        Reply(
            body=b"%PDF-1.4",
            content_type="application/pdf",
            headers=[
                ("Content-Disposition", on_the_wire),
                ("Set-Cookie", "a=1"),
                ("Set-Cookie", "b=2"),
            ],
        ),
    )
    result = fetch(local_site, "/file")
    assert result.header("Content-Disposition") == on_the_wire
    assert [v for k, v in result.headers if k == "Set-Cookie"] == ["a=1", "b=2"]

    with WarcWriter(tmp_path) as writer:
        pointer = writer.write(result)

    assert disposition.encode() in gzip.decompress((tmp_path / pointer.filename).read_bytes())
    stored = read_response(tmp_path, pointer)
    assert ("Content-Disposition", disposition) in stored.headers
    assert [v for k, v in stored.headers if k == "Set-Cookie"] == ["a=1", "b=2"]


def test_failed_write_leaves_the_file_readable(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add("/a", PAGE)
    good = fetch(local_site, "/a")
    # the redirect hop is written, then the final record fails: both must disappear
    broken = dataclasses.replace(good, hops=(good,), headers=(("X-Broken", "\udcff"),))
    with WarcWriter(tmp_path) as writer:
        first = writer.write(good)
        with pytest.raises(UnicodeEncodeError):
            writer.write(broken)
        last = writer.write(good)

    stored = list(iter_responses(tmp_path / first.filename))
    assert [s.pointer for s in stored] == [first, last]
    assert read_response(tmp_path, last).body == PAGE


def test_unicode_url_is_stored_escaped(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add("/tin-t%E1%BB%A9c", PAGE)
    result = fetch(local_site, "/tin-tức")
    with WarcWriter(tmp_path) as writer:
        pointer = writer.write(result)
    with (tmp_path / pointer.filename).open("rb") as stream:
        request = next(r for r in ArchiveIterator(stream) if r.rec_type == "request")
        assert request.http_headers.statusline.startswith("/tin-t%E1%BB%A9c ")
    stored = read_response(tmp_path, pointer)
    assert stored.url == local_site.url("/tin-t%E1%BB%A9c")
    assert stored.body == PAGE


def test_default_warc_folder_sits_beside_the_database(tmp_path: Path) -> None:
    assert default_warc_folder(tmp_path / "archive.db") == tmp_path / "archive.warcs"
    assert default_warc_folder(Path("data/tinh.sqlite")) == Path("data/tinh.warcs")


def test_threads_can_share_one_writer(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add("/a", PAGE)
    result = fetch(local_site, "/a")
    pointers: list[WarcPointer] = []
    with WarcWriter(tmp_path, max_file_bytes=20_000) as writer:

        def work() -> None:
            for _ in range(10):
                pointers.append(writer.write(result))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert len({p.record_id for p in pointers}) == 40
    assert all(read_response(tmp_path, p).body == PAGE for p in pointers)
    assert len(list(tmp_path.iterdir())) > 1


def test_retried_responses_are_archived_too(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add("/old", Reply(301, b"", headers={"Location": "/new"}))
    local_site.add_sequence("/new", [Reply(503, b"busy"), Reply(body=PAGE)])
    fake = FakeTime()
    fetcher = Fetcher(SETTINGS, sleep=fake.sleep, clock=fake.clock)
    with WarcWriter(tmp_path) as writer:
        pointer = writer.write(fetcher.fetch(local_site.url("/old")))

    stored = list(iter_responses(tmp_path / pointer.filename))
    assert [(s.url.rsplit("/", 1)[1], s.status) for s in stored] == [
        ("old", 301),
        ("new", 503),
        ("new", 200),
    ]
    assert stored[1].body == b"busy"
    assert stored[-1].pointer == pointer
