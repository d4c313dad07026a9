"""Place an article in the map of its day and in today's map.

The province as published comes from the first of, in order:
  1. "site": the province the site's profile names (a provincial site);
  2. "byline": the province named by the byline's organisation;
  3. "text": the province the title and body name most as a place ("tỉnh X", "Tỉnh
     ủy X", "thành phố X", "X:" opening a line), at least twice and strictly more
     often than any other.
The rule that decided is kept beside the result. A name used in both maps (Cần Thơ)
denotes the unit of the map in force on the article's day; with no day it stays
unplaced as published, but today's unit is still known (`provinces.today`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from parsers.places.organisations import resolve_organisation
from parsers.places.provinces import FIRST_NEW_DAY, Province, named_in, resolve, today

SITE, BYLINE, TEXT = "site", "byline", "text"
MIN_TEXT_MENTIONS = 2


@dataclass(frozen=True, slots=True)
class Placement:
    published: Province | None  # the unit as published, in the map of the article's day
    today: Province | None  # the unit of today's map
    rule: str | None  # SITE, BYLINE or TEXT; None when nothing placed the article
    evidence: str | None  # the name, organisation or count that decided


UNPLACED = Placement(None, None, None, None)


def text_province(text: str) -> tuple[str, int] | None:
    """The province the text names most as a place, with its count, if it clearly leads."""
    ranked = named_in(text).most_common(2)
    if not ranked or ranked[0][1] < MIN_TEXT_MENTIONS:
        return None
    if len(ranked) == 2 and ranked[1][1] == ranked[0][1]:
        return None
    return ranked[0]


def _placed(name: str, day: date | None, rule: str, evidence: str) -> Placement:
    return Placement(resolve(name, day), today(name), rule, evidence)


def place(
    *,
    site_province: str | None,
    byline_organization: str | None,
    text: str,
    published: date | None,
    site_until: date | None = None,
) -> Placement:
    """Where an article was published (see the module's docstring for the rules).

    `site_until` is the last day of the site's life, if it closed: a site that closed
    before the merger published in the old map, even on an undated page.
    """
    if site_province and today(site_province):
        day = published
        if day is None and site_until is not None and site_until < FIRST_NEW_DAY:
            day = site_until
        return _placed(site_province, day, SITE, site_province)
    if byline_organization:
        organisation = resolve_organisation(byline_organization)
        if organisation.province:  # a provincial or local body of a named province
            return _placed(organisation.province, published, BYLINE, byline_organization)
    leader = text_province(text)
    if leader:
        name, count = leader
        return _placed(name, published, TEXT, f"{name} ×{count}")
    return UNPLACED
