"""The byline at the end of a body: a minimal splitter, until `parsers.fields.byline` lands.

Vietnamese articles end with the author as a short line of its own: a name ("Linh
Lan"), initials ("G.K", "T.H"), an upper-case name ("NGỌC TRINH"), a name with
"(tổng hợp)", a name and organisation joined by " - ", or a name followed by an
organisation line; "Nguồn: …" names a source. Only lines that cannot be sentences are
taken: short, no sentence punctuation at the end, and each word capitalised.
"""

from __future__ import annotations

import re

from parsers.record import Byline

_SOURCE = re.compile(r"^\s*(?:Nguồn|Theo)\s*:\s*(?P<source>.+?)\s*$", re.I)
_COMPILED = re.compile(r"\s*\(\s*(?:tổng\s+hợp|TH)\s*\)\s*$", re.I)
_INITIALS = re.compile(r"^(?:[A-ZĐ]\.){0,3}[A-ZĐ]{1,3}\.?$")
# Words an organisation line starts with.
_ORG_START = re.compile(
    r"^(?:Ban|Báo|Đài|Sở|Phòng|Văn phòng|Trung tâm|Tỉnh ủy|Huyện ủy|Thành ủy|Đảng ủy|"
    r"UBND|Ủy ban|Hội|Cổng|Tạp chí|Thông tấn|TTXVN|Bộ|Cục|Chi cục|Trường|Công an)\b"
)
_MAX_WORDS = 6


def _is_name(line: str) -> bool:
    if _INITIALS.match(line):
        return True
    words = line.split()
    if not 2 <= len(words) <= _MAX_WORDS or line[-1] in '.:;!?,"”':
        return False
    return all(w[0].isupper() for w in words if w[0].isalpha())


def _is_org(line: str) -> bool:
    return bool(_ORG_START.match(line)) and len(line.split()) <= 14 and line[-1] not in ".:;"


def split_byline(paragraphs: list[str]) -> tuple[list[str], Byline | None]:
    """The paragraphs without their byline lines, and the byline (None if there is none)."""
    lines = list(paragraphs)
    source = None
    if lines and (match := _SOURCE.match(lines[-1])):
        source = match["source"]
        lines.pop()
    author = organization = None
    if len(lines) >= 3 and _is_org(lines[-1]) and _is_name(lines[-2]):
        organization = lines.pop()
        author = lines.pop()
    elif len(lines) >= 2:
        last = _COMPILED.sub("", lines[-1])
        name, _, org = last.partition(" - ")
        if _is_name(name) and (not org or _is_org(org)):
            lines.pop()
            author, organization = name, org or None
    byline = Byline(author=author, organization=organization, source=source)
    return lines, None if byline.is_empty() else byline
