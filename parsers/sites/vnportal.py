"""VNPT vnPortal (ASP.NET) portals of provincial people's committees and departments.

Article pages (`Default.aspx?sname=…&sid=…&pageid=…`) hold a `div.ArticleDetailControl`
with `div.ArticleHeader` (title), `div.PostDate`, `div.ArticleSummary` and
`div.ArticleContent`. Photos are paragraphs with an `alt="anh tin bai"` image, their
caption the italic paragraph after them. `div.tool`, `div.UISocialShare` and
`div.author` are furniture or the byline. Lists are `ul.ArticleList li` with
`h2.Title a` and `div.Ngaydang`. Table after the selectors of a public multi-site scraper
of these portals.
"""

from __future__ import annotations

FAMILY = "vnportal"
PARSER = "vnportal@1"

SELECTORS: dict[str, tuple[str, ...]] = {
    "title": ("div.ArticleDetailControl div.ArticleHeader", "h1.title-detail"),
    "sapo": ("div.ArticleDetailControl div.ArticleSummary", "div.brief"),
    "time": ("div.ArticleDetailControl div.PostDate", "span.post-date"),
    "updated": (),
    "body": ("div.ArticleDetailControl div.ArticleContent", "div.content-detail"),
    "drop": ("div.tool", "div.UISocialShare", "div.RelatedArticle", "div.ArticleOther"),
    "figure": ("table.image", "figure"),
    "caption": ("td.caption", "figcaption"),
    "byline": ("div.ArticleDetailControl div.author",),
    "author": (),
    "section": ("div.BreadcrumbControl a", "ul.breadcrumb a"),
    "tags": ("div.ArticleTags a", "div.tags a"),
    "canonical": ('link[rel="canonical"]',),
    # The main column's list; the right column repeats the class for its own headlines.
    "listing_links": (
        "div.ContentPane ul.ArticleList li h2.Title a",
        "div.UIArticleInMenu_Default ul.ArticleList li h2.Title a",
    ),
    "next_page": ("div.PagingControl a.next", "div.paging a.next"),
}
DATE_PATTERNS: tuple[str, ...] = ()
DROP_TEXT = (r"^(?:Tin liên quan|Các tin khác|In bài viết|Gửi bài viết)$",)
