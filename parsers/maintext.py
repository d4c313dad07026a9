"""The main text of a page without a site profile: which element holds the article, and
which of its parts are page furniture.

The article's element is `[itemprop=articleBody]`, else the element whose own `<p>`
children hold the most text (inside `<article>` when the page has one). Inside it,
elements whose class or id names furniture (share bars, related boxes, author and meta
lines, tags, tools) are dropped; class names are split at `-` and `_`, so
`article__share` and `tin-lien-quan` count.
"""

from __future__ import annotations

import re
from functools import lru_cache

from parsers.htmltext import (
    Element,
    attached,
    block_texts,
    caption_paragraphs,
    char_count,
    drop,
    drop_matching,
    elements,
    named_elements,
    take_images,
    unwrap,
)
from parsers.record import Image

BOILERPLATE_TAGS = ("script", "style", "noscript", "iframe", "nav", "aside", "footer", "button")
FURNITURE = re.compile(
    r"(?<![a-z0-9])(share|sharing|sharedaddy|addtoany|social|related|relatedposts|comments?|"
    r"sidebar|menu|breadcrumbs?|tags?|footer|header|banner|advert|ads|pagination|paging|"
    r"pager|widget|author|byline|tools?|print|ratings?|counter|meta|feedback|"
    r"lien-quan|tin-khac|other-news|most-view|ticker|top-bar|topbar)(?![a-z0-9])",
    re.I,
)
FIGURE_SELECTOR = "figure, table.picture, table.image"
CAPTION_SELECTOR = "figcaption, td.caption, td.image_desc, .caption"
# Below this much paragraph text a density winner is navigation, not an article.
MIN_BODY_CHARS = 80


@lru_cache(maxsize=4096)
def _furniture_words(words: str) -> bool:
    """Pages repeat the same few class strings; each is searched once."""
    return bool(words and FURNITURE.search(words))


def main_text(
    root: Element,
    page_url: str,
    named: list[tuple[Element, str]] | None = None,
    headline: Element | None = None,
) -> tuple[list[str], list[Image], Element | None]:
    """The article's paragraphs, photos and element; `root` is changed (furniture removed).

    `named` is `named_elements(root)` when the caller has it already (read before
    anything was removed from `root`), to spare a walk of the page; `headline` is the
    headline's element when known (the `<article>` holding it is the article's)."""
    drop_page_furniture(root, named_elements(root) if named is None else named)
    article = _article_element(root, headline)
    candidates = (
        lambda: next((e for e in elements(root) if e.get("itemprop") == "articleBody"), None),
        lambda: _densest(article) if article is not None else None,
        lambda: article,
        lambda: _densest(root),
    )
    container = next((c for find in candidates if (c := find()) is not None), None)
    if container is None:
        return [], [], None
    caption_paragraphs(container)
    _mark_photo_tables(container)
    images = take_images(container, page_url, FIGURE_SELECTOR, CAPTION_SELECTOR)
    for heading in list(container.iter("h1")):
        drop(heading)
    return block_texts(container), images, container


PHOTO_TABLE_CHARS = 300  # a table with a photo and this little text is the photo's frame


def _mark_photo_tables(container: Element) -> None:
    """Tables that frame a photo and its caption, whatever their class: marked as
    `table.image` so that their text is taken as the caption, not left in the body."""
    for table in container.iter("table"):
        if next(table.iter("img"), None) is not None and char_count(table) <= PHOTO_TABLE_CHARS:
            table.set("class", f"{table.get('class') or ''} image".strip())


def _article_element(root: Element, headline: Element | None) -> Element | None:
    """The page's `<article>` that is the article: the one holding the headline, else the
    one with the most paragraph text. Teasers of other articles are `<article>`s too: one
    whose paragraphs hold less than half the page's densest block is not the article."""
    articles = list(root.iter("article"))
    if not articles:
        return None
    if headline is not None:
        for article in articles:
            if any(parent is article for parent in headline.iterancestors()):
                return article
    best = max(articles, key=_paragraph_chars)
    page_best = _densest(root)
    if page_best is not None and _paragraph_chars(best) * 2 < _own_paragraph_chars(page_best):
        return None
    return best


