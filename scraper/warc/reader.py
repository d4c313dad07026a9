"""Reading WARC files: ours (through a ``WarcPointer``) or anyone's (wget, Webrecorder,
Heritrix/Internet Archive), gzipped per record or not.

Bodies come back content-decoded under a size cap. A record that cannot be read (cut short,
malformed, digest mismatch) raises ``CorruptWarc`` naming the file and offset; every record
before it has already been yielded.
"""

from __future__ import annotations

import hashlib
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException
from warcio.utils import Digester

from scraper.web.content import ContentDecodingError, content_encodings, decode_content
from scraper.web.errors import CorruptWarc
from scraper.web.settings import DEFAULT_MAX_BYTES, DEFAULT_MAX_DECODED_BYTES

log = logging.getLogger(__name__)

# A WARC extension field: the page's address on the site when it was fetched from a mirror.
SITE_URI_HEADER = "Tuyengiao-Site-URI"
_READ_ERRORS = (
    ArchiveLoadFailed,
    StatusAndHeadersParserException,
    zlib.error,
    EOFError,
    ValueError,
    OSError,
    # warcio reads a record header cut before its WARC-Target-URI as None and fails on
    # it with AttributeError (a cut inside the last record, tried at every byte).
    AttributeError,
)
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class WarcPointer:
    """Where a record is: file name relative to the WARC folder, compressed offset and length.

    ``payload_digest`` is the WARC-Payload-Digest (``sha1:`` base32, over the body as sent);
    ``sha256`` is the hex digest of the content-decoded body, for dedup, or None when the
    body could not be decoded.
    """

    filename: str
    offset: int
    length: int
    record_id: str
    payload_digest: str
    sha256: str | None


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """An HTTP response read back from a WARC.

    ``headers`` are as stored; ``body`` is content-decoded. When decoding fails (unknown
    coding, corrupt stream, over the cap) ``body`` is empty and ``decode_error`` says why;
    the raw bytes stay in the WARC. ``revisit_of`` is set when the record was a revisit
    resolved to an earlier response in the same file.
    """

    url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: str
    pointer: WarcPointer
    truncated: bool = False
    decode_error: str | None = None
    revisit_of: str | None = None
    site_url: str | None = None

    @property
    def page_url(self) -> str:
        """The page's address on its site: ``site_url`` when fetched from a mirror."""
        return self.site_url or self.url

    def header(self, name: str) -> str | None:
        """The first value of a response header (case-insensitive), or None."""
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


def payload_digest(raw_body: bytes) -> str:
    """The WARC-Payload-Digest warcio computes for a body: ``sha1:`` + base32."""
    digester = Digester("sha1")
    digester.update(raw_body)
    return str(digester)


def read_response(
    folder: Path,
    pointer: WarcPointer,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_decoded_bytes: int = DEFAULT_MAX_DECODED_BYTES,
) -> StoredResponse:
    """Read the response record ``pointer`` designates.

    A revisit's pointer raises ``ValueError``: its body is in the record it refers to.
    """
    path = Path(folder) / pointer.filename
    with path.open("rb") as stream:
        stream.seek(pointer.offset)
        records = ArchiveIterator(stream, check_digests="raise")
        try:
            record = next(records)
        except StopIteration:
            raise CorruptWarc(path, pointer.offset, "no record at this offset") from None
        except _READ_ERRORS as error:
            raise CorruptWarc(path, pointer.offset, _describe(error)) from error
        found = record.rec_headers.get_header("WARC-Record-ID")
        if record.format != "warc" or found != pointer.record_id:
            raise CorruptWarc(path, pointer.offset, f"expected {pointer.record_id}, found {found}")
        if record.rec_type == "revisit":
            raise ValueError(f"{found} is a revisit; read the record it refers to")
        if record.rec_type != "response" or record.http_headers is None:
            raise CorruptWarc(path, pointer.offset, f"not an HTTP response: {record.rec_type}")
        try:
            return _stored(record, records, pointer.filename, max_bytes, max_decoded_bytes)
        except _READ_ERRORS as error:
            raise CorruptWarc(path, pointer.offset, _describe(error)) from error


def iter_responses(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_decoded_bytes: int = DEFAULT_MAX_DECODED_BYTES,
) -> Iterator[StoredResponse]:
    """Yield every HTTP response in a WARC file, in file order.

    Requests, warcinfo, metadata, resource and non-HTTP (dns:) records are skipped. A
    revisit whose payload digest matches an earlier response in the same file is resolved
    to that response's body; other revisits are skipped with a log note.
    """
    path = Path(path)
    earlier: dict[str, WarcPointer] = {}  # payload digest -> first response carrying it
    with path.open("rb") as stream:
        records = ArchiveIterator(stream, check_digests="raise")
        while True:
            try:
                record = next(records)
                if record.format != "warc":
                    raise ArchiveLoadFailed("not a WARC record")
                if _header_cut_short(record):
                    raise ArchiveLoadFailed("record header cut short")
                if record.http_headers is None or record.rec_type not in ("response", "revisit"):
                    continue
                if record.rec_type == "response":
                    stored = _stored(record, records, path.name, max_bytes, max_decoded_bytes)
                    earlier.setdefault(stored.pointer.payload_digest, stored.pointer)
                    yield stored
                    continue
                revisit = _resolve_revisit(
                    record, records, path, earlier, (max_bytes, max_decoded_bytes)
                )
            except StopIteration:
                # warcio ends quietly when a gzip member or a header block is cut short
                if records.offset < path.stat().st_size:
                    raise CorruptWarc(path, records.offset, "file ends inside a record") from None
                return
            except _READ_ERRORS as error:
                # warcio moves ``offset`` to a record's start once the previous one is read
                raise CorruptWarc(path, records.offset, _describe(error)) from error
            if revisit is not None:
                yield revisit


