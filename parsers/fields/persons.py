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
mention ("ông Thành", "đồng chí Tự Do") is joined to the full name it ends, and a title
alone ("đồng chí Bí thư Tỉnh ủy đề nghị …") to the one person named earlier with it.
A list's shared title ("các Ủy viên Ban Thường vụ Tỉnh ủy: A, …; B, …") goes to every
item; a military rank is not a position; figures of the past are named, not speakers.
Mentions that point back without a name, and positions or roles one mention takes from
its neighbour, are read by `coreference`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from parsers.fields import lexicon as lx
from parsers.fields.clauses import clause_head, historical
from parsers.fields.coreference import PRONOUNS, honorific_alone, list_intro_role, shared_back
from parsers.fields.positions import (
    appointed_as,
    name_after_title,
    split_titles,
    titles_after,
    titles_before,
)
from parsers.fields.reader import (
    ADDRESS,
    BOUNDARY,
    DASH_TOKENS,
    FAMILY_HONORIFICS,
    FOREIGN_LETTERS,
    HONORIFICS,
    MAX_TITLE,
    PLACES,
    ROLE_VERBS,
    SEGMENT_END,
    SENTENCE_END,
    STRONG_HONORIFICS,
    Reader,
    excluded,
)
from parsers.fields.text import compare_key, for_reading
from parsers.record import Person

_PREDICATE_WINDOW = 14
_INTRO_REACH = 10
_CLAUSE_HEAD = 2  # tokens: where an introducing verb may stand in the clause


@dataclass(slots=True)
class _Mention:
    tokens: tuple[str, ...]
    end: int
    positions: list[str] = field(default_factory=list)
    role: str | None = None


@dataclass(slots=True)
class _Scan:
    mentions: list[_Mention] = field(default_factory=list)
    pending: list[_Mention] = field(default_factory=list)
    list_mode: bool = False
    last_end: int = 0
    # Titles shared by a whole list: "có các đồng chí Ủy viên Trung ương Đảng: A, B".
    shared_titles: list[str] = field(default_factory=list)
    # A role read before a list's first item ("Chủ trì có đồng chí A, …; đồng chí B, …"),
    # and where that item ended: the next item, right after ";" or "và", has it too.
    intro_role: str | None = None
    intro_end: int = -1


def _intro_role(r: Reader, start: int, floor: int) -> tuple[str | None, bool]:
    """Role given by the clause before a mention, and whether the person is addressed."""
    j = start - 1
    keys = r.keys
    while (
        j >= floor
        and r.toks[j] not in BOUNDARY
        and not (keys[j] in STRONG_HONORIFICS and r.match(j, STRONG_HONORIFICS))
    ):
        j -= 1  # back to the start of the clause, or to another person's honorific
    role = None
    addressed = False
    head = clause_head(r, j + 1, start)
    if start and r.keys[start - 1] == "cho":
        return None, False  # "trao Huy hiệu cho đồng chí X": a recipient
    after_phrase = 0  # a word inside a phrase already read is not read again
    for k in range(j + 1, start):
        if keys[k] in ADDRESS and r.match(k, ADDRESS) and k <= j + 2:
            addressed = True
        if keys[k] not in ROLE_VERBS or k < after_phrase:
            continue  # neither `verb` nor `match` finds a phrase here
        phrase = r.verb(k) or r.match(k, ROLE_VERBS)
        if phrase is None:
            continue
        after_phrase = k + len(phrase)
        if phrase == ("theo",) and k < start - 1:
            continue
        if phrase in lx.INTRO_ONLY and k < start - _INTRO_REACH:
            continue
        if phrase == ("báo", "cáo") and r.keys[k + 2 : k + 3] == ["viên"]:
            continue
        if head + _CLAUSE_HEAD < k and k + len(phrase) - 1 < start - _CLAUSE_HEAD - 1:
            continue  # "Phát biểu kết luận, đồng chí X", "bài phát biểu của đồng chí X" only
        role = lx.ROLE_VERBS[phrase]
    return role, addressed


def _predicate_role(r: Reader, k: int) -> tuple[str | None, str]:
    """Role given by the verb after a name and its titles; and what ended the scan."""
    j = k
    depth = 0
    limit = min(r.n, k + _PREDICATE_WINDOW)
    keys = r.keys
    if keys[j : j + 1] == ["được"]:
        return None, "passive"
    while j < limit:
        tok = r.toks[j]
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            if tok in SENTENCE_END:
                return None, "end"
            if tok == ":" and r.toks[j + 1 : j + 2] in (["“"], ['"']):
                return "trich_dan", "verb"  # "Ông X, Giám đốc Sở: “…”"
            if tok in (";", ":"):
                return None, tok
            key = keys[j]  # each test below needs its table to hold the key
            if j > k and key in STRONG_HONORIFICS and r.match(j, STRONG_HONORIFICS):
                joined = keys[j - 1] in ("và", ",", ";")
                return None, ";" if joined else "person"
            if key == "và" and r.head(j + 1) and name_after_title(r, j + 1, False):
                return None, ";"  # "A và Phó Chủ tịch … B đồng chủ trì": one subject
            phrase = r.verb(j) if key in ROLE_VERBS else None
            if phrase in lx.INTRO_ONLY and phrase[:2] in lx.ROLE_VERBS:
                phrase = phrase[:2]  # "X truyền đạt ý kiến của …": X conveys, reports
            if phrase and phrase not in lx.INTRO_ONLY:
                return lx.ROLE_VERBS[phrase], "verb"
            if key in lx.OTHER_ACTIONS and _other_action(r, j):
                return None, "action"  # "gửi thư chúc mừng", "trao quà": not speech
        j += 1
    return None, "far"


