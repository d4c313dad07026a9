import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from parsers.fields.text import compare_key, fold, normalize, squash


def test_normalize_composes_nfd_and_unifies_spaces():
    nfd = unicodedata.normalize("NFD", "Nghị quyết\u00a0số 35")
    assert normalize(nfd) == "Nghị quyết số 35"


def test_normalize_keeps_text_as_published():
    text = "an ninh chính tr,  trật tự\nxã hội"
    assert normalize(text) == text


def test_normalize_removes_zero_width_and_unifies_line_breaks():
    assert normalize("Tỉnh\u200b ủy\r\nHuyện ủy\u2028") == "Tỉnh ủy\nHuyện ủy\n"


def test_fold_removes_marks_and_d_bar():
    assert fold("Đảng Cộng sản Việt Nam") == "dang cong san viet nam"
    assert fold("ĐỒNG CHÍ Ủy viên") == "dong chi uy vien"


def test_squash_and_compare_key():
    assert squash(" Ban Thường vụ\n\nTỉnh ủy ") == "Ban Thường vụ Tỉnh ủy"
    assert compare_key("BAN Thường  vụ") == compare_key("ban thường vụ")


@given(st.text())
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@given(st.text())
def test_fold_has_no_d_bar_or_marks(text):
    folded = fold(text)
    assert "đ" not in folded and "Đ" not in folded
