"""The parser for hosts without a site profile.

Each field is taken from the first source that has it, in order of reliability (after
trafilatura's `extract_metadata`): JSON-LD `NewsArticle`, then OpenGraph and `<meta>`,
then the page itself. On the page, the headline is the `<h1>` (or title-classed element)
that the document title starts with; the date is the `<time>` or Vietnamese date form
nearest to it outside headers, menus and sidebars (the header's current date and a
sidebar's headline dates are never taken); the body is `parsers.maintext.main_text`;
the byline is an author block, else the body's last lines.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from parsers.errors import NotAnArticle
from parsers.fields.byline import split_byline
from parsers.htmltext import (
    Element,
    absolute,
    block_texts,
    class_words,
    clean,
    elements,
    host_of,
    named_elements,
    parse_tree,
    text_of,
)
from parsers.maintext import main_text
from parsers.pagedates import date_in_text, iso_timestamp
from parsers.record import Article, Byline

PARSER = "generic@1"
ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting"})
# Containers whose dates and headlines belong to something else than the article.
ELSEWHERE_TAGS = frozenset({"nav", "aside", "footer", "a"})
ELSEWHERE = re.compile(
    r"(?<![a-z0-9])(sidebar|menu|related|relatedposts|comments?|widget|ticker|top-bar|topbar|"
    r"most-view|other-news|tin-khac|lien-quan|other|footer|banner|list|story)(?![a-z0-9])",
    re.I,
)
AUTHOR_BLOCK = re.compile(r"(?<![a-z0-9])(author|byline|tac-gia)(?![a-z0-9])", re.I)
# Elements whose class or id says "title" ("tiêu đề" in Vietnamese slugs): the CSS
# `[class*="title"], [id*="title"], [class*="tieu-de"], [class*="tieude"]`.
TITLED_CLASS = ("title", "tieu-de", "tieude")
TITLED_ID = "title"
SAPO_TAGS = frozenset({"div", "p", "h2", "span"})
# "ArticleSummary", "article__sapo", "assetdesc-text", "lead", "brief".
SAPO_BLOCK = re.compile(r"sapo|summary|abstract|assetdesc|(?<![a-z0-9])(lead|brief|desc)", re.I)
# A login name ("admin", "btv_01") is not an author.
USERNAME = re.compile(r"^[a-z0-9_.]+$")
DATE_HINT = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}")
# Liferay 6.1 Vietnamese portlets print "dd/MM/yyyy HH:ss": the date is right, the time not.
SECONDS_FOR_MINUTES = "asset-publish-date"
NEAR = 40  # elements between the headline and its date, at most
DATE_LINE_CHARS = 90  # a date line is short; a longer text is a sentence quoting a date
_AUTHOR_LEAD = re.compile(r"^\s*(?:bởi|tác giả|người viết|by)\s*:?\s*", re.I)
_COMPILED = re.compile(r"\s*\(\s*tổng\s+hợp\s*\)\s*", re.I)
_SOURCE = re.compile(r"^\s*Nguồn\s*:\s*", re.I)
_HEADER = re.compile(r"(?<![a-z])header")
_LOGO = re.compile(r"(?<![a-z])(logo|brand|site-title|header|banner)", re.I)


def parse(html: str, url: str) -> Article:
    tree = parse_tree(html)
    ld = json_ld_article(tree)
    meta = _meta(tree)
    named = named_elements(tree)  # read below, before `main_text` changes the tree
    title, headline = _title(tree, named, ld, meta)
    if not title:
        raise NotAnArticle("no title (JSON-LD headline, og:title, <h1> or <title>)")
    sapo = _str(ld.get("description")) or (
        meta.get("og:description") if meta.get("og:type") == "article" else ""
    )
    sapo = sapo or _sapo_block(named)
    published = (
        iso_timestamp(_str(ld.get("datePublished")))
        or iso_timestamp(meta.get("article:published_time"))
        or _date_near(tree, headline)
    )
    updated = iso_timestamp(_str(ld.get("dateModified"))) or iso_timestamp(
        meta.get("article:modified_time")
    )
    tags = _split_tags(ld.get("keywords")) or [
        _attr_text(m.get("content"))
        for m in tree.iter("meta")
        if m.get("property") == "article:tag"
    ]
    block_byline = _author_block(named)
    paragraphs, images = main_text(tree, url, named)
    while paragraphs and paragraphs[0] in (sapo, title):
        paragraphs = paragraphs[1:]  # the lead or the headline printed again
    paragraphs, tail_byline = split_byline(paragraphs)
    if not paragraphs:
        raise NotAnArticle("no body text")
    if sapo and _is_excerpt(sapo, paragraphs[0]):
        sapo = ""  # a description cut from the body's start (WordPress) is not a lead
    canonical = absolute(url, _link_canonical(tree)) or ""
    return Article(
        url=url,
        canonical_url=canonical if host_of(canonical) == host_of(url) else url,
        site=host_of(url),
        section=_str(ld.get("articleSection")) or meta.get("article:section") or None,
        title=title,
        sapo=sapo or None,
        body_text="\n".join(paragraphs),
        published_at=published,
        updated_at=updated,
        byline=block_byline or tail_byline or _meta_byline(ld, meta),
        images=tuple(images),
        tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
        language=_language(tree, ld),
        parser=PARSER,
    )


def _is_excerpt(description: str, first_paragraph: str) -> bool:
    head = description.rstrip(" .…[]")
    return len(head) >= 20 and first_paragraph.startswith(head)


def json_ld_article(tree: Element) -> dict[str, Any]:
    """The first JSON-LD object of an article type, looking inside lists and `@graph`."""
    scripts = (s for s in tree.iter("script") if s.get("type") == "application/ld+json")
    for script in scripts:
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kinds = item.get("@type")
                kinds = set(kinds) if isinstance(kinds, list) else {kinds}
                if kinds & ARTICLE_TYPES:
                    return item
                stack.extend(item.get("@graph") or ())
    return {}


def _meta(tree: Element) -> dict[str, str]:
    """`<meta property|name=… content=…>` values, the first of each key."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        content = _attr_text(element.get("content"))
        if key and content:
            values.setdefault(key, content)
    return values


