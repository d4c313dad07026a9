"""Content-Encoding decoding under a cap."""

from __future__ import annotations

import gzip
import zlib

import pytest

from scraper.web.content import ContentDecodingError, OverCap, content_encodings, decode_content

TEXT = "Thực hiện Chỉ thị 19-CT/TU của Ban Thường vụ Tỉnh ủy. ".encode() * 50


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("encoded", "codings"),
    [
        (TEXT, []),
        (gzip.compress(TEXT), ["gzip"]),
        (gzip.compress(TEXT), ["x-gzip"]),
        (zlib.compress(TEXT), ["deflate"]),
        (raw_deflate(TEXT), ["deflate"]),  # what many servers send as "deflate"
        (gzip.compress(TEXT[:100]) + gzip.compress(TEXT[100:]), ["gzip"]),  # two members
        (gzip.compress(TEXT) + b"\0\0trailing", ["gzip"]),
        (gzip.compress(zlib.compress(TEXT)), ["deflate", "gzip"]),
    ],
)
def test_decodes(encoded: bytes, codings: list[str]) -> None:
    assert decode_content(encoded, codings, len(TEXT)) == TEXT


def test_cap_is_exact() -> None:
    with pytest.raises(OverCap):
        decode_content(gzip.compress(TEXT), ["gzip"], len(TEXT) - 1)
    with pytest.raises(OverCap):
        decode_content(TEXT, [], len(TEXT) - 1)


def test_incomplete_stream() -> None:
    whole = gzip.compress(TEXT)
    cut = whole[: len(whole) // 2]
    partial = decode_content(cut, ["gzip"], len(TEXT), allow_incomplete=True)
    assert TEXT.startswith(partial) and partial
    with pytest.raises(ContentDecodingError, match="ends early"):
        decode_content(cut, ["gzip"], len(TEXT))


def test_corrupt_stream() -> None:
    with pytest.raises(ContentDecodingError, match="corrupt"):
        decode_content(b"\x1f\x8b\x08\x00garbage-garbage", ["gzip"], 1000)


def test_content_encodings_from_headers() -> None:
    headers = [("Content-Type", "text/html"), ("content-encoding", "deflate, GZIP"), ("X", "y")]
    assert content_encodings(headers) == ["deflate", "gzip"]
    assert content_encodings([("Content-Encoding", "identity")]) == []
