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
_TIME = (
    r"(?P<hour>\d{1,2})\s*[:hg]\s*(?P<minute>\d{2})(?::\d{2})?"
    r"(?:\s*(?P<half>[AaPp])\.?[Mm]\.?(?![a-zA-Z]))?"
)
# ASP.NET's default (en-US) format, month first on the 12-hour clock with seconds:
# `6/12/2020 8:45:00 PM`. Seconds and AM/PM together tell it from the day-first forms.
_ASPNET = (
    r"(?<![\d/])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\s+"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2}):\d{2}\s*(?P<half>[AaPp])[Mm](?![a-zA-Z])"
)

# Forms with a time come first; a date alone is the last resort.
TEXT_FORMS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.I)
    for p in (
        _ASPNET,
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
        hour = _hour(int(groups["hour"]), groups.get("half"))
        moment = datetime(day.year, day.month, day.day, hour, int(groups["minute"]), tzinfo=VIETNAM)
    except (ValueError, TypeError, KeyError):
        return None
    return moment.isoformat()


def _hour(hour: int, half: str | None) -> int:
    """The hour on the 24-hour clock; `half` is "A"/"P" for a 12-hour one (12 AM is 0)."""
    if half is None:
        return hour
    if not 1 <= hour <= 12:
        if hour == 0 and half in "Aa":
            return 0  # "00:01 AM", as some sites print midnight
        raise ValueError(f"hour {hour} on a 12-hour clock")
    return hour % 12 + (12 if half in "Pp" else 0)


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


# `/2020/06/12/`, `/2020-06-12/`, `-20200612` in an article's address.
_URL_DATE = re.compile(
    r"(?<![\d])(?P<year>20\d{2}|19\d{2})[/-](?P<month>\d{1,2})[/-](?P<day>\d{1,2})(?=[/_.-]|$)"
)


def date_in_url(url: str) -> str | None:
    """A publication day written in the address's path, as an ISO date (no time)."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    for match in _URL_DATE.finditer(path):
        value = iso_from_match(match)
        if value:
            return value
    return None


def later_than(value: str, limit: datetime) -> bool:
    """Is the ISO date or instant `value` after `limit` (a day counts from its start)?"""
    try:
        if len(value) == 10:
            return date.fromisoformat(value) > limit.astimezone(VIETNAM).date()
        return datetime.fromisoformat(value) > limit
    except ValueError:
        return False
