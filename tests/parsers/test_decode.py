"""Bytes → NFC text: declared charset, <meta>, UTF-8, detection; binary refused."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from parsers import ParseError, decode_html, parse
from tests.conftest import FIXTURES, TUYENGIAO

CP1258 = TUYENGIAO / "kon-tum-khong-tac-gia.cp1258.html"
UTF8 = TUYENGIAO / "kon-tum-khong-tac-gia.html"
NFD = TUYENGIAO / "hau-giang-quan-triet-nghi-quyet.nfd.html"
PHRASE = "Ông Lê Văn Thành, Phó Trưởng Ban Tuyên giáo Tỉnh ủy cho biết"


def test_windows_1258_from_meta_is_nfc() -> None:
    text, encoding = decode_html(CP1258.read_bytes())
    assert encoding == "cp1258"
    assert PHRASE in text
    assert unicodedata.is_normalized("NFC", text)
    assert text.replace('charset="windows-1258"', 'charset="utf-8"') == UTF8.read_text("utf-8")


def test_windows_1258_without_meta_is_detected() -> None:
    data = CP1258.read_bytes().replace(b'<meta charset="windows-1258">', b"")
    text, encoding = decode_html(data)
    assert PHRASE in text
    assert encoding == "cp1258"


def test_header_charset_comes_before_meta() -> None:
    data = CP1258.read_bytes().replace(b'charset="windows-1258"', b'charset="iso-8859-1"')
    text, encoding = decode_html(data, declared="text/html; charset=windows-1258")
    assert (encoding, PHRASE in text) == ("cp1258", True)
    # Without the header the page's own (wrong) declaration is what there is to go on.
    text, encoding = decode_html(data)
    assert (encoding, PHRASE in text) == ("iso8859-1", False)


def test_valid_utf8_wins_over_a_wrong_single_byte_declaration() -> None:
    data = '<meta charset="windows-1258"><p>Tuyên giáo</p>'.encode()
    for declared in ("text/html; charset=ISO-8859-1", None):
        text, encoding = decode_html(data, declared=declared)
        assert (encoding, "Tuyên giáo" in text) == ("utf-8", True)


def test_ascii_page_follows_its_declaration() -> None:
    assert decode_html(b"<p>Tin tuc</p>", declared="windows-1258")[1] == "cp1258"


def test_bare_declared_charset() -> None:
    text, encoding = decode_html(CP1258.read_bytes(), declared="windows-1258")
    assert (encoding, PHRASE in text) == ("cp1258", True)


def test_wrong_declared_charset_falls_through_to_meta() -> None:
    data = CP1258.read_bytes()
    text, encoding = decode_html(data, declared="text/html; charset=utf-8")
    assert (encoding, PHRASE in text) == ("cp1258", True)


def test_meta_http_equiv() -> None:
    data = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        "</head><body>Đa\u0300 Nă\u0303ng</body></html>"
    ).encode("cp1258")
    text, encoding = decode_html(data)
    assert (encoding, "Đà Nẵng" in text) == ("cp1258", True)


def test_utf8_without_any_declaration() -> None:
    text, encoding = decode_html("<p>Nghị quyết số 35-NQ/TW</p>".encode())
    assert (text, encoding) == ("<p>Nghị quyết số 35-NQ/TW</p>", "utf-8")


def test_utf8_bom() -> None:
    text, encoding = decode_html(b"\xef\xbb\xbf<p>Ch\xe1\xbb\x89 th\xe1\xbb\x8b</p>")
    assert (text, encoding) == ("<p>Chỉ thị</p>", "utf-8")


def test_nfd_bytes_and_str_become_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Thủ tướng Chính phủ")
    assert decode_html(nfd.encode())[0] == "Thủ tướng Chính phủ"
    assert decode_html(nfd) == ("Thủ tướng Chính phủ", "unicode")
    text, _ = decode_html(NFD.read_bytes())
    assert "Nguyễn Thị Bích Hạnh" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ((FIXTURES / "bad" / "ke-hoach-tuyen-truyen.pdf").read_bytes(), "PDF"),
        ((FIXTURES / "bad" / "empty.html").read_bytes(), "empty"),
        (b"   \n\t", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"<html>\x00\x00\x00</html>", "NUL"),
    ],
)
def test_binary_and_empty_input_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message):
        decode_html(data)


def test_plain_text_file_is_not_html() -> None:
    with pytest.raises(ParseError, match="not HTML"):
        parse((FIXTURES / "bad" / "ghi-chu.txt").read_bytes(), "https://tuyengiao.vn/a-12345")


@given(st.text())
def test_any_text_comes_back_nfc(text: str) -> None:
    decoded, _ = decode_html(text)
    assert decoded == unicodedata.normalize("NFC", text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_any_utf8_bytes_decode_to_nfc(text: str) -> None:
    assume(text.strip() and not text.startswith(("\ufeff", "%PDF-", "GIF8", "RIFF", "PK")))
    decoded, _ = decode_html(text.encode())
    assert decoded == unicodedata.normalize("NFC", text)
