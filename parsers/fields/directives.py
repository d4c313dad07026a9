"""References to Party and state documents: "Chỉ thị số 19-CT/TU ngày 06/02/2020 của …".

Two numbering grammars are read: the Party's `35-NQ/TW` (number, dash, kind code,
slash, issuer code) and the state's `1234/QĐ-UBND`, `72/2013/NĐ-CP`, `24/2018/QH14`.
Numbers are found after a document word ("Nghị quyết", "Quyết định", "văn bản", the
"Số:" line of a legal text), or alone when they carry a full symbol. The date and
issuer are read from the words after the number ("ngày …", "của …"), shared across a
list ("A, B, ngày …, của …"), or from the clause before ("Ngày …, Ban Thường vụ …
ban hành Chỉ thị số …"). Each document appears once per text, with the fullest
information its mentions give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from parsers.fields import legal
from parsers.fields.dates import find_date_at
from parsers.fields.text import DASH_CLASS, DASHES, squash
from parsers.record import Directive

_D = f"[{DASH_CLASS}]"
# Kind words, longest first; a space inside a word may be missing on the page
# ("Kếhoạch"). `None` means the kind comes from the symbol.
_KIND_WORDS: tuple[tuple[str, str | None], ...] = (
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
_KIND_BY_FOLDED = {w.replace(" ", ""): k for w, k in _KIND_WORDS}
_KIND_ALT = "|".join(r"\s?".join(map(re.escape, w.split())) for w, _ in _KIND_WORDS)

# Kind codes at the head of a symbol: "NQ/TW", "2013/NĐ-CP", "TTLT/BTC-BNN".
_KIND_BY_CODE = {
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

# One segment of a symbol: a year, or a code starting with two capitals ("TTg", "QĐi",
# "QH14", "HĐND"); never the start of an ordinary word.
_SEG = r"(?:\d{4}|[A-ZĐÐ]{2}[A-Za-zĐđÐ]*\d*)(?!\w)"
_SEP = rf"[ \t]?[{DASH_CLASS}/][ \t]?"
_SYMBOL = rf"(?:{_SEP}(?P<symbol>{_SEG}(?:\s?[{DASH_CLASS}/]\s?{_SEG})*))"
_NUMBER = r"(?P<number>\d{1,5})(?![\d]|[.,]\d)"
_AFTER_WORD = rf"\s*(?:(?P<so>số)\s*(?:hiệu\s*)?:?\s*|:\s*)?{_NUMBER}"
# Matched on the lower-cased text (three times faster than a case-blind pattern), with
# the case-blind pattern as the fallback for the rare text whose lower case is longer.
_NUMBERED_LOWER = re.compile(rf"(?<!\w)(?P<kind>{_KIND_ALT}|nq){_AFTER_WORD}")
_NUMBERED_ANY_CASE = re.compile(_NUMBERED_LOWER.pattern, re.IGNORECASE)
# The "Số: 1648/QĐ-UBND" line of a legal document.
_HEADER_NUMBER = re.compile(rf"^[ \t|]*(?P<kind>Số|SỐ)(?:\s?(?:hiệu|HIỆU))?\s*:\s*{_NUMBER}", re.M)
_SYMBOL_AT = re.compile(_SYMBOL)
# A full Party or state number standing alone: "35-NQ/TW", "1234/QĐ-UBND", "72/2013/NĐ-CP".
_BARE = re.compile(
    rf"(?<![\w/.{DASH_CLASS}])(?P<number>\d{{1,5}})"
    rf"(?:{_SEP}(?P<symbol>[A-ZĐÐ]{{2}}[A-Za-zĐđÐ]*(?:/[A-ZĐÐ][A-Za-zĐđÐ]*\d*)+)(?!\w)"
    rf"|/(?P<symbol2>\d{{4}}/[A-ZĐÐ]{{2}}[A-Za-zĐđÐ]*\d*(?:[{DASH_CLASS}/][A-ZĐÐ][A-Za-zĐđÐ]*\d*)*"
    rf"|[A-ZĐÐ]{{2}}[A-Za-zĐđÐ]*\d*(?:[{DASH_CLASS}/][A-ZĐÐ][A-Za-zĐđÐ]*\d*)+)(?!\w))"
)
# The document word of a bare number a few words back in the same clause: "Pháp lệnh
# Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14".
_KIND_BEFORE = re.compile(rf"(?<!\w)(?P<kind>{_KIND_ALT})(?!\w)[^.;:\n]*$", re.IGNORECASE)
_KIND_REACH = 80
_YEAR = re.compile(r"19\d\d|20\d\d")
# Words that make a bare "Kế hoạch 2 năm" a quantity, not a document number.
_UNIT_AFTER = re.compile(
    r"\s*(?:%|năm|tháng|ngày(?!\s*\d)|tuần|giờ|lần|người|đồng|tỷ|triệu|nghìn|ngàn|điểm|đợt|"
    r"nội dung|nhiệm vụ|chỉ tiêu|giải pháp|xã|huyện|tỉnh|đơn vị|cấp)\b",
    re.IGNORECASE,
)
_DATE_LEAD = re.compile(r"[\s,]*\(?\s*(?:ban hành\s+|ký\s+)?ngày\s*", re.IGNORECASE)
_ISSUER_LEAD = re.compile(r"[\s,]*(?:của|giữa|do)\s+", re.IGNORECASE)
_LIST_GLUE = re.compile(r"\s*(?:,|và|,\s*và)\s*", re.IGNORECASE)

# Named references without a number, each tried only when its key word occurs.
_QUOTED_TITLE = re.compile(
    r"(?<!\w)(?P<kind>Nghị quyết|Chỉ thị|Kết luận|Quyết định|Kế hoạch|Đề án|Chương trình|"
    r"Luật|Bộ luật|Pháp lệnh)\s+“(?P<title>[^”\n]{3,200})”"
)
_LAW_TITLE = re.compile(
    r"(?<!\w)(?:Bộ luật|Luật) [A-ZĐ][^\s,;.:“”()]*(?: (?!Luật|Bộ luật)[^\s,;.:“”()]+){0,7}"
    r"(?P<note> \(sửa đổi(?:, bổ sung)?\))?"
)
_RESOLUTION_TITLE = re.compile(
    r"(?<!\w)(?:[Nn]ghị quyết|NQ) (?:[Đđ]ại hội|[Hh]ội nghị|ĐH|Trung ương|TW)"
    r"[^,;.:“”()\n]{1,120}?(?:(?:khóa|khoá|lần thứ|Khóa|Khoá) [IVXLC\d]+\b|(?<= )[IVXLC]{2,}\b)"
    r"(?:, nhiệm kỳ \d{4}\s?-\s?\d{4})?(?: của Đảng)?"
)
_CHARTER_TITLE = re.compile(r"(?<!\w)(?:Điều lệ Đảng|Di chúc của (?:Bác|Chủ tịch Hồ Chí Minh))")
_TRAILING_YEAR = re.compile(r"\s+(?:năm\s+)?\d{4}$")
_LAW_STOP = re.compile(
    r"\s(?:ngày|năm|số|đã|được|về|với|của|có|là|trong|để|nhằm|theo|tại|quy|thì|"
    r"sẽ|cũng|cho|đến|vào|khi|nay)(?:\s|$).*$",
)
_AND_THEN = re.compile(r"\svà\s(\S)")

# Words that end an issuer's name: prepositions, verbs, the start of the subject.
_ISSUER_STOP_WORDS = frozenset(
    """
    về v/v tại đã đến cho với trong nhằm gắn là ngày số kèm có được sẽ đối khi theo để từ
    thì mà nay vào như nêu năm trên tới ký cùng các những này đó
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
    ]
)
_ISSUER_MAX_WORDS = 14
_WORD = re.compile(r"\S+")
_TERM = re.compile(r"\((?:khóa|khoá)\b", re.IGNORECASE)
_LOWER_BODY = re.compile(
    r"(?:tỉnh|thành|huyện|quận|đảng) (?:ủy|uỷ)\b|(?:ban|bộ|chính phủ|quốc hội)\b"
)
_BODY_CONTINUATION = frozenset({"Tỉnh", "Thành", "Huyện", "Quận", "Trung", "Đảng"})
_PLACE_UNITS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "phố", "thị"})
_BODY_HEAD = re.compile(
    r"(?<!\w)(?:Ban|Bộ|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|"
    r"Huyện ủy|Huyện uỷ|Chính phủ|Quốc hội|Thủ tướng|Sở|Văn phòng|Đảng ủy|Đảng uỷ|"
    r"Thường trực|BTV|BCH|Chủ tịch)(?!\w)"
)
_ISSUED_BY_BEFORE = re.compile(
    r"(?:\s+(?:đã\s+)?(?:ban hành|có|ký|phát hành)|\s+tại)\s*$", re.IGNORECASE
)
_SENTENCE_START = re.compile(r"(?:^|[.!?;]\s|\n\s*\n)(?!.*(?:[.!?;]\s|\n\s*\n))", re.DOTALL)
_DATE_BEFORE = re.compile(r"(?<!\w)[Nn]gày\s+(?=\d)")


