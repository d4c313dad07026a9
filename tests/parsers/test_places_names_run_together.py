"""A province's words run together ("PhúYên", a typo or a generated text) are no
mention: the mention pattern asks for a space or a dash between the words, as `lookup`
knows names only in that form (it matched "phuyen" before, and `named_in` failed with an
IndexError on it, stopping the placement of a whole archive)."""

from __future__ import annotations

from parsers.places.placement import text_province
from parsers.places.provinces import named_in


def test_words_run_together_are_not_a_mention() -> None:
    text = (
        "tỉnh PhúYên\ntỉnh Phú Yên\ntỉnh Bà Rịa – Vũng Tàu\nTỉnh ủy Bà Rịa-Vũng Tàu\nPhú Yên: tin"
    )
    assert named_in(text) == {"Phú Yên": 2, "Bà Rịa - Vũng Tàu": 2}


def test_a_text_with_only_run_together_words_is_placed_nowhere() -> None:
    assert not named_in("Đoàn công tác của tỉnh PhúYên và thành phố HồChí Minh")
    text_province("Đoàn công tác của tỉnh PhúYên")  # no IndexError