def _other_action(r: Reader, j: int) -> bool:
    """A verb other than speech that heads the predicate; "dự và chỉ đạo" lets speech follow."""
    if r.keys[j] not in lx.OTHER_ACTIONS or (r.toks[j][0].isupper() and not r.upper[j]):
        return False
    if r.noun_compound(j):
        return False  # "Giám đốc dự án, cho biết": a noun, not "dự" (attend)
    return r.keys[j + 1 : j + 2] != ["và"]


def _best(a: str | None, b: str | None) -> str | None:
    if a is None or b is None:
        return a or b
    return a if lx.ROLE_RANK[a] >= lx.ROLE_RANK[b] else b


def _list_header(r: Reader, scan: _Scan, i: int) -> None:
    """ "các đồng chí Ủy viên Trung ương Đảng: …" gives its titles to every item."""
    j = i
    while j < min(r.n, i + MAX_TITLE) and r.toks[j] not in SEGMENT_END and r.toks[j] != ",":
        j += 1
    if r.toks[j : j + 1] == [":"]:
        scan.shared_titles = split_titles(r, i, j)
        scan.list_mode = True


def _title_reference(r: Reader, scan: _Scan, start: int, i: int) -> _Mention | None:
    """ "Phát biểu tại hội nghị, đồng chí Bí thư Tỉnh ủy đề nghị …": a title alone that
    refers back to the one person of the text named earlier with that position. Kept
    only when it gives that person a role."""
    j = i
    limit = min(r.n, i + MAX_TITLE)
    while j < limit and r.toks[j] not in SEGMENT_END and r.toks[j] != ",":
        if j > i and (r.predicate_start(j) or not r.word(j)):
            break
        j += 1
    if j - i < 2:
        return None  # "Phó", "Chủ tịch": too general to point at one person
    key = _position_key(r.span(i, j))
    named = {m.tokens for m in scan.mentions if key in map(_position_key, m.positions)}
    if len(named) != 1:
        return None
    role, addressed = _intro_role(r, start, scan.last_end)
    pred_role, _ = _predicate_role(r, j)
    role = None if addressed else _best(role, pred_role)
    return _Mention(tokens=next(iter(named)), end=j, role=role) if role else None


def _honorific(r: Reader, i: int) -> tuple[str, ...] | None:
    """The honorific written at token `i`, if any."""
    honorific = r.match(i, HONORIFICS)
    if honorific and r.match(i, PLACES):
        return None  # "Bà Rịa"
    if honorific and r.heads[i] and len(r.heads[i]) > len(honorific):
        return None  # "Nhà giáo Nhân dân …" is a title, not "nhà giáo" + a name
    return honorific


def _read_mention(
    r: Reader, scan: _Scan, i: int, honorific: tuple[str, ...] | None
) -> _Mention | None:
    """The person introduced at token `i` (by `honorific`, when one is written there)."""
    start = i
    strong = honorific is not None
    if honorific:
        after = i + len(honorific)
        if not r.cap(after):
            return None  # "ông bà", "đồng chí cũng …": no name follows
        if (
            honorific in FAMILY_HONORIFICS
            and not r.head(after)
            and not (r.keys[after] in lx.SURNAMES and r.name_run(after) - after >= 2)
        ):
            return None  # "anh", "chị", "cố" only before a full name or a title
        if (i > 0 and r.keys[i - 1] == "các") or honorific[-1] == ":":
            scan.list_mode = True  # "có các đồng chí", "Dự có đồng chí: A, …; B, …"
        i = after
    elif excluded(r, i):
        return None
    titles: list[str] = []
    if r.head(i):
        # Title first, then the name: look for the name inside the title's stretch.
        found = name_after_title(r, i, strong)
        if not found:
            if strong or "các" in r.keys[max(0, i - 3) : i]:
                _list_header(r, scan, i)  # "có các đồng chí Ủy viên …:", "các Ủy viên …:"
            if scan.list_mode:
                return None
            return _title_reference(r, scan, start, i)
        a, b = found
        titles = titles_before(r, start if not strong else i, scan.last_end) + split_titles(r, i, a)
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
                (after and (after[0] == "," or after[0] in DASH_TOKENS) and r.head(b + 1))
                or r.head(b)
                or r.verb(b)
            ):
                return None
            if i > 0 and r.toks[i - 1] not in (*BOUNDARY, ",", ":"):
                return None
    after_titles, k = titles_after(r, b)
    if not after_titles:
        after_titles = appointed_as(r, k)
    role, addressed = _intro_role(r, start, scan.last_end)
    if not role and not addressed and scan.intro_end == scan.last_end:
        role = list_intro_role(r, start, scan.intro_role, scan.last_end)
    pred_role, stop = (None, "addressed") if addressed else _predicate_role(r, k)
    mention = _Mention(
        tokens=r.name_text(a, b),
        end=max(b, k),
        positions=_shared(scan.shared_titles, titles + after_titles) + titles + after_titles,
        role=None if addressed else _best(role, pred_role),
    )
    if role and not addressed:
        scan.intro_role, scan.intro_end = role, mention.end
    if historical(r, start, mention.tokens, honorific):
        mention.role = None  # "Sinh thời, Chủ tịch Hồ Chí Minh dạy: …": quoted, not speaking
    if pred_role:
        for waiting in scan.pending:
            waiting.role = _best(waiting.role, pred_role)
        scan.pending.clear()
    elif stop == ";" and not addressed:
        scan.pending.append(mention)
    elif stop == "end":
        scan.pending.clear()
    return mention


