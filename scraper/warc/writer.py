"""WARC writing (warcio): every response, as fetched, on disk before anything parses it.

Files are ``<prefix>-<UTC timestamp>-<serial>.warc.gz`` in one folder, one gzip member per
record, each file starting with a ``warcinfo`` record and rotated past ``max_file_bytes``
(a file can exceed the limit by the records of one fetch). ``write`` stores a ``request`` and
a ``response`` record per exchange, redirect hops and retried responses included, then
flushes and fsyncs: when it returns, the records are on disk.

The body is stored as sent, with its Content-Encoding. urllib3 always removes chunked
transfer-coding, so a ``Transfer-Encoding`` header is stored renamed to
``X-Archive-Orig-Transfer-Encoding``: readers must not try to de-chunk the stored body.
A body cut at the size cap gets ``WARC-Truncated: length``.

Reading lives in ``scraper.warc.reader`` and is re-exported here.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from requests.utils import requote_uri
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from scraper.warc.reader import (
    SITE_URI_HEADER,
    StoredResponse,
    WarcPointer,
    iter_responses,
    payload_digest,
    read_response,
)
from scraper.web.errors import CorruptWarc
from scraper.web.response import FetchError, FetchResult
from scraper.web.settings import PROJECT_URL, package_version

__all__ = [
    "StoredResponse",
    "WarcPointer",
    "WarcWriter",
    "default_warc_folder",
    "iter_responses",
    "payload_digest",
    "read_response",
]

GB = 1024**3
REVISIT_IDENTICAL = "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"
REVISIT_NOT_MODIFIED = "http://netpreserve.org/warc/1.0/revisit/server-not-modified"


def default_warc_folder(database: Path) -> Path:
    """The WARC folder that goes with a database: ``archive.db`` -> ``archive.warcs/``."""
    database = Path(database)
    return database.with_name(database.stem + ".warcs")


def body_sha256(result: FetchResult) -> str | None:
    """sha256 of the decoded body, or None when it cannot be decoded (e.g. a gzip bomb)."""
    try:
        return hashlib.sha256(result.body()).hexdigest()
    except FetchError:
        return None


class WarcWriter:
    """Appends fetch results to rotating ``.warc.gz`` files. Thread-safe."""

    def __init__(
        self, folder: Path, *, prefix: str = "tuyengiao", max_file_bytes: int = GB
    ) -> None:
        self.folder = Path(folder)
        self.prefix = prefix
        self.max_file_bytes = max_file_bytes
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        self._name = ""
        self._serial = 0
        self._writer: WARCWriter | None = None

    def write(self, result: FetchResult, *, site_url: str | None = None) -> WarcPointer:
        """Store every response of the fetch; return the pointer of the final one.

        Redirect hops and responses that were retried (``result.exchanges()``) are stored
        before it, each with its request record. ``site_url``, for a page fetched from a
        mirror of a site, is the page's address on the site itself; it is kept in the
        record's ``SITE_URI_HEADER`` so the archive can be rebuilt from the WARCs alone.
        """
        with self._lock, self._fetch_records() as writer:
            for earlier in result.exchanges()[:-1]:
                self._write_exchange(writer, earlier, self._response_record(writer, earlier))
            record = self._response_record(writer, result, site_url)
            return self._write_exchange(writer, result, record, body_sha256(result))

    def write_revisit(self, result: FetchResult, refers_to: WarcPointer) -> WarcPointer:
        """Store an unchanged re-fetch as a ``revisit`` record pointing at ``refers_to``.

        A 304 uses the server-not-modified profile; any other status must carry a body whose
        payload digest equals ``refers_to.payload_digest`` (identical-payload-digest), else
        ``ValueError``. The returned pointer is the revisit record's; its body is read from
        ``refers_to``.
        """
        original = self._headers_at(refers_to)
        if result.status == 304:
            profile, digest = REVISIT_NOT_MODIFIED, None
        else:
            profile, digest = REVISIT_IDENTICAL, payload_digest(result.raw_body)
            if digest != refers_to.payload_digest:
                raise ValueError(
                    f"{result.final_url}: payload {digest} differs from {refers_to.payload_digest}"
                    "; write a response record instead"
                )
        with self._lock, self._fetch_records() as writer:
            for earlier in result.exchanges()[:-1]:
                self._write_exchange(writer, earlier, self._response_record(writer, earlier))
            record = writer.create_revisit_record(
                _target_uri(result),
                digest=refers_to.payload_digest,
                refers_to_uri=original.get_header("WARC-Target-URI"),
                refers_to_date=original.get_header("WARC-Date"),
                http_headers=_http_headers(result),
                warc_headers_dict={
                    "WARC-Date": result.fetched_at,
                    "WARC-Refers-To": refers_to.record_id,
                },
            )
            record.rec_headers.replace_header("WARC-Profile", profile)
            if digest is None:
                record.rec_headers.remove_header("WARC-Payload-Digest")
            return self._write_exchange(writer, result, record, refers_to.sha256)

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
                self._writer = None

    def __enter__(self) -> WarcWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ------------------------------------------------------------------------
    @contextmanager
    def _fetch_records(self) -> Iterator[WARCWriter]:
        """Write one fetch's records all or nothing, in one file, and on disk at the end.

        Rotation happens only between fetches. If writing fails part-way (disk full), the
        file is cut back to where the fetch began, so it stays readable.
        """
        if self._file is not None and self._file.tell() >= self.max_file_bytes:
            self._file.close()
            self._file = None
        if self._file is None or self._writer is None:
            self._open_next()
        assert self._file is not None and self._writer is not None
        start = self._file.tell()
        try:
            yield self._writer
            self._file.flush()
            os.fsync(self._file.fileno())
        except BaseException:
            self._file.truncate(start)
            self._file.seek(start)
            raise

    def _open_next(self) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        while True:
            self._serial += 1
            name = f"{self.prefix}-{stamp}-{self._serial:05d}.warc.gz"
            try:
                self._file = (self.folder / name).open("xb")
            except FileExistsError:
                continue
            break
        self._name = name
        if os.name == "posix":  # make the new file's directory entry durable too
            directory = os.open(self.folder, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        self._writer = WARCWriter(self._file, gzip=True)
        info = {
            "software": f"tuyengiao-archive/{package_version()} "
            f"(warcio/{package_version('warcio')})",
            "format": "WARC File Format 1.0",
            "conformsTo": "http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/",
            "isPartOf": self.prefix,
            "description": f"Crawl of Vietnamese government news sites; {PROJECT_URL}",
        }
        self._writer.write_record(self._writer.create_warcinfo_record(name, info))

    def _response_record(
        self, writer: WARCWriter, result: FetchResult, site_url: str | None = None
    ) -> ArcWarcRecord:
        warc_headers = {"WARC-Date": result.fetched_at}
        if site_url and site_url != _target_uri(result):
            warc_headers[SITE_URI_HEADER] = site_url
        if result.truncated:
            warc_headers["WARC-Truncated"] = "length"
        return writer.create_warc_record(
            _target_uri(result),
            "response",
            payload=BytesIO(result.raw_body),
            length=len(result.raw_body),
            warc_headers_dict=warc_headers,
            http_headers=_http_headers(result),
        )

    def _write_exchange(
        self,
        writer: WARCWriter,
        result: FetchResult,
        record: ArcWarcRecord,
        sha256: str | None = None,
    ) -> WarcPointer:
        """Write ``record`` and its request record; return the pointer to ``record``."""
        assert self._file is not None
        offset = self._file.tell()
        writer.write_record(record)
        length = self._file.tell() - offset
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        parts = urlsplit(_target_uri(result))
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = writer.create_warc_record(
            _target_uri(result),
            "request",
            warc_headers_dict={"WARC-Date": result.fetched_at, "WARC-Concurrent-To": record_id},
            http_headers=_HeadersAsReceived(
                f"GET {target} {result.http_version}",
                list(result.request_headers),
                is_http_request=True,
            ),
        )
        writer.write_record(request)
        return WarcPointer(
            filename=self._name,
            offset=offset,
            length=length,
            record_id=record_id,
            payload_digest=record.rec_headers.get_header("WARC-Payload-Digest") or "",
            sha256=sha256,
        )

    def _headers_at(self, pointer: WarcPointer) -> StatusAndHeaders:
        path = self.folder / pointer.filename
        with path.open("rb") as stream:
            stream.seek(pointer.offset)
            record = next(iter(ArchiveIterator(stream)), None)
            if (
                record is None
                or record.rec_headers.get_header("WARC-Record-ID") != pointer.record_id
            ):
                raise CorruptWarc(path, pointer.offset, f"record {pointer.record_id} not found")
            return record.rec_headers


class _HeadersAsReceived(StatusAndHeaders):
    """A header block written back byte for byte.

    http.client decodes header bytes as latin-1, so encoding them as latin-1 restores what
    the server sent; warcio's default would percent-encode non-ASCII values (a UTF-8
    ``Content-Disposition`` file name, common on government portals).
    """

    def compute_headers_buffer(self, header_filter: object = None) -> None:
        self.headers_buff = self.to_bytes(header_filter, encoding="latin-1")


def _target_uri(result: FetchResult) -> str:
    """WARC-Target-URI and request line want an ASCII URI; escape any non-ASCII."""
    return requote_uri(result.final_url)


def _http_headers(result: FetchResult) -> StatusAndHeaders:
    headers = [
        ("X-Archive-Orig-Transfer-Encoding", value)
        if name.lower() == "transfer-encoding"
        else (name, value)
        for name, value in result.headers
    ]
    status_line = f"{result.status} {result.reason}".strip()
    return _HeadersAsReceived(status_line, headers, protocol=result.http_version)
