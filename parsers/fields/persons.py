"""Named persons, their positions, and whether (and how) they spoke.

The text is read as tokens. A person is introduced in one of four ways:
- an honorific: "đồng chí <Name> - <position>, <position>", "Đ/c", "ông/bà <Name>",
  "Người ký: <Name>", also with the title first ("đồng chí Bí thư Tỉnh ủy <Name>");
- a title right before the name: "Bí thư Tỉnh ủy Hà Tĩnh <Name> chủ trì …" (the name
  must then start with a Vietnamese family name, after any place name is skipped);
- an item of an attendee list: "có các đồng chí: <Name>, <position>; <Name>-<position>";
- a bare name starting a clause and followed by a title or a speech verb.
Positions are split on commas only where the next part starts a new title, so a comma
inside the name of a body ("Cục Phát thanh, Truyền hình và Thông tin điện tử") stays
in its position. The role comes from the speech verb after the name and its titles,
or from the clause before it ("Phát biểu kết luận Hội nghị, đồng chí …"); a verb
after a list ("A, …; B, … chủ trì hội nghị") applies to the whole list. A short later
mention ("ông Thành", "đồng chí Tự Do") is joined to the full name it ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsers.fields import lexicon as lx
from parsers.fields.text import DASHES, compare_key, squash
from parsers.record import Person

_TOKEN = re.compile(
    r"[Đđ]/[cC](?!\w)|[A-ZĐ][A-Za-zĐ]{0,3}(?:\.[A-ZĐƯ][A-Za-zĐƯ]*)+(?!\w)|[^\W\d_](?:[\w'’]*[^\W_])?|\d+(?:[.,:/h]\d+)*"
    r"|\n|[^\w\s]"
)
_BOUNDARY = frozenset({".", "!", "?", "\n", ";", "…"})
_SENTENCE_END = frozenset({".", "!", "?", "\n", "…"})
_SEGMENT_END = frozenset({".", "!", "?", "\n", ";", ":", "(", ")", "“", "”", '"', "…"})
_DASH_TOKENS = frozenset(DASHES)
_MAX_NAME = 5
_MAX_TITLE = 22
_PREDICATE_WINDOW = 14
_INTRO_REACH = 10
# In an upper-case line every word is capitalised; these end a name there.
_UPPER_STOPS = frozenset(
    lx.key(w) for w in ("dự", "tại", "đã", "về", "với", "và", "cùng", "được", "là", "có", "cho")
)


def _index(phrases) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        table.setdefault(phrase[0], []).append(phrase)
    for options in table.values():
        options.sort(key=len, reverse=True)
    return table


_HEADS = _index(lx.POSITION_HEADS)
_HONORIFICS = _index(lx.HONORIFICS)
_ROLE_VERBS = _index(lx.ROLE_VERBS)
_PLACES = _index(lx.PLACES)
_NOT_NAME_PAIRS = _index(lx.NOT_NAME_PAIRS)


def _by_last_word(phrases) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        table.setdefault(phrase[-1], []).append(phrase)
    return table


_INSTITUTIONS = _by_last_word(lx.NAME_IN_INSTITUTION)
_PLACE_UNITS = _by_last_word(lx.NAME_IN_PLACE)
_FAMILY_HONORIFICS = frozenset(lx.FAMILY_HONORIFICS)
# Honorifics that are never part of a title: they end a title or a clause.
_STRONG_HONORIFICS = _index(h for h in lx.HONORIFICS if h not in _FAMILY_HONORIFICS)
_CITIES = _index(lx.phrases("Hồ Chí Minh"))
_UNITS = frozenset(lx.words("tỉnh huyện quận thị xã phường thành"))
_FOREIGN_LETTERS = re.compile(r"[fjwzFJWZ]")
_ADDRESS = _index(lx.phrases("kính thưa|thưa|kính gửi|gửi"))


@dataclass(slots=True)
class _Mention:
    tokens: tuple[str, ...]
    end: int
    positions: list[str] = field(default_factory=list)
    role: str | None = None


class _Reader:
    """One pass over one text; holds the token arrays."""

    def __init__(self, text: str) -> None:
        self.text = text
        matches = list(_TOKEN.finditer(text))
        self.matches = matches
        self.toks = [m.group() for m in matches]
        keyed = lx.key(text)
        if len(keyed) == len(text):
            self.keys = [keyed[m.start() : m.end()] for m in matches]
        else:  # a rare letter whose lower case is longer; key token by token
            self.keys = [lx.key(t) for t in self.toks]
        self.n = len(self.toks)
        self.is_word = [t[0].isalpha() for t in self.toks]
        self.is_cap = [t[0].isupper() for t in self.toks]
        self.is_cap = [c and w for c, w in zip(self.is_cap, self.is_word, strict=True)]
        self.is_word.append(False)
        self.is_cap.append(False)
        self.upper = self._upper_lines(text, self.toks)
        self.heads = [
            self.match(i, _HEADS) if self.is_cap[i] and self.keys[i] in _HEADS else None
            for i in range(self.n)
        ]
        self._name_tokens: list[bool | None] = [None] * self.n

    @staticmethod
    def _upper_lines(text: str, toks: list[str]) -> list[bool]:
        """Per token: is its line written in capitals (a headline, a caption)?"""
        line_flags = []
        for line in text.split("\n"):
            upper = line.upper() == line and line.lower() != line
            line_flags.append(upper and sum(c.isalpha() for c in line) >= 12)
        flags: list[bool] = []
        line = 0
        for tok in toks:
            flags.append(line_flags[line])
            if tok == "\n":
                line += 1
        return flags

    # token tests -------------------------------------------------------------
    def word(self, i: int) -> bool:
        return self.is_word[i] if i < self.n else False

    def cap(self, i: int) -> bool:
        return self.is_cap[i] if i < self.n else False

    def match(self, i: int, table: dict[str, list[tuple[str, ...]]]) -> tuple[str, ...] | None:
        if i >= self.n:
            return None
        for phrase in table.get(self.keys[i], ()):
            if tuple(self.keys[i : i + len(phrase)]) == phrase:
                return phrase
        return None

    def head(self, i: int) -> tuple[str, ...] | None:
        """A title starting at `i`, written with a capital (or in an upper-case line)."""
        return self.heads[i] if i < self.n else None

    def verb(self, i: int) -> tuple[str, ...] | None:
        if not self.word(i) or (self.toks[i][0].isupper() and not self.upper[i]):
            return None
        phrase = self.match(i, _ROLE_VERBS)
        if phrase is None:
            return None
        after = self.keys[i + len(phrase) : i + len(phrase) + 1]
        if phrase == ("báo", "cáo") and after == ["viên"]:
            return None  # "báo cáo viên", a lecturer
        if phrase == ("nói",) and after in (["chung"], ["riêng"]):
            return None
        if len(phrase) > 1 and after and self.match(i + len(phrase) - 1, _ROLE_VERBS):
            return None  # "thông báo cáo": the verb is the later "báo cáo"
        return phrase

    def predicate_start(self, i: int) -> bool:
        if not self.word(i):
            return False
        if self.toks[i][0].isupper() and not self.upper[i]:
            return False
        return self.keys[i] in lx.PREDICATE_STARTS or self.verb(i) is not None

    def name_token(self, i: int) -> bool:
        if i >= self.n or not self.is_cap[i]:
            return False
        known = self._name_tokens[i]
        if known is None:
            known = self._name_tokens[i] = self._is_name_token(i)
        return known

    def _is_name_token(self, i: int) -> bool:
        tok = self.toks[i]
        if len(tok) > 1 and tok.isupper() and not self.upper[i]:
            return False
        if self.keys[i] in lx.NOT_NAME or self.head(i) or self.match(i, _NOT_NAME_PAIRS):
            return False
        return not (self.upper[i] and (self.keys[i] in _UPPER_STOPS or self.verb(i)))

    def name_run(self, i: int) -> int:
        j = i
        while j < self.n and j - i < _MAX_NAME + 3 and self.name_token(j):
            j += 1
        return j

    def skip_places(self, a: int, b: int) -> int:
        while a < b:
            place = self.match(a, _PLACES)
            if not place and a and self.keys[a - 1] in ("tp", "phố"):
                place = self.match(a, _CITIES)  # "TP Hồ Chí Minh", not the President
            if not place or a + len(place) > b:
                break
            a += len(place)
        return a

    def name_in(self, a: int, b: int, need_surname: bool) -> tuple[int, int] | None:
        """Where the name is inside the capitalised stretch a..b, if anywhere."""
        a = self.skip_places(a, b)
        if not need_surname and b - a == 5 and self.family_name(a):
            return a, b  # "Y Thanh Hà Niê Kđăm"
        for k in range(a, b - 1):
            if self.family_name(k) and 2 <= b - k <= 4:
                return k, b
        if not need_surname and 2 <= b - a <= 4:
            return a, b
        if not need_surname and b - a == 1:
            return a, b  # a short mention; kept only if it joins a full name
        return None

    def foreign_name(self, a: int, b: int) -> tuple[int, int] | None:
        """A foreign name after a title ("Toàn quyền Đông Dương Klobukowski"): unaccented
        words, one with a letter Vietnamese never writes (f, j, w, z)."""
        a = self.skip_places(a, b)
        if not 1 <= b - a <= 3 or (b < self.n and self.toks[b] in _DASH_TOKENS):
            return None
        if a and (self.keys[a - 1] in lx.NOT_NAME or self.keys[a - 1] == "ủy"):
            return None  # "Sở Zalo": the name of a body
        words = self.toks[a:b]
        if not all(w.isascii() and not w.isupper() for w in words):
            return None
        return (a, b) if any(_FOREIGN_LETTERS.search(w) for w in words) else None

    def family_name(self, i: int) -> bool:
        """A family name, or the "H'" that starts an Ê Đê woman's name ("H'Yim Kđoh")."""
        return self.keys[i] in lx.SURNAMES or self.keys[i].startswith(("h'", "h’"))

    def name_text(self, a: int, b: int) -> tuple[str, ...]:
        words = self.toks[a:b]
        if self.upper[a]:
            words = [w.title() for w in words]
        return tuple(words)

    def span(self, a: int, b: int) -> str:
        """The text of tokens a..b-1 as written."""
        if a >= b:
            return ""
        return squash(self.text[self.matches[a].start() : self.matches[b - 1].end()])


