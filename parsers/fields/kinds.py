"""Kinds of documents: the words that name them and the codes in their numbers."""

from __future__ import annotations

import re

from parsers.fields.text import DASH_CLASS

# Kind words, longest first; a space inside a word may be missing on the page
# ("Kếhoạch"). `None` means the kind comes from the symbol.
KIND_WORDS: tuple[tuple[str, str | None], ...] = (
    ("thông tư liên tịch", "thong_tu"),
    ("thông báo kết luận", "thong_bao"),
    ("công điện", "other"),
    ("nghị quyết liên tịch", "nghi_quyet"),
    ("chương trình hành động", "chuong_trinh"),
    ("nghị quyết", "nghi_quyet"),
    ("chỉ thị", "chi_thi"),
    ("kết luận", "ket_luan"),
    ("quyết định", "quyet_dinh"),
    ("quy định", "quy_dinh"),
    ("qui định", "quy_dinh"),
    ("hướng dẫn", "huong_dan"),
    ("kế hoạch", "ke_hoach"),
    ("thông báo", "thong_bao"),
    ("công văn", "cong_van"),
    ("thông tri", "thong_tri"),
    ("nghị định", "nghi_dinh"),
    ("thông tư", "thong_tu"),
    ("bộ luật", "luat"),
    ("luật", "luat"),
    ("pháp lệnh", "phap_lenh"),
    ("chương trình", "chuong_trinh"),
    ("đề án", "de_an"),
    ("báo cáo", "bao_cao"),
    ("tờ trình", "to_trinh"),
    ("quy chế", "other"),
    ("văn bản", None),
)
KIND_BY_FOLDED = {w.replace(" ", ""): k for w, k in KIND_WORDS}
KIND_ALT = "|".join(r"\s?".join(map(re.escape, w.split())) for w, _ in KIND_WORDS)

# Kind codes at the head of a symbol: "NQ/TW", "2013/NĐ-CP", "TTLT/BTC-BNN".
KIND_BY_CODE = {
    "NQ": "nghi_quyet",
    "NQLT": "nghi_quyet",
    "CT": "chi_thi",
    "KL": "ket_luan",
    "QĐ": "quyet_dinh",
    "QĐI": "quy_dinh",
    "HD": "huong_dan",
    "KH": "ke_hoach",
    "TB": "thong_bao",
    "CV": "cong_van",
    "TTR": "to_trinh",
    "TTLT": "thong_tu",
    "NĐ": "nghi_dinh",
    "BC": "bao_cao",
    "CTR": "chuong_trinh",
    "ĐA": "de_an",
    "PL": "phap_lenh",
    "QH": "luat",
}
_SEGMENT_BREAK = re.compile(rf"[\s{DASH_CLASS}/]+")
_TRAILING_DIGITS = re.compile(r"\d+$")


def kind_from_symbol(symbol: str | None) -> str:
    """The kind named by the first code of a symbol: "NQ/TW" → nghi_quyet."""
    if not symbol:
        return "other"
    for seg in _SEGMENT_BREAK.split(symbol.upper().replace("Ð", "Đ")):
        if seg.isdigit():
            continue
        code = _TRAILING_DIGITS.sub("", seg)
        return KIND_BY_CODE.get(code, "other")
    return "other"
