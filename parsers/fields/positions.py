"""Titles and positions written before or after a person's name.

Positions are split on commas only where the next part starts a new title, so a comma
inside the name of a body ("Cục Phát thanh, Truyền hình và Thông tin điện tử") stays in
its position; a title that leads to the next person's name ends the list.
"""

from __future__ import annotations

from parsers.fields import lexicon as lx
from parsers.fields.reader import (
    DASH_TOKENS,
    HONORIFICS,
    MAX_TITLE,
    PLACES,
    SEGMENT_END,
    SENTENCE_END,
    STRONG_HONORIFICS,
    UNITS,
    Reader,
    excluded,
)


def _clean_position(text: str) -> str:
    return text.strip(" ,;:-–—").strip()


def split_titles(r: Reader, a: int, b: int) -> list[str]:
    """Positions written before a name: split at a dash, slash or comma before a title."""
    parts: list[str] = []
    start = a
    for k in range(a + 1, b):
        if (r.toks[k] in DASH_TOKENS or r.toks[k] in ("/", ",")) and r.head(k + 1):
            parts.append(r.span(start, k))
            start = k + 1
    parts.append(r.span(start, b))
    return [p for p in (_clean_position(x) for x in parts) if p]


def titles_after(r: Reader, k: int) -> tuple[list[str], int]:
    """Positions written after a name: ", Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh", or in
    brackets: " (Bí thư Tỉnh ủy)"."""
    if r.toks[k : k + 1] == ["("] and r.head(k + 1):
        return _titles_in_brackets(r, k + 1)
    if r.toks[k : k + 1] and (r.toks[k] == "," or r.toks[k] in DASH_TOKENS) and r.head(k + 1):
        k += 1
    elif not r.head(k):
        return [], k
    if name_after_title(r, k, False):
        return [], k
    positions: list[str] = []
    seg = k
    j = k
    limit = min(r.n, k + 3 * MAX_TITLE)
    while j < limit:
        tok = r.toks[j]
        if tok == ";" and r.head(j + 1) and not name_after_title(r, j + 1, False):
            positions.append(r.span(seg, j))  # "Phó Bí thư Tỉnh ủy; Chủ tịch HĐND tỉnh"
            seg = j + 1
        elif tok in SEGMENT_END:
            break
        elif r.keys[j] == "kiêm" and j > seg and r.head(j + 1):
            positions.append(r.span(seg, j))  # "Phó Bí thư Tỉnh ủy kiêm Chủ tịch UBND tỉnh"
            seg = j + 1
        elif tok == "," or tok == "/" or tok in DASH_TOKENS:
            nxt = j + 1
            if r.head(nxt) and name_after_title(r, nxt, False):
                break  # the next title introduces the next person
            if r.head(nxt):
                positions.append(r.span(seg, j))
                seg = nxt
            elif tok == "," and r.cap(nxt) and not _starts_person(r, nxt):
                pass  # a comma inside the name of a body
            elif tok == "," and nxt < r.n and r.keys[nxt] in UNITS and r.cap(nxt + 1):
                pass  # "Chủ tịch UBND xã Tân Phú, huyện Đồng Xuân"
            elif tok in DASH_TOKENS and r.cap(nxt) and not _starts_person(r, nxt):
                pass  # "Bà Rịa - Vũng Tàu"
            else:
                break
        elif _ends_titles(r, j, seg):
            break
        j += 1
    if j < r.n or r.toks[-1] in SENTENCE_END:
        positions.append(r.span(seg, j))
    # else: the excerpt ends inside this title; it is left out rather than cut.
    return [p for p in (_clean_position(x) for x in positions) if p], j


def _titles_in_brackets(r: Reader, k: int) -> tuple[list[str], int]:
    """ "(Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh)": the titles, and the token after ")"."""
    end = k
    while end < min(r.n, k + 2 * MAX_TITLE) and r.toks[end] not in (")", "(", "\n"):
        end += 1
    if end >= r.n or r.toks[end] != ")":
        return [], k - 1
    return split_titles(r, k, end), end + 1


