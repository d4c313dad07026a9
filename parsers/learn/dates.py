"""The date element's value and the site's own date form, learned from its text.

A form is the date as the page prints it with the digits made groups: "Thứ Bẩy, ngày
13/05/2023 14:27" gives `(?P<day>\\d{1,2})/(?P<month>\\d{1,2})/(?P<year>\\d{4})\\s*
(?P<hour>\\d{1,2}):(?P<minute>\\d{2})`. Words between the parts become `\\D{0,30}?`, so a
weekday name does not tie the form to one day. When the time printed disagrees with the
page's metadata, or the metadata has a date only, the form keeps the date only: a time
nobody can confirm is not recorded.
"""

from __future__ import annotations

import re
from collections import Counter

from parsers.htmltext import Element, text_of
from parsers.pagedates import TEXT_FORMS, date_in_text, iso_from_match, iso_timestamp

DATE_LINE_CHARS = 90
GROUPS = {
    "day": r"(?P<day>\d{1,2})",
    "month": r"(?P<month>\d{1,2})",
    "year": r"(?P<year>\d{4})",
    "hour": r"(?P<hour>\d{1,2})",
    "minute": r"(?P<minute>\d{2})",
}
UNNAMED = {"hour": r"\d{1,2}", "minute": r"\d{2}"}


def element_time(element: Element, patterns: tuple[re.Pattern[str], ...]) -> str | None:
    """An element's date as the learned family reads it (`engine.page_time`): an ISO
    `datetime`/`content` attribute, else a date form in a short text."""
    for attribute in ("datetime", "content"):
        if element.get(attribute):
            return iso_timestamp(element.get(attribute))
    text = text_of(element)
    if not text or len(text) > DATE_LINE_CHARS:
        return None
    return date_in_text(text, patterns) or date_in_text(text, TEXT_FORMS)


def date_agrees(value: str | None, reference: str | None) -> bool:
    """The same day, and the same minute when both have a time."""
    if not value or not reference:
        return False
    if len(value) == 10 or len(reference) == 10:
        return value[:10] == reference[:10]
    return value[:16] == reference[:16]


def date_patterns(shown: list[tuple[Element, str | None]]) -> tuple[tuple[str, ...], str]:
    """The site's date forms from its date elements' texts (with each page's reference);
    () when the dates come from an attribute. Also the form in words, for the evidence."""
    texts = [(text_of(e), ref) for e, ref in shown if not (e.get("datetime") or e.get("content"))]
    if not texts:
        return (), "ISO attribute"
    date_only = any(
        ref is None or len(ref) == 10 or not date_agrees(date_in_text(t), ref) for t, ref in texts
    )
    found: Counter[str] = Counter()
    for text, _ref in texts:
        pattern = _form(text, date_only)
        if pattern:
            found[pattern] += 1
    patterns = tuple(p for p, _ in found.most_common(3))
    return patterns, "date only (the time shown is not confirmed)" if date_only else "date and time"


def _form(text: str, date_only: bool) -> str | None:
    for form in TEXT_FORMS:
        for match in form.finditer(text):
            if iso_from_match(match):
                return _generalise(match, date_only)
    return None


def _generalise(match: re.Match[str], date_only: bool) -> str:
    spans = sorted(
        (match.span(name), name) for name in GROUPS if match.groupdict().get(name) is not None
    )
    out: list[str] = []
    position = spans[0][0][0]
    for (start, end), name in spans:
        out.append(_between(match.string[position:start]))
        named = not date_only or name not in UNNAMED
        out.append(GROUPS[name] if named else UNNAMED[name])
        position = end
    return "".join(out)


def _between(text: str) -> str:
    if not text:
        return ""
    if re.search(r"[^\W\d_]", text):
        return r"\D{0,30}?"
    return "".join(r"\s*" if c.isspace() else re.escape(c) for c in re.sub(r"\s+", " ", text))
