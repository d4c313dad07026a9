"""Has an article changed? Two records compared field by field, not byte by byte.

A page fetched again differs in its bytes for reasons that are no edit: a new sidebar, a
changed menu, a reformatted template, today's date in the header. What a reader of the
article would call an edit is a change of its **title**, **dates** (published, updated),
**byline**, **persons and their positions**, **documents cited**, or **text** (sapo and
body). The text is compared normalised: Unicode NFC, punctuation and spacing ignored, and
lines that are only a date stamp (the page's "Thứ Hai, 15/7/2024 08:30") dropped.

`compare(old, new)` takes two records (`Article.to_dict()` shapes) and says which of
those fields changed, with a field-level diff of the structured ones and a word-level
diff of the text (Vietnamese syllables as tokens). An edit is *substantive* when a
person, a position or a cited document changed: the findings researchers of state
media look for (a dismissal, a replaced resolution). Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

FIELDS = ("title", "published_at", "updated_at", "byline", "persons", "directives", "text")
SUBSTANTIVE = frozenset({"persons", "directives"})
CONTEXT = 6  # tokens shown on either side of a changed stretch

_PUNCT = re.compile(r"[^\w\s]+")
_DATE = r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}"
_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?:\s*[:]\s*\d{2})?"
_STAMP_WORDS = (
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|cập\s+nhật|ngày\s+đăng|đăng\s+ngày|đăng\s+lúc"
    r"|ngày|lúc|giờ|gmt\s*\+?\s*7|am|pm|sa|ch"
)
_STAMP_LINE = re.compile(
    rf"^(?:\W|{_STAMP_WORDS}|{_DATE}|{_TIME})*(?:{_DATE}|{_TIME})(?:\W|{_STAMP_WORDS}|{_DATE}|{_TIME})*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Comparison:
    """What changed between two versions of a record (empty `fields`: nothing)."""

    fields: tuple[str, ...] = ()
    field_diff: dict[str, dict[str, Any]] = field(default_factory=dict)
    text_diff: tuple[dict[str, str | int], ...] = ()
    similarity: float = 1.0  # share of text tokens kept (1.0: same text)

    @property
    def changed(self) -> bool:
        return bool(self.fields)

    @property
    def substantive(self) -> bool:
        return bool(SUBSTANTIVE & set(self.fields))

    def readable_diff(self) -> str:
        """The text diff as word-diff lines: `… before [-removed-]{+added+} after …`."""
        lines = []
        for hunk in self.text_diff:
            removed = f"[-{hunk['removed']}-]" if hunk["removed"] else ""
            added = f"{{+{hunk['added']}+}}" if hunk["added"] else ""
            parts = [hunk["before"], removed + added, hunk["after"]]
            lines.append("… " + " ".join(p for p in parts if p) + " …")
        return "\n".join(lines)


def is_stamp_line(line: str) -> bool:
    """A line that is only a date/time stamp, with weekday and labels ("Cập nhật: …")."""
    return len(line) <= 80 and bool(_STAMP_LINE.match(line.strip()))


def text_tokens(record: dict[str, Any]) -> list[str]:
    """The sapo and body as syllables: NFC, stamp lines dropped, punctuation removed."""
    tokens: list[str] = []
    for part in (record.get("sapo"), record.get("body_text")):
        for line in unicodedata.normalize("NFC", part or "").splitlines():
            if line.strip() and not is_stamp_line(line):
                tokens.extend(_PUNCT.sub(" ", line).split())
    return tokens


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return " ".join(unicodedata.normalize("NFC", value).split()) or None


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _persons(record: dict[str, Any]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Folded name → (name as written, positions); roles and `spoke` follow the wording."""
    found = {}
    for person in record.get("persons") or ():
        positions = tuple(_text(p) or "" for p in person.get("positions") or ())
        found[_key(person["name"])] = (_text(person["name"]) or "", positions)
    return found


def _directives(record: dict[str, Any]) -> dict[str, str]:
    """Document key (its number, e.g. 35-NQ/TW, else kind and text) → text as cited."""
    found = {}
    for directive in record.get("directives") or ():
        text = _text(directive.get("text")) or ""
        key = directive.get("id") or f"{directive.get('kind')}:{_key(text)}"
        found[key] = text
    return found


def _byline(record: dict[str, Any]) -> dict[str, str | None]:
    byline = record.get("byline") or {}
    return {k: _text(byline.get(k)) for k in ("author", "organization", "source")}


def _persons_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any] | None:
    before, after = _persons(old), _persons(new)
    removed = [before[k][0] for k in before if k not in after]
    added = [after[k][0] for k in after if k not in before]
    positions = [
        {"name": after[k][0], "old": list(before[k][1]), "new": list(after[k][1])}
        for k in before
        if k in after and before[k][1] != after[k][1]
    ]
    if not (removed or added or positions):
        return None
    return {"removed": removed, "added": added, "positions": positions}


def _directives_diff(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any] | None:
    before, after = _directives(old), _directives(new)
    removed = [k for k in before if k not in after]
    added = [k for k in after if k not in before]
    return {"removed": removed, "added": added} if removed or added else None


def compare(old: dict[str, Any], new: dict[str, Any]) -> Comparison:
    """Compare two records of one article; see the module docstring for what counts."""
    fields, diff = [], {}
    for name in ("title", "published_at", "updated_at"):
        a, b = _text(old.get(name)), _text(new.get(name))
        if a != b:
            fields.append(name)
            diff[name] = {"old": a, "new": b}
    byline_old, byline_new = _byline(old), _byline(new)
    if byline_old != byline_new:
        fields.append("byline")
        diff["byline"] = {"old": byline_old, "new": byline_new}
    for name, differ in (("persons", _persons_diff), ("directives", _directives_diff)):
        found = differ(old, new)
        if found:
            fields.append(name)
            diff[name] = found
    old_tokens, new_tokens = text_tokens(old), text_tokens(new)
    hunks: tuple[dict[str, str | int], ...] = ()
    similarity = 1.0
    if old_tokens != new_tokens:
        fields.append("text")
        hunks, kept = text_hunks(old_tokens, new_tokens)
        similarity = kept / max(len(old_tokens), len(new_tokens), 1)
    return Comparison(tuple(fields), diff, hunks, similarity)


def text_hunks(old: list[str], new: list[str]) -> tuple[tuple[dict[str, str | int], ...], int]:
    """Word-level diff of two token lists: the changed stretches with some context, and
    how many tokens the two share in order. The common head and tail are cut off first,
    so a small edit in a long article costs little."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end = 0
    while end < limit - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old_mid, new_mid = old[start : len(old) - end], new[start : len(new) - end]
    matcher = SequenceMatcher(None, old_mid, new_mid, autojunk=False)
    kept = start + end
    hunks = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            kept += i2 - i1
            continue
        at = start + i1
        hunks.append(
            {
                "at": at,
                "before": " ".join(old[max(0, at - CONTEXT) : at]),
                "removed": " ".join(old_mid[i1:i2]),
                "added": " ".join(new_mid[j1:j2]),
                "after": " ".join(old[start + i2 : start + i2 + CONTEXT]),
            }
        )
    return tuple(hunks), kept
