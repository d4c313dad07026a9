"""What a family parser needs to know about one site: its selector table and date forms.

A `ParserProfile` is plain data built by `scraper.sites.load` from a profile file (the
family's default table with the site's overrides on top). Parsers only read it, so they
stay pure and a test can hand them any table it likes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

# The names a selector table may use, with what each one selects.
SELECTOR_FIELDS: dict[str, str] = {
    "title": "the headline",
    "sapo": "the lead (sapo) printed above the body",
    "time": "the article's own date and time (a `datetime` attribute wins over text)",
    "updated": "the article's last-update time",
    "body": "the element holding the article text",
    "drop": "elements inside the body that are not article text (share bars, boxes)",
    "figure": "photo containers inside the body",
    "caption": "caption elements inside a photo container",
    "byline": "the author block (outside or inside the body)",
    "author": "the author's name inside the author block",
    "section": "breadcrumb links; the last one that is not the home page is the section",
    "tags": "tag links",
    "canonical": "the canonical link",
    "listing_links": "article links in a listing page's main column",
    "next_page": "the next listing page's link",
}


@dataclass(frozen=True, slots=True)
class ParserProfile:
    """One site as its family parser sees it."""

    site: str
    family: str
    hosts: frozenset[str]
    selectors: Mapping[str, tuple[str, ...]]
    # Date forms of the site, tried in order on the time element's text. Named groups:
    # day, month, year and, when the page shows them correctly, hour and minute.
    date_patterns: tuple[re.Pattern[str], ...] = ()
    # Paragraphs of the body that are page furniture (a "./." line, "Xem thêm" …).
    drop_text: tuple[re.Pattern[str], ...] = ()
    # Home-page crumbs and the like that are never the section.
    not_section: frozenset[str] = field(default_factory=lambda: frozenset({"trang chủ"}))

    def get(self, name: str) -> tuple[str, ...]:
        return self.selectors.get(name, ())
