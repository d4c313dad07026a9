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

import html as html_lib
import itertools
import re
from collections.abc import Iterator
from dataclasses import astuple
from datetime import datetime
from functools import cached_property, lru_cache
from typing import Any

from parsers.bylines import block_byline
from parsers.errors import NotAnArticle
from parsers.evidence import Candidate, checked, take
from parsers.fields.byline import split_byline
from parsers.htmltext import (
    Element,
    absolute,
    class_words,
    clean,
    elements,
    host_of,
    named_elements,
    parse_tree,
    text_of,
)
from parsers.maintext import main_text
from parsers.pagedates import date_in_text, date_in_url, iso_timestamp, later_than
from parsers.record import Article, Byline, Image
from parsers.sections import ld_blocks, section_candidates

PARSER = "generic@1"
ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting"})
# Containers whose dates and headlines belong to something else than the article.
ELSEWHERE_TAGS = frozenset({"nav", "aside", "footer", "a"})
ELSEWHERE = re.compile(
    r"(?<![a-z0-9])(sidebar|menu|related|relatedposts|comments?|widget|ticker|top-bar|topbar|"
    r"most-view|other-news|tin-khac|lien-quan|other|footer|banner|list|story|"
    r"right-?(?:pane|col|column|side|bar|box)|(?:col|box|side)-?right)(?![a-z0-9])",
    re.I,
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")  # "RelatedArticle" → "Related-Article"
MODIFIED = re.compile(r"updated|modified|lastmod|cap-?nhat", re.I)
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
TEASER_LINK_CHARS = 25  # a link this long is another article's headline
_WORDS = re.compile(r"\w+")
MIN_BODY_WORDS = 1  # a body of an ellipsis or punctuation is no body
LISTING_LINKS = 3  # a body with this many headline links, a third of it, is a listing
TEASER_CHARS = 300  # a teaser item: a headline, a date, a line of lead
NEAR = 40  # elements between the headline and its date, at most
DATE_LINE_CHARS = 90  # a date line is short; a longer text is a sentence quoting a date
_HEADER = re.compile(r"(?<![a-z])header", re.I)
_LOGO = re.compile(r"(?<![a-z])(logo|brand|site-title|header|banner)", re.I)


def parse(html: str, url: str, not_after: datetime | None = None) -> Article:
    """The page read the generic way; a date later than `not_after` (the fetch) is refused."""
    page = Page(parse_tree(html), url, not_after)
    title, _ = page.title()
    if not title:
        raise NotAnArticle("no title (JSON-LD headline, og:title, <h1> or <title>)")
    sources: dict[str, str] = {"title": page.title()[1]}
    sapo, sapo_source = page.sapo()
    byline, byline_source = page.block_byline()
    published, published_source = page.published()
    updated, updated_source = page.updated()
    section, section_source = page.section()
    headline_links = page.headline_links()
    paragraphs, images = page.body()  # last: it removes the page's furniture
    if _is_listing(paragraphs, headline_links):
        raise NotAnArticle("a list of other articles' headlines, not an article")
    while paragraphs and paragraphs[0] in (sapo, title):
        paragraphs = paragraphs[1:]  # the lead or the headline printed again
    paragraphs, tail_byline = split_byline(paragraphs)
    if sum(len(_WORDS.findall(p)) for p in paragraphs) < MIN_BODY_WORDS:
        raise NotAnArticle("no body text")
    sources["body_text"] = "generic:text"
    if sapo and (_is_excerpt(sapo, paragraphs[0]) or sapo in paragraphs):
        sapo = ""  # a description cut from the body's start (WordPress) is not a lead
    if byline is None and tail_byline is not None:
        byline, byline_source = tail_byline, "generic:text"
    if byline is None:
        byline, byline_source = page.meta_byline()
    for name, value, source in (
        ("sapo", sapo, sapo_source),
        ("published_at", published, published_source),
        ("updated_at", updated, updated_source),
        ("section", section, section_source),
    ):
        if value:
            sources[name] = source
    sources.update(byline_sources(byline, byline_source))
    return Article(
        url=url,
        canonical_url=page.canonical(),
        site=host_of(url),
        section=section,
        title=title,
        sapo=sapo or None,
        body_text="\n".join(paragraphs),
        published_at=published,
        updated_at=updated,
        byline=byline,
        images=tuple(images),
        tags=page.tags(),
        language=page.language(),
        parser=PARSER,
        field_sources=tuple(sources.items()),
    )


# Meta conventions for the publication and update times, in order of trust.
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "dc.date.issued", "dcterms.created", "dc.date",
    "date", "sailthru.date", "parsely-pub-date",
)  # fmt: skip
MODIFIED_META = (
    "article:modified_time", "og:updated_time", "datemodified", "lastmod",
    "dc.date.modified", "dcterms.modified", "last-modified",
)  # fmt: skip


