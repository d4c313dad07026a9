"""Text helpers shared by the field extractors.

`normalize` is applied to every input before extraction: the sites mix NFC and NFD
(combining marks typed separately) and several kinds of space, and the extractors
match on NFC text with plain spaces. Nothing else is changed, so the text stays as
published (typos and line breaks included).

`fold` is for matching and search only: lower case, no diacritics, and `đ` → `d`,
which Unicode decomposition alone does not do because `đ` is a letter of its own.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Spaces that are not U+0020 (NBSP, narrow NBSP, figure space, en/em spaces, ideographic
# space, tab, …) become a plain space; zero-width characters and the BOM disappear.
_SPACES = re.compile(r"[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# Every character one of the three patterns above changes.
_TO_REPLACE = re.compile(
    r"[\r\u2028\u2029\x85\u200b\u200c\u200d\u2060\ufeff"
    r"\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)
_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})
_COMBINING = re.compile(r"[\u0300-\u036f]")

# Dash look-alikes used inside document numbers and between names and positions.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# The same set for use inside a regex character class.
DASH_CLASS = "\\-\u2010-\u2015\u2212"


def normalize(text: str) -> str:
    """NFC, unified spaces and line breaks; everything else as published."""
    if _TO_REPLACE.search(text):  # most texts have none: one scan instead of three
        text = _LINE_BREAKS.sub("\n", text)
        text = _ZERO_WIDTH.sub("", text)
        text = _SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


# Read as "Đ": the Icelandic eth (U+00D0, U+00F0), typed for "Đ"/"đ" on some sites.
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ"})
# Markup left in scraped text: "</image>", "<br/>", "<p class=…>", "&nbsp;".
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?/?>|&nbsp;")
# A line break inside a sentence: the line does not end a sentence, a heading or a list
# item, and the next one goes on in lower case ("của Ban Thường vụ\ntỉnh ủy về …"), or
# the line ends on a word no sentence or heading ends on ("… ngày 06/02/2020 của\nBan
# Thường vụ").
_LINE_END_MARKS = frozenset('.!?:;…”")')
_CARRIES_ON = re.compile(r"(?<!\w)(?:của|và|về|do|tại|với|cho|theo)$")


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


def _join_soft_breaks(text: str) -> str:
    """`text` with each line break inside a sentence made a space."""
    chars: list[str] | None = None
    at = text.find("\n")
    while at != -1:
        before = text[max(0, at - 12) : at].rstrip(" \t")
        after = text[at + 1 : at + 8].lstrip(" \t")[:1]
        if (
            before
            and before[-1] not in _LINE_END_MARKS
            and after.isalpha()
            and (after.islower() or _CARRIES_ON.search(before))
        ):
            if chars is None:
                chars = list(text)
            chars[at] = " "
        at = text.find("\n", at + 1)
    return text if chars is None else "".join(chars)


@lru_cache(maxsize=4)  # `extract` reads one text three times (byline, documents, persons)
def for_reading(text: str) -> str:
    """`text` as the extractors read it, every character at its place (same length).

    Scraped text carries things a reader skips: "Ð" (U+00D0) for "Đ", markup remnants
    ("</image>") and line breaks inside a sentence. Each is replaced by a character of
    the same length (a space for markup and soft line breaks), so that an offset into
    the reading is an offset into `text`, and spans are taken from `text` as written.
    Doubled spaces stay: the extractors read any run of spaces as one.
    """
    if "Ð" in text or "ð" in text:
        text = text.translate(_ETH)
    if "<" in text or "&" in text:
        text = _MARKUP.sub(_blank, text)
    if "\n" in text:
        text = _join_soft_breaks(text)
    return text


def fold(text: str) -> str:
    """Lower-case, diacritic-free form for matching: "Đảng Ủy" → "dang uy"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE).lower())
    return unicodedata.normalize("NFC", _COMBINING.sub("", decomposed))


def squash(text: str) -> str:
    """Collapse every whitespace run (line breaks included) to one space and strip.

    `str.split` splits on the characters `\\s` matches, so this is `\\s+` → " " and a
    strip, without the regex."""
    return " ".join(text.split())


@lru_cache(maxsize=1 << 14)
def compare_key(text: str) -> str:
    """The key the gold scoring compares names and issuers by: NFC, spaces, case."""
    return squash(unicodedata.normalize("NFC", text)).casefold()


def by_first_letter(alternatives: list[str]) -> str:
    r"""`(?<!\w)(?:a|b|…)` written as `t(?<!\wt)(?:…)|n(?<!\wn)(?:…)`, the words grouped by
    their first letter (in their order): the look-behind after the first letter lets the
    regex engine jump between the letters that can start a match."""
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(rf"{c}(?<!\w{c})(?:{'|'.join(rest)})" for c, rest in groups.items())