@dataclass(frozen=True, slots=True)
class _Ref:
    start: int
    end: int  # end of the number and symbol
    directive: Directive
    kind_from_word: bool


def _norm_id(number: str, sep: str, symbol: str | None) -> str:
    if not symbol:
        return number
    raw = number + sep + symbol
    raw = re.sub(r"\s+", "", raw)
    raw = re.sub(_D, "-", raw).replace("Ð", "Đ")
    return raw.upper()


def _kind_from_symbol(symbol: str | None) -> str:
    if not symbol:
        return "other"
    for seg in re.split(rf"[\s{DASH_CLASS}/]+", symbol.upper().replace("Ð", "Đ")):
        if seg.isdigit():
            continue
        code = re.sub(r"\d+$", "", seg)
        return _KIND_BY_CODE.get(code, "other")
    return "other"


def _scan_issuer(text: str, pos: int, limit: int) -> tuple[str | None, int]:
    """The issuing body starting at `pos`, stopping at a verb, a preposition or a mark."""
    words: list[str] = []
    end = pos
    for m in _WORD.finditer(text, pos, limit):
        word = m.group()
        gap = text[end : m.start()]
        if words and "\n" in gap and not _continues_body(words, gap, word):
            break
        closes = word.endswith(")") and not any("(" in w for w in words)
        core = word.rstrip(',;:.!?”"' + (")" if closes else ""))
        if word.startswith(("“", '"', "(")) and not _TERM.match(word):
            break
        if words and core in _ISSUER_STOP_WORDS:
            break
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
        words.append(core)
        end = m.start() + len(core)
        if core != word or len(words) >= _ISSUER_MAX_WORDS:
            break
    while words and words[-1] in ("và", "của", *DASHES):
        words.pop()
    if not words or not (words[0][0].isupper() or _LOWER_BODY.match(" ".join(words))):
        return None, pos
    return squash(" ".join(words)), end