class Page:
    """One page read the generic way. Each field has its candidates, best first, each
    checked (`*_candidates`); the field's value is the first that passed, with its
    source. Everything is read on demand, so a profile that lacks one field costs only
    that field's reading; `body()` changes the tree and comes last."""

    def __init__(self, tree: Element, url: str, not_after: datetime | None = None) -> None:
        self.tree = tree
        self.url = url
        self.not_after = not_after  # the fetch time: a date after it is refused

    @cached_property
    def blocks(self) -> list[Any]:
        return ld_blocks(self.tree)

    @cached_property
    def ld(self) -> dict[str, Any]:
        return article_in(self.blocks)

    @cached_property
    def meta(self) -> dict[str, str]:
        return _meta(self.tree)

    @cached_property
    def named(self) -> list[tuple[Element, str]]:
        return named_elements(self.tree)

    @cached_property
    def heading(self) -> tuple[str, str, Element | None]:
        for candidate, element in title_candidates(self.tree, self.named, self.ld, self.meta):
            if candidate.value:
                return candidate.value, candidate.source, element
        return "", "", None

    def title(self) -> tuple[str, str]:
        return self.heading[0], self.heading[1]

    def title_candidates(self) -> list[Candidate]:
        return [c for c, _ in title_candidates(self.tree, self.named, self.ld, self.meta)]

    def _date(self, source: str, seen: str, value: str | None) -> Candidate:
        if value and self.not_after is not None and later_than(value, self.not_after):
            return Candidate(source, seen, None, "later than the fetch")
        return checked(source, seen, value, "not a valid date")

    def published_candidates(self) -> Iterator[Candidate]:
        ld_value = _str(self.ld.get("datePublished"))
        if ld_value:
            yield self._date("generic:json-ld", ld_value, iso_timestamp(ld_value))
        for key in PUBLISHED_META:
            if value := self.meta.get(key):
                yield self._date("generic:meta", f"{key}={value}", iso_timestamp(value))
        for candidate in dates_near(self.tree, self.heading[2]):
            refused = candidate.refused
            yield candidate if refused else self._date(*astuple(candidate)[:3])
        if value := date_in_url(self.url):
            yield self._date("url", self.url, value)

    def published(self) -> tuple[str | None, str]:
        return take(self.published_candidates())

    def updated_candidates(self) -> Iterator[Candidate]:
        ld_value = _str(self.ld.get("dateModified"))
        if ld_value:
            yield self._date("generic:json-ld", ld_value, iso_timestamp(ld_value))
        for key in MODIFIED_META:
            if value := self.meta.get(key):
                yield self._date("generic:meta", f"{key}={value}", iso_timestamp(value))
        for candidate in dates_near(self.tree, self.heading[2], updated=True):
            refused = candidate.refused
            yield candidate if refused else self._date(*astuple(candidate)[:3])

    def updated(self) -> tuple[str | None, str]:
        return take(self.updated_candidates())

    def section_candidates(self) -> Iterator[Candidate]:
        declared = None
        if value := _str(self.ld.get("articleSection")):
            declared = ("generic:json-ld", value)
        elif value := self.meta.get("article:section") or self.meta.get("articlesection"):
            declared = ("generic:meta", value)
        found = section_candidates(
            self.tree, self.named, self.blocks, declared, self.heading[0], _elsewhere
        )
        for source, value, seen in found:
            yield checked(source, seen, value, "only the home page or the headline")

    def section(self) -> tuple[str | None, str]:
        return take(self.section_candidates())

    def sapo(self) -> tuple[str, str]:
        if value := _str(self.ld.get("description")):
            return value, "generic:json-ld"
        if self.meta.get("og:type") == "article" and (value := self.meta.get("og:description")):
            return value, "generic:meta"
        value = _sapo_block(self.named)
        return value, "generic:text" if value else ""

    def block_byline(self) -> tuple[Byline | None, str]:
        for candidate, byline in author_blocks(self.named):
            if candidate.value:
                return byline, candidate.source
        return None, ""

    def meta_byline(self) -> tuple[Byline | None, str]:
        byline = _meta_byline(self.ld, self.meta)
        return byline, "generic:meta" if byline else ""

    def headline_links(self) -> set[str]:
        """The texts of the page's links that are as long as a headline."""
        texts = (text_of(a) for a in self.tree.iter("a"))
        return {t for t in texts if len(t) >= TEASER_LINK_CHARS}

    def body(self) -> tuple[list[str], list[Image]]:
        return main_text(self.tree, self.url, self.named, self.heading[2])

    def tags(self) -> tuple[str, ...]:
        tags = _split_tags(self.ld.get("keywords")) or [
            _attr_text(m.get("content"))
            for m in self.tree.iter("meta")
            if m.get("property") == "article:tag"
        ]
        return tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))

    def canonical(self) -> str:
        canonical = absolute(self.url, _link_canonical(self.tree)) or ""
        return canonical if host_of(canonical) == host_of(self.url) else self.url

    def language(self) -> str:
        return _language(self.tree, self.ld)