def is_warc(path: Path) -> bool:
    """Does the file start as a WARC file does (`WARC/`, gzipped or not)?"""
    with Path(path).open("rb") as stream:
        head = stream.read(4096)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _header_cut_short(record: ArcWarcRecord) -> bool:
    """Does the record lack a header every WARC record has (a file cut inside a header
    block reads as a record of no type, or without length, or a response without its
    target)? Such a record is reported, not skipped: skipping it hid a lost page."""
    headers = record.rec_headers
    if not (record.rec_type and headers.get_header("WARC-Record-ID")):
        return True
    if headers.get_header("Content-Length") is None:
        return True
    return record.rec_type in ("response", "revisit") and not headers.get_header("WARC-Target-URI")


def _stored(
    record: ArcWarcRecord,
    records: ArchiveIterator,
    filename: str,
    max_bytes: int,
    max_decoded_bytes: int,
) -> StoredResponse:
    """Build a StoredResponse from a response record, reading its payload to the end."""
    headers = record.http_headers
    offset = records.offset
    raw, over_cap = _read_capped(record.raw_stream, max_bytes)
    if getattr(record.raw_stream, "limit", 0) > 0 and not over_cap:
        raise ArchiveLoadFailed("record ends before its Content-Length")
    digest = record.rec_headers.get_header("WARC-Payload-Digest") or payload_digest(raw)
    truncated = over_cap or bool(record.rec_headers.get_header("WARC-Truncated"))
    if (headers.get_header("Transfer-Encoding") or "").lower() == "chunked":
        raw = ChunkedDataReader(BytesIO(raw)).read()
    body, error, sha256 = b"", None, None
    try:
        body = decode_content(
            raw, content_encodings(headers.headers), max_decoded_bytes, allow_incomplete=truncated
        )
        sha256 = hashlib.sha256(body).hexdigest()
    except ContentDecodingError as problem:
        error = str(problem)
    pointer = WarcPointer(
        filename=filename,
        offset=offset,
        length=records.get_record_length(),
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        payload_digest=digest,
        sha256=sha256,
    )
    return StoredResponse(
        url=_target_uri(record),
        status=int(headers.get_statuscode() or 0),
        headers=tuple(headers.headers),
        body=body,
        fetched_at=record.rec_headers.get_header("WARC-Date") or "",
        pointer=pointer,
        truncated=truncated,
        decode_error=error,
        site_url=record.rec_headers.get_header(SITE_URI_HEADER),
    )


def _resolve_revisit(
    record: ArcWarcRecord,
    records: ArchiveIterator,
    path: Path,
    earlier: dict[str, WarcPointer],
    caps: tuple[int, int],
) -> StoredResponse | None:
    """The revisit with the body of the earlier response it repeats, re-read from disk."""
    url = _target_uri(record)
    digest = record.rec_headers.get_header("WARC-Payload-Digest") or ""
    if digest not in earlier:
        profile = record.rec_headers.get_header("WARC-Profile") or "no profile"
        log.info("%s: revisit skipped, no earlier copy in %s (%s)", url, path.name, profile)
        return None
    max_bytes, max_decoded_bytes = caps
    original = read_response(
        path.parent, earlier[digest], max_bytes=max_bytes, max_decoded_bytes=max_decoded_bytes
    )
    pointer = WarcPointer(
        filename=path.name,
        offset=records.offset,
        length=records.get_record_length(),
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
        payload_digest=digest,
        sha256=original.pointer.sha256,
    )
    return StoredResponse(
        url=url,
        status=int(record.http_headers.get_statuscode() or 0),
        headers=tuple(record.http_headers.headers),
        body=original.body,
        fetched_at=record.rec_headers.get_header("WARC-Date") or "",
        pointer=pointer,
        truncated=original.truncated,
        decode_error=original.decode_error,
        revisit_of=original.pointer.record_id,
        site_url=record.rec_headers.get_header(SITE_URI_HEADER),
    )


def _read_capped(stream: BinaryIO, limit: int) -> tuple[bytes, bool]:
    data = bytearray()
    while chunk := stream.read(_CHUNK):
        data += chunk
        if len(data) > limit:
            return bytes(data[:limit]), True
    return bytes(data), False


def _target_uri(record: ArcWarcRecord) -> str:
    return (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<>")


def _describe(error: BaseException) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:300]
