"""The pages a profile is learned from: each parsed once, with the generic reading and
the page's own metadata as the references the selectors are scored against, and the
checks that turn noisy input (a page of another site, a page that is no article, two
templates mixed) into one clear message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from parsers import generic
from parsers.decode import decode_html
from parsers.errors import NotAnArticle, ParseError
from parsers.htmltext import (
    Element,
    class_words,
    looks_like_html,
    named_elements,
    parse_tree,
    text_of,
)
from parsers.metadata import json_ld_article
from parsers.record import Article

LINKED_SHARE = 0.4  # a text whose lines are this often whole links is a list of links
MIN_BODY_CHARS = 120  # a generic reading shorter than this is a list, a notice, a 404
SAME_TEMPLATE = 0.5  # class-name overlap (Jaccard) of two pages of one template, at least


class LearnError(ValueError):
    """Input a profile cannot be learned from; the message says which source and why."""


@dataclass(slots=True)
class Page:
    """One source page: its tree (left unchanged) and the references for its fields."""

    number: int  # 1-based, in the order the sources were given
    url: str
    html: str
    tree: Element
    reading: Article  # the generic parser's record of the page
    ld: dict[str, Any]
    meta: dict[str, str]

    @property
    def label(self) -> str:
        return f"page {self.number} ({self.url})"


def read_page(number: int, raw: bytes | str, url: str) -> Page:
    """One source → Page; `LearnError` when it is not an article page."""
    html, _encoding = decode_html(raw)
    if not looks_like_html(html):
        raise LearnError(f"source {number} ({url}) is not an HTML page")
    try:
        reading = generic.parse(html, url)
    except (NotAnArticle, ParseError) as exc:
        hint = " (a listing? give it with --listing)" if "headlines" in str(exc) else ""
        raise LearnError(f"source {number} ({url}) is not an article page: {exc}{hint}") from None
    if len(reading.body_text) < MIN_BODY_CHARS:
        raise LearnError(
            f"source {number} ({url}) is not an article page, or one whose text the generic"
            f" reading misses: {len(reading.body_text)} characters of text"
        )
    tree = parse_tree(html)
    anchors = {text_of(a) for a in tree.iter("a")}
    lines = reading.body_text.split("\n")
    linked = sum(line in anchors for line in lines)
    # Headlines as links: every line of a list, or the first line of a list's first item.
    if (linked >= 3 and linked >= LINKED_SHARE * len(lines)) or (
        lines[0] in anchors and len(lines[0]) > 20
    ):
        raise LearnError(
            f"source {number} ({url}) is not an article page: its text is headlines"
            " linking to other pages (a listing? give it with --listing)"
        )
    return Page(number, url, html, tree, reading, json_ld_article(tree), _meta(tree))


def _meta(tree: Element) -> dict[str, str]:
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        content = " ".join((element.get("content") or "").split())
        if key and content:
            values.setdefault(key, content)
    return values


def class_set(page: Page) -> frozenset[str]:
    """The page's template, as the set of its tag.class words."""
    words = set()
    for element, _ in named_elements(page.tree):
        for word in class_words(element).split():
            words.add(f"{element.tag}.{word}")
    return frozenset(words)


def templates(pages: list[Page]) -> list[list[Page]]:
    """Pages grouped by template: a page joins the first group whose first page shares
    enough of its class names (`SAME_TEMPLATE`), else starts a group."""
    groups: list[tuple[frozenset[str], list[Page]]] = []
    for page in pages:
        words = class_set(page)
        for first, members in groups:
            if _jaccard(first, words) >= SAME_TEMPLATE:
                members.append(page)
                break
        else:
            groups.append((words, [page]))
    return [members for _, members in groups]


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0