def _continues_body(words: list[str], gap: str, word: str) -> bool:
    """A line break inside an issuer: only a soft wrap in the middle of a body name
    ("Ban Thường vụ\nTỉnh ủy", "Ủy ban nhân dân\ntỉnh An Giang", "UBND tỉnh\nAn Giang")."""
    if not words[-1].islower():
        return False
    if word in _BODY_CONTINUATION:
        return True
    return gap.count("\n") == 1 and (word.islower() or words[-1] in _PLACE_UNITS)


def _read_tail(text: str, pos: int, limit: int) -> tuple[str | None, str | None, int]:
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
        break
    return date_iso, issuer, pos


def _context_before(text: str, start: int) -> tuple[str | None, str | None]:
    """Issuer and date from "Ngày …, Ban … (đã) ban hành <document>" before a number."""
    window = text[max(0, start - 300) : start]
    sentence = window[_SENTENCE_START.search(window).end() :]
    lead = _ISSUED_BY_BEFORE.search(sentence)
    if not lead:
        return None, None
    clause = sentence[: lead.start()]
    cut = max(clause.rfind(","), clause.rfind("\n"), clause.rfind(" của "))
    head = _BODY_HEAD.search(clause, cut + 1)
    issuer = squash(clause[head.start() :]) if head else None
    date_iso = None
    m = _DATE_BEFORE.search(sentence)
    if m and issuer:
        found = find_date_at(sentence, m.end())
        date_iso = found[0].isoformat() if found and found[0] else None
    return issuer, date_iso


