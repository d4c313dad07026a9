"""Provincial Party newspapers: JSON-LD `NewsArticle` and OpenGraph over a CMS layout.

Dates come from the JSON-LD `datePublished`/`dateModified` first (machine-written, with
an offset), then from the visible time line, which these papers print in several forms
("Cập nhật lúc18:28, Thứ Ba, 26/11/2019 (GMT+7)", "26/04/2019 - 07:37"). Bylines are
the body's last line (names, initials, upper case) or an author element.
"""

from __future__ import annotations

from dataclasses import replace

from parsers.htmltext import Element, parse_tree
from parsers.metadata import json_ld_article
from parsers.pagedates import iso_timestamp
from parsers.profile import ParserProfile
from parsers.record import Article
from parsers.sites import engine

FAMILY = "newspaper"
PARSER = "newspaper@1"

SELECTORS: dict[str, tuple[str, ...]] = {
    "title": ("h1.article__title", "h1.cms-title", "h1.detail-title", "h1.title-detail"),
    "sapo": ("div.article__sapo", "h2.cms-desc", "div.detail-sapo", "h2.sapo"),
    "time": ("div.article__meta time", "span.cms-date", "div.detail-time", "span.date"),
    "updated": (),
    "body": ("div.article__body", "div.cms-body", "div#content_detail", "div.detail-content"),
    "drop": (
        "div.related-news",
        "div.box-related",
        "div.article__share",
        "div.font-size",
        "div.social",
        "div.tin-lien-quan",
        "table.related",
    ),
    "figure": ("figure", "table.image", "table.picture"),
    "caption": ("figcaption", "td.caption", "td.image_desc", "p.caption"),
    "byline": ("div.article__author", "p.author", "div.detail-author"),
    "author": ("span.name", "strong"),
    "section": ("div.breadcrumb a", "ul.breadcrumb li a", "nav.breadcrumbs a"),
    "tags": ("div.article__tags a", "div.tags a", "ul.tags li a"),
    "canonical": ('link[rel="canonical"]',),
    "listing_links": (
        "div.box-category article.story h3.story__title a",
        "div.list-news div.item h3 a",
        "ul.list-news li h3 a",
    ),
    "next_page": ("div.pagination a.next", "ul.pagination li.next a", 'link[rel="next"]'),
}
DATE_PATTERNS: tuple[str, ...] = ()
DROP_TEXT = (r"^(?:Chia sẻ bài viết|Chia sẻ|In bài|A\s*A|Xem thêm|Tin liên quan)\s*:?$",)


def parse(html: str, url: str, profile: ParserProfile, tree: Element | None = None) -> Article:
    tree = parse_tree(html) if tree is None else tree
    ld = json_ld_article(tree)
    article = engine.parse_article(html, url, profile, PARSER, tree)
    published = ld.get("datePublished")
    modified = ld.get("dateModified")
    return replace(
        article,
        published_at=(isinstance(published, str) and iso_timestamp(published))
        or article.published_at,
        updated_at=(isinstance(modified, str) and iso_timestamp(modified)) or article.updated_at,
    )
