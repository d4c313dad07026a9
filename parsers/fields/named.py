"""References to documents by name, without a number.

"Nghị quyết Trung ương 4 khóa XII", "Nghị quyết Đại hội XIII của Đảng", "Luật An ninh
mạng", "Nghị quyết “Xây dựng …”", "Điều lệ Đảng". They carry a `title` and no `id`.
"""

from __future__ import annotations

import re

from parsers.fields.context import read_tail
from parsers.fields.kinds import KIND_BY_FOLDED
from parsers.fields.spans import Spans
from parsers.fields.text import by_first_letter, squash
from parsers.record import Directive

# Named references without a number, each tried only when its key word occurs.
_KINDS = "Nghị quyết|Chỉ thị|Kết luận|Quyết định|Kế hoạch|Đề án|Chương trình|Luật|Bộ luật|Pháp lệnh"
_QUOTED_TITLE = re.compile(
    rf"(?P<kind>{by_first_letter(_KINDS.split('|'))})\s+“(?P<title>[^”\n]{{3,200}})”"
)
# In the next two the look-behind follows the first letter (`L(?<!\wL)` is `(?<!\w)L`), so
# that the regex engine jumps between the letters that can start a match.
_LAW_TITLE = re.compile(
    r"(?:B(?<!\wB)ộ luật|L(?<!\wL)uật) [A-ZĐ][^\s,;.:“”()]*(?: (?!Luật|Bộ luật)[^\s,;.:“”()]+){0,7}"
    r"(?P<note> \(sửa đổi(?:, bổ sung)?\))?"
)
_RESOLUTION_TITLE = re.compile(
    r"[Nn](?<!\w[Nn])(?:ghị quyết|(?<=N)Q) (?:[Đđ]ại hội|[Hh]ội nghị|ĐH|Trung ương|TW)"
    r"[^,;.:“”()\n]{1,120}?(?:(?:khóa|khoá|lần thứ|Khóa|Khoá) [IVXLC\d]+\b|(?<= )[IVXLC]{2,}\b)"
    r"(?:, nhiệm kỳ \d{4}\s?-\s?\d{4})?(?: của Đảng)?"
)
_CHARTER_TITLE = re.compile(
    by_first_letter(["Điều lệ Đảng", "Di chúc của (?:Bác|Chủ tịch Hồ Chí Minh)"])
)
_TRAILING_YEAR = re.compile(r"\s+(?:năm\s+)?\d{4}$")
_LAW_STOP = re.compile(
    r"\s(?:ngày|năm|số|đã|được|về|với|của|có|là|trong|để|nhằm|theo|tại|quy|thì|"
    r"sẽ|cũng|cho|đến|vào|khi|nay)(?:\s|$).*$",
)
_AND_THEN = re.compile(r"\svà\s(\S)")
_DIGIT = re.compile(r"\d")


def _matches(text: str) -> list[tuple[re.Match, str]]:
    found: list[tuple[re.Match, str]] = []
    if "“" in text:
        found.extend((m, "quoted") for m in _QUOTED_TITLE.finditer(text))
    if "Luật" in text:
        found.extend((m, "law") for m in _LAW_TITLE.finditer(text))
    if "NQ" in text or "ghị quyết" in text:
        found.extend((m, "resolution") for m in _RESOLUTION_TITLE.finditer(text))
    if "Điều lệ" in text or "Di chúc" in text:
        found.extend((m, "other") for m in _CHARTER_TITLE.finditer(text))
    found.sort(key=lambda pair: pair[0].start())
    return found


def _law_title(m: re.Match) -> str | None:
    """ "Luật Đất đai 2024 …" → "Luật Đất đai"; "Luật Thủ đô (sửa đổi)" is kept whole."""
    name = m.group()[: m.start("note") - m.start()] if m["note"] else m.group()
    title = _LAW_STOP.sub("", name)
    joined = _AND_THEN.search(title)
    if joined and joined.group(1).islower():
        title = title[: joined.start()]
    title = _TRAILING_YEAR.sub("", title.strip())
    if " " not in title or _DIGIT.search(title):
        return None
    return title + m["note"] if m["note"] and title == name else title


def find_named(text: str, taken: list[tuple[int, int]]) -> list[Directive]:
    """Named references in `text`, except those starting inside a `taken` span."""
    found: list[Directive] = []
    covered = Spans(taken)
    for m, form in _matches(text):
        if covered.covers(m.start()):
            continue
        if form == "quoted":
            kind = KIND_BY_FOLDED.get(m["kind"].lower().replace(" ", ""), "other")
            span, title = m.group(), m["title"].strip()
        elif form == "law":
            title = _law_title(m)
            if title is None:
                continue
            kind, span = "luat", title
        elif form == "resolution":
            kind, span = "nghi_quyet", squash(m.group())
            title = span
        else:
            kind, span = "other", m.group()
            title = span
        date_iso, _, _ = read_tail(text, m.start() + len(span), len(text))
        found.append(Directive(text=span, kind=kind, title=title, date=date_iso))
    return found