def _candidates(text: str) -> list[tuple[re.Match, bool]]:
    """Numbers after a document word, and numbers on a "Số:" line (flagged True)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        found = [(m, False) for m in _NUMBERED_LOWER.finditer(lowered)]
    else:
        found = [(m, False) for m in _NUMBERED_ANY_CASE.finditer(text)]
    found.extend((m, True) for m in _HEADER_NUMBER.finditer(text))
    return found


def _numbered(text: str) -> list[_Ref]:
    refs: list[_Ref] = []
    taken: list[tuple[int, int]] = []
    for m, is_header in _candidates(text):
        word = text[m.start("kind") : m.end("kind")]
        folded = re.sub(r"\s", "", word.lower())
        number = m["number"]
        sm = _SYMBOL_AT.match(text, m.end("number"))
        symbol = sm["symbol"] if sm else None
        end = sm.end() if sm else m.end()
        if is_header and not symbol:
            continue
        if folded == "nq" and word != "NQ":
            continue
        if folded == "luật" and text[max(0, m.start() - 5) : m.start()].lower().endswith("pháp "):
            continue
        if not symbol:
            capitalized = word[0].isupper()
            if not m["so"] and (
                not capitalized or _UNIT_AFTER.match(text, end) or _YEAR.fullmatch(number)
            ):
                continue  # "báo cáo 6 tháng", "Kế hoạch 2024": not a document number
        if not text[end:].strip():
            continue  # cut off by the end of the excerpt
        kind = None if is_header else _KIND_BY_FOLDED.get(folded)
        if folded == "nq":
            kind = "nghi_quyet"
        from_word = kind is not None
        kind = kind or _kind_from_symbol(symbol)
        sep = text[m.end("number") : sm.start("symbol")] if sm else ""
        d = Directive(
            text="",
            kind=kind,
            number=number,
            symbol=squash(symbol) if symbol else None,
            id=_norm_id(number, sep.strip() or "-", symbol),
        )
        refs.append(_Ref(m.start("kind"), end, d, from_word))
        taken.append((m.start(), end))
    for m in _BARE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        symbol = m["symbol"] or m["symbol2"]
        sep = text[m.end("number") : m.start("symbol")] if m["symbol"] else "/"
        word = _KIND_BEFORE.search(text, max(0, m.start() - _KIND_REACH), m.start())
        kind = _KIND_BY_FOLDED.get(re.sub(r"\s", "", word["kind"].lower())) if word else None
        d = Directive(
            text="",
            kind=kind or _kind_from_symbol(symbol),
            number=m["number"],
            symbol=symbol,
            id=_norm_id(m["number"], sep.strip(), symbol),
        )
        refs.append(_Ref(m.start(), m.end(), d, kind is not None))
    refs.sort(key=lambda r: r.start)
    return refs


def _with_context(text: str, refs: list[_Ref]) -> list[_Ref]:
    """Read each reference's date and issuer, sharing them along a list."""
    out: list[_Ref] = []
    tails: list[tuple[str | None, str | None, int]] = []
    for i, ref in enumerate(refs):
        limit = refs[i + 1].start if i + 1 < len(refs) else len(text)
        tails.append(_read_tail(text, ref.end, limit))
    for i in range(len(refs) - 2, -1, -1):
        date_iso, issuer, end = tails[i]
        if not _LIST_GLUE.fullmatch(text[end : refs[i + 1].start]):
            continue
        n_date, n_issuer, _ = tails[i + 1]
        if end == refs[i].end:  # "A, B, ngày …, của …": both from the list's end
            tails[i] = (n_date, n_issuer, end)
        elif issuer is None:  # "A ngày …, B ngày … của …": the issuer is shared
            tails[i] = (date_iso, n_issuer, end)
    for ref, (date_iso, issuer, end) in zip(refs, tails, strict=True):
        if issuer is None or date_iso is None:
            before_issuer, before_date = _context_before(text, ref.start)
            issuer = issuer or before_issuer
            date_iso = date_iso or before_date
        header = legal.header_context(text, ref.start) if ref.directive.symbol else None
        if header:
            date_iso = date_iso or header[0]
            issuer = issuer or header[1]
        span = text[ref.start : end].strip(" ,")
        d = replace(ref.directive, text=span, date=date_iso, issuer=issuer)
        out.append(_Ref(ref.start, end, d, ref.kind_from_word))
    return out