def _clean_position(text: str) -> str:
    return text.strip(" ,;:-–—").strip()


def _split_titles(r: _Reader, a: int, b: int) -> list[str]:
    """Positions written before a name: split at a dash, slash or comma before a title."""
    parts: list[str] = []
    start = a
    for k in range(a + 1, b):
        if (r.toks[k] in _DASH_TOKENS or r.toks[k] in ("/", ",")) and r.head(k + 1):
            parts.append(r.span(start, k))
            start = k + 1
    parts.append(r.span(start, b))
    return [p for p in (_clean_position(x) for x in parts) if p]


def _titles_after(r: _Reader, k: int) -> tuple[list[str], int]:
    """Positions written after a name: ", Bí thư Tỉnh ủy, Chủ tịch HĐND tỉnh"."""
    if r.toks[k : k + 1] and (r.toks[k] == "," or r.toks[k] in _DASH_TOKENS) and r.head(k + 1):
        k += 1
    elif not r.head(k):
        return [], k
    if _name_after_title(r, k, False):
        return [], k
    positions: list[str] = []
    seg = k
    j = k
    limit = min(r.n, k + 3 * _MAX_TITLE)
    while j < limit:
        tok = r.toks[j]
        if tok == ";" and r.head(j + 1) and not _name_after_title(r, j + 1, False):
            positions.append(r.span(seg, j))  # "Phó Bí thư Tỉnh ủy; Chủ tịch HĐND tỉnh"
            seg = j + 1
        elif tok in _SEGMENT_END:
            break
        elif tok == "," or tok == "/" or tok in _DASH_TOKENS:
            nxt = j + 1
            if r.head(nxt) and _name_after_title(r, nxt, False):
                break  # the next title introduces the next person
            if r.head(nxt):
                positions.append(r.span(seg, j))
                seg = nxt
            elif tok == "," and r.cap(nxt) and not _starts_person(r, nxt):
                pass  # a comma inside the name of a body
            elif tok == "," and r.keys[nxt] in _UNITS and r.cap(nxt + 1):
                pass  # "Chủ tịch UBND xã Tân Phú, huyện Đồng Xuân"
            elif tok in _DASH_TOKENS and r.cap(nxt) and not _starts_person(r, nxt):
                pass  # "Bà Rịa - Vũng Tàu"
            else:
                break
        elif _ends_titles(r, j, seg):
            break
        j += 1
    if j < r.n or r.toks[-1] in _SENTENCE_END:
        positions.append(r.span(seg, j))
    # else: the excerpt ends inside this title; it is left out rather than cut.
    return [p for p in (_clean_position(x) for x in positions) if p], j


