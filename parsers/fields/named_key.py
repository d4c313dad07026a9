"""A normalised key for a document cited by name, so that one document is counted once.

A document without a number is named in many ways: "Nghị quyết Đại hội XIII", "Nghị
quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng", "Văn kiện Đại hội XIII",
"NQ ĐH Đảng toàn quốc lần thứ XIII". `named_key` gives them one key. The rules:

- A congress ("Đại hội", "ĐH") with an ordinal ("lần thứ XIII", "khóa XIII", "XIII"):
  `dai-hoi:<level>:<ordinal>`. The level is `toan-quoc` unless a Party committee
  ("Đảng bộ tỉnh Quảng Nam", "Đảng bộ xã") is named: then `dang-bo-<unit>[-<place>]`,
  folded (no diacritics, lower case, hyphens). The document word (Nghị quyết, Văn kiện,
  Báo cáo chính trị) is left out: analysts count the congress's documents together.
- A plenum of the Central Committee ("Hội nghị lần thứ tám Ban Chấp hành Trung ương
  Đảng khóa XIII", "Hội nghị Trung ương 8 khóa XIII", "Nghị quyết Trung ương 8 khóa
  XIII"): `hoi-nghi-trung-uong:<n>:<term>`, `n` in digits (ordinal words are read).
- Anything else: `<kind>:<title folded>`, the document word at the head of the title,
  a year at its end ("Luật Đất đai 2024"), "năm 2013", "(sửa đổi)" and "của Đảng" left
  out: "Luật Tổ chức chính quyền địa phương" → `luat:to-chuc-chinh-quyen-dia-phuong`.

Ordinals are written in Roman numerals, upper case (`xiii` → `XIII`); Arabic numbers
and number words become Roman for congresses and terms ("lần thứ 13" → `XIII`).
"""

from __future__ import annotations

import re

from parsers.fields.text import fold

_NUMBER_WORDS = {
    "nhat": 1,
    "hai": 2,
    "ba": 3,
    "tu": 4,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
    "muoi mot": 11,
    "muoi hai": 12,
    "muoi ba": 13,
    "muoi bon": 14,
    "muoi lam": 15,
}
_ROMAN = re.compile(r"^[ivxlc]+$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_ORDINAL = r"(?P<ord>[ivxlc]+|\d{1,3}|muoi (?:mot|hai|ba|bon|lam)|muoi|[a-z]+)"
_CONGRESS = re.compile(
    rf"(?:^|\s)(?:dai hoi|dh)\b(?P<mid>.*?)\s(?:lan thu|khoa)\s{_ORDINAL}\b"
    r"|(?:^|\s)(?:dai hoi|dh)\s(?P<mid2>(?:dang\s)?)(?P<ord2>[ivxlc]{2,}|\d{1,2})\b"
)
_COMMITTEE = re.compile(
    r"\bdang bo(?: (?P<unit>tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\b)?(?P<place>.*)$"
)
_PLENUM = re.compile(
    rf"(?:hoi nghi\s(?:lan thu\s)?{_ORDINAL}\s(?:ban chap hanh |bch )?trung uong"
    r"|(?:hoi nghi\s)?(?:trung uong|tw)\s(?P<n2>\d{1,2})\b)"
    r".*?\bkhoa\s(?P<term>[ivxlc]+|\d{1,2})\b"
)
_KIND_HEAD = re.compile(
    r"^(?:nghi quyet|nq|chi thi|ket luan|quyet dinh|quy dinh|ke hoach|de an|chuong trinh"
    r"|bo luat|luat|phap lenh|nghi dinh|thong tu|van kien|huong dan|quy che)\s+"
)
_DROP = re.compile(r"\s*\((?:sua doi|sua doi, bo sung)\)|\s+cua dang$|\s+(?:nam\s+)?\d{4}$")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _roman(n: int) -> str:
    out = []
    for value, letters in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX")):
        while n >= value:
            out.append(letters)
            n -= value
    for value, letters in ((5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    if _ROMAN.match(word):
        total = 0
        values = [_ROMAN_VALUES[c] for c in word]
        for i, v in enumerate(values):
            total += -v if i + 1 < len(values) and values[i + 1] > v else v
        return total
    return None


def _slug(text: str) -> str:
    return _NON_WORD.sub("-", text).strip("-")


def congress_key(folded: str) -> str | None:
    """`dai-hoi:<level>:<ordinal>` for a congress named in a folded title."""
    m = _CONGRESS.search(folded)
    if not m:
        return None
    ordinal = _number(m["ord"] or m["ord2"])
    if not ordinal:
        return None
    mid = m["mid"] if m["mid"] is not None else m["mid2"]
    committee = _COMMITTEE.search(mid)
    if committee:
        place = _slug(committee["place"])
        level = _slug(f"dang bo {committee['unit'] or ''}") + (f"-{place}" if place else "")
    else:
        level = "toan-quoc"
    return f"dai-hoi:{level}:{_roman(ordinal)}"


def plenum_key(folded: str) -> str | None:
    """`hoi-nghi-trung-uong:<n>:<term>` for a Central Committee plenum."""
    m = _PLENUM.search(folded)
    if not m:
        return None
    n = _number(m["ord"] or m["n2"] or "")
    term = _number(m["term"])
    if not n or not term:
        return None
    return f"hoi-nghi-trung-uong:{n}:{_roman(term)}"


def named_key(kind: str, title: str) -> str:
    """The normalised key of a document cited by name (rules in the module docstring)."""
    folded = " ".join(fold(title).split())
    key = plenum_key(folded) or congress_key(folded)
    if key:
        return key
    rest = _DROP.sub("", _KIND_HEAD.sub("", folded))
    return f"{kind}:{_slug(rest) or _slug(folded)}"