def _titled_matches(text: str) -> list[tuple[re.Match, str]]:
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
    if " " not in title or re.search(r"\d", title):
        return None
    return title + m["note"] if m["note"] and title == name else title


def _titled(text: str, taken: list[tuple[int, int]]) -> list[Directive]:
    found: list[Directive] = []
    for m, form in _titled_matches(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if form == "quoted":
            kind = _KIND_BY_FOLDED.get(m["kind"].lower().replace(" ", ""), "other")
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
        date_iso, _, _ = _read_tail(text, m.start() + len(span), len(text))
        found.append(Directive(text=span, kind=kind, title=title, date=date_iso))
    return found


def _fill(base: Directive, other: Directive) -> Directive:
    return replace(
        base,
        date=base.date or other.date,
        issuer=base.issuer or other.issuer,
    )


def _score(d: Directive) -> int:
    return (d.date is not None) + (d.issuer is not None)


def _merge(refs: list[_Ref]) -> list[Directive]:
    """One entry per document: same id (and kind, for a number without symbol)."""
    full_numbers = {(r.directive.kind, r.directive.number) for r in refs if r.directive.symbol}
    groups: dict[tuple, list[_Ref]] = {}
    for ref in refs:
        d = ref.directive
        if d.symbol:
            key: tuple = (d.id,)
        elif (d.kind, d.number) in full_numbers:
            # "Nghị quyết số 26" after "Nghị quyết số 26/NQ-TW": the same document.
            key = next(
                (r.directive.id,)
                for r in refs
                if r.directive.symbol
                and (r.directive.kind, r.directive.number) == (d.kind, d.number)
            )
        else:
            key = (d.id, d.kind)
        groups.setdefault(key, []).append(ref)
    merged: list[Directive] = []
    for group in groups.values():
        full = [r for r in group if r.directive.symbol] or group
        best = max(full, key=lambda r: (_score(r.directive), r.kind_from_word))
        d = best.directive
        for r in group:
            d = _fill(d, r.directive)
        if not best.kind_from_word:
            worded = [r for r in group if r.kind_from_word]
            if worded:
                d = replace(d, kind=worded[0].directive.kind)
        merged.append(d)
    return merged


def find_directives(text: str) -> list[Directive]:
    """Every document reference in `text`, one entry per document, in reading order."""
    refs = _with_context(text, _numbered(text))
    numbered = _merge(refs)
    taken = [(r.start, r.end) for r in refs]
    titled: dict[str, Directive] = {}
    for d in _titled(text, taken):
        key = (d.title or "").casefold()
        if key not in titled or _score(d) > _score(titled[key]):
            titled[key] = d
    return numbered + list(titled.values())