def name_after_title(r: Reader, i: int, strong: bool) -> tuple[int, int] | None:
    """The name that ends the title starting at `i` ("Bí thư Tỉnh ủy Hà Tĩnh <Name>")."""
    j = i
    limit = min(r.n, i + MAX_TITLE)
    toks, keys, is_cap, predicates = r.toks, r.keys, r.is_cap, r.predicates
    while j < limit:
        if toks[j] in SEGMENT_END or toks[j] == ",":
            return None
        if j > i:
            predicate = predicates[j]
            if predicate is None:
                predicate = r.predicate_start(j)
            if predicate or (keys[j] in STRONG_HONORIFICS and r.match(j, STRONG_HONORIFICS)):
                return None
        if keys[j] == "và" and not is_cap[j + 1]:
            return None
        end = r.name_run(j) if is_cap[j] else j
        if end > j:
            found = r.name_in(j, end, need_surname=not strong or end - j > 4)
            if found and found[1] - found[0] >= 2 and not excluded(r, found[0], True):
                return found
            foreign = r.foreign_name(j, end)
            if foreign:
                return foreign
            j = end
        else:
            j += 1
    return None


def appointed_as(r: Reader, k: int) -> list[str]:
    """ "do đồng chí X làm Bí thư", "X được chỉ định làm Bí thư lâm thời"."""
    for j in range(k, min(r.n, k + 5)):
        if r.toks[j] in SEGMENT_END or r.toks[j] == ",":
            return []
        if r.keys[j] == "làm" and r.head(j + 1):
            end = j + 1
            while end < r.n and end < j + 8 and r.word(end) and not r.predicate_start(end):
                if end > j + 1 and r.keys[end] == "và":
                    break
                end += 1
            return [r.span(j + 1, end)]
    return []


def _ends_titles(r: Reader, j: int, seg: int) -> bool:
    """Token `j` ends a list of titles: "và" + lower case, a verb, the next honorific, or
    a lower-case word after the place or unit that ends a title."""
    if r.keys[j] == "và" and not r.cap(j + 1):
        return True
    if _posted_at(r, j, seg):
        return False
    if r.heads[seg] and j < seg + len(r.heads[seg]):
        return False  # a word of the title's own head ("phó chủ tịch" in lower case)
    if j > seg and r.predicate_start(j):
        return True
    if j > seg + 1 and r.word(j) and not r.is_cap[j] and _after_title_end(r, j):
        return True
    if j <= seg or r.keys[j] not in STRONG_HONORIFICS:
        return False
    return r.match(j, STRONG_HONORIFICS) is not None and not r.match(j, PLACES)


# Titles of a post abroad, which name where it is: "Đại sứ Hàn Quốc tại Việt Nam".
_POSTED = tuple(lx.phrases("đại sứ|tổng lãnh sự|lãnh sự|trưởng đại diện|trưởng cơ quan đại diện"))


def _posted_at(r: Reader, j: int, seg: int) -> bool:
    """ "tại" + a capitalised place inside the title of a diplomat or representative."""
    if r.keys[j] != "tại" or not r.cap(j + 1):
        return False
    return any(tuple(r.keys[seg : seg + len(p)]) == p for p in _POSTED)


# Lower-case words that go on after a unit or a place inside a title: "tỉnh ủy",
# "thành phố", "huyện đội", "thị xã", "Đảng bộ tỉnh Quảng Nam khóa XXII".
_AFTER_UNIT = frozenset(lx.words("ủy phố đoàn đội xã trấn lỵ ủy khóa khoá nhiệm lần và"))


def _after_title_end(r: Reader, j: int) -> bool:
    """ "Bí thư Đảng ủy xã | triển khai …", "Trưởng ban Tuyên giáo Tỉnh ủy Điện Biên | ôn
    lại …": a title ends at a unit word or a place name; a lower-case word after one
    (other than those in `_AFTER_UNIT`) is the predicate."""
    if r.keys[j] in _AFTER_UNIT or r.keys[j] in UNITS:
        return False
    if r.keys[j - 1] in UNITS and not r.is_cap[j - 1]:
        return True
    return any(
        j - size >= 0
        and r.is_cap[j - size]
        and r.match(j - size, PLACES) is not None
        and len(r.match(j - size, PLACES)) == size
        for size in (1, 2, 3)
    )


def _starts_person(r: Reader, i: int) -> bool:
    if r.match(i, HONORIFICS):
        return True
    end = r.name_run(i)
    return end > i and r.name_in(i, end, need_surname=True) is not None


def titles_before(r: Reader, start: int, floor: int) -> list[str]:
    """Comma-separated titles written before a title that introduces a name."""
    found: list[str] = []
    k = start - 1
    while k > floor and r.toks[k] == ",":
        j = k - 1
        while j >= 0 and r.toks[j] not in SEGMENT_END and r.toks[j] != ",":
            if r.match(j, STRONG_HONORIFICS):
                break
            j -= 1
        seg_start = j + 1
        if seg_start < floor or not r.head(seg_start) or name_after_title(r, seg_start, False):
            break
        found[:0] = split_titles(r, seg_start, k)
        k = j
    return found
