"""The parser for hosts without a site module.

Each field is taken from the first source that has it, in order of reliability
(after trafilatura's `extract_metadata`): JSON-LD `NewsArticle`, then OpenGraph and
`<meta>`, then the page's `<h1>` / `<title>`. The body is the text of the main-content
element: `[itemprop=articleBody]`, else `<article>`, else the element holding the most
paragraph text once navigation, sidebars and share/comment/related boxes are removed.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from bs4 import Tag

from parsers.errors import NotAnArticle
from parsers.htmltext import absolute, block_texts, host_of, soup_of, take_images, text_of
from parsers.record import Article, Byline, Image

PARSER = "generic@1"
ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting"})
BOILERPLATE_TAGS = ("script", "style", "noscript", "iframe", "form", "nav", "aside", "footer")
# Class or id words of page furniture; matched as whole words of the attribute.
BOILERPLATE_WORDS = re.compile(
    r"\b(share|social|related|comment|comments|sidebar|menu|breadcrumbs?|tags?|footer|"
    r"header|banner|advert|ads|pagination|paging|widget|lien-quan|tin-khac|author|byline)\b",
    re.I,
)
BODY_SELECTORS = ('[itemprop="articleBody"]', "article")
FIGURE_SELECTOR = "figure, table.picture, table.image"
CAPTION_SELECTOR = "figcaption, td.caption, .caption"
# Below this much paragraph text a density winner is navigation, not an article.
MIN_BODY_CHARS = 80


def parse(html: str, url: str) -> Article:
    soup = soup_of(html)
    ld = json_ld_article(soup)
    meta = _meta(soup)
    title = (
        _str(ld.get("headline"))
        or meta.get("og:title")
        or text_of(soup.find("h1"))
        or text_of(soup.find("title"))
    )
    if not title:
        raise NotAnArticle("no title (JSON-LD headline, og:title, <h1> or <title>)")
    sapo = _str(ld.get("description")) or (
        meta.get("og:description") if meta.get("og:type") == "article" else ""
    )
    tags = _split_tags(ld.get("keywords")) or [
        _attr_text(m.get("content")) for m in soup.find_all("meta", property="article:tag")
    ]
    paragraphs, images = _body(soup, url)
    if paragraphs and sapo and paragraphs[0] == sapo:
        paragraphs = paragraphs[1:]  # the lead printed again as the body's first line
    if not paragraphs:
        raise NotAnArticle("no body text")
    canonical = absolute(url, _link_canonical(soup)) or ""
    return Article(
        url=url,
        canonical_url=canonical if host_of(canonical) == host_of(url) else url,
        site=host_of(url),
        section=_str(ld.get("articleSection")) or meta.get("article:section") or None,
        title=title,
        sapo=sapo or None,
        body_text="\n".join(paragraphs),
        published_at=_iso(_str(ld.get("datePublished")) or meta.get("article:published_time")),
        updated_at=_iso(_str(ld.get("dateModified")) or meta.get("article:modified_time")),
        byline=_byline(ld, meta),
        images=tuple(images),
        tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
        language=_language(soup, ld),
        parser=PARSER,
    )


def json_ld_article(soup: Tag) -> dict[str, Any]:
    """The first JSON-LD object of an article type, looking inside lists and `@graph`."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
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


def _meta(soup: Tag) -> dict[str, str]:
    """`<meta property|name=… content=…>` values, the first of each key."""
    values: dict[str, str] = {}
    for element in soup.find_all("meta"):
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


def _split_tags(tags: Any) -> list[str]:
    if isinstance(tags, list):
        return [t for t in tags if isinstance(t, str)]
    return str(tags).split(",") if tags else []


def _link_canonical(soup: Tag) -> str | None:
    link = soup.find("link", rel="canonical")
    return link.get("href") if link is not None else None


def _iso(value: str | None) -> str | None:
    """An ISO 8601 timestamp normalised (`Z` → `+00:00`); None if it is not one."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if len(value.strip()) == 10:
        return moment.date().isoformat()
    return moment.isoformat()


def _language(soup: Tag, ld: dict[str, Any]) -> str:
    """The primary language subtag declared by the article or the page; Vietnamese if none."""
    html = soup.find("html")
    declared = _str(ld.get("inLanguage")) or (_attr_text(html.get("lang")) if html else "")
    return declared.split("-")[0].lower() or "vi"


def _byline(ld: dict[str, Any], meta: dict[str, str]) -> Byline | None:
    author = _str(ld.get("author")) or meta.get("author") or meta.get("article:author")
    if not author or author.startswith(("http://", "https://")):
        return None
    return Byline(author=author)


def _body(soup: Tag, url: str) -> tuple[list[str], list[Image]]:
    root = soup.body or soup
    for tag in BOILERPLATE_TAGS:
        for element in root.find_all(tag):
            element.decompose()
    container = next((c for s in BODY_SELECTORS if (c := root.select_one(s))), None)
    if container is not None:
        _drop_furniture(container)
    else:
        _drop_furniture(root)
        container = _densest(root)
    if container is None:
        return [], []
    images = take_images(container, url, FIGURE_SELECTOR, CAPTION_SELECTOR)
    for heading in container.find_all("h1"):
        heading.decompose()
    return block_texts(container), images


def _drop_furniture(root: Tag) -> None:
    for element in root.find_all(True):
        if element.decomposed or element.attrs is None:
            continue
        words = " ".join([*element.get("class", ()), element.get("id") or ""])
        if words and BOILERPLATE_WORDS.search(words):
            element.decompose()


def _densest(root: Tag) -> Tag | None:
    """The element whose direct `<p>` children hold the most text."""
    best, best_chars = None, 0
    for element in root.find_all(True):
        chars = sum(len(text_of(p)) for p in element.find_all("p", recursive=False))
        if chars > best_chars:
            best, best_chars = element, chars
    return best if best_chars >= MIN_BODY_CHARS else None
