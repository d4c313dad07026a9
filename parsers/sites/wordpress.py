"""WordPress sites of provincial propaganda departments and district portals.

Core theme markup: `article.post` with `h1.entry-title`, `time.entry-date` whose
`datetime` attribute is ISO 8601, `div.entry-content`, `span.cat-links` and
`span.tags-links`; the comment form, "Bài viết mới" / "Chuyên mục" / "Lưu trữ" widgets
and post navigation sit outside the content. Yoast's JSON-LD and `article:published_time`
carry UTC times; the visible `datetime` is read instead (both give the same instant,
written at +07:00 in the record).
"""

from __future__ import annotations

FAMILY = "wordpress"
PARSER = "wordpress@1"

SELECTORS: dict[str, tuple[str, ...]] = {
    "title": ("article.post h1.entry-title", "article h1.entry-title", "h1.entry-title"),
    "sapo": ("article.post div.entry-summary", "article.post div.sapo"),
    "time": ("article.post time.entry-date", "article time.published", "span.posted-on time"),
    "updated": ("article.post time.updated",),
    "body": ("article.post div.entry-content", "div.entry-content"),
    "drop": (
        "div.sharedaddy",
        "div.jp-relatedposts",
        "div.addtoany_share_save_container",
        "div.wp-block-buttons",
        "nav.post-navigation",
        "div.yarpp-related",
    ),
    "figure": ("figure", "div.wp-caption"),
    "caption": ("figcaption", "p.wp-caption-text"),
    "byline": (),
    "author": (),
    "section": ("article.post span.cat-links a", "div.breadcrumbs a"),
    "tags": ("article.post span.tags-links a", "footer.entry-footer .tags-links a"),
    "canonical": ('link[rel="canonical"]',),
    "listing_links": ("main article h2.entry-title a", "article h2.entry-title a"),
    "next_page": ("nav.pagination a.next", "a.next.page-numbers", 'link[rel="next"]'),
}
DATE_PATTERNS: tuple[str, ...] = ()
DROP_TEXT = (r"^(?:Chia sẻ|Share this|Thích điều này|Like this)\s*:?$",)
