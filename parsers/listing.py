"""Listing pages: the article links and the next page, by the parser of the page's host.

Hosts without a listing parser of their own get every link of the page (the crawler
keeps those that match the site's article URL pattern) and a `rel=next` link.
"""

from __future__ import annotations

from parsers.htmltext import absolute, parse_tree, select, select_one
from parsers.registry import Registry, default_registry


def _all_links(html: str, url: str) -> list[str]:
    links: dict[str, None] = {}
    for anchor in select(parse_tree(html), "a[href]"):
        href = absolute(url, anchor.get("href"))
        if href:
            links.setdefault(href.split("#", 1)[0], None)
    return list(links)


def _rel_next(html: str, url: str) -> str | None:
    link = select_one(parse_tree(html), 'link[rel="next"][href], a[rel="next"][href]')
    return absolute(url, link.get("href")) if link is not None else None


def article_links(html: str, url: str, registry: Registry | None = None) -> list[str]:
    """Absolute URLs of the articles a listing page links to, in page order."""
    finders = (registry or default_registry()).listing_for(url)
    return (finders[0] if finders else _all_links)(html, url)


def next_page(html: str, url: str, registry: Registry | None = None) -> str | None:
    """The listing's next page, if any."""
    finders = (registry or default_registry()).listing_for(url)
    return (finders[1] if finders else _rel_next)(html, url)
