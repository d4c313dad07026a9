"""Content-Encoding decoding under a size cap, shared by the fetcher and the WARC reader.

We ask servers for ``gzip, deflate`` only and undo the encoding ourselves, after the raw
bytes are safe in the WARC, so that a decompression bomb costs at most ``limit`` bytes.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable

_CHUNK = 8 * 1024  # small: each gzip member end copies what is left of its chunk


class ContentDecodingError(ValueError):
    """The body cannot be decoded: unsupported or corrupt encoding, or over the cap."""


class OverCap(ContentDecodingError):
    """Decoding would produce more than the allowed number of bytes."""


def content_encodings(headers: Iterable[tuple[str, str]]) -> list[str]:
    """The Content-Encoding codings in the order they were applied, identity dropped."""
    codings: list[str] = []
    for name, value in headers:
        if name.lower() == "content-encoding":
            codings.extend(c.strip().lower() for c in value.split(","))
    return [c for c in codings if c and c != "identity"]


def decode_content(
    raw: bytes, codings: list[str], limit: int, *, allow_incomplete: bool = False
) -> bytes:
    """Undo ``codings`` (last applied first) without ever producing more than ``limit`` bytes.

    ``allow_incomplete`` accepts a compressed stream that stops early (a body we truncated
    ourselves) and returns what it held; otherwise an early end is an error.
    """
    data = raw
    for coding in reversed(codings):
        if coding in ("gzip", "x-gzip"):
            data = _inflate(data, zlib.MAX_WBITS | 16, limit, allow_incomplete)
        elif coding == "deflate":
            data = _inflate_deflate(data, limit, allow_incomplete)
        else:
            raise ContentDecodingError(f"unsupported Content-Encoding {coding!r}")
    if len(data) > limit:
        raise OverCap(f"body is {len(data)} bytes, over the {limit}-byte cap")
    return data


def _inflate_deflate(data: bytes, limit: int, allow_incomplete: bool) -> bytes:
    # "deflate" should be zlib-wrapped (RFC 9110), but many servers send raw deflate.
    try:
        return _inflate(data, zlib.MAX_WBITS, limit, allow_incomplete)
    except OverCap:
        raise
    except ContentDecodingError:
        return _inflate(data, -zlib.MAX_WBITS, limit, allow_incomplete)


def _inflate(data: bytes, wbits: int, limit: int, allow_incomplete: bool) -> bytes:
    """Inflate ``data`` member after member, reading it through a view at an offset.

    Each step hands the decompressor at most one chunk and moves the offset on, so no
    step copies what remains: a body of many small gzip members used to be copied whole
    at every member (300,000 empty members: about a minute; now linear).
    """
    out = bytearray()
    view = memoryview(data)
    pos = 0
    while pos < len(view):
        decompressor = zlib.decompressobj(wbits)
        try:
            while pos < len(view):
                piece = view[pos : pos + _CHUNK]
                chunk = decompressor.decompress(piece, limit + 1 - len(out))
                pos += len(piece) - len(decompressor.unconsumed_tail)
                out += chunk
                if len(out) > limit:
                    raise OverCap(
                        f"decoded body is over the {limit}-byte cap (compressed {len(data)} bytes)"
                    )
                if decompressor.eof:
                    break
        except zlib.error as error:
            raise ContentDecodingError(f"corrupt compressed body: {error}") from error
        if not decompressor.eof:
            if allow_incomplete:
                return bytes(out)
            raise ContentDecodingError("compressed body ends early")
        # gzip allows several members back to back; other trailing bytes are ignored, as
        # browsers do.
        pos -= len(decompressor.unused_data)
        if wbits != zlib.MAX_WBITS | 16 or view[pos : pos + 2] != b"\x1f\x8b":
            break
    return bytes(out)
