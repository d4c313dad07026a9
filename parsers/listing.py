"""Listing pages: the article links and the next page, by the parser of the page's host.

Hosts without a listing parser of their own get every link of the page (the crawler
keeps those that match the site's article URL pattern) and a `rel=next` link.
"""

from __future__ import annotations

from collections.abc import Callable

from parsers.htmltext import absolute, host_of, soup_of
from parsers.sites import tuyengiao_vn

LinkFinder = Callable[[str, str], list[str]]
NextFinder = Callable[[str, str], str | None]

LISTINGS: dict[str, tuple[LinkFinder, NextFinder]] = {
    "tuyengiao.vn": (tuyengiao_vn.article_links, tuyengiao_vn.next_page),
}


def _all_links(html: str, url: str) -> list[str]:
    links: dict[str, None] = {}
    for anchor in soup_of(html).find_all("a", href=True):
        href = absolute(url, anchor["href"])
        if href:
            links.setdefault(href.split("#", 1)[0], None)
    return list(links)


def _rel_next(html: str, url: str) -> str | None:
    link = soup_of(html).select_one('link[rel="next"][href], a[rel="next"][href]')
    return absolute(url, link["href"]) if link else None


def article_links(html: str, url: str) -> list[str]:
    """Absolute URLs of the articles a listing page links to, in page order."""
    finder = LISTINGS.get(host_of(url), (_all_links, _rel_next))[0]
    return finder(html, url)


def next_page(html: str, url: str) -> str | None:
    """The listing's next page, if any."""
    finder = LISTINGS.get(host_of(url), (_all_links, _rel_next))[1]
    return finder(html, url)