def _attr_text(value: Any) -> str:
    """An attribute or JSON string with its whitespace collapsed."""
    return " ".join(str(value).split()) if value else ""


def _str(value: Any) -> str:
    """A JSON-LD value as text: strings as they are, {"name": …} objects by name."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return _attr_text(value) if isinstance(value, str) else ""


def _elsewhere(element: Element) -> bool:
    """Is the element inside a menu, sidebar, list, related box, header bar or link?"""
    for node in (element, *element.iterancestors()):
        if node.tag in ELSEWHERE_TAGS:
            return True
        if node.tag == "header" and _no_h1(node):
            return True  # the page header; an article header holds the headline
        if _elsewhere_words(class_words(node)) and _no_h1(node):
            return True
    return False


# Pages repeat the same few class and id strings: each is searched once. One cache per
# pattern, keyed by the string alone: a compiled pattern in the key would be hashed on
# every call, and hashing one hashes its whole compiled program.
@lru_cache(maxsize=4096)
def _sapo_words(words: str) -> bool:
    """Does a class and id string name a lead ("sapo", "summary", "lead")?"""
    return SAPO_BLOCK.search(words) is not None


@lru_cache(maxsize=4096)
def _author_words(words: str) -> bool:
    """Does a class and id string name an author block ("author", "byline")?"""
    return AUTHOR_BLOCK.search(words) is not None


@lru_cache(maxsize=4096)
def _elsewhere_words(words: str) -> bool:
    """Does a class and id string name a menu, sidebar, list, related box or header?"""
    return bool(words and (ELSEWHERE.search(words) or _HEADER.search(words)))


def _no_h1(node: Element) -> bool:
    return next(node.iter("h1"), None) is None


def _title(
    tree: Element, named: list[tuple[Element, str]], ld: dict[str, Any], meta: dict[str, str]
) -> tuple[str, Element | None]:
    """The headline text and its element (the anchor for the date), by order of trust;
    `named` is the page's elements with a class or an id."""
    document_title = meta.get("og:title") or text_of(next(tree.iter("title"), None))
    headline = _str(ld.get("headline"))
    headings = [h for h in tree.iter("h1") if text_of(h) and not _elsewhere(h)]
    for element in itertools.chain(headings, _titled(named)):
        text = text_of(element)
        if headline and text == headline:
            return headline, element
        if not headline and document_title and document_title.startswith(text):
            return text, element
    # No heading agrees with the document title: a heading in the page header is the
    # site's name (a logo), not the article's.
    headings = [h for h in headings if not _in_page_header(h)]
    if headline:
        return headline, headings[0] if headings else _element_saying(tree, headline)
    if headings:
        return text_of(headings[0]), headings[0]
    # "<headline> - <site name>": the headline is the part printed on the page.
    for separator in (" - ", " | ", " – "):
        head = document_title.rsplit(separator, 1)[0]
        element = _element_saying(tree, head) if head != document_title else None
        if element is not None:
            return head, element
    return document_title, _element_saying(tree, document_title)


