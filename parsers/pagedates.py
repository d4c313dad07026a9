"""Article dates as pages print them, to ISO 8601 at Vietnam's offset.

Kept small and in one place: the Vietnamese date extractor of `parsers.fields` will take
over the text forms. Every function returns None rather than guess: an impossible date,
a time without a date or text of any other shape gives None.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

VIETNAM = timezone(timedelta(hours=7))

_WEEKDAY = r"(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|cn)\s*,?\s*(?:ngày\s*)?)?"
_DATE = r"(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})"
_TIME = r"(?P<hour>\d{1,2})\s*[:hg]\s*(?P<minute>\d{2})(?::\d{2})?"

# Forms with a time come first; a date alone is the last resort.
TEXT_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.I)
    for p in (
        # 12/6/2020 20:45'(GMT+7) · 01/04/2022 - 15:28 GMT+7 · 30/10/2025 | 10:31
        rf"{_WEEKDAY}{_DATE}\s*(?:[-|,]|lúc)?\s*{_TIME}(?!\d)",
        # Cập nhật lúc18:28, Thứ Ba, 26/11/2019 · 18:00 |22/05/2022
        rf"(?<!\d){_TIME}\s*[,|-]?\s*{_WEEKDAY}{_DATE}",
        # Ngày 28 tháng 10 năm 2020 · 08 tháng 12 năm 2024 16:02
        r"(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s*,?\s+(?:năm\s+)?(?P<year>\d{4})"
        rf"(?:\s+(?:lúc\s+)?{_TIME})?",
        rf"(?<![\d/]){_DATE}(?![\d/])",
    )
)


def iso_from_match(match: re.Match[str]) -> str | None:
    """A date (and time, when the pattern captured one) from named groups, as ISO."""
    groups = match.groupdict()
    try:
        day = date(int(groups["year"]), int(groups["month"]), int(groups["day"]))
        if groups.get("hour") is None or groups.get("minute") is None:
            return day.isoformat()
        moment = datetime(
            day.year, day.month, day.day, int(groups["hour"]), int(groups["minute"]),
            tzinfo=VIETNAM,
        )  # fmt: skip
    except (ValueError, TypeError, KeyError):
        return None
    return moment.isoformat()


def date_in_text(text: str, patterns: tuple[re.Pattern[str], ...] = TEXT_FORMS) -> str | None:
    """The first pattern (in order) that finds a valid date in `text`, as ISO."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            value = iso_from_match(match)
            if value:
                return value
    return None


def iso_timestamp(value: str | None) -> str | None:
    """An ISO 8601 attribute value normalised: instants at +07:00, a bare date kept a date.

    A time without an offset is taken as Vietnam's local time (how these sites write it).
    """
    value = (value or "").strip()
    if not value:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value).isoformat()
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM).isoformat()
