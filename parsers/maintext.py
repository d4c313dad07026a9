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

from bs4 import Tag

from parsers.htmltext import block_texts, caption_paragraphs, take_images, text_of
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


def furniture_words(element: Tag) -> str:
    if element.attrs is None:
        return ""
    classes = element.get("class") or ()
    return " ".join([*classes, element.get("id") or ""])


def is_furniture(element: Tag) -> bool:
    words = furniture_words(element)
    return bool(words and FURNITURE.search(words))


def main_text(root: Tag, page_url: str) -> tuple[list[str], list[Image]]:
    """The article's paragraphs and photos; `root` is changed (furniture removed)."""
    _drop_page_furniture(root)
    article = root.find("article")
    container = (
        root.select_one('[itemprop="articleBody"]')
        or (_densest(article) if article is not None else None)
        or article
        or _densest(root)
    )
    if container is None:
        return [], []
    caption_paragraphs(container)
    images = take_images(container, page_url, FIGURE_SELECTOR, CAPTION_SELECTOR)
    for heading in container.find_all("h1"):
        heading.decompose()
    return block_texts(container), images


def _drop_page_furniture(root: Tag) -> None:
    for tag in BOILERPLATE_TAGS:
        for element in root.find_all(tag):
            element.decompose()
    # ASP.NET pages wrap the whole page in one <form>: keep what it holds. A wrapper
    # whose class happens to name furniture ("content-with-sidebar") is kept the same way.
    page_chars = len(text_of(root)) or 1
    for element in root.find_all(True):
        if element.decomposed or element.attrs is None:
            continue
        if element.name == "form" or is_furniture(element):
            if len(text_of(element)) > page_chars / 2:
                if element.name == "form":
                    element.unwrap()
            else:
                element.decompose()


def _densest(root: Tag) -> Tag | None:
    """The element whose direct `<p>` children hold the most text."""
    best, best_chars = None, 0
    for element in [root, *root.find_all(True)]:
        chars = sum(len(text_of(p)) for p in element.find_all("p", recursive=False))
        if chars > best_chars:
            best, best_chars = element, chars
    return best if best_chars >= MIN_BODY_CHARS else None