def _scan(r: Reader) -> list[_Mention]:
    scan = _Scan()
    # Sentence ends before each token, so that only the few tokens that can start a
    # mention (capitalised words, honorifics) need to be visited.
    ends = list(accumulate(map(SENTENCE_END.__contains__, r.toks), initial=0))
    i = 0
    for c in r.starts:
        if c < i:
            continue
        if ends[c] > ends[i]:
            scan.list_mode = False
            scan.pending.clear()
            scan.shared_titles = []
            scan.intro_role = None
        i = c + 1
        # Only an honorific followed by a capital, a title, a family name or an
        # attendee-list item starts one; `_read_mention` finds nothing anywhere else.
        honorific = _honorific(r, c) if r.keys[c] in HONORIFICS else None
        starts = (
            (honorific is not None and r.cap(c + len(honorific)))
            or r.heads[c] is not None
            or (r.is_cap[c] and (scan.list_mode or r.family_name(c)) and r.name_token(c))
        )
        mention = _read_mention(r, scan, c, honorific) if starts else None
        last = scan.mentions[-1] if scan.mentions else None
        if mention is None and last is not None and honorific in PRONOUNS:
            back = honorific_alone(r, c, honorific, last.tokens, last.end)
            mention = _Mention(tokens=last.tokens, end=back[0], role=back[1]) if back else None
        if mention is not None:
            if last is not None and not last.positions and mention.positions:
                last.positions = shared_back(r, last.end, c, mention.positions)
            scan.mentions.append(mention)
            scan.last_end = mention.end
            i = max(mention.end, c + 1)
    return scan.mentions


def _merge(mentions: list[_Mention]) -> list[Person]:
    """One person per name; short mentions join the full name they end."""
    # Each proper ending of a full name → the first full name it ends (a lookup, not a
    # pass over every full name per mention, which was quadratic on long texts).
    ending_of: dict[tuple[str, ...], _Mention] = {}
    for other in mentions:
        for n in range(1, len(other.tokens)):
            ending_of.setdefault(tuple(other.tokens[-n:]), other)
    people: dict[str, _Mention] = {}
    order: list[str] = []
    for m in mentions:
        target = ending_of.get(tuple(m.tokens))
        single_foreign = len(m.tokens) == 1 and FOREIGN_LETTERS.search(m.tokens[0])
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
            positions=_drop_prefixes([p for p in people[k].positions if _not_rank(p)]),
            spoke=people[k].role is not None,
            role=people[k].role,
        )
        for k in order
    ]


def _shared(shared: list[str], own: list[str]) -> list[str]:
    """The list's shared titles an item takes: not a membership ("Ủy viên Bộ Chính trị")
    when the item states its own ("Trần A, Ủy viên Trung ương Đảng, Phó Thủ tướng")."""
    if not shared or not any(_position_key(p).startswith("ủy viên") for p in own):
        return shared
    return [p for p in shared if not _position_key(p).startswith("ủy viên")]


# "Ban Chấp hành Trung ương Đảng" and "Trung ương Đảng" name one body in a title.
_CENTRAL_COMMITTEE = re.compile(r"\b(?:ban chấp hành|bch) (?=trung ương)")


@lru_cache(maxsize=1 << 14)
def _position_key(position: str) -> str:
    return _CENTRAL_COMMITTEE.sub("", lx.key(compare_key(position)))


def _not_rank(position: str) -> bool:
    """A military rank written before a name is not a position (`lexicon.RANKS`)."""
    return lx.key(compare_key(position)) not in lx.RANKS


def _drop_prefixes(positions: list[str]) -> tuple[str, ...]:
    """ "Thủ tướng" is dropped when "Thủ tướng Chính phủ" is also known."""
    keys = [_position_key(p) for p in positions]
    return tuple(
        p
        for p, k in zip(positions, keys, strict=True)
        if not any(o != k and o.startswith(k + " ") for o in keys)
    )


def find_persons(text: str) -> list[Person]:
    """Every named person in `text` (read through `for_reading`), in order of first mention."""
    return _merge(_scan(Reader(for_reading(text))))
