"""The selector-table parser shared by the CMS families.

A family module gives its default table (`parsers.profile.SELECTOR_FIELDS` names) and
date forms; a site's profile may override any entry. This module only applies tables:
the first selector of a field that matches anything wins, as in trafilatura's XPath
lists. What no selector finds stays empty; nothing is filled in from elsewhere on the
page, because a sidebar or header would then supply a wrong value.
"""

from __future__ import annotations

import re
from copy import deepcopy

from parsers.errors import NotAnArticle
from parsers.fields.byline import split_byline
from parsers.htmltext import (
    Element,
    absolute,
    block_texts,
    caption_paragraphs,
    clean,
    drop,
    drop_matching,
    first,
    host_of,
    parse_tree,
    select,
    take_images,
    text_of,
)
from parsers.pagedates import TEXT_FORMS, date_in_text, iso_timestamp
from parsers.profile import ParserProfile
from parsers.record import Article, Byline

ALWAYS_DROP = ("script", "style", "noscript", "iframe", "form", "button", "input")
_SOURCE = re.compile(r"^\s*Nguồn\s*:\s*", re.I)
_AUTHOR_LEAD = re.compile(r"^\s*(?:bởi|tác giả|người viết|tin, ảnh|bài, ảnh)\s*:?\s*", re.I)
_COMPILED = re.compile(r"\s*\(\s*tổng\s+hợp\s*\)\s*", re.I)


def pick(root: Element, profile: ParserProfile, name: str) -> Element | None:
    return first(root, profile.get(name))


def pick_all(root: Element, profile: ParserProfile, name: str) -> list[Element]:
    """Everything the first matching selector of the field matches."""
    for selector in profile.get(name):
        found = select(root, selector)
        if found:
            return found
    return []


def parse_article(
    html: str, url: str, profile: ParserProfile, parser: str, tree: Element | None = None
) -> Article:
    """One article page → Article by `profile`'s table; `NotAnArticle` without title or body.

    `tree` is the page already parsed, when the caller has read something from it first;
    it is changed (the body's furniture is removed).
    """
    tree = parse_tree(html) if tree is None else tree
    title = text_of(pick(tree, profile, "title"))
    if not title:
        raise NotAnArticle(f"no article title ({', '.join(profile.get('title'))})")
    body = pick(tree, profile, "body")
    if body is None:
        raise NotAnArticle(f"no article body ({', '.join(profile.get('body'))})")
    sapo_element = pick(tree, profile, "sapo")
    sapo = text_of(sapo_element) or None
    published_at = page_time(tree, profile, "time")
    updated_at = page_time(tree, profile, "updated")
    byline_element = pick(tree, profile, "byline")
    byline = block_byline(byline_element, profile) if byline_element is not None else None
    for element in (byline_element, sapo_element):
        if element is not None and any(parent is body for parent in element.iterancestors()):
            drop(element)  # read already; not body text
    paragraphs, images = body_parts(body, url, profile)
    if paragraphs and sapo and paragraphs[0] == sapo:
        paragraphs = paragraphs[1:]
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if byline_element is None:
        paragraphs, byline = split_byline(paragraphs)
    if not paragraphs:
        raise NotAnArticle("empty article body")
    return Article(
        url=url,
        canonical_url=canonical(tree, url, profile),
        site=profile.site,
        section=section(tree, profile),
        title=title,
        sapo=sapo,
        body_text="\n".join(paragraphs),
        published_at=published_at,
        updated_at=updated_at,
        byline=byline,
        images=tuple(images),
        tags=tags(tree, profile),
        parser=parser,
    )


def page_time(tree: Element, profile: ParserProfile, name: str) -> str | None:
    """The field's time: an ISO `datetime`/`content` attribute, else a date form in its text.

    The site's own forms are tried before the common ones, so a form that needs care (a
    time printed wrongly, shown as a date only) is read the site's way.
    """
    element = pick(tree, profile, name)
    if element is None:
        return None
    for attribute in ("datetime", "content"):
        if element.get(attribute):
            return iso_timestamp(element.get(attribute))
    text = text_of(element)
    return date_in_text(text, profile.date_patterns) or date_in_text(text, TEXT_FORMS)


