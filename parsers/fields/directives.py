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
from parsers.fields.context import context_before, read_tail
from parsers.fields.kinds import KIND_ALT, KIND_BY_FOLDED, kind_from_symbol
from parsers.fields.named import find_named
from parsers.fields.named_key import named_key
from parsers.fields.spans import Spans
from parsers.fields.text import DASH_CLASS, by_first_letter, for_reading, squash
from parsers.record import Directive

_D = f"[{DASH_CLASS}]"
# One segment of a symbol: a year, or a code starting with two capitals ("TTg", "QĐi",
# "QH14", "HĐND", "BNN&PTNT"); never the start of an ordinary word.
_SEG = r"(?:\d{4}|[A-ZĐÐ]{2}[A-Za-zĐđÐ&]*\d*)(?![\w&])"
# A code typed in lower or mixed case ("05-Ctr/TU", "07-kh/tu"): short, unaccented, and
# only joined to another segment by a slash with no space (checked by `_valid_symbol`).
_LOOSE_SEG = r"[A-Za-zĐđÐ][a-zđ]{1,4}(?![\w&])"
_SEP = rf"[ \t]?[{DASH_CLASS}/][ \t]?"
_SYMBOL = (
    rf"(?:{_SEP}(?P<symbol>(?:{_SEG}|{_LOOSE_SEG}(?=/))"
    rf"(?:\s?[{DASH_CLASS}/]\s?{_SEG}|/{_LOOSE_SEG})*))"
)
_TWO_CAPITALS = re.compile(r"\d{4}|[A-ZĐÐ]{2}")
_NUMBER = r"(?P<number>\d{1,5})(?![\d]|[.,]\d)"
_AFTER_WORD = rf"\s*(?:(?P<so>số)\s*(?:hiệu\s*)?:?\s*|:\s*)?{_NUMBER}"

