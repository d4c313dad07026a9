"""Vietnamese field extractors on plain text: documents cited, persons, byline, dates.

`extract` is the one entry point other code needs: it normalises the text (NFC, spaces)
and returns the directives, persons and byline in the shapes of the gold schema.
"""

from __future__ import annotations

from typing import Any

from parsers.fields.byline import find_byline, split_byline
from parsers.fields.dates import find_dates, parse_datetime, to_iso
from parsers.fields.directives import find_directives
from parsers.fields.persons import find_persons
from parsers.fields.text import compare_key, fold, for_reading, normalize


def extract(text: str) -> dict[str, Any]:
    """`{"directives": [...], "persons": [...], "byline": {...} | None}` for `text`."""
    text = normalize(text)
    byline = find_byline(for_reading(text))
    author = compare_key(byline.author) if byline and byline.author else None
    persons = [p for p in find_persons(text) if compare_key(p.name) != author]
    return {
        "directives": [d.to_dict() for d in find_directives(text)],
        "persons": [p.to_dict() for p in persons],
        # The schema's byline has no source: a source-only byline is no byline here.
        "byline": (
            {"author": byline.author, "organization": byline.organization}
            if byline is not None and (byline.author or byline.organization)
            else None
        ),
    }


__all__ = [
    "extract",
    "find_byline",
    "find_dates",
    "find_directives",
    "find_persons",
    "fold",
    "for_reading",
    "normalize",
    "parse_datetime",
    "split_byline",
    "to_iso",
]
