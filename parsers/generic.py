"""The parser for hosts without a site profile, and the generic reading behind profiles.

Every field is read from ranked evidence, each candidate checked before it is taken
(`Page.*_candidates`, shown by `sites check`): the visible headline that agrees with the
metadata's, then the metadata's; dates from JSON-LD, the `<meta>` conventions, then the
`<time>` or date line nearest the headline outside headers, menus, sidebars and other
articles' teasers, then the address (a date after the fetch is refused; a modification
time is `updated_at`); the section from breadcrumbs in any markup, `articleSection`, a
category link or the active menu item (`parsers.sections`); the byline from an author
block (`parsers.bylines`), else the body's last lines, else the metadata; the body is
`parsers.maintext.main_text`. The record's `field_sources` say where each came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import astuple
from datetime import datetime
from functools import cached_property
from typing import Any

from lxml import etree

from parsers.errors import NotAnArticle
from parsers.evidence import Candidate, checked, take
from parsers.fields.byline import split_byline, trim_furniture
from parsers.htmltext import (
    Element,
    absolute,
    clean,
    host_of,
    named_elements,
    parse_tree,
)
from parsers.locate import (
    TEASER_LINK_CHARS,
    agrees,
    author_beside_date,
    author_blocks,
    byline_after,
    dates_near_with_elements,
    elsewhere,
    kicker,
    lead_between,
    modification_time,
    sapo_block,
    title_candidates,
)
from parsers.maintext import main_text
from parsers.metadata import (
    article_in,
    attr_text,
    language_of,
    ld_text,
    link_canonical,
    meta_byline,
    meta_values,
    split_tags,
)
from parsers.pagedates import date_in_url, iso_timestamp, later_than
from parsers.record import Article, Byline, Image
from parsers.sections import ld_blocks, section_candidates

PARSER = "generic@1"
# Links with a headline's length of text, whitespace included (`text_of` then decides):
# one XPath instead of the text of every link of the page.
_LONG_LINKS = etree.XPath(f".//a[string-length(string(.)) >= {TEASER_LINK_CHARS}]")
_STRING = etree.XPath("string()")
_WORDS = re.compile(r"\w+")
MIN_BODY_WORDS = 1  # a body of an ellipsis or punctuation is no body
LISTING_LINKS = 3  # a body with this many headline links, a third of it, is a listing


def parse(html: str, url: str, not_after: datetime | None = None) -> Article:
    """The page read the generic way; a date later than `not_after` (the fetch) is refused."""
    page = Page(parse_tree(html), url, not_after)
    title, _ = page.title()
    if not title:
        raise NotAnArticle("no title (JSON-LD headline, og:title, <h1> or <title>)")
    sources: dict[str, str] = {"title": page.title()[1]}
    byline, byline_source = page.block_byline()
    published, published_source = page.published()
    updated, updated_source = page.updated()
    section, section_source = page.section()
    page.before_body()
    paragraphs, images = page.body()  # it removes the page's furniture
    if _is_listing(paragraphs, page.headline_links()):
        raise NotAnArticle("a list of other articles' headlines, not an article")
    sapo, sapo_source = page.sapo()
    while paragraphs and paragraphs[0] in (sapo, title):
        paragraphs = paragraphs[1:]  # the lead or the headline printed again
    # Share bars and a "Tin liên quan" box in the body's later half are not the article.
    paragraphs = paragraphs[: trim_furniture(paragraphs, len(paragraphs) // 2)]
    paragraphs, tail_byline = split_byline(paragraphs)
    if sum(len(_WORDS.findall(p)) for p in paragraphs) < MIN_BODY_WORDS:
        raise NotAnArticle("no body text")
    sources["body_text"] = "generic:text"
    if sapo and (_is_excerpt(sapo, paragraphs[0]) or sapo in paragraphs):
        sapo = ""  # a description cut from the body's start (WordPress) is not a lead
    if byline is None and tail_byline is not None:
        byline, byline_source = tail_byline, "generic:text"
    if byline is None:
        byline, byline_source = page.late_byline()
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
        self.container: Element | None = None  # the body's element, once `body()` ran
        self._near_seen: list[tuple[Element, Candidate]] = []

    @cached_property
    def blocks(self) -> list[Any]:
        return ld_blocks(self.tree)

    @cached_property
    def ld(self) -> dict[str, Any]:
        return article_in(self.blocks)

    @cached_property
    def meta(self) -> dict[str, str]:
        return meta_values(self.tree)

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
        ld_value = ld_text(self.ld.get("datePublished"))
        if ld_value:
            yield self._date("generic:json-ld", ld_value, iso_timestamp(ld_value))
        for key in PUBLISHED_META:
            if value := self.meta.get(key):
                yield self._date("generic:meta", f"{key}={value}", iso_timestamp(value))
        for _element, candidate in self._near_dates():
            refused = candidate.refused
            yield candidate if refused else self._date(*astuple(candidate)[:3])
        if value := date_in_url(self.url):
            yield self._date("url", self.url, value)

    def published(self) -> tuple[str | None, str]:
        return take(self.published_candidates())

    def updated_candidates(self) -> Iterator[Candidate]:
        ld_value = ld_text(self.ld.get("dateModified"))
        if ld_value:
            yield self._date("generic:json-ld", ld_value, iso_timestamp(ld_value))
        for key in MODIFIED_META:
            if value := self.meta.get(key):
                yield self._date("generic:meta", f"{key}={value}", iso_timestamp(value))
        for element in self.tree.iter("time"):
            if modification_time(element) and (value := element.get("datetime")):
                if elsewhere(element, dated=True):
                    yield Candidate("generic:time", value, None, "in a menu, sidebar or list")
                else:
                    yield self._date("generic:time", value, iso_timestamp(value))

    def updated(self) -> tuple[str | None, str]:
        return take(self.updated_candidates())

    def section_candidates(self) -> Iterator[Candidate]:
        declared = None
        if value := ld_text(self.ld.get("articleSection")):
            declared = ("generic:json-ld", value)
        elif value := self.meta.get("article:section") or self.meta.get("articlesection"):
            declared = ("generic:meta", value)
        label = kicker(self.heading[2])
        found = section_candidates(
            self.tree, self.named, self.blocks, declared, self.heading[0], elsewhere, label
        )
        for source, value, seen in found:
            yield checked(source, seen, value, "only the home page or the headline")

    def section(self) -> tuple[str | None, str]:
        return take(self.section_candidates())

    @cached_property
    def class_lead(self) -> str:
        """The lead block named by its class ("sapo", "summary"); read before `body()`."""
        return sapo_block(self.named)

    @cached_property
    def date_line_author(self) -> str | None:
        """An author on the date line near the headline; read before `body()`."""
        return author_beside_date(self._near_dates())

    @cached_property
    def _near_reader(self) -> Iterator[tuple[Element, Candidate]]:
        return dates_near_with_elements(self.tree, self.heading[2])

    def _near_dates(self) -> Iterator[tuple[Element, Candidate]]:
        """The dates near the headline with their elements, each checked once however
        many readers (the date, the author on the date line) go through them."""
        yield from self._near_seen
        for pair in self._near_reader:
            self._near_seen.append(pair)
            yield pair

    def before_body(self) -> None:
        """Read what needs the page as it was, before `body()` removes its furniture."""
        _ = self.class_lead, self.date_line_author

    def sapo(self) -> tuple[str, str]:
        """The lead: the one shown on the page when it agrees with the metadata's
        description (which sites often shorten), else the description, else the shown
        one; shown is a block named as the lead, else the block between the headline and
        the body (once `body()` ran)."""
        shown = self.class_lead or lead_between(self.heading[2], self.container)
        described, source = ld_text(self.ld.get("description")), "generic:json-ld"
        if not described and self.meta.get("og:type") == "article":
            described, source = self.meta.get("og:description", ""), "generic:meta"
        if shown and (not described or described in shown or agrees(shown, described)):
            return shown, "generic:text"
        return (described, source) if described else ("", "")

    def late_byline(self) -> tuple[Byline | None, str]:
        """The byline when no author block and no body's last lines name anyone: a block
        right after the body, the date line, then the metadata."""
        if byline := byline_after(self.container):
            return byline, "generic:text"
        if self.date_line_author:
            return Byline(author=self.date_line_author), "generic:text"
        return self.meta_byline()

    def block_byline(self) -> tuple[Byline | None, str]:
        for candidate, byline in author_blocks(self.named):
            if candidate.value:
                return byline, candidate.source
        return None, ""

    def meta_byline(self) -> tuple[Byline | None, str]:
        byline = meta_byline(self.ld, self.meta)
        return byline, "generic:meta" if byline else ""

    def headline_links(self) -> set[str]:
        """The texts of the body's links that are as long as a headline (after `body()`;
        a listing's teasers are what its body holds)."""
        if self.container is None:
            return set()
        texts = (clean(_STRING(a)) for a in _LONG_LINKS(self.container))
        return {t for t in texts if len(t) >= TEASER_LINK_CHARS}

    def body(self) -> tuple[list[str], list[Image]]:
        paragraphs, images, self.container = main_text(
            self.tree, self.url, self.named, self.heading[2]
        )
        return paragraphs, images

    def tags(self) -> tuple[str, ...]:
        tags = split_tags(self.ld.get("keywords")) or [
            attr_text(m.get("content"))
            for m in self.tree.iter("meta")
            if m.get("property") == "article:tag"
        ]
        return tuple(dict.fromkeys(t.strip() for t in tags if t.strip()))

    def canonical(self) -> str:
        canonical = absolute(self.url, link_canonical(self.tree)) or ""
        return canonical if host_of(canonical) == host_of(self.url) else self.url

    def language(self) -> str:
        return language_of(self.tree, self.ld)


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
