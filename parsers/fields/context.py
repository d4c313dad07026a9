"""What is written around a document number: its date and its issuer.

After the number: ", ngày 25/10/2017, của Ban Chấp hành Trung ương Đảng (khóa XII)".
Before it: "Ngày 16/7/1987, Ban Thường vụ Tỉnh ủy … ban hành Nghị quyết số …". An
issuer ends at a preposition, a verb, a quotation or the end of a clause; a line break
inside it is followed only when it is a soft wrap in the middle of a body's name (after
a word no name ends with, "Bộ\nChính trị", or inside a province's name). Written before
the number, the issuer is the body right before the issuing verb ("Ban Dân vận tham mưu
Huyện ủy ban hành …" gives "Huyện ủy"); right after it without "của", a body that issues
documents, kept only when its name ends the clause or runs to "về" or a date.
"""

from __future__ import annotations

import re

from parsers.fields import lexicon as lx
from parsers.fields.dates import find_date_at
from parsers.fields.text import DASHES, squash

# ", ngày 25/10/2017", "(ngày 25/10/2017)", "(25/10/2017)", "ban hành ngày …".
_DATE_LEAD = re.compile(r"[\s,]*(?:\(\s*(?:ngày\s*)?|(?:ban hành\s+|ký\s+)?ngày\s*)", re.IGNORECASE)
_ISSUER_LEAD = re.compile(r"[\s,)]*(?:của|giữa|do)\s+", re.IGNORECASE)
# Words that end an issuer's name: prepositions, verbs, the start of the subject.
# "Kế hoạch số 3-KH/TU được Ban Thường vụ Tỉnh ủy ban hành": the issuer of a passive,
# taken only when an issuing verb follows it.
_PASSIVE_LEAD = re.compile(r"[\s,]*(?:đã\s+)?được\s+", re.IGNORECASE)
# An issuer written right after the number, without "của": a body that issues documents,
# taken only when its name ends the clause or is followed by the subject ("về …") or a date.
_BARE_ISSUER_LEAD = re.compile(
    r"[ \t]+(?=(?:Hội nghị|Bộ Chính trị|Ban Bí thư|Ban Chấp hành|Ban Thường vụ|BCH|BTV"
    r"|Chính phủ|Thủ tướng|Quốc hội|Ủy ban|UBND|HĐND|Tỉnh ủy|Thành ủy|Huyện ủy|Đảng ủy)(?!\w))"
)
_BARE_ISSUER_END = re.compile(r"\s*(?:$|[,.;:)(]|(?:về|ngày)(?!\w))")
_ISSUING_VERB = re.compile(r"\s+(?:ký\s+)?(?:ban hành|phê duyệt|thông qua|ký)\b", re.IGNORECASE)
_ISSUER_STOP_WORDS = frozenset(
    """
    về v/v tại đã đến cho với trong nhằm gắn là ngày số kèm có được sẽ đối khi theo để từ
    thì mà nay vào như nêu năm trên tới ký cùng các những này đó vừa mới gửi
    """.split()  # noqa: SIM905
)
# Verbs that end an issuer; their first word alone may belong to a body ("Ủy ban").
_ISSUER_STOP_VERBS = frozenset(
    [
        "ban hành",
        "quy định",
        "hướng dẫn",
        "xác nhận",
        "thực hiện",
        "tuyên truyền",
        "phê duyệt",
        "triển khai",
        "sửa đổi",
        "bổ sung",
        "giai đoạn",
        "nhiệm kỳ",
        "quyết định",
        "chỉ đạo",
        "tổ chức",
        "lãnh đạo",
        "đề nghị",
        "yêu cầu",
        "tiếp tục",
        "bảo đảm",
        "đảm bảo",
        "tăng cường",
        "đẩy mạnh",
        "kết luận",
        "chỉ thị",
        "thông qua",
        "công bố",
        "truyền đạt",
        "thông báo",
    ]
)
_ISSUER_MAX_WORDS = 20
# After a comma, the rest of a name that lists its fields, "A, B và C" ("Sở Văn hóa, Thể
# thao và Du lịch"): capitalised words, not another body, then "và" and a capital.
_PAIRED_NAME = re.compile(
    r" (?!(?:Ban|Bộ|Sở|Ủy|Uỷ|UBND|HĐND|Tỉnh|Thành|Huyện|Đảng|Chính|Quốc|Thủ|Văn phòng)(?!\w))"
    r"[A-ZĐ]\w*(?: [a-zà-ỹđ]\w*)? (?:và|&) [A-ZĐ]"
)
_STRAY_MARKS = frozenset({'"', "“", "”", "'"})
_WORD = re.compile(r"\S+")
_TERM = re.compile(r"\((?:khóa|khoá)\b", re.IGNORECASE)
_LOWER_BODY = re.compile(
    r"(?:tỉnh|thành|huyện|quận|đảng) (?:ủy|uỷ)\b|(?:ban|bộ|chính phủ|quốc hội)\b"
)
_BODY_CONTINUATION = frozenset({"Tỉnh", "Thành", "Huyện", "Quận", "Trung", "Đảng"})
# Words that cannot end a body's name: a line break after one is a soft wrap.
_NEEDS_MORE = frozenset({"Ban", "Bộ", "Sở", "Ủy", "Uỷ", "Cục", "Tổng", "Liên", "Mặt", "Văn"})
# The first two words of each place name of the lexicon, split by a wrap inside an issuer.
_PLACE_STARTS = frozenset(p[:2] for p in lx.PLACES if len(p) >= 2)
_PLACE_UNITS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "phố", "thị"})
_BODY_HEAD = re.compile(
    r"(?<!\w)(?:Ban|Bộ|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|"
    r"Huyện ủy|Huyện uỷ|Chính phủ|Quốc hội|Thủ tướng|Sở|Văn phòng|Đảng ủy|Đảng uỷ|"
    r"Thường trực|BTV|BCH|Chủ tịch)(?!\w)"
)
_ISSUED_BY_BEFORE = re.compile(
    r"(?:\s+(?:(?:đã|vừa|mới|đã vừa|vừa mới)\s+)?(?:ký\s+)?"
    r"(?:ban hành|có|ký|phát hành|ra|thông qua)"
    r"|\s+tại)\s*$",
    re.IGNORECASE,
)
# A body that hands a document to another to issue: "Sở Nội vụ trình UBND tỉnh ban hành".
_HANDED_TO = re.compile(
    r"\s(?:trình|tham mưu(?: cho)?|giao|chỉ đạo|đề nghị|đề xuất|kiến nghị)\s+(?=[A-ZĐ])"
)
# A body that opens the sentence, its document cited in brackets at the end: "Văn phòng
# UBND tỉnh truyền đạt ý kiến … (Công văn số 4235/VP-TH, ngày …)".
_OPENS_WITH_BODY = re.compile(r"\s*(?:\([^()]{1,20}\)\s*-?\s*)?(?=[A-ZĐ])")
_SENTENCE_START = re.compile(r"(?:^|[.!?;]\s|\n\s*\n)(?!.*(?:[.!?;]\s|\n\s*\n))", re.DOTALL)
_SENTENCE_END = re.compile(r"[.!?;]\s|\n\s*\n")
_END_MARKS = frozenset(".!?;")
_DATE_BEFORE = re.compile(r"(?<!\w)[Nn]gày\s+(?=\d)")


