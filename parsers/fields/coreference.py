"""Mentions that point back to a person without naming them again, or that take what
another mention states: an honorific alone ("…, đồng chí báo cáo …"), a name written
without a position right before another's shared one ("A, B, Phó Chủ tịch UBND huyện"),
an item of a list after the one that took the clause's role ("Chủ trì có A, …; B, …").

Each reads the tokens of a `Reader` and plain values of the earlier mention, so that
`persons` keeps the scan and these rules stay apart and testable.
"""

from __future__ import annotations

from parsers.fields import lexicon as lx
from parsers.fields.reader import BOUNDARY, ROLE_VERBS, Reader
from parsers.fields.text import compare_key

# Honorifics that, alone before a speech verb, stand for the person just named.
PRONOUNS = frozenset({("đồng", "chí"), ("ông",), ("bà",)})
# Positions several people hold at once: a deputy's, a member's.
_MANY_HOLD = ("phó ", "ủy viên", "uỷ viên", "thành viên")


def honorific_alone(
    r: Reader, c: int, honorific: tuple[str, ...], last: tuple[str, ...], last_end: int
) -> tuple[int, str] | None:
    """(end, role) when the honorific at `c`, alone at the head of a clause and before a
    speech verb, is the person `last` named, whose mention ended at `last_end`: "Đồng chí
    Nguyễn Văn A, Bí thư Thành ủy cám ơn …, đồng chí báo cáo tình hình …". Only in the
    same paragraph, and "ông" is never one whose name has "Thị"."""
    k = c + len(honorific)
    if c and r.toks[c - 1] not in (*BOUNDARY, ","):
        return None
    phrase = r.verb(k) if r.keys[k : k + 1] and r.keys[k] in ROLE_VERBS else None
    if phrase is None or phrase in lx.INTRO_ONLY:
        return None
    if len(last) < 2 or (honorific == ("ông",) and "Thị" in last):
        return None
    if _break_between(r, last_end, c):
        return None
    return k + len(phrase), lx.ROLE_VERBS[phrase]


def _break_between(r: Reader, start: int, end: int) -> bool:
    """A line break among tokens `start:end`, looked for from `end` back (where one
    usually is), so that a long stretch is not read again at every honorific."""
    return any(r.toks[k] == "\n" for k in range(end - 1, start - 1, -1))


def shared_back(r: Reader, last_end: int, start: int, positions: list[str]) -> list[str]:
    """The positions a name written without one (ending at `last_end`) takes from the next
    person's (starting at `start`): "đồng chí A, ông B, Phó Chủ tịch UBND huyện" gives A
    B's position, one several people hold; "Chủ tịch UBND huyện" is one person's and stays
    with B. Nothing when other words stand between the two."""
    if start - last_end > 2:
        return []  # more than ", và" between the two
    between = [k for k in r.keys[last_end:start] if k not in (",", "và")]
    if between or not all(compare_key(p).startswith(_MANY_HOLD) for p in positions):
        return []
    return list(positions)


def list_intro_role(r: Reader, start: int, intro_role: str | None, last_end: int) -> str | None:
    """The role of the clause before a list ("Chủ trì họp báo có đồng chí A, …"), for the
    item starting at `start`, right after ";" or "và" that end the item that took it (at
    `last_end`): "…; đồng chí B, …" co-chairs too."""
    if intro_role is None or start < 1 or last_end < start - 1:
        return None
    if r.toks[start - 1] != ";" and r.keys[start - 1] != "và":
        return None
    return intro_role
