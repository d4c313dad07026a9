"""The article's section on a page without a site profile, from ranked evidence.

Each reader gives candidates, best first: a BreadcrumbList in JSON-LD, one in microdata,
a breadcrumb in the markup (`nav`, `ol`, `ul`, `div` or plain links with separators,
found by a class, id or `aria-label` saying "breadcrumb"), then the article's own
`articleSection` (JSON-LD, microdata, `article:section`), a category link of the
article, and the active item of the menu. A breadcrumb gives its most specific crumb
that is neither the home page nor the headline. Every candidate is checked: no home
crumb, not the title, not longer than a section name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from parsers.htmltext import Element, class_words, clean, text_of

HOME = frozenset({"trang chủ", "trang nhất", "home", "homepage", "trang chu", "trang-chu"})
MAX_SECTION_CHARS = 60
BREADCRUMB = re.compile(r"bread-?crumb|crumbs?(?![a-z])|duong-?dan|navigation-path", re.I)
CATEGORY_LINK = re.compile(r"(?<![a-z0-9])(cat|category|cat-links|chuyen-?muc|cate-name)", re.I)
ACTIVE = re.compile(r"(?<![a-z0-9-])(active|current|selected)(?![a-z0-9-])", re.I)
MENU = re.compile(r"(?<![a-z0-9])(menu|nav|navbar|navigation)(?![a-z0-9])", re.I)
# Separators printed between crumbs of plain links: "Trang chủ > Tin tức » Thời sự".
_LABELLED = etree.XPath("//*[@aria-label]")
TRAIL_SEPARATORS = frozenset({">", "»", "›", "→", "/", ">>"})
_TWO_LINKS = etree.XPath("//*[count(a) >= 2 and count(a) <= 6]")
# "Chuyên mục: <a>Thời sự</a>", "Danh mục: …": the article's category printed with a label.
_CATEGORY_LABEL = etree.XPath(
    "//*[text()[starts-with(normalize-space(.), 'Chuyên mục')"
    " or starts-with(normalize-space(.), 'Danh mục')]]"
)
_MICRODATA_LISTS = etree.XPath("//*[contains(@itemtype, 'BreadcrumbList')]")
SEPARATORS = frozenset({">", "»", "/", "|", "›", "→", "-", "•", "::", ">>"})


def usable(text: str, title: str) -> bool:
    """A crumb that can be the section: not the home page, not the headline, short."""
    folded = text.casefold()
    return (
        bool(text)
        and folded not in HOME
        and folded != title.casefold()
        and (len(text) <= MAX_SECTION_CHARS)
    )


def last_usable(crumbs: list[str], title: str) -> str | None:
    found = [c for c in (clean(c) for c in crumbs) if usable(c, title)]
    return found[-1] if found else None


def ld_blocks(tree: Element) -> list[Any]:
    """Every JSON-LD block of the page, parsed (those that are not JSON left out)."""
    blocks = []
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json":
            try:
                blocks.append(json.loads(script.text or ""))
            except ValueError:
                continue
    return blocks


def _ld_breadcrumbs(blocks: list[Any]) -> Iterator[list[str]]:
    """The crumbs of every JSON-LD BreadcrumbList, in position order."""
    stack = list(blocks)
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if "BreadcrumbList" in kinds:
                yield _ld_crumbs(item.get("itemListElement") or [])
            stack.extend(item.get("@graph") or ())


def _ld_crumbs(items: Any) -> list[str]:
    rows = []
    for index, element in enumerate(items if isinstance(items, list) else []):
        if not isinstance(element, dict):
            continue
        name = element.get("name")
        inner = element.get("item")
        if not name and isinstance(inner, dict):
            name = inner.get("name")
        position = element.get("position")
        order = position if isinstance(position, int | float) else index
        if isinstance(name, str):
            rows.append((order, name))
    return [name for _, name in sorted(rows, key=lambda row: row[0])]


def _microdata_crumbs(root: Element) -> Iterator[list[str]]:
    for element in _MICRODATA_LISTS(root):
        crumbs = []
        for item in element.iter():
            if item.get("itemprop") == "name":
                crumbs.append(item.get("content") or text_of(item))
        yield crumbs


def _markup_crumbs(named: list[tuple[Element, str]]) -> Iterator[tuple[Element, list[str]]]:
    """Breadcrumb elements (outermost only) and their links' texts; plain text between
    separators counts as a crumb when the breadcrumb has no links."""
    seen: set[Element] = set()
    labelled = [(e, "") for e in _LABELLED(named[0][0].getroottree())] if named else []
    for element, words in [*labelled, *named]:
        label = element.get("aria-label") or ""
        if not (_breadcrumb_words(words) or _breadcrumb_words(label)) or element in seen:
            continue
        if any(parent in seen for parent in element.iterancestors()):
            continue
        seen.add(element)
        links = [text_of(a) for a in element.iter("a")]
        if not links:
            text = text_of(element)
            links = [p for p in re.split(r"\s*(?:>>|::|[>»›→|/•])\s*", text) if p]
        yield element, [c for c in links if c not in SEPARATORS]


@lru_cache(maxsize=4096)
def _breadcrumb_words(words: str) -> bool:
    """Pages repeat the same few class strings: each is searched once."""
    return BREADCRUMB.search(words) is not None


def _separated_links(root: Element, elsewhere: Any) -> Iterator[list[str]]:
    """Breadcrumbs without a name: links side by side, the first to the home page, a
    trail's separator between each ("Trang chủ > Tin tức - Sự kiện"; "|" separates the
    items of a menu or a footer line), outside menus, sidebars, headers and footers."""
    for element in _TWO_LINKS(root):
        anchors = [child for child in element if child.tag == "a"]
        if not anchors or clean(text_of(anchors[0])).casefold() not in HOME:
            continue
        between = [clean(a.tail) for a in anchors[:-1]]
        if clean(element.text) or not all(sep in TRAIL_SEPARATORS for sep in between):
            continue
        if any(MENU.search(class_words(p)) for p in element.iterancestors()):
            continue
        if not elsewhere(element):
            yield [text_of(a) for a in anchors]


def _is_home_link(anchor: Element) -> bool:
    href = anchor.get("href") or ""
    return urlsplit(href).path in ("", "/", "/index.html", "/default.aspx", "/Default.aspx")


def _category_links(named: list[tuple[Element, str]], inside: Any) -> Iterator[str]:
    """Links classed as the article's category ("cat", "category", "chuyen-muc")."""
    for element, words in named:
        if element.tag != "a" or not CATEGORY_LINK.search(words):
            continue
        if not inside(element) and not _is_home_link(element):
            yield text_of(element)


