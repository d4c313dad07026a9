"""The person reader's tokens: words, numbers, marks and the forms that join them."""

import pytest

from parsers.fields.reader import Reader


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # A word followed by "/" or "." is not cut short: the symbol keeps its letters.
        ("Nghị quyết 35-NQ/TW", ["Nghị", "quyết", "35", "-", "NQ", "/", "TW"]),
        ("Bí thư Tỉnh ủy/Chủ tịch", ["Bí", "thư", "Tỉnh", "ủy", "/", "Chủ", "tịch"]),
        # Academic titles keep their full stop before a name, and only there.
        ("TS. Nguyễn Văn A", ["TS.", "Nguyễn", "Văn", "A"]),
        ("PGS.TS. Lê Hà", ["PGS.TS.", "Lê", "Hà"]),
        ("ông TS.", ["ông", "TS", "."]),
        # Dotted abbreviations and "Đ/c" are one token each.
        ("TP.HCM và T.Ư", ["TP.HCM", "và", "T.Ư"]),
        ("Đ/c Hà", ["Đ/c", "Hà"]),
        ("đ/c Hà", ["đ/c", "Hà"]),
        # An apostrophe inside a name stays; a trailing one or "_" is given back.
        ("H'Yim Kđoh", ["H'Yim", "Kđoh"]),
        ("ab'.", ["ab", "'", "."]),
        ("abc_ x", ["abc", "x"]),
        ("1h30, 10.000", ["1h30", ",", "10.000"]),
        ("Hà\nNội", ["Hà", "\n", "Nội"]),
    ],
)
def test_tokens(text: str, tokens: list[str]) -> None:
    assert Reader(text).toks == tokens


def test_span_gives_back_the_text_between_tokens() -> None:
    reader = Reader("Phó Bí thư  Tỉnh ủy, Chủ tịch")
    assert reader.span(0, 5) == "Phó Bí thư Tỉnh ủy"
    assert reader.span(1, 8) == "Bí thư Tỉnh ủy, Chủ tịch"