def _name_after_title(r: _Reader, i: int, strong: bool) -> tuple[int, int] | None:
    """The name that ends the title starting at `i` ("Bí thư Tỉnh ủy Hà Tĩnh <Name>")."""
    j = i
    while j < min(r.n, i + _MAX_TITLE):
        if r.toks[j] in _SEGMENT_END or r.toks[j] == ",":
            return None
        if j > i and (r.predicate_start(j) or r.match(j, _STRONG_HONORIFICS)):
            return None
        if r.keys[j] == "và" and not r.cap(j + 1):
            return None
        end = r.name_run(j)
        if end > j:
            found = r.name_in(j, end, need_surname=not strong or end - j > 4)
            if found and found[1] - found[0] >= 2 and not _excluded(r, found[0], True):
                return found
            foreign = r.foreign_name(j, end)
            if foreign:
                return foreign
            j = end
        else:
            j += 1
    return None


def _appointed_as(r: _Reader, k: int) -> list[str]:
    """ "do đồng chí X làm Bí thư", "X được chỉ định làm Bí thư lâm thời"."""
    for j in range(k, min(r.n, k + 5)):
        if r.toks[j] in _SEGMENT_END or r.toks[j] == ",":
            return []
        if r.keys[j] == "làm" and r.head(j + 1):
            end = j + 1
            while end < r.n and end < j + 8 and r.word(end) and not r.predicate_start(end):
                if end > j + 1 and r.keys[end] == "và":
                    break
                end += 1
            return [r.span(j + 1, end)]
    return []