def _scan_issuer(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The issuing body starting at `pos`, stopping at a verb, a preposition or a mark."""
    words: list[str] = []
    end = pos
    for m in _WORD.finditer(text, pos, limit):
        word = m.group()
        if not words and word in _STRAY_MARKS:
            continue  # a quotation mark left alone by scraped markup: "\"</image>Ban …"
        gap = text[end : m.start()]
        if words and "\n" in gap and not _continues_body(words, gap, word):
            break
        closes = word.endswith(")") and not any("(" in w for w in words)
        core = word.rstrip(',;:.!?”"' + (")" if closes else ""))
        if core.isupper() and words:
            core_key = core.lower()  # a title in capitals: "… CỦA CHÍNH PHỦ VỀ …"
            if core_key in _ISSUER_STOP_WORDS:
                break
        if word.startswith(("“", '"', "(")) and not _TERM.match(word):
            break
        if words and core in _ISSUER_STOP_WORDS and not (core == "các" and words[-1] == "Khối"):
            break  # "Đảng ủy Khối các cơ quan tỉnh": a bloc's committee, "các" in its name
        if words and core.islower():
            nxt = _WORD.search(text, m.end(), limit)
            if nxt and f"{core} {nxt.group().rstrip(',;:.')}" in _ISSUER_STOP_VERBS:
                break
        if core == "và" or core in DASHES:
            nxt = _WORD.search(text, m.end(), limit)
            if not nxt or not nxt.group()[0].isupper():
                break
        if not core:
            break
        if word == core + "," and _PAIRED_NAME.match(text, m.end()):
            words.append(word)  # "Bộ Văn hóa, Thể thao và Du lịch": a comma in a name
            end = m.end()
            continue
        words.append(core)
        end = m.start() + len(core)
        if len(words) >= _ISSUER_MAX_WORDS:
            return None, pos  # no name is this long: what was read is not one name
        if core != word:
            break
    while words and words[-1] in ("và", "của", *DASHES):
        words.pop()
    if not words or not (words[0][0].isupper() or _LOWER_BODY.match(" ".join(words))):
        return None, pos
    return squash(" ".join(words)), end


def _continues_body(words: list[str], gap: str, word: str) -> bool:
    """A line break inside an issuer: only a soft wrap in the middle of a body name
    ("Ban Thường vụ\nTỉnh ủy", "Ủy ban nhân dân\ntỉnh An Giang", "UBND tỉnh\nAn Giang")."""
    if gap.count("\n") == 1 and word[:1].isupper():
        if words[-1] in _NEEDS_MORE:
            return True  # "của Bộ\nChính trị", "của Ban\nThường vụ Tỉnh ủy"
        if (lx.key(words[-1]), lx.key(word)) in _PLACE_STARTS:
            return True  # "Ủy ban nhân dân tỉnh Quảng\nTrị"
    if not words[-1].islower():
        return False
    if word in _BODY_CONTINUATION:
        return True
    return gap.count("\n") == 1 and (word.islower() or words[-1] in _PLACE_UNITS)


def read_tail(text: str, pos: int, limit: int) -> tuple[str | None, str | None, int]:
    """Date and issuer written right after a number: ", ngày …, của …"."""
    date_iso = issuer = None
    for _ in range(2):
        m = _DATE_LEAD.match(text, pos)
        if date_iso is None and m:
            found = find_date_at(text, m.end())
            if found:
                date_iso = found[0].isoformat() if found[0] else None
                pos = found[1]
                continue
        m = _ISSUER_LEAD.match(text, pos)
        if issuer is None and m:
            issuer, new_pos = _scan_issuer(text, m.end(), limit)
            if issuer:
                pos = new_pos
                continue
        m = _BARE_ISSUER_LEAD.match(text, pos)
        if issuer is None and m:
            found, new_pos = _scan_issuer(text, m.end(), limit)
            if found and " " in found and _BARE_ISSUER_END.match(text, new_pos):
                issuer, pos = found, new_pos  # "Nghị quyết số 60-NQ/TW Hội nghị lần thứ 11 …"
                continue
        m = _PASSIVE_LEAD.match(text, pos)
        if issuer is None and m:
            found, new_pos = _scan_issuer(text, m.end(), limit)
            if found and _ISSUING_VERB.match(text, new_pos):
                issuer, pos = found, new_pos  # "… được Ban Thường vụ Tỉnh ủy ban hành"
                continue
        break
    return date_iso, issuer, pos


def _sentence_start(window: str) -> int:
    """Where the last sentence of `window` starts: `_SENTENCE_START.search(window).end()`.

    That search tries every position, and at each end of a sentence looks through the
    rest of the window. Its answer lies in the last run of end marks and spaces (no end
    of a sentence starts after it), so the search is made in that run alone.
    """
    ends = list(_SENTENCE_END.finditer(window))
    if not ends:
        return 0  # no end of a sentence: the whole window
    begin = stop = ends[-1].start()
    while begin and (window[begin - 1] in _END_MARKS or window[begin - 1].isspace()):
        begin -= 1
    while stop < len(window) and (window[stop] in _END_MARKS or window[stop].isspace()):
        stop += 1
    # Every end of a sentence that could matter is inside window[begin:stop].
    return _SENTENCE_START.search(window, begin, stop).end()


def _subject_issuer(sentence: str) -> str | None:
    """The body a sentence opens with, when it is one (`_BODY_HEAD`)."""
    lead = _OPENS_WITH_BODY.match(sentence)
    if not lead or not _BODY_HEAD.match(sentence, lead.end()):
        return None
    issuer, _ = _scan_issuer(sentence, lead.end(), len(sentence))
    return issuer


def _last_cut(clause: str) -> int:
    """Where the last part of a clause that can hold an issuer starts, less one."""
    return max(clause.rfind(","), clause.rfind("\n"), clause.rfind(" của "))


def _body_at_end(clause: str, pos: int) -> str | None:
    """The body named right before the issuing verb that ends `clause`: "Ban Tuyên giáo
    Tỉnh ủy tham mưu Tỉnh ủy" → "Tỉnh ủy", the body that issued; None when no body's
    name runs to the verb."""
    end = len(clause.rstrip())
    for handed in _HANDED_TO.finditer(clause, pos, end):
        pos = handed.end()  # "Sở Tài chính trình UBND tỉnh": the body it was handed to
    for head in _BODY_HEAD.finditer(clause, pos, end):
        issuer, stop = _scan_issuer(clause, head.start(), end)
        if issuer and stop >= end:
            return squash(clause[head.start() : end])
    return None


def context_before(text: str, start: int) -> tuple[str | None, str | None]:
    """Issuer and date from "Ngày …, Ban … (đã) ban hành <document>" before a number."""
    window = text[max(0, start - 300) : start]
    begin = _sentence_start(window)
    sentence = window[begin:]
    lead = _ISSUED_BY_BEFORE.search(sentence)
    if not lead:
        whole = begin > 0 or start <= 300  # the window holds the sentence's start
        if whole and sentence.rstrip().endswith("("):
            return _subject_issuer(sentence), None
        return None, None
    clause = sentence[: lead.start()]
    cut = _last_cut(clause)
    issuer = _body_at_end(clause, cut + 1)
    while issuer and cut > 0 and clause[cut] == ",":
        # "Bộ Chính trị, Ban Bí thư ban hành …": bodies that issued together, all of them.
        before = clause[:cut]
        start = _last_cut(before) + 1
        lead = len(before) - len(before[start:].lstrip())
        if not _BODY_HEAD.match(before, lead) or _body_at_end(before, lead) is None:
            break
        issuer, cut = f"{squash(before[lead:])}, {issuer}", start - 1
    date_iso = None
    m = _DATE_BEFORE.search(sentence)
    if m and issuer:
        found = find_date_at(sentence, m.end())
        date_iso = found[0].isoformat() if found and found[0] else None
    return issuer, date_iso
