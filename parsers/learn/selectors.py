"""Candidate CSS selectors for an element, and the choice of the one that gives the same
kind of answer on every page.

A candidate names the element by its tag and one class (or id), alone or under one of
its four nearest classed ancestors: `h1.title`, `div.detail h1`, `div.detail h1.title`.
Class names made by a program (long digit runs) and state words are left out, since
another page would not have them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cssselect import SelectorError

from parsers.htmltext import Element, css, select
from parsers.learn.pages import Page

GENERATED = re.compile(r"\d{3,}|^(?:active|current|selected|clearfix|row|col|container)$|^col-")
IDENT = re.compile(r"^-?[_a-zA-Z][_a-zA-Z0-9-]*$")
ANCESTORS = 4
# At least this share of the pages must agree for a field to be learned.
AGREEMENT = 0.75


@dataclass(slots=True)
class Score:
    """How a selector did on the pages: per page, its value and whether it agreed."""

    selector: str
    values: list[str | None] = field(default_factory=list)
    agreed: list[bool] = field(default_factory=list)

    @property
    def agree(self) -> int:
        return sum(self.agreed)

    @property
    def matched(self) -> int:
        return sum(v is not None for v in self.values)


def names(element: Element) -> list[str]:
    """`tag.class` for each usable class, `tag#id` for a usable id."""
    tag = element.tag if isinstance(element.tag, str) else ""
    found = [f"{tag}.{c}" for c in (element.get("class") or "").split() if _usable(c)]
    ident = (element.get("id") or "").strip()
    if ident and _usable(ident):
        found.append(f"{tag}#{ident}")
    return found


def _usable(word: str) -> bool:
    return bool(IDENT.match(word)) and not GENERATED.search(word)


def candidates(element: Element, ancestors: int = ANCESTORS, *, pairs: bool = False) -> list[str]:
    """Selectors that match `element`, the simplest first; with `pairs`, also under two
    ancestors (`div.main ul.list a`: a list whose class the next column repeats)."""
    own = [*names(element), element.tag]
    found = list(own)
    parent = element.getparent()
    level = 0
    nearest: list[str] = []
    while parent is not None and level < ancestors and parent.tag not in ("html", "body"):
        above = names(parent)
        if above:
            level += 1
            found.extend(f"{a} {o}" for a in above for o in own)
            if pairs and nearest:
                found.extend(f"{a} {n} {o}" for a in above for n in nearest for o in own)
            nearest = nearest or above
        parent = parent.getparent()
    return list(dict.fromkeys(s for s in found if _compiles(s)))


def _compiles(selector: str) -> bool:
    try:
        css(selector)
    except SelectorError:
        return False
    return True


def best(
    pages: list[Page],
    selectors: Iterable[str],
    value: Callable[[Page, list[Element]], str | None],
    agrees: Callable[[Page, str | None], bool],
) -> Score | None:
    """The selector whose value agrees on the most pages; on a tie the shorter one, and
    one naming a class or id before a bare tag name (`h1` is on every kind of page).

    `value` reads the field from what the selector matched on a page (None if nothing);
    `agrees` says whether that value is the page's reference answer."""
    scored: list[tuple[int, int, bool, int, Score]] = []
    for order, selector in enumerate(dict.fromkeys(selectors)):
        score = Score(selector)
        for page in pages:
            found = select(page.tree, selector)
            read = value(page, found) if found else None
            score.values.append(read)
            score.agreed.append(agrees(page, read))
        bare = selector.isalnum()
        scored.append((-score.agree, len(selector.split()), bare, order, score))
    if not scored:
        return None
    return min(scored, key=lambda item: item[:4])[4]


def confident(score: Score | None, pages: int, minimum: int) -> bool:
    """Agreed on enough pages: `AGREEMENT` of them and at least `minimum`."""
    return score is not None and score.agree >= minimum and score.agree >= AGREEMENT * pages