def _ends_titles(r: _Reader, j: int, seg: int) -> bool:
    """Token `j` ends a list of titles: "và" + lower case, a verb, the next honorific."""
    if r.keys[j] == "và" and not r.cap(j + 1):
        return True
    if j > seg and r.predicate_start(j):
        return True
    return j > seg and r.match(j, _STRONG_HONORIFICS) is not None and not r.match(j, _PLACES)


def _starts_person(r: _Reader, i: int) -> bool:
    if r.match(i, _HONORIFICS):
        return True
    end = r.name_run(i)
    return end > i and r.name_in(i, end, need_surname=True) is not None


def _titles_before(r: _Reader, start: int, floor: int) -> list[str]:
    """Comma-separated titles written before a title that introduces a name."""
    found: list[str] = []
    k = start - 1
    while k > floor and r.toks[k] == ",":
        j = k - 1
        while j >= 0 and r.toks[j] not in _SEGMENT_END and r.toks[j] != ",":
            if r.match(j, _STRONG_HONORIFICS):
                break
            j -= 1
        seg_start = j + 1
        if seg_start < floor or not r.head(seg_start) or _name_after_title(r, seg_start, False):
            break
        found[:0] = _split_titles(r, seg_start, k)
        k = j
    return found


@dataclass(slots=True)
class _Scan:
    mentions: list[_Mention] = field(default_factory=list)
    pending: list[_Mention] = field(default_factory=list)
    list_mode: bool = False
    last_end: int = 0
    # Titles shared by a whole list: "có các đồng chí Ủy viên Trung ương Đảng: A, B".
    shared_titles: list[str] = field(default_factory=list)


def _intro_role(r: _Reader, start: int, floor: int) -> tuple[str | None, bool]:
    """Role given by the clause before a mention, and whether the person is addressed."""
    j = start - 1
    while j >= floor and r.toks[j] not in _BOUNDARY and not r.match(j, _STRONG_HONORIFICS):
        j -= 1  # back to the start of the clause, or to another person's honorific
    role = None
    addressed = False
    if start and r.keys[start - 1] == "cho":
        return None, False  # "trao Huy hiệu cho đồng chí X": a recipient
    for k in range(j + 1, start):
        if r.match(k, _ADDRESS) and k <= j + 2:
            addressed = True
        phrase = r.verb(k) or r.match(k, _ROLE_VERBS)
        if phrase is None:
            continue
        if phrase == ("theo",) and k < start - 1:
            continue
        if phrase in lx.INTRO_ONLY and k < start - _INTRO_REACH:
            continue
        if phrase == ("báo", "cáo") and r.keys[k + 2 : k + 3] == ["viên"]:
            continue
        role = lx.ROLE_VERBS[phrase]
    return role, addressed


