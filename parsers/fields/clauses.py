"""What the clause around a person's mention says about it, beyond its verbs.

`clause_head`: where the clause's own verb may stand when the clause opens with a time
or a place ("Ngày 27-6, chủ trì hội nghị, …"). `historical`: whether the person is a
figure of the past, whose words are quoted as teachings rather than spoken at the event.
"""

from __future__ import annotations

from parsers.fields import lexicon as lx
from parsers.fields.reader import BOUNDARY, HONORIFICS, Reader

_LEAD_REACH = 6  # tokens: a time or place that opens a clause ("Ngày 27-6, …")


def clause_head(r: Reader, first: int, start: int) -> int:
    """Where the clause's verb may stand: its first token, or the one after a short
    opening phrase of time or place ("Ngày 27-6, chủ trì …", "Sáng nay, phát biểu …")."""
    for c in range(first, min(start, first + _LEAD_REACH)):
        if r.toks[c] == ",":
            return c + 1 if r.cap(first) and not r.match(first, HONORIFICS) else first
    return first


def historical(
    r: Reader, start: int, tokens: tuple[str, ...], honorific: tuple[str, ...] | None
) -> bool:
    """A figure of the past: a known one, "cố" (the late …), or "sinh thời" (in his or her
    lifetime) in the clause before the mention."""
    if lx.key(" ".join(tokens)) in lx.HISTORICAL or honorific == ("cố",):
        return True
    if start and r.keys[start - 1] == "cố":
        return True
    j = start - 1
    while j > 0 and r.toks[j] not in BOUNDARY and start - j < 12:
        if r.keys[j] == "thời" and r.keys[j - 1] == "sinh":
            return True
        j -= 1
    return False