def _paragraph_chars(element: Element) -> int:
    return sum(char_count(p) for p in element.iter("p"))


def _own_paragraph_chars(element: Element) -> int:
    return sum(char_count(p) for p in element if p.tag == "p")


def drop_page_furniture(root: Element, named: list[tuple[Element, str]]) -> None:
    drop_matching(root, BOILERPLATE_TAGS)
    # ASP.NET pages wrap the whole page in one <form>: keep what it holds. A wrapper
    # whose class happens to name furniture ("content-with-sidebar") is kept the same way.
    page_chars = char_count(root) or 1
    # `named` may hold elements removed with the boilerplate: `attached` skips them.
    forms = [(form, "") for form in root.iter("form")]
    for element, words in [*forms, *named]:
        if not (element.tag == "form" or _furniture_words(words)) or not attached(element, root):
            continue
        if char_count(element) > page_chars / 2:
            if element.tag == "form":
                unwrap(element)
        else:
            drop(element)


def _densest(root: Element) -> Element | None:
    """The element whose direct `<p>` children hold the most text (the first in page
    order on a tie). Only the `<p>` elements are visited, each adding to its parent."""
    chars: dict[Element, int] = {}
    for p in root.iter("p"):
        if p is not root:
            parent = p.getparent()
            chars[parent] = chars.get(parent, 0) + char_count(p)
    best_chars = max(chars.values(), default=0)
    if best_chars < MIN_BODY_CHARS:
        return _densest_text(root)
    best = [element for element, n in chars.items() if n == best_chars]
    if len(best) == 1:
        return _with_split_part(best[0], chars, root)
    return _with_split_part(next(e for e in [root, *elements(root)] if e in best), chars, root)


SPLIT_SHARE = 0.3  # a part of the text this large beside the densest block is the article's


def _with_split_part(best: Element, chars: dict[Element, int], root: Element) -> Element:
    """The article's text split over nested blocks (the later paragraphs in a `div` of
    their own, or two sibling `div`s of paragraphs): the parent holding both, when the
    other part has `SPLIT_SHARE` of the densest block's text or more. One level only:
    further up are the page's columns."""
    parent = best.getparent()
    if best is root or parent is None:
        return best
    other = chars.get(parent, 0) + sum(
        chars.get(sibling, 0) for sibling in parent if sibling is not best
    )
    return parent if other >= SPLIT_SHARE * chars[best] else best


MIN_TEXT_BODY_CHARS = 100
INLINE = frozenset({"span", "strong", "b", "em", "i", "u", "font", "br", "sup", "sub", "small"})


def _densest_text(root: Element) -> Element | None:
    """For portal templates without `<p>` (text in `div`s and table cells, lines split by
    `<br>`): the block element holding the most text of its own, the text of its inline
    children included and link text left out (that is navigation)."""
    chars: dict[Element, int] = {}
    pieces: dict[Element, int] = {}
    body = next(root.iter("body"), root)
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in ("a", "script", "style"):
            continue
        texts = [element.text, *(child.tail for child in element)]
        texts = [t for t in texts if t and t.strip()]
        block = element
        while block.tag in INLINE and block.getparent() is not None:
            block = block.getparent()
        if any(p.tag == "a" for p in block.iterancestors()):
            continue
        chars[block] = chars.get(block, 0) + sum(len(t.strip()) for t in texts)
        pieces[block] = pieces.get(block, 0) + len(texts)
    best = max(chars, key=chars.__getitem__, default=None)
    if best is None or chars[best] < MIN_TEXT_BODY_CHARS or pieces[best] < 2:
        return None  # one short line is a caption or a notice, not an article
    return best