def _predicate_role(r: _Reader, k: int) -> tuple[str | None, str]:
    """Role given by the verb after a name and its titles; and what ended the scan."""
    j = k
    depth = 0
    limit = min(r.n, k + _PREDICATE_WINDOW)
    if r.keys[j : j + 1] == ["được"]:
        return None, "passive"
    while j < limit:
        tok = r.toks[j]
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            if tok in _SENTENCE_END:
                return None, "end"
            if tok in (";", ":"):
                return None, tok
            if r.match(j, _STRONG_HONORIFICS) and j > k:
                joined = r.keys[j - 1] in ("và", ",", ";")
                return None, ";" if joined else "person"
            phrase = r.verb(j)
            if phrase and phrase not in lx.INTRO_ONLY:
                return lx.ROLE_VERBS[phrase], "verb"
            if _other_action(r, j):
                return None, "action"  # "gửi thư chúc mừng", "trao quà": not speech
        j += 1
    return None, "far"


def _other_action(r: _Reader, j: int) -> bool:
    """A verb other than speech that heads the predicate; "dự và chỉ đạo" lets speech follow."""
    if r.keys[j] not in lx.OTHER_ACTIONS or (r.toks[j][0].isupper() and not r.upper[j]):
        return False
    return r.keys[j + 1 : j + 2] != ["và"]