def body_parts(body: Element, url: str, profile: ParserProfile) -> tuple[list[str], list]:
    """The body's paragraphs and photos, furniture and captions removed."""
    drop_matching(body, (*ALWAYS_DROP, *profile.get("drop")))
    caption_paragraphs(body)
    images = take_images(
        body, url, ", ".join(profile.get("figure")) or "figure", ", ".join(profile.get("caption"))
        or "figcaption",
    )  # fmt: skip
    paragraphs = [p for p in block_texts(body) if not any(rx.search(p) for rx in profile.drop_text)]
    return paragraphs, images


def block_byline(block: Element, profile: ParserProfile) -> Byline | None:
    """Author, organisation and source from an author block; None when it says nothing.

    The `author` selector, when it matches, gives the name; the block's other lines are
    a source ("Nguồn: …") or the organisation. "Tên - Tổ chức" on one line is split.
    """
    copy = deepcopy(block)
    name_element = pick(copy, profile, "author")
    author = _name(text_of(name_element)) if name_element is not None else None
    if name_element is not None:
        drop(name_element)
    organization = source = None
    for line in block_texts(copy):
        if _SOURCE.match(line):
            source = source or _SOURCE.sub("", line).strip() or None
        elif author is None:
            name, _, org = _name(line).partition(" - ")
            author, organization = name or None, org or organization
        else:
            organization = organization or line
    byline = Byline(author=author, organization=organization, source=source)
    return None if byline.is_empty() else byline


def _name(text: str) -> str:
    return clean(_COMPILED.sub(" ", _AUTHOR_LEAD.sub("", text)))


def canonical(tree: Element, url: str, profile: ParserProfile) -> str:
    link = pick(tree, profile, "canonical")
    if link is None:
        link = first(tree, ('link[rel="canonical"]',))
    href = absolute(url, link.get("href")) if link is not None else None
    if href and host_of(href) in profile.hosts | {host_of(url)}:
        return href
    return url


def section(tree: Element, profile: ParserProfile) -> str | None:
    crumbs = [text_of(a) for a in pick_all(tree, profile, "section")]
    crumbs = [c for c in crumbs if c and c.lower() not in profile.not_section]
    return crumbs[-1] if crumbs else None


def tags(tree: Element, profile: ParserProfile) -> tuple[str, ...]:
    found = [text_of(a).lstrip("#").strip() for a in pick_all(tree, profile, "tags")]
    return tuple(dict.fromkeys(t for t in found if t))


def article_links(html: str, url: str, profile: ParserProfile) -> list[str]:
    """Absolute links of the listing's article items, in page order, no repeats."""
    links: dict[str, None] = {}
    for anchor in pick_all(parse_tree(html), profile, "listing_links"):
        href = absolute(url, anchor.get("href"))
        if href:
            links.setdefault(href.split("#", 1)[0], None)
    return list(links)


def next_page(html: str, url: str, profile: ParserProfile) -> str | None:
    link = pick(parse_tree(html), profile, "next_page")
    href = absolute(url, link.get("href")) if link is not None else None
    return href if href and href != url else None


# Fields the parsers read inside another field's element, not in the whole page.
WITHIN = {
    "drop": "body",
    "body_furniture": "body",
    "figure": "body",
    "caption": "figure",
    "author": "byline",
    "author_name": "author_block",
    "author_line": "author_block",
}


def explain(html: str, profile: ParserProfile) -> list[tuple[str, str | None, int, str]]:
    """For each field of the table: the selector that matched (None if none did), how many
    elements it matched and the start of the first one's text. For fixing a profile.

    A field read inside another one's element (`WITHIN`: a caption inside a figure, the
    author's name inside the author block) is looked for there, as the parser does."""
    tree = parse_tree(html)
    rows = []
    for name in profile.selectors:
        scope = _scope(tree, profile, name)
        found, selector = ([], None) if scope is None else _first_match(scope, profile, name)
        if found:
            preview = text_of(found[0]) or clean(str(found[0].get("href") or ""))
            rows.append((name, selector, len(found), preview[:80]))
        else:
            rows.append((name, None, 0, ""))
    return rows


def _first_match(root: Element, profile: ParserProfile, name: str) -> tuple[list, str | None]:
    for selector in profile.get(name):
        found = select(root, selector)
        if found:
            return found, selector
    return [], None


def _scope(tree: Element, profile: ParserProfile, name: str) -> Element | None:
    """Where the field is read: the whole page, or its parent field's first element."""
    parent = WITHIN.get(name)
    if parent is None or parent not in profile.selectors:
        return tree
    outer = _scope(tree, profile, parent)
    found = _first_match(outer, profile, parent)[0] if outer is not None else []
    return found[0] if found else None
