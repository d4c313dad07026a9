"""Bytes → text, in one place, then Unicode NFC.

Order of evidence: a byte-order mark, the charset the HTTP response declared, the page's
own `<meta charset>` / `http-equiv` declaration, a strict UTF-8 test, then detection with
charset-normalizer. Each candidate is tried with strict decoding and the first that
decodes wins, so a wrong declaration that cannot decode the bytes falls through.

One exception to that order: bytes that are valid UTF-8 *and* contain multi-byte
sequences are UTF-8 whatever a header or `<meta>` says. Text in a single-byte encoding
(windows-1258, latin-1) practically never forms valid multi-byte UTF-8, while servers
that send a default `charset=iso-8859-1` for UTF-8 pages are common, and latin-1 decodes
any bytes, so that declaration would never fall through.

Vietnamese needs the final NFC step: windows-1258 (and pages typed with "tổ hợp" input)
spell tone marks as combining characters (`e` + U+0301), which NFC folds into the
precomposed letters every other page uses.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator

from charset_normalizer import from_bytes

from parsers.errors import ParseError

# Leading bytes of formats a crawler meets instead of HTML.
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"RIFF", "a RIFF media file"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Matches both <meta charset="x"> and <meta http-equiv=… content="text/html; charset=x">.
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)

# How far into the page a <meta> declaration is looked for (the HTML standard says
# 1024 bytes; real pages put long <title>s and scripts first).
_META_SCAN_BYTES = 4096
_SNIFF_BYTES = 8192
_DETECT_BYTES = 65536


def decode_html(data: bytes | str, *, declared: str | None = None) -> tuple[str, str]:
    """Decode a fetched page; return (NFC text, name of the encoding used).

    `declared` is the HTTP `Content-Type` header value or just its charset. `str` input
    is taken as already decoded: it is NFC-normalised and reported as "unicode".
    Raises `ParseError` for empty input, binary data, or bytes no candidate can decode.
    """
    if isinstance(data, str):
        return unicodedata.normalize("NFC", data), "unicode"
    if not data.strip():
        raise ParseError("empty document: no bytes to decode")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _finish(data[len(bom) :].decode(encoding, errors="replace")), encoding
    _refuse_binary(data)
    if not data.isascii():
        try:
            return _finish(data.decode("utf-8")), "utf-8"
        except UnicodeDecodeError:
            pass  # not UTF-8: the declared and detected encodings below

    for candidate in _candidates(data, declared):
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        return _finish(text), candidate
    raise ParseError("undecodable document: no declared or detected charset decodes it")


def _finish(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _refuse_binary(data: bytes) -> None:
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise ParseError(f"binary data, not HTML: looks like {what}")
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise ParseError("binary data, not HTML: NUL bytes in the first 8 KiB")


def _candidates(data: bytes, declared: str | None) -> Iterator[str]:
    """Encodings to try, in order of evidence, as Python codec names, without repeats.

    Lazy, so the detector only runs when no declaration and no UTF-8 reading fits.
    """
    seen: set[str] = set()

    def fresh(name: str | None) -> str | None:
        codec = _codec_name(name)
        if codec is None or codec in seen:
            return None
        seen.add(codec)
        return codec

    for name in (_charset_from_header(declared), _charset_from_meta(data), "utf-8"):
        if codec := fresh(name):
            yield codec
    best = from_bytes(data[:_DETECT_BYTES]).best()
    if best is not None and (codec := fresh(best.encoding)):
        yield codec


def _charset_from_header(declared: str | None) -> str | None:
    if not declared:
        return None
    match = _HEADER_CHARSET.search(declared)
    if match:
        return match.group(1)
    # A bare charset ("windows-1258") rather than a whole Content-Type value.
    return None if "/" in declared or ";" in declared else declared.strip()


def _charset_from_meta(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:_META_SCAN_BYTES])
    if not match:
        return None
    name = match.group(1).decode("ascii", errors="ignore")
    # A page that could be read as ASCII cannot really be UTF-16 (HTML standard rule).
    return "utf-8" if name.lower().startswith("utf-16") else name


def _codec_name(name: str | None) -> str | None:
    """Python's canonical codec name, or None for a name Python does not know."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None
