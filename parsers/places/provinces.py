"""Vietnam's provinces in the two maps: the 63 valid until 2025-06-30 and the 34 valid
from 2025-07-01 (National Assembly Resolution 202/2025/QH15 of 12 June 2025).

The table is package data, `provinces.csv`, one row per unit and map, each with the ids
of its sources in `sources.csv`. A unit's `id` is its map and code (`old-94` Sóc Trăng,
`new-92` Cần Thơ); a new unit lists the old units it absorbed. Every new unit bears the
name of one of the old units it absorbed, so a name always leads to one unit of today's
map, while a name used in both maps (Cần Thơ, Đồng Tháp…) denotes the old unit before
the merger and the larger new one after it.

Names are matched by `name_key`: diacritics and case folded, `đ` → `d`, punctuation
dropped, and a leading "tỉnh", "thành phố", "TP." or "thủ đô" removed, so "TP. Cần Thơ",
"thanh pho Can Tho" and "CẦN THƠ" are one name, and so are "Đăk Lăk" and "Đắk Lắk".
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from parsers.fields.text import fold

OLD, NEW = "old", "new"
LAST_OLD_DAY = date(2025, 6, 30)
FIRST_NEW_DAY = date(2025, 7, 1)
KIND_WORDS = {"tinh": "tỉnh", "thanh_pho": "thành phố"}

_PUNCTUATION = re.compile(r"[\s\-–—.,;:()/_&]+")
_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp|thu do) ")


@dataclass(frozen=True, slots=True)
class Province:
    """One provincial-level unit of one map."""

    id: str
    map: str
    code: str
    kind: str  # "tinh" or "thanh_pho" (a city under the central government)
    name: str
    variants: tuple[str, ...]
    abbreviations: tuple[str, ...]
    absorbed: tuple[str, ...]  # ids of the old units a new unit was formed from
    sources: tuple[str, ...]

    @property
    def full_name(self) -> str:
        """ "tỉnh Sóc Trăng", "thành phố Cần Thơ"."""
        return f"{KIND_WORDS[self.kind]} {self.name}"

    @property
    def valid_from(self) -> date | None:
        return FIRST_NEW_DAY if self.map == NEW else None

    @property
    def valid_until(self) -> date | None:
        return LAST_OLD_DAY if self.map == OLD else None

    def valid_on(self, day: date) -> bool:
        return (day >= FIRST_NEW_DAY) == (self.map == NEW)

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.variants, *self.abbreviations)


def name_key(text: str) -> str:
    """The form names are compared in: "TP. Hồ Chí Minh" → "ho chi minh"."""
    key = _PUNCTUATION.sub(" ", fold(text)).strip()
    while (shorter := _PREFIX.sub("", key)) != key:
        key = shorter
    return key


@dataclass(frozen=True, slots=True)
class _Table:
    units: tuple[Province, ...]
    by_id: dict[str, Province]
    by_key: dict[str, tuple[Province, ...]]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split(";") if part.strip())


@cache
def _table() -> _Table:
    text = resources.files(__package__).joinpath("provinces.csv").read_text(encoding="utf-8")
    units = tuple(
        Province(
            id=row["id"],
            map=row["map"],
            code=row["code"],
            kind=row["kind"],
            name=row["name"],
            variants=_split(row["variants"]),
            abbreviations=_split(row["abbreviations"]),
            absorbed=_split(row["absorbed"]),
            sources=_split(row["sources"]),
        )
        for row in csv.DictReader(text.splitlines())
    )
    by_key: dict[str, list[Province]] = {}
    for unit in units:
        for name in unit.names():
            found = by_key.setdefault(name_key(name), [])
            if unit not in found:
                found.append(unit)
    return _Table(
        units=units,
        by_id={unit.id: unit for unit in units},
        by_key={key: tuple(found) for key, found in by_key.items()},
    )


def provinces(map_: str | None = None) -> tuple[Province, ...]:
    """Every unit of one map (OLD or NEW), or of both."""
    return tuple(u for u in _table().units if map_ is None or u.map == map_)


def by_id(unit_id: str) -> Province:
    """The unit with this id; KeyError for an unknown one."""
    return _table().by_id[unit_id]


def lookup(name: str) -> tuple[Province, ...]:
    """Every unit called `name` (any spelling), the old one first; () for none."""
    return _table().by_key.get(name_key(name), ())


def resolve(name: str, as_of: date | None = None) -> Province | None:
    """The unit `name` denotes on `as_of`.

    A name of both maps gives the unit of the map in force that day; a name of one map
    gives its unit whatever the day (an old name after the merger still denotes that
    territory). Without a day, a name of both maps is ambiguous: None.
    """
    found = lookup(name)
    if len(found) == 1:
        return found[0]
    if not found or as_of is None:
        return None
    return next((unit for unit in found if unit.valid_on(as_of)), None)


def successor(unit: Province) -> Province:
    """The unit of today's map that holds `unit` (itself for a new unit)."""
    if unit.map == NEW:
        return unit
    return next(new for new in provinces(NEW) if unit.id in new.absorbed)


