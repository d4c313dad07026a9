"""The page's metadata: JSON-LD, `<meta>` tags, the canonical link, the language.

Values are read as text with their whitespace collapsed and the HTML entities that
metadata sometimes still holds decoded.
"""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

from parsers.htmltext import Element
from parsers.record import Byline
from parsers.sections import ld_blocks

ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting"})
# A login name ("admin", "btv_01") is not an author.
USERNAME = re.compile(r"^[a-z0-9_.]+$")


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


def meta_values(tree: Element) -> dict[str, str]:
    """`<meta property|name|itemprop=… content=…>` values, the first of each key."""
    values: dict[str, str] = {}
    for element in tree.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop") or ""
        content = attr_text(element.get("content"))
        if key.strip() and content:
            values.setdefault(key.strip().lower(), content)
    return values


def attr_text(value: Any) -> str:
    """An attribute or JSON string with its whitespace collapsed and the HTML entities
    that metadata sometimes still holds (`&#237;`, `&amp;quot;`) decoded."""
    if not value:
        return ""
    text = str(value)
    if "&" in text:
        text = html_lib.unescape(html_lib.unescape(text))
    return " ".join(text.split())


def ld_text(value: Any) -> str:
    """A JSON-LD value as text: strings as they are, {"name": …} objects by name."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return attr_text(value) if isinstance(value, str) else ""


def meta_byline(ld: dict[str, Any], meta: dict[str, str]) -> Byline | None:
    """A person named as the author by JSON-LD or `<meta name=author>` (not an organisation)."""
    ld_author = ld.get("author")
    if isinstance(ld_author, list):
        ld_author = ld_author[0] if ld_author else None
    if isinstance(ld_author, dict) and ld_author.get("@type") not in (None, "Person"):
        ld_author = None
    author = ld_text(ld_author) or meta.get("author") or meta.get("article:author")
    if not author or author.startswith(("http://", "https://")) or USERNAME.match(author):
        return None
    return Byline(author=author)


def split_tags(tags: Any) -> list[str]:
    if isinstance(tags, list):
        return [t for t in tags if isinstance(t, str)]
    return str(tags).split(",") if tags else []


def link_canonical(tree: Element) -> str | None:
    link = next((e for e in tree.iter("link") if e.get("rel") == "canonical"), None)
    return link.get("href") if link is not None else None


def language_of(tree: Element, ld: dict[str, Any]) -> str:
    """The primary language subtag declared by the article or the page; Vietnamese if none."""
    declared = ld_text(ld.get("inLanguage")) or attr_text(tree.get("lang"))
    return declared.split("-")[0].lower() or "vi"
