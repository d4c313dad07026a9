"""The header of a legal document quoted in full.

A state or Party document starts with its issuer in capitals, the national motto,
"Số: 1648/QĐ-UBND", then "Phú Thọ, ngày 22 tháng 07 năm 2015"; the title follows,
then (for a decision) the signing authority in capitals right above "Căn cứ …".
For the number on the "Số:" line, the document's date is the date on the place line
and its issuer is the signing authority, or else the issuer block of the header.
"""

from __future__ import annotations

import re

from parsers.fields.dates import find_date_at
from parsers.fields.text import squash

_NUMBER_LINE = re.compile(r"(?:^|\n)[ \t|]*$")
_PLACE_DATE = re.compile(r"(?:,\s*ngày|Ngày ban hành:)\s*", re.IGNORECASE)
_MOTTO = re.compile(
    r"\n[ \t|]*(?:CỘNG\s+HÒA\s+XÃ\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM)", re.IGNORECASE
)
_GROUNDS = re.compile(r"\n[ \t]*Căn cứ\b")
_RULE_LINE = re.compile(r"^[\s|\-_–—=*]*$")
_BODY_WORDS = re.compile(
    r"ỦY BAN|UỶ BAN|HỘI ĐỒNG|CHỦ TỊCH|BỘ |BAN |TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|HUYỆN ỦY|"
    r"THỦ TƯỚNG|CHÍNH PHỦ|QUỐC HỘI|SỞ |UBND|HĐND"
)
_WINDOW = 600
_AUTHORITY_WINDOW = 4000


def _is_caps_line(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _header_issuer(text: str, start: int) -> str | None:
    """Capital lines right above the motto, or (Party layout, motto printed after the
    number) right above the "Số" line."""
    motto = None
    for m in _MOTTO.finditer(text, max(0, start - _WINDOW), start):
        motto = m
    end = motto.start() if motto else text.rfind("\n", 0, start)
    if end < 0:
        return None
    lines = text[max(0, end - _WINDOW) : end].split("\n")
    block: list[str] = []
    for line in reversed(lines):
        if _RULE_LINE.match(line):
            if block:
                break
            continue
        if not _is_caps_line(line):
            break
        block.append(line.strip(" |"))
    issuer = squash(" ".join(reversed(block)))
    if not issuer or (motto is None and not _BODY_WORDS.search(issuer + " ")):
        return None  # without the motto, only a block that names a body
    return issuer


def _authority(text: str, start: int) -> str | None:
    """The capitals line just above the first "Căn cứ" after the number."""
    m = _GROUNDS.search(text, start, start + _AUTHORITY_WINDOW)
    if not m:
        return None
    for line in reversed(text[start : m.start()].split("\n")):
        if not line.strip():
            continue
        if _is_caps_line(line) and _BODY_WORDS.search(line + " "):
            return squash(line)
        return None
    return None


def header_context(text: str, start: int) -> tuple[str | None, str | None] | None:
    """(date, issuer) for a number written on a "Số:" line starting at `start`."""
    if not text.startswith("Số", start) or not _NUMBER_LINE.search(text, 0, start):
        return None
    window_end = min(len(text), start + _WINDOW)
    date_iso = None
    for m in _PLACE_DATE.finditer(text, start, window_end):
        found = find_date_at(text, m.end())
        if found:
            date_iso = found[0].isoformat() if found[0] else None
            break
    if text.startswith("Số hiệu", start):
        return date_iso, None
    issuer = _authority(text, start) or _header_issuer(text, start)
    return date_iso, issuer
