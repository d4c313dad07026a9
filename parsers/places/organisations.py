"""Organisation names from bylines and issuers → the kind of body, its level, its province.

"Ban Tuyên giáo Tỉnh ủy Sóc Trăng" is a provincial propaganda board of Sóc Trăng;
"Ban TG&DV Thành ủy Cần Thơ" the merged propaganda and mass-mobilisation board of Cần
Thơ; "UBND tỉnh Hậu Giang" a provincial People's Committee; "Ban Tuyên giáo Trung
ương" a central body; "Ban Tuyên giáo Huyện ủy Cái Bè" a local one. A name that states
no province ("Ban Thường vụ Tỉnh ủy") keeps its kind and level with no province; a name
this module does not know keeps nothing.

The boards' mergers (Ban Tuyên giáo + Ban Dân vận → Ban Tuyên giáo và Dân vận, one
province at a time during 2025) are in `boards.csv`, each with its source; a province
not listed there has no known date, and none is assumed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from parsers.fields.text import fold
from parsers.places.provinces import Province, by_id, lookup

CENTRAL, PROVINCIAL, LOCAL = "central", "province", "local"
MERGED_BOARD = "ban_tuyen_giao_dan_van"

# (kind, pattern on the folded name, level the kind implies or None), first match wins:
# the merged board before its parts, central bodies before the words they contain.
_KINDS: tuple[tuple[str, str, str | None], ...] = (
    (MERGED_BOARD, r"ban tuyen giao va dan van|\bban tg (?:va )?dv\b|\bb?tgdv(?:tu)?\b", None),
    ("uy_ban_thuong_vu_quoc_hoi", r"uy ban thuong vu quoc hoi|\bubtvqh\b", CENTRAL),
    ("bo_chinh_tri", r"\bbo chinh tri\b", CENTRAL),
    ("ban_bi_thu", r"\bban bi thu\b", CENTRAL),
    ("quan_uy_trung_uong", r"\bquan uy trung uong\b", CENTRAL),
    ("ban_tuyen_giao", r"\bban tuyen giao\b|\bban tg\b|\bbtg(?:tu|tw)?\b", None),
    ("ban_dan_van", r"\bban dan van\b|\bbdv(?:tu)?\b", None),
    ("ban_thuong_vu", r"\bban thuong vu\b|\bbtv\b", None),
    ("ban_chap_hanh", r"\bban chap hanh\b|\bbch\b", None),
    ("mat_tran_to_quoc", r"\bmat tran to quoc\b|\bmttq\b", None),
    ("hoi_dong_nhan_dan", r"\bhoi dong nhan dan\b|\bhdnd\b", PROVINCIAL),
    ("uy_ban_nhan_dan", r"\buy ban nhan dan\b|\bubnd\b", PROVINCIAL),
    ("cap_uy", r"\b(?:tinh|thanh) uy\b", PROVINCIAL),
    ("quoc_hoi", r"\bquoc hoi\b", CENTRAL),
    ("chinh_phu", r"\bchinh phu\b", CENTRAL),
    ("bo", r"^bo\b", CENTRAL),
    ("so", r"^so\b", PROVINCIAL),
    ("ban_bien_tap", r"\bban bien tap\b|^bbt$", None),
)
_COMPILED = tuple((kind, re.compile(pattern), level) for kind, pattern, level in _KINDS)
_CENTRAL_WORDS = re.compile(r"\btrung uong\b|\btw\b")
_PROVINCIAL_WORDS = re.compile(r"\b(?:tinh|thanh pho|tinh uy|thanh uy)\b|tu$")
# a district, town, commune or ward body ("Ban Tuyên giáo Huyện ủy Cái Bè")
_LOCAL_WORDS = re.compile(r"\b(?:huyen|quan uy|thi uy|thi xa|xa(?! hoi)|(?<!dia )phuong)\b")
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class Organisation:
    text: str
    kind: str | None
    level: str | None  # CENTRAL, PROVINCIAL, LOCAL (district, commune) or None: not stated
    province: str | None  # the province's name as in the table ("Sóc Trăng")


def _provinces_named(folded: str) -> set[str]:
    """The provinces named by a run of (at most five) words of the folded name."""
    words = folded.split()
    named = set()
    for start in range(len(words)):
        for stop in range(min(len(words), start + 5), start, -1):
            if found := lookup(" ".join(words[start:stop])):
                named.add(found[0].name)
                break
    return named


def resolve_organisation(text: str) -> Organisation:
    """The kind, level and province of an organisation as named in a byline or issuer."""
    folded = " ".join(_WORDS.findall(fold(text).replace("&", " va ")))
    kind, level = None, None
    for candidate, pattern, implied in _COMPILED:
        if pattern.search(folded):
            kind, level = candidate, implied
            break
    named = _provinces_named(folded)
    if level is None:
        if _CENTRAL_WORDS.search(folded):
            level = CENTRAL
        elif _LOCAL_WORDS.search(folded):
            level = LOCAL
        elif named or _PROVINCIAL_WORDS.search(folded):
            level = PROVINCIAL
    if level == CENTRAL:
        return Organisation(text, kind, CENTRAL, None)
    # Two provinces named ("Tỉnh ủy Quảng Nam - Đà Nẵng", a province of 1976–1996) is no
    # province of either map.
    province = next(iter(named)) if len(named) == 1 else None
    return Organisation(text, kind, level, province)


@dataclass(frozen=True, slots=True)
class BoardMerger:
    """A province's Ban Tuyên giáo and Ban Dân vận merged into one board.

    `date_is` says what the date is: "effective" (the merged board's first day),
    "announced" (the day the decision was made public; the first day may differ), or
    "known_by" (a dated source already names the merged board; the merger came earlier).
    """

    province: Province
    date: date
    date_is: str
    decision: str | None
    sources: tuple[str, ...]


@cache
def board_mergers() -> dict[str, BoardMerger]:
    """The sourced board mergers, by the id of the (old-map) province."""
    text = resources.files(__package__).joinpath("boards.csv").read_text(encoding="utf-8")
    mergers = {}
    for row in csv.DictReader(text.splitlines()):
        unit = by_id(row["province"])
        mergers[unit.id] = BoardMerger(
            province=unit,
            date=date.fromisoformat(row["date"]),
            date_is=row["date_is"],
            decision=row["decision"] or None,
            sources=tuple(s for s in row["sources"].split(";") if s),
        )
    return mergers


def board_merger(province: str) -> BoardMerger | None:
    """The sourced merger of the boards of the old province of that name, if known."""
    for unit in lookup(province):
        if unit.id in board_mergers():
            return board_mergers()[unit.id]
    return None


def board_on(province: str, day: date) -> str | None:
    """Which propaganda board a province had on `day`: "ban_tuyen_giao" (before the
    merger), MERGED_BOARD (from it), or None where the merger's day is not known."""
    merger = board_merger(province)
    if merger is None or merger.date_is != "effective":
        if merger is not None and merger.date_is == "known_by" and day >= merger.date:
            return MERGED_BOARD
        return None
    return MERGED_BOARD if day >= merger.date else "ban_tuyen_giao"