def _is_listing(paragraphs: list[str], headline_links: set[str]) -> bool:
    """Does the body read as a listing: it starts with a link to another article (a
    teaser), or several of its paragraphs are such links?"""
    if paragraphs and paragraphs[0] in headline_links:
        return True
    linked = sum(p in headline_links for p in paragraphs)
    return linked >= LISTING_LINKS and linked * 3 >= len(paragraphs)


def byline_sources(byline: Byline | None, source: str) -> dict[str, str]:
    """The byline's parts that have a value, each with the byline's source."""
    if byline is None:
        return {}
    parts = {"author": byline.author, "organization": byline.organization}
    parts["source"] = byline.source
    return {name: source for name, value in parts.items() if value}


def _is_excerpt(description: str, first_paragraph: str) -> bool:
    head = description.rstrip(" .…[]")
    return len(head) >= 20 and first_paragraph.startswith(head)


def json_ld_article(tree: Element) -> dict[str, Any]:
    """The first JSON-LD object of an article type, looking inside lists and `@graph`."""
    return article_in(ld_blocks(tree))


def article_in(blocks: list[Any]) -> dict[str, Any]:
    """The first object of an article type among parsed JSON-LD blocks."""
    stack = list(blocks)
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
    """`<meta property|name|itemprop=… content=…>` values, the first of each key."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        content = _attr_text(element.get("content"))
        if key.strip() and content:
            values.setdefault(key.strip().lower(), content)
    return values


def _attr_text(value: Any) -> str:
    """An attribute or JSON string with its whitespace collapsed and the HTML entities
    that metadata sometimes still holds (`&#237;`, `&amp;quot;`) decoded."""
    if not value:
        return ""
    text = str(value)
    if "&" in text:
        text = html_lib.unescape(html_lib.unescape(text))
    return " ".join(text.split())


def _str(value: Any) -> str:
    """A JSON-LD value as text: strings as they are, {"name": …} objects by name."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return _attr_text(value) if isinstance(value, str) else ""


def _elsewhere(element: Element, dated: bool = False) -> bool:
    """Is the element inside a menu, sidebar, list, related box, header bar or link?

    With `dated`, a link that holds only a date (WordPress links the post's time to the
    post itself) does not count: another article's date sits beside its headline, which
    the teaser test refuses."""
    for node in (element, *element.iterancestors()):
        if node.tag in ELSEWHERE_TAGS:
            if dated and node.tag == "a" and len(text_of(node)) <= DATE_LINE_CHARS:
                continue
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
def _modified_words(words: str) -> bool:
    """Does a class, id and itemprop string mark an update time?"""
    return MODIFIED.search(words) is not None


@lru_cache(maxsize=4096)
def _author_words(words: str) -> bool:
    """Does a class and id string name an author block ("author", "byline")?"""
    return AUTHOR_BLOCK.search(words) is not None


@lru_cache(maxsize=4096)
def _elsewhere_words(words: str) -> bool:
    """Does a class and id string name a menu, sidebar, list, related box or header?
    ASP.NET templates write their names in CamelCase ("RelatedArticle", "RightPane")."""
    return bool(words and (ELSEWHERE.search(_CAMEL.sub("-", words)) or _HEADER.search(words)))


def _no_h1(node: Element) -> bool:
    return next(node.iter("h1"), None) is None


def _agrees(text: str, reference: str) -> bool:
    """Does a visible heading say the metadata's headline (the same, its start, or most of
    its words: sites often write a shorter or reworded SEO title)?"""
    if not text or not reference:
        return False
    if text == reference or reference.startswith(text):
        return True
    shown, meant = set(text.casefold().split()), set(reference.casefold().split())
    return len(shown & meant) >= 0.6 * max(len(shown), len(meant))