def today(name: str) -> Province | None:
    """The unit of today's map that a name of either map leads to."""
    found = lookup(name)
    return successor(found[0]) if found else None


def predecessors(unit: Province) -> tuple[Province, ...]:
    """The old units a new unit absorbed (the unit itself for an old one)."""
    return tuple(by_id(i) for i in unit.absorbed) if unit.map == NEW else (unit,)


_FORMER = re.compile(r"\(\s*cu\s*\)\s*$")  # "Cần Thơ (cũ)", folded
_UNIT_ID = re.compile(r"^(?:old|new)-\d{2}$")


def select(name: str, as_of: date | None = None) -> tuple[Province, tuple[Province, ...]] | None:
    """The unit a query names and the units whose articles it wants; None for no province.

    - an old-map name (Sóc Trăng), a unit id (`old-92`) or a name marked former
      ("Cần Thơ (cũ)"): that old unit, its territory as it was;
    - a name of today's map (Cần Thơ): the new unit and the old units it absorbed, before
      the merger too; with `as_of` before 2025-07-01 only the old units it absorbed, from
      2025-07-01 only the new unit.
    """
    if _UNIT_ID.match(name.strip()):
        unit = _table().by_id.get(name.strip())
        return (unit, (unit,)) if unit else None
    former = bool(_FORMER.search(fold(name)))
    found = lookup(_FORMER.sub("", fold(name)))
    new = next((unit for unit in found if unit.map == NEW), None)
    if not found or (former and found[0].map != OLD):
        return None
    if former or new is None:
        return found[0], (found[0],)
    if as_of is None:
        return new, (new, *predecessors(new))
    return new, ((new,) if as_of >= FIRST_NEW_DAY else predecessors(new))


@cache
def _mention_pattern() -> re.Pattern[str]:
    keys = sorted(
        {name_key(n) for unit in provinces() for n in (unit.name, *unit.variants)},
        key=len,
        reverse=True,
    )
    # the words of a name, as published: spaces or a dash between them ("Bà Rịa – Vũng Tàu");
    # not nothing: "PhúYên" is no name `lookup` knows
    names = "|".join(
        r"(?:[ \t]*[-–—][ \t]*|[ \t]+)".join(map(re.escape, key.split())) for key in keys
    )
    # "tỉnh X", "thành phố X", "TP. X", "Tỉnh ủy X", "Thành ủy X", or "X:" opening a line
    # (the dateline of provincial news); a bare name is not counted ("Hòa Bình" is also
    # "peace", "Huế" a city in a province of another name before 2025). A name followed
    # by another ("tỉnh Quảng Nam - Đà Nẵng", "Gia Lai - Kon Tum") or by "Ninh" ("Hà Nam
    # Ninh") is a province of 1976–1996, in neither map: not counted.
    compound = rf"(?![ \t]*[-–—]?[ \t]*(?:{names}|ninh)\b)"
    return re.compile(
        rf"(?:\b(?:tinh|thanh pho|tp\.?|tinh uy|thanh uy)[ \t]*({names})\b{compound})"
        rf"|(?:^[ \t]*({names})[ \t]*:)",
        re.MULTILINE,
    )


class _CharFold(dict[int, str]):
    """`str.translate` table folding one character at a time, filled on first sight."""

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = fold(chr(codepoint))
        return folded


_CHAR_FOLD = _CharFold()
_LISTED = 0x3000  # Latin with Vietnamese, the other alphabets, punctuation
_UNLISTED = re.compile("[\u3000-\U0010ffff]")


@cache
def _listed_folds() -> list[str]:
    """The fold of each character below _LISTED by code point: as a `str.translate` table a
    list is read faster than a dict (the same trick as the search index's fold)."""
    return [fold(chr(codepoint)) for codepoint in range(_LISTED)]


def _fold_text(text: str) -> str:
    """`fold`, one character for one character, a few times faster on a whole article."""
    text = unicodedata.normalize("NFC", text)
    if _UNLISTED.search(text):
        return text.translate(_CHAR_FOLD)
    return text.translate(_listed_folds())


def named_in(text: str) -> Counter[str]:
    """How often the text names each province as a place, by the province's name."""
    counts: Counter[str] = Counter()
    for match in _mention_pattern().finditer(_fold_text(text)):
        counts[lookup(match.group(1) or match.group(2))[0].name] += 1
    return counts