def _titled(named: list[tuple[Element, str]]) -> Iterator[Element]:
    """Title-classed elements of headline length; read only when no `<h1>` matched.

    A filter over the elements with a class or id: one XPath union of the four
    attribute tests walked the page four times and cost more than the rest of the title
    search."""
    for e, _ in named:
        if not _says_title(e.get("class") or "", e.get("id") or ""):
            continue
        if e.tag not in ("title", "a") and 10 <= len(text_of(e)) <= 300 and not _elsewhere(e):
            yield e


def _says_title(class_value: str, id_value: str) -> bool:
    return TITLED_ID in id_value or any(word in class_value for word in TITLED_CLASS)


def _in_page_header(element: Element) -> bool:
    return any(
        node.tag == "header" or _LOGO.search(class_words(node))
        for node in (element, *element.iterancestors())
    )


def _element_saying(tree: Element, text: str) -> Element | None:
    """The first element outside menus and sidebars whose own text is `text`."""
    if not text:
        return None
    for element in elements(tree):
        if element.tag != "title" and clean(element.text) == text and not _elsewhere(element):
            return element
    return None


def _sapo_block(named: list[tuple[Element, str]]) -> str:
    for element, words in named:
        if element.tag not in SAPO_TAGS:
            continue
        if _sapo_words(words) and not _elsewhere(element):
            text = text_of(element)
            if len(text) >= 40:
                return text
    return ""


def _date_near(tree: Element, headline: Element | None) -> str | None:
    """The article's date: the `<time>` or date text nearest the headline, not elsewhere."""
    if headline is None:
        return None
    order = elements(tree)
    try:
        anchor = order.index(headline)
    except ValueError:
        return None
    start = max(0, anchor - NEAR)
    window = order[start : anchor + NEAR + 1]
    # Nearest first; at equal distance the element before the headline.
    for index in sorted(range(len(window)), key=lambda i: abs(start + i - anchor)):
        element = window[index]
        if element.tag != "time" and not DATE_HINT.search(" ".join(_own_texts(element))):
            continue
        if not _elsewhere(element) and (value := _element_date(element)):
            return value
    return None


def _own_texts(element: Element) -> list[str]:
    """The text directly inside the element: its text and its children's tails."""
    return [t for t in (element.text, *(child.tail for child in element)) if t]


def _element_date(element: Element) -> str | None:
    """The date an element states; None for a date inside a sentence (body text)."""
    if element.get("datetime"):
        return iso_timestamp(element.get("datetime"))
    text = text_of(element)
    if len(text) > DATE_LINE_CHARS:
        return None
    if any(
        SECONDS_FOR_MINUTES in (n.get("class") or "") for n in (element, *element.iterancestors())
    ):
        value = date_in_text(text)
        return value[:10] if value else None
    return date_in_text(text)


def _author_block(named: list[tuple[Element, str]]) -> Byline | None:
    """The first author block's name, organisation ("Tên - Tổ chức") and source lines,
    among the page's elements with a class or id and their words (`named`)."""
    for element, words in named:
        if not _author_words(words) or _elsewhere(element):
            continue
        lines = block_texts(element)
        if not lines or len(" ".join(lines)) > 120:
            continue
        author = organization = source = None
        for line in lines:
            if _SOURCE.match(line):
                source = source or _SOURCE.sub("", line) or None
            elif author is None:
                name, _, org = clean(_COMPILED.sub(" ", _AUTHOR_LEAD.sub("", line))).partition(
                    " - "
                )
                author, organization = name or None, org or None
            else:
                organization = organization or line
        if author and USERNAME.match(author):
            continue
        if author or source:
            return Byline(author=author, organization=organization, source=source)
    return None


def _meta_byline(ld: dict[str, Any], meta: dict[str, str]) -> Byline | None:
    """A person named as the author by JSON-LD or `<meta name=author>` (not an organisation)."""
    ld_author = ld.get("author")
    if isinstance(ld_author, list):
        ld_author = ld_author[0] if ld_author else None
    if isinstance(ld_author, dict) and ld_author.get("@type") not in (None, "Person"):
        ld_author = None
    author = _str(ld_author) or meta.get("author") or meta.get("article:author")
    if not author or author.startswith(("http://", "https://")) or USERNAME.match(author):
        return None
    return Byline(author=author)


def _split_tags(tags: Any) -> list[str]:
    if isinstance(tags, list):
        return [t for t in tags if isinstance(t, str)]
    return str(tags).split(",") if tags else []


def _link_canonical(tree: Element) -> str | None:
    link = next((e for e in tree.iter("link") if e.get("rel") == "canonical"), None)
    return link.get("href") if link is not None else None


def _language(tree: Element, ld: dict[str, Any]) -> str:
    """The primary language subtag declared by the article or the page; Vietnamese if none."""
    declared = _str(ld.get("inLanguage")) or _attr_text(tree.get("lang"))
    return declared.split("-")[0].lower() or "vi"
