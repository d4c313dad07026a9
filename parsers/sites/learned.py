"""Profiles learned from a site's own pages (`tuyengiao sites learn`): the generic reading,
with each field the profile learned read by its selector instead.

A learned profile holds only what was learned with confidence; a field it leaves out, or
whose selector matches nothing on a page (a template changed, a page of another kind),
is the generic parser's reading of that page. So a learned profile can only replace a
generic value by the one its selector gives, and never makes a page unreadable that the
generic parser reads. The readers below are also what the learner scores its candidate
selectors with (`parsers.learn`), so what was measured is what is applied.
"""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace

from parsers import bylines, generic
from parsers.errors import NotAnArticle
from parsers.fields.byline import split_byline
from parsers.htmltext import (
    Element,
    absolute,
    block_texts,
    caption_paragraphs,
    drop,
    drop_matching,
    named_elements,
    parse_tree,
    select,
    take_images,
    text_of,
)
from parsers.maintext import CAPTION_SELECTOR, FIGURE_SELECTOR, drop_page_furniture
from parsers.profile import SELECTOR_FIELDS, ParserProfile
from parsers.record import Article, Image
from parsers.sites import engine

FAMILY = "learned"
PARSER = "learned@1"
# Nothing by default: a learned profile names its own selectors, the rest is generic.
SELECTORS: dict[str, tuple[str, ...]] = {name: () for name in SELECTOR_FIELDS}
DATE_PATTERNS: tuple[str, ...] = ()
DROP_TEXT: tuple[str, ...] = ()


def parse(html: str, url: str, profile: ParserProfile, tree: Element | None = None) -> Article:
    """One page by a learned profile; `tree`, when given, is the page already parsed (it
    is changed: the body's furniture is removed)."""
    tree = parse_tree(html) if tree is None else tree
    try:
        base: Article | None = generic.parse(html, url)
    except NotAnArticle:
        base = None
    title = text_of(engine.pick(tree, profile, "title")) or (base.title if base else "")
    if not title:
        raise NotAnArticle("no article title (learned selector or generic reading)")
    sapo_element = engine.pick(tree, profile, "sapo")
    sapo = text_of(sapo_element) or (base.sapo if base else None) or None
    byline_element = engine.pick(tree, profile, "byline")
    block = None
    if byline_element is not None:  # the generic reader's checked forms ("Theo …", "Nguồn: …",
        # photo credits) first; the engine's reading of the learned author selector else
        block = bylines.block_byline(byline_element) or engine.block_byline(byline_element, profile)
    body_element = engine.pick(tree, profile, "body")
    if body_element is not None:
        for element in (byline_element, sapo_element):
            if element is not None and any(p is body_element for p in element.iterancestors()):
                drop(element)
        paragraphs, images = body_parts(body_element, url, profile)
        while paragraphs and paragraphs[0] in (title, sapo):
            paragraphs = paragraphs[1:]
        paragraphs, tail = split_byline(paragraphs)
        byline = block or (base.byline if base else None) or tail
    elif base is not None:
        paragraphs, images = base.body_text.split("\n"), list(base.images)
        byline = block or base.byline
    else:
        raise NotAnArticle("no article body (learned selector or generic reading)")
    if not paragraphs:
        raise NotAnArticle("empty article body")
    crumbs = section(tree, profile, title)
    found_tags = engine.tags(tree, profile)
    article = Article(
        url=url,
        canonical_url=base.canonical_url if base else engine.canonical(tree, url, profile),
        site=profile.site,
        section=crumbs or (base.section if base else None),
        title=title,
        sapo=sapo,
        body_text="\n".join(paragraphs),
        published_at=engine.page_time(tree, profile, "time")
        or (base.published_at if base else None),
        updated_at=engine.page_time(tree, profile, "updated")
        or (base.updated_at if base else None),
        byline=byline,
        images=tuple(images),
        tags=found_tags or (base.tags if base else ()),
        parser=PARSER,
    )
    return replace(article, language=base.language) if base else article


def article_links(html: str, url: str, profile: ParserProfile) -> list[str]:
    """The learned listing selector's links; without one, every link of the page, as for a
    site without a profile (the crawler keeps those matching the article pattern)."""
    if profile.get("listing_links"):
        return engine.article_links(html, url, profile)
    links = (absolute(url, a.get("href")) for a in select(parse_tree(html), "a[href]"))
    return list(dict.fromkeys(link.split("#", 1)[0] for link in links if link))


def next_page(html: str, url: str, profile: ParserProfile) -> str | None:
    """The learned next-page link; without one, a `rel=next` link."""
    if profile.get("next_page"):
        return engine.next_page(html, url, profile)
    link = select(parse_tree(html), 'link[rel~="next"][href], a[rel~="next"][href]')
    href = absolute(url, link[0].get("href")) if link else None
    return href if href and href != url else None


def body_parts(body: Element, url: str, profile: ParserProfile) -> tuple[list[str], list[Image]]:
    """The body element's paragraphs and photos: the profile's furniture and the generic
    reading's (share bars, related boxes, meta lines by class name) removed."""
    drop_matching(body, (*engine.ALWAYS_DROP, *profile.get("drop")))
    drop_page_furniture(body, named_elements(body))
    caption_paragraphs(body)
    images = take_images(  # the learned containers and captions, then the usual ones
        body,
        url,
        ", ".join((*profile.get("figure"), FIGURE_SELECTOR)),
        ", ".join((*profile.get("caption"), CAPTION_SELECTOR)),
    )
    for heading in list(body.iter("h1")):
        drop(heading)
    lines = block_texts(body)
    return [line for line in lines if not any(rx.search(line) for rx in profile.drop_text)], images


def body_lines(element: Element, url: str, profile: ParserProfile) -> list[str]:
    """What `body_parts` makes of a copy of `element` (the page is left as it is)."""
    return body_parts(deepcopy(element), url, profile)[0]


def section(tree: Element, profile: ParserProfile, title: str) -> str | None:
    """The last breadcrumb that is neither the home page nor the headline itself."""
    crumbs = [text_of(a) for a in engine.pick_all(tree, profile, "section")]
    crumbs = [c for c in crumbs if c and c.lower() not in profile.not_section and c != title]
    return crumbs[-1] if crumbs else None