def _labelled_categories(root: Element) -> Iterator[str]:
    """The link after a "Chuyên mục:" label, outside the page's menus and sidebars (an
    article's own `<footer>`, inside its `<article>`, counts)."""
    for element in _CATEGORY_LABEL(root):
        anchor = next(element.iter("a"), None)
        if anchor is None:
            continue
        ancestors = list(anchor.iterancestors())
        tags = [a.tag for a in ancestors]
        in_article = "article" in tags
        if "nav" in tags or "aside" in tags or ("footer" in tags and not in_article):
            continue
        yield text_of(anchor)


def _active_menu_items(named: list[tuple[Element, str]]) -> Iterator[str]:
    """The menu item marked active or current: the section being shown."""
    for element, words in named:
        if element.tag not in ("li", "a") or not ACTIVE.search(words):
            continue
        if not any(MENU.search(class_words(p)) or p.tag == "nav" for p in element.iterancestors()):
            continue
        anchor = element if element.tag == "a" else next(element.iter("a"), None)
        if anchor is not None and not _is_home_link(anchor):
            yield text_of(anchor)


def section_candidates(
    tree: Element,
    named: list[tuple[Element, str]],
    ld_blocks: list[Any],
    article_section: tuple[str, str] | None,
    title: str,
    elsewhere: Any,
    label: str | None = None,
) -> Iterator[tuple[str, str | None, str]]:
    """(source, value or None, what was seen) for every piece of evidence, best first.

    `article_section` is the article's own declared section and its source, when it has
    one; `elsewhere` tells an element in a sidebar or related box (never the section);
    `label` is the short link printed just before the headline, if any."""
    for crumbs in _ld_breadcrumbs(ld_blocks):
        yield "generic:json-ld", last_usable(crumbs, title), " > ".join(crumbs)
    for crumbs in _microdata_crumbs(tree):
        yield "generic:microdata", last_usable(crumbs, title), " > ".join(crumbs)
    for _element, crumbs in _markup_crumbs(named):
        yield "generic:breadcrumb", last_usable(crumbs, title), " > ".join(crumbs)
    for crumbs in _separated_links(tree, elsewhere):
        yield "generic:breadcrumb", last_usable(crumbs, title), " > ".join(crumbs)
    if article_section is not None:
        source, value = article_section
        parts = [p for p in re.split(r"\s*,\s*", value) if p]
        yield source, last_usable(parts, title), value
    for text in _category_links(named, elsewhere):
        yield "generic:category-link", last_usable([text], title), text
    for text in _labelled_categories(tree):
        yield "generic:category-label", last_usable([text], title), text
    if label:
        yield "generic:kicker", last_usable([label], title), label
    for text in _active_menu_items(named):
        yield "generic:menu", last_usable([text], title), text