# Matched on the lower-cased text (three times faster than a case-blind pattern), with
# the case-blind pattern as the fallback for the rare text whose lower case is longer.
_NUMBERED_LOWER = re.compile(
    rf"(?P<kind>{by_first_letter([*KIND_ALT.split('|'), 'nq'])}){_AFTER_WORD}"
)
_NUMBERED_ANY_CASE = re.compile(_NUMBERED_LOWER.pattern, re.IGNORECASE)
# The "Số: 1648/QĐ-UBND" line of a legal document ("Số 12-NQ/TU" in a Party one).
_HEADER_NUMBER = re.compile(rf"^[ \t|]*(?P<kind>Số|SỐ)(?:\s?(?:hiệu|HIỆU))?\s*:?\s*{_NUMBER}", re.M)
_SYMBOL_AT = re.compile(_SYMBOL)
# A full Party or state number standing alone: "35-NQ/TW", "1234/QĐ-UBND", "72/2013/NĐ-CP".
# The look-behind comes after the first digit (`\d(?<!x\d)` is `(?<!x)\d`) so that the
# regex engine can skip from digit to digit instead of trying every position.
_BARE = re.compile(
    rf"(?P<number>\d(?<![\w/.{DASH_CLASS}]\d)\d{{0,4}})"
    rf"(?:{_SEP}(?P<symbol>[A-ZĐÐ]{{2}}[A-Za-zĐđÐ]*(?:/[A-ZĐÐ][A-Za-zĐđÐ]*\d*)+)(?!\w)"
    rf"|/(?P<symbol2>\d{{4}}/[A-ZĐÐ]{{2}}[A-Za-zĐđÐ&]*\d*(?:[{DASH_CLASS}/][A-ZĐÐ][A-Za-zĐđÐ&]*\d*)*"
    rf"|[A-ZĐÐ]{{2}}[A-Za-zĐđÐ&]*\d*(?:[{DASH_CLASS}/][A-ZĐÐ][A-Za-zĐđÐ&]*\d*)+)(?![\w&]))"
)
# The document word of a bare number a few words back in the same clause: "Pháp lệnh
# Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14".
_KIND_BEFORE = re.compile(rf"(?<!\w)(?P<kind>{KIND_ALT})(?!\w)[^.;:\n]*$", re.IGNORECASE)
_KIND_REACH = 80
_YEAR = re.compile(r"19\d\d|20\d\d")
# Words that make a bare "Kế hoạch 2 năm" a quantity, not a document number.
_UNIT_AFTER = re.compile(
    r"\s*(?:%|năm|tháng|ngày(?!\s*\d)|tuần|giờ|lần|người|đồng|tỷ|triệu|nghìn|ngàn|điểm|đợt|"
    r"nội dung|nhiệm vụ|chỉ tiêu|giải pháp|xã|huyện|tỉnh|đơn vị|cấp)\b",
    re.IGNORECASE,
)
_LIST_GLUE = re.compile(r"\s*(?:,|và|,\s*và)\s*", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_DASH = re.compile(_D)


@dataclass(frozen=True, slots=True)
class _Ref:
    start: int
    end: int  # end of the number and symbol
    directive: Directive
    kind_from_word: bool


def _valid_symbol(symbol: str) -> bool:
    """A symbol has a segment of two capitals (or a year), or is a code of two parts."""
    return bool(_TWO_CAPITALS.search(symbol)) or "/" in symbol


def _norm_id(number: str, sep: str, symbol: str | None) -> str:
    if not symbol:
        return number
    raw = number + sep + symbol
    raw = _WHITESPACE.sub("", raw)
    raw = _DASH.sub("-", raw).replace("Ð", "Đ")
    return raw.upper()


def _candidates(text: str) -> list[tuple[re.Match, bool]]:
    """Numbers after a document word, and numbers on a "Số:" line (flagged True)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        found = [(m, False) for m in _NUMBERED_LOWER.finditer(lowered)]
    else:
        found = [(m, False) for m in _NUMBERED_ANY_CASE.finditer(text)]
    if "Số" in text or "SỐ" in text:  # most texts have no "Số:" line: no scan of every line
        found.extend((m, True) for m in _HEADER_NUMBER.finditer(text))
    return found


def _numbered(text: str) -> list[_Ref]:
    refs: list[_Ref] = []
    taken: list[tuple[int, int]] = []
    text_end = len(text.rstrip())  # a match ending here is cut off by the excerpt's end
    for m, is_header in _candidates(text):
        word = text[m.start("kind") : m.end("kind")]
        folded = _WHITESPACE.sub("", word.lower())
        number = m["number"]
        sm = _SYMBOL_AT.match(text, m.end("number"))
        if sm and not _valid_symbol(sm["symbol"]):
            sm = None
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
        if end >= text_end:
            continue  # cut off by the end of the excerpt
        kind = None if is_header else KIND_BY_FOLDED.get(folded)
        if folded == "nq":
            kind = "nghi_quyet"
        from_word = kind is not None
        kind = kind or kind_from_symbol(symbol)
        if folded == "vănbản" and kind == "other":
            kind = "cong_van"  # "văn bản số 123/UBND-VX": an official letter
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
    covered = Spans(taken)
    for m in _BARE.finditer(text):
        if covered.covers(m.start()):
            continue
        symbol = m["symbol"] or m["symbol2"]
        sep = text[m.end("number") : m.start("symbol")] if m["symbol"] else "/"
        word = _KIND_BEFORE.search(text, max(0, m.start() - _KIND_REACH), m.start())
        kind = KIND_BY_FOLDED.get(_WHITESPACE.sub("", word["kind"].lower())) if word else None
        d = Directive(
            text="",
            kind=kind or kind_from_symbol(symbol),
            number=m["number"],
            symbol=symbol,
            id=_norm_id(m["number"], sep.strip(), symbol),
        )
        refs.append(_Ref(m.start(), m.end(), d, kind is not None))
    refs.sort(key=lambda r: r.start)
    return refs


def _with_context(text: str, refs: list[_Ref], source: str) -> list[_Ref]:
    """Read each reference's date and issuer, sharing them along a list; the span is
    taken from `source`, the text as written (`text` is its reading, of equal length)."""
    out: list[_Ref] = []
    tails: list[tuple[str | None, str | None, int]] = []
    for i, ref in enumerate(refs):
        limit = refs[i + 1].start if i + 1 < len(refs) else len(text)
        tails.append(read_tail(text, ref.end, limit))
    for i in range(len(refs) - 2, -1, -1):
        date_iso, issuer, end = tails[i]
        if not _LIST_GLUE.fullmatch(text[end : refs[i + 1].start]):
            continue
        n_date, n_issuer, _ = tails[i + 1]
        if end == refs[i].end:  # "A, B, ngày …, của …": both from the list's end
            tails[i] = (n_date, n_issuer, end)
        elif issuer is None:  # "A ngày …, B ngày … của …": the issuer is shared
            tails[i] = (date_iso, n_issuer, end)
    # "Tỉnh ủy ban hành A, B và C": what is read before a list's first item is each item's.
    before: tuple[str | None, str | None] = (None, None)
    for i, (ref, (date_iso, issuer, end)) in enumerate(zip(refs, tails, strict=True)):
        glued = i > 0 and _LIST_GLUE.fullmatch(text[tails[i - 1][2] : ref.start]) is not None
        if not glued:
            before = (None, None)
        if issuer is None or date_iso is None:
            if not glued or before == (None, None):
                before = context_before(text, ref.start)
            before_issuer, before_date = before
            issuer = issuer or before_issuer
            date_iso = date_iso or before_date
        header = legal.header_context(text, ref.start) if ref.directive.symbol else None
        if header:
            date_iso = date_iso or header[0]
            issuer = issuer or header[1]
        span = source[ref.start : end].strip(" ,")
        d = replace(ref.directive, text=span, date=date_iso, issuer=issuer)
        out.append(_Ref(ref.start, end, d, ref.kind_from_word))
    return out


def _fill(base: Directive, other: Directive) -> Directive:
    date, issuer = base.date or other.date, base.issuer or other.issuer
    if date is base.date and issuer is base.issuer:
        return base  # nothing to take (the usual case): no copy
    return replace(base, date=date, issuer=issuer)


def _score(d: Directive) -> int:
    return (d.date is not None) + (d.issuer is not None)


def _merge(refs: list[_Ref]) -> list[Directive]:
    """One entry per document: same id (and kind, for a number without symbol)."""
    # (kind, number) → the id of its first mention with a full symbol.
    full_numbers: dict[tuple, str] = {}
    for r in refs:
        if r.directive.symbol:
            full_numbers.setdefault((r.directive.kind, r.directive.number), r.directive.id)
    groups: dict[tuple, list[_Ref]] = {}
    for ref in refs:
        d = ref.directive
        if d.symbol:
            key: tuple = (d.id,)
        elif (d.kind, d.number) in full_numbers:
            # "Nghị quyết số 26" after "Nghị quyết số 26/NQ-TW": the same document.
            key = (full_numbers[(d.kind, d.number)],)
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
    """Every document reference in `text`, one entry per document, in reading order.

    The text is read through `for_reading` (no markup, no line breaks inside a sentence,
    "Đ" for "Ð"); each reference's `text` is its span in `text` as written."""
    source, text = text, for_reading(text)
    refs = _with_context(text, _numbered(text), source)
    numbered = _merge(refs)
    taken = [(r.start, r.end) for r in refs]
    return numbered + _merge_named(find_named(text, taken, source))


def _merge_named(found: list[Directive]) -> list[Directive]:
    """One entry per named document (by `named_key`), its first mention kept unless a
    later one states more or the first is a headline's capitals; a congress named without
    its place ("Đại hội Đảng bộ xã lần thứ I") is the one named with it in the same text
    ("… Đảng bộ xã Ba Đình lần thứ I")."""
    by_key: dict[str, Directive] = {}
    for d in found:
        key = named_key(d.kind, d.title or d.text)
        same = next((k for k in by_key if _same_congress(k, key)), key)
        if same not in by_key:
            by_key[same] = d
        elif _score(d) > _score(by_key[same]) or (_capitals(by_key[same]) and not _capitals(d)):
            by_key[same] = _fill(d, by_key[same])  # states more, or is not a headline's capitals
    return list(by_key.values())


def _capitals(d: Directive) -> bool:
    return (d.title or d.text).isupper()


def _same_congress(a: str, b: str) -> bool:
    """ "dai-hoi:dang-bo-xa:I" and "dai-hoi:dang-bo-xa-ba-dinh:I": one text, one congress."""
    if a == b:
        return True
    pa, pb = a.split(":"), b.split(":")
    if len(pa) != 3 or len(pb) != 3 or pa[0] != "dai-hoi" or pa[0] != pb[0] or pa[2] != pb[2]:
        return False
    return pa[1].startswith(pb[1] + "-") or pb[1].startswith(pa[1] + "-")
