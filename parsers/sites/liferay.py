"""Liferay portals of provincial agencies (the Đồng Tháp platform, Đắk Nông's portal).

Article pages are an Asset Publisher portlet in full-content view: Liferay's own
`div.asset-full-content` / `div.journal-content-article`, or the Vietnamese 6.1
customisation `div.asset_publisher_view_full_content` with `div.asset_title`,
`div.asset-publish-date` and the bold summary `span.assetdesc-text`. The portlet header
prints "null <title>" (a missing value) before the real title, so the header is never the
title. The customisation formats the time as `dd/MM/yyyy HH:ss` — seconds where the
minutes belong — so from that line only the date is read.
"""

from __future__ import annotations

FAMILY = "liferay"
PARSER = "liferay@1"

SELECTORS: dict[str, tuple[str, ...]] = {
    "title": (
        "div.asset_publisher_view_full_content div.asset_title",
        "div.asset-full-content h3.asset-title",
        "div.journal-content-article h1",
        "div.view_content h1.title",
    ),
    "sapo": ("span.assetdesc-text", "div.asset-abstract", "div.view_content div.summary"),
    "time": ("div.asset-publish-date", "div.view_content span.publish-date"),
    "updated": (),
    "body": (
        "div.asset_publisher_view_full_content div.journal-content-article",
        "div.asset-full-content div.asset-content",
        "div.journal-content-article",
        "div.view_content div.content",
    ),
    "drop": (
        "div.social-panel",
        "div.asset-links",
        "div.asset-metadata",
        "div.asset-ratings",
        "div.taglib-social-bookmarks",
        "div.print-action",
    ),
    "figure": ("table.image", "figure", "div.image-wrapper"),
    "caption": ("td.caption", "figcaption", "p.caption", "em"),
    "byline": ("div.asset-author", "p.author", "div.view_content div.author"),
    "author": (),
    "section": ("ul.breadcrumbs li a", "nav#breadcrumbs a"),
    "tags": ("div.asset-tags a.tag", "div.taglib-asset-tags-summary a"),
    "canonical": ('link[rel="canonical"]',),
    "listing_links": (
        "div.asset-publisher div.asset-abstract h3.asset-title a",
        "div.asset-publisher ul.news-list li a.title",
        "div.list-news div.news-item h3 a",
    ),
    "next_page": ("div.taglib-page-iterator li.next a", "ul.pager li.next a"),
}
# "Thứ Bẩy, ngày 12/05/2023 14:27": the date is right, the "minutes" are seconds.
DATE_PATTERNS = (
    r"ngày\s+(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\s+\d{1,2}:\d{2}(?!:)",
)
DROP_TEXT = (r"^(?:Xem thêm|Bản in|Gửi email|Quay lại)$", r"^\./\.$")