def _best(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return a if lx.ROLE_RANK[a] >= lx.ROLE_RANK[b] else b


def _after(r: _Reader, i: int, table: dict[str, list[tuple[str, ...]]]) -> bool:
    return i > 0 and any(
        tuple(r.keys[max(0, i - len(phrase)) : i]) == phrase
        for phrase in table.get(r.keys[i - 1], ())
    )


def _excluded(r: _Reader, i: int, after_title: bool = False) -> bool:
    """A name in a photo credit or in the name of an institution, place or doctrine."""
    before = r.keys[max(0, i - 2) : i]
    if "ảnh" in before and ":" in r.toks[max(0, i - 2) : i]:
        return True
    return _after(r, i, _INSTITUTIONS) or (not after_title and _after(r, i, _PLACE_UNITS))


def _list_header(r: _Reader, scan: _Scan, i: int) -> None:
    """ "các đồng chí Ủy viên Trung ương Đảng: …" gives its titles to every item."""
    j = i
    while j < min(r.n, i + _MAX_TITLE) and r.toks[j] not in _SEGMENT_END and r.toks[j] != ",":
        j += 1
    if r.toks[j : j + 1] == [":"]:
        scan.shared_titles = _split_titles(r, i, j)
        scan.list_mode = True


def _read_mention(r: _Reader, scan: _Scan, i: int) -> _Mention | None:
    """The person introduced at token `i`, if one is."""
    start = i
    honorific = r.match(i, _HONORIFICS)
    if honorific and r.match(i, _PLACES):
        honorific = None  # "Bà Rịa"
    strong = honorific is not None
    if honorific:
        after = i + len(honorific)
        if not r.cap(after):
            return None  # "ông bà", "đồng chí cũng …": no name follows
        if (
            honorific in _FAMILY_HONORIFICS
            and not r.head(after)
            and not (r.keys[after] in lx.SURNAMES and r.name_run(after) - after >= 2)
        ):
            return None  # "anh", "chị", "cố" only before a full name or a title
        if (i > 0 and r.keys[i - 1] == "các") or honorific[-1] == ":":
            scan.list_mode = True  # "có các đồng chí", "Dự có đồng chí: A, …; B, …"
        i = after
    elif _excluded(r, i):
        return None
    titles: list[str] = []
    if r.head(i):
        # Title first, then the name: look for the name inside the title's stretch.
        found = _name_after_title(r, i, strong)
        if not found:
            if strong:
                _list_header(r, scan, i)
            return None
        a, b = found
        titles = _titles_before(r, start if not strong else i, scan.last_end) + _split_titles(
            r, i, a
        )
    else:
        list_item = scan.list_mode and i > 0 and r.toks[i - 1] in (";", ":", ",")
        end = r.name_run(i)
        if end == i:
            return None
        found = r.name_in(i, end, need_surname=not (strong or list_item))
        if not found or (found[0] != i and not strong):
            return None
        a, b = found
        if not strong and not list_item:
            after = r.toks[b : b + 1]
            if not (
                (after and (after[0] == "," or after[0] in _DASH_TOKENS) and r.head(b + 1))
                or r.head(b)
                or r.verb(b)
            ):
                return None
            if i > 0 and r.toks[i - 1] not in (*_BOUNDARY, ",", ":"):
                return None
    after_titles, k = _titles_after(r, b)
    if not after_titles:
        after_titles = _appointed_as(r, k)
    role, addressed = _intro_role(r, start, scan.last_end)
    pred_role, stop = (None, "addressed") if addressed else _predicate_role(r, k)
    mention = _Mention(
        tokens=r.name_text(a, b),
        end=max(b, k),
        positions=scan.shared_titles + titles + after_titles,
        role=None if addressed else _best(role, pred_role),
    )
    if pred_role:
        for waiting in scan.pending:
            waiting.role = _best(waiting.role, pred_role)
        scan.pending.clear()
    elif stop == ";" and not addressed:
        scan.pending.append(mention)
    elif stop == "end":
        scan.pending.clear()
    return mention


def _scan(r: _Reader) -> list[_Mention]:
    scan = _Scan()
    i = 0
    while i < r.n:
        tok = r.toks[i]
        if tok in _SENTENCE_END:
            scan.list_mode = False
            scan.pending.clear()
            scan.shared_titles = []
        # Only an honorific, a title, a family name or an attendee-list item starts one.
        starts = (
            (r.keys[i] in _HONORIFICS and any(r.is_cap[i + 1 : i + 5]))
            or r.heads[i] is not None
            or ((scan.list_mode or r.family_name(i)) and r.name_token(i))
        )
        mention = _read_mention(r, scan, i) if starts else None
        if mention is None:
            i += 1
            continue
        scan.mentions.append(mention)
        scan.last_end = mention.end
        i = max(mention.end, i + 1)
    return scan.mentions


def _merge(mentions: list[_Mention]) -> list[Person]:
    """One person per name; short mentions join the full name they end."""
    full = [m for m in mentions if len(m.tokens) >= 2]
    people: dict[str, _Mention] = {}
    order: list[str] = []
    for m in mentions:
        target = None
        for other in full:
            n = len(m.tokens)
            if len(other.tokens) > n and other.tokens[-n:] == m.tokens:
                target = other
                break
        single_foreign = len(m.tokens) == 1 and _FOREIGN_LETTERS.search(m.tokens[0])
        if target is None and len(m.tokens) < 2 and not single_foreign:
            continue
        name = " ".join((target or m).tokens)
        k = compare_key(name)
        if k not in people:
            people[k] = _Mention(tokens=(target or m).tokens, end=0)
            order.append(k)
        p = people[k]
        p.role = _best(p.role, m.role)
        seen = {_position_key(x) for x in p.positions}
        for pos in m.positions:
            if _position_key(pos) not in seen:
                p.positions.append(pos)
                seen.add(_position_key(pos))
    return [
        Person(
            name=" ".join(people[k].tokens),
            positions=_drop_prefixes(people[k].positions),
            spoke=people[k].role is not None,
            role=people[k].role,
        )
        for k in order
    ]


def _position_key(position: str) -> str:
    return lx.key(compare_key(position))


def _drop_prefixes(positions: list[str]) -> tuple[str, ...]:
    """ "Thủ tướng" is dropped when "Thủ tướng Chính phủ" is also known."""
    keys = [_position_key(p) for p in positions]
    return tuple(
        p
        for p, k in zip(positions, keys, strict=True)
        if not any(o != k and o.startswith(k + " ") for o in keys)
    )


def find_persons(text: str) -> list[Person]:
    """Every named person in `text`, in order of first mention."""
    return _merge(_scan(_Reader(text)))
