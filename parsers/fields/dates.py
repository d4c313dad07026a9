"""Dates and times as the Vietnamese sites print them.

Every value is read day-first and placed at +07:00 (Vietnam, no DST); a date printed
without a time stays a `date`. An impossible date (31/02, month 13) gives nothing,
never a guess: "12/13/2020" is day 12 of month 13 and gives None. Month-first order
is used only for the .NET default format with AM/PM (`11/18/2024 12:00:00 AM`) that
some portals print, where it is the format's order; if that reading is impossible
and the day-first one is not (`18/11/2024 10:00:00 AM`), the day-first one is used.
ISO strings with another offset are converted to +07:00 so that every stored time
compares on one clock; a `Z` or offset-free ISO time is read as what it says (UTC,
or local Vietnamese time respectively).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "+07:00")

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?(?![\d/])"
)
_US = re.compile(
    r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])\b"
)
_NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2})\s?([/.\-])\s?(\d{1,2})\s?\2\s?(\d{4})(?![\d/])")
_VERBAL = re.compile(
    r"(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|[,/\-])\s*|\s+)(\d{4})(?!\d)",
    re.IGNORECASE,
)
# A day and month without a year ("Sáng 19-9", "ngày 15/10"): only after a word that
# introduces a date, or at the very start of the string, and only with a reference.
_PARTIAL = re.compile(
    r"(?:(?<![\w/])(?:ngày|sáng|chiều|tối|trưa|đêm|hôm nay|nay)\s*\(?\s*(?:ngày\s+)?|^\s*)"
    r"(\d{1,2})([/.\-])(\d{1,2})(?![\d/.\-]\d|\d)",
    re.IGNORECASE,
)
_TIME = re.compile(
    r"(?<![\d:/.])(\d{1,2})\s?(?::|h)\s?(\d{2})(?::(\d{2}))?(?![\d/])(?:\s*([AaPp][Mm])\b)?"
)
# What may stand between a date and its time: separators, "lúc", a weekday.
_GAP_AFTER = re.compile(r"[\s,|\-–'’\"()\[\]]*(?:vào\s+)?(?:lúc)?[\s,|\-–:]*", re.IGNORECASE)
_GAP_BEFORE = re.compile(
    r"[\s,|\-–'’()\[\]]*(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?(?:ngày\s*)?[\s,|\-–]*",
    re.IGNORECASE,
)
_MAX_GAP = 30

DateValue = datetime | date


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    value: DateValue | None


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _valid_time(hour: int, minute: int, second: int, ampm: str | None) -> tuple | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _iso_hit(m: re.Match) -> DateValue | None:
    day = _valid_date(int(m[1]), int(m[2]), int(m[3]))
    if day is None or m[4] is None:
        return day
    hms = _valid_time(int(m[4]), int(m[5]), int(m[6] or 0), None)
    if hms is None:
        return None
    value = datetime(day.year, day.month, day.day, *hms)
    offset = m[7]
    if offset is None:
        return value.replace(tzinfo=VN_TZ)
    if offset == "Z":
        return value.replace(tzinfo=UTC).astimezone(VN_TZ)
    sign = 1 if offset[0] == "+" else -1
    digits = offset[1:].replace(":", "")
    delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return value.replace(tzinfo=timezone(sign * delta)).astimezone(VN_TZ)


def _us_hit(m: re.Match) -> DateValue | None:
    year, first, second = int(m[3]), int(m[1]), int(m[2])
    day = _valid_date(year, first, second) or _valid_date(year, second, first)
    hms = _valid_time(int(m[4]), int(m[5]), int(m[6] or 0), m[7])
    if day is None or hms is None:
        return None
    return datetime(day.year, day.month, day.day, *hms, tzinfo=VN_TZ)


def _numeric_hit(m: re.Match) -> DateValue | None:
    return _valid_date(int(m[4]), int(m[3]), int(m[1]))


def _date_hits(text: str, reference: date | None) -> list[_Hit]:
    """Every date in `text`, without times, earliest first, overlaps removed."""
    found: list[_Hit] = []
    for pattern, reader in (
        (_ISO, _iso_hit),
        (_US, _us_hit),
        (_NUMERIC, _numeric_hit),
        (_VERBAL, lambda m: _valid_date(int(m[3]), int(m[2]), int(m[1]))),
    ):
        for m in pattern.finditer(text):
            value = reader(m)
            if value is not None:
                found.append(_Hit(m.start(), m.end(), value))
            elif pattern is not _ISO:
                # An impossible date is still a date: it must not be re-read as a
                # partial date or as a time below.
                found.append(_Hit(m.start(), m.end(), None))
    if reference is not None:
        for m in _PARTIAL.finditer(text):
            value = _valid_date(reference.year, int(m[3]), int(m[1]))
            found.append(_Hit(m.start(1), m.end(), value))
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for hit in found:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _attach_time(text: str, hit: _Hit, limit_before: int, limit_after: int) -> DateValue:
    """Combine a bare date with the time printed right after or right before it."""
    if isinstance(hit.value, datetime):
        return hit.value
    day = hit.value
    after = text[hit.end : min(limit_after, hit.end + _MAX_GAP)]
    gap = _GAP_AFTER.match(after)
    m = _TIME.match(after, gap.end()) if gap else None
    if m is None:
        before_start = max(limit_before, hit.start - _MAX_GAP)
        before = text[before_start : hit.start]
        for candidate in _TIME.finditer(before):
            rest = before[candidate.end() :]
            if _GAP_BEFORE.fullmatch(rest):
                m = candidate
                break
    if m is None:
        return day
    hms = _valid_time(int(m[1]), int(m[2]), int(m[3] or 0), m[4])
    if hms is None:
        return day
    return datetime(day.year, day.month, day.day, *hms, tzinfo=VN_TZ)


def find_dates(text: str, *, reference: date | None = None) -> list[DateValue]:
    """Every valid date or date-time in `text`, in reading order.

    Day-month forms without a year ("ngày 15/10") are read only when `reference`
    is given, with the reference's year.
    """
    hits = _date_hits(text, reference)
    values: list[DateValue] = []
    for i, hit in enumerate(hits):
        if hit.value is None:
            continue
        limit_before = hits[i - 1].end if i else 0
        limit_after = hits[i + 1].start if i + 1 < len(hits) else len(text)
        values.append(_attach_time(text, hit, limit_before, limit_after))
    return values


def parse_datetime(text: str, *, reference: date | None = None) -> DateValue | None:
    """The first date-time (or date) in a short string such as a time line."""
    hits = _date_hits(text, reference)
    if not hits or hits[0].value is None:
        return None
    limit_after = hits[1].start if len(hits) > 1 else len(text)
    return _attach_time(text, hits[0], 0, limit_after)


def find_date_at(text: str, pos: int = 0) -> tuple[date | None, int] | None:
    """A day-first date (with year) written exactly at `pos`, and where it ends.

    The date is None when the text there is a date that cannot exist ("31/02/2020").
    """
    for pattern in (_NUMERIC, _VERBAL):
        m = pattern.match(text, pos)
        if m:
            if pattern is _NUMERIC:
                return _valid_date(int(m[4]), int(m[3]), int(m[1])), m.end()
            return _valid_date(int(m[3]), int(m[2]), int(m[1])), m.end()
    return None


def to_iso(value: DateValue) -> str:
    """`2020-06-12T20:45:00+07:00` for a date-time, `2020-06-12` for a date.

    A naive date-time is taken as Vietnamese time; an aware one is shown at +07:00.
    """
    if isinstance(value, datetime):
        value = value.replace(tzinfo=VN_TZ) if value.tzinfo is None else value.astimezone(VN_TZ)
        return value.isoformat(timespec="seconds")
    return value.isoformat()