def title_candidates(
    tree: Element, named: list[tuple[Element, str]], ld: dict[str, Any], meta: dict[str, str]
) -> Iterator[tuple[Candidate, Element | None]]:
    """The headline's candidates with their elements (the anchor for the date), best first:
    the visible heading that agrees with the metadata's headline, the metadata's headline,
    a heading outside the page header, the document title without the site's name."""
    document_title = meta.get("og:title") or _attr_text(text_of(next(tree.iter("title"), None)))
    headline = _str(ld.get("headline"))
    reference = headline or document_title
    headings = [h for h in tree.iter("h1") if text_of(h) and not _elsewhere(h)]
    for element in itertools.chain(headings, _titled(named)):
        text = text_of(element)
        if _agrees(text, reference):
            yield Candidate("generic:text", f"<{element.tag}> {text}", text), element
            break
    # No heading agrees with the metadata: a heading in the page header is the site's
    # name (a logo), not the article's.
    headings = [h for h in headings if not _in_page_header(h)]
    if headline:
        anchor = headings[0] if headings else _element_saying(tree, headline)
        yield Candidate("generic:json-ld", headline, headline), anchor
    for heading in headings[:1]:
        yield Candidate("generic:text", f"<h1> {text_of(heading)}", text_of(heading)), heading
    # "<headline> - <site name>": the headline is the part printed on the page.
    for separator in (" - ", " | ", " – "):
        head = document_title.rsplit(separator, 1)[0]
        element = _element_saying(tree, head) if head != document_title else None
        if element is not None:
            yield Candidate("generic:meta", document_title, head), element
    if document_title:
        yield (
            Candidate("generic:meta", document_title, document_title),
            _element_saying(tree, document_title),
        )


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


def dates_near(
    tree: Element, headline: Element | None, updated: bool = False
) -> Iterator[Candidate]:
    """Dates printed near the headline: `<time>` and date texts nearest first (at equal
    distance the element before the headline), refused when in a menu, sidebar or
    related box, beside another article's headline, or inside a sentence. An element
    marked as the modification time ("updated", "modified") is the update time: taken
    with `updated`, refused otherwise."""
    if headline is None:
        return
    order = elements(tree)
    try:
        anchor = order.index(headline)
    except ValueError:
        return
    start = max(0, anchor - NEAR)
    window = order[start : anchor + NEAR + 1]
    for index in sorted(range(len(window)), key=lambda i: abs(start + i - anchor)):
        element = window[index]
        if element.tag != "time" and not DATE_HINT.search(" ".join(_own_texts(element))):
            continue
        source = "generic:time" if element.get("datetime") else "generic:text"
        seen = element.get("datetime") or text_of(element)[:DATE_LINE_CHARS]
        modified = _modified_words(f"{class_words(element)} {element.get('itemprop') or ''}")
        if modified != updated:
            if modified:
                yield Candidate(source, seen, None, "a modification time (updated_at)")
            continue
        if _elsewhere(element, dated=True):
            yield Candidate(source, seen, None, "in a menu, sidebar, list or link")
        elif _beside_a_headline(element, headline):
            yield Candidate(source, seen, None, "beside another article's headline link")
        else:
            yield checked(source, seen, _element_date(element), "no date of a date line")


def _beside_a_headline(element: Element, headline: Element) -> bool:
    """Is the date a teaser's: in or next to a link with a headline's length of text, in
    a small item (a list entry, a box) that does not hold the article's headline?"""
    scopes = [element]
    parent = element.getparent()
    small = parent is not None and len(text_of(parent)) <= TEASER_CHARS
    if small and not any(node is headline for node in parent.iter()):
        scopes.append(parent)
    return any(
        len(text_of(anchor)) >= TEASER_LINK_CHARS for scope in scopes for anchor in scope.iter("a")
    )


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


def author_blocks(named: list[tuple[Element, str]]) -> Iterator[tuple[Candidate, Byline | None]]:
    """Author blocks (class or id "author", "byline", "tac-gia") with their bylines;
    refused in menus and sidebars, or when they name no one."""
    for element, words in named:
        if not _author_words(words):
            continue
        seen = text_of(element)[:80]
        if _elsewhere(element):
            yield Candidate("generic:author-block", seen, None, "in a menu, sidebar or list"), None
            continue
        byline = block_byline(element)
        value = (byline.author or byline.source) if byline else None
        yield checked("generic:author-block", seen, value, "names no one"), byline


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
