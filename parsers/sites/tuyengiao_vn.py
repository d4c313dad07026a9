"""tuyengiao.vn, article pages of the 2019–2024 layout and of the current one.

The page shows several dates: the header's current date (the day the page was served),
the article's own time line above the title, and the dates of sidebar headlines. Only the
time line inside the article's date block is `published_at`.

Selectors are data (`SELECTORS`, overridable by the site profile); the functions below
only apply them. Class names of the 2019–2024 layout follow a public clone of the page
template (`news-detail__*`, `detail-blog-content`, `news__author`); those of the current
layout a public mock-up of the redesign (`article__title`, `article__meta` with the author
in `span.name` and `time.time`, `article__sapo`, `article__body`). The placement of the
breadcrumb and of the organisation line in the author block is assumed (see
tests/fixtures/tuyengiao.vn/README.md).
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from parsers.errors import NotAnArticle
from parsers.fields.byline import split_byline
from parsers.htmltext import (
    Element,
    absolute,
    block_texts,
    drop,
    drop_matching,
    first,
    host_of,
    parse_tree,
    select,
    take_images,
    text_of,
)
from parsers.profile import ParserProfile
from parsers.record import Article, Byline

SITE = "tuyengiao.vn"
FAMILY = "tuyengiao.vn"
PARSER = "tuyengiao.vn@1"

SELECTORS: dict[str, tuple[str, ...]] = {
    "title": ("h2.news-detail__title", "h1.news-detail__title", "div.article__title"),
    "sapo": ("h2.news-detail__section-title", "div.news-detail__sapo", "div.article__sapo"),
    # Not the top bar's `time.time`: that is the day the page was served.
    "time": ("div.news-detail__date div.news-detail__text", "div.article__meta time.time"),
    "section": ("div.news-detail__breadcrumb a", "ul.breadcrumb li a"),
    "body": ("div.detail-blog-content", "div.article__body"),
    # Inside the body: everything that is not the article's text.
    "body_furniture": (
        "script",
        "style",
        "noscript",
        "iframe",
        "form",
        "div.box-related",
        "div.news-related",
        "div.share",
        "div.article__share",
    ),
    "figure": ("table.picture", "table.image", "figure"),
    "caption": ("td.caption", "td.image_desc", "figcaption", "p.caption"),
    "author_block": ("div.news__author", "div.article__meta"),
    "author_name": ("p.author__name", "span.name"),
    "author_line": ("p",),
    "tags": ("div.news__tag a", "div.news__tag div.news__tag-btn", "div.article__tags a"),
    "canonical": ('link[rel="canonical"]',),
    # Listing pages.
    "main_column": ("div.category__left", "div.news-list"),
    "outside_main": ("header", "footer", "nav", "div.category__right", "div.news-detail__right"),
    "rel_next": ('link[rel~="next"]', 'a[rel~="next"]'),
    "pagination": ("ul.pagination", "div.pagination", "div.paging"),
}
DATE_PATTERNS: tuple[str, ...] = ()
DROP_TEXT: tuple[str, ...] = ()
DEFAULT = ParserProfile(site=SITE, family=FAMILY, hosts=frozenset({SITE}), selectors=SELECTORS)

# Texts a page shows instead of an article.
NOT_FOUND_MARKERS = ("Không tìm thấy trang", "Trang bạn tìm không tồn tại")
HOME_CRUMB = "trang chủ"
SOURCE_PREFIX = re.compile(r"^\s*Nguồn\s*:\s*", re.I)
COMPILED_NOTE = re.compile(r"\s*\(\s*tổng\s+hợp\s*\)\s*", re.I)

# `Thứ Sáu, 12/6/2020 20:45'(GMT+7)`: weekday, d/m/yyyy, H:MM, apostrophe, zone.
_TIME_LINE = re.compile(
    r"""^(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật)\s*,\s*)?
        (?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\s+
        (?P<hour>\d{1,2}):(?P<minute>\d{2})\s*['’′]?\s*\(\s*GMT\s*\+\s*7\s*\)$""",
    re.I | re.X,
)
# The current layout: `01/04/2022 - 15:28 GMT+7`.
_META_TIME = re.compile(
    r"^(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\s*-\s*"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*(?:\(?\s*GMT\s*\+\s*7\s*\)?)?$",
    re.I,
)


def parse_time_line(text: str) -> str | None:
    """The article time line as ISO 8601 at +07:00, or None if it is not exactly that form.

    Strict on purpose: an impossible date (31/2, 25:00) or any other shape gives None
    rather than a guess.
    """
    match = _TIME_LINE.match(text.strip()) or _META_TIME.match(text.strip())
    if not match:
        return None
    parts = {key: int(value) for key, value in match.groupdict().items()}
    try:
        moment = datetime(
            parts["year"], parts["month"], parts["day"], parts["hour"], parts["minute"]
        )
    except ValueError:
        return None
    return moment.strftime("%Y-%m-%dT%H:%M:00+07:00")


def parse(
    html: str, url: str, profile: ParserProfile = DEFAULT, tree: Element | None = None
) -> Article:
    """One tuyengiao.vn article page → Article; `NotAnArticle` for anything else.

    `tree` is the page already parsed, when the caller has it; it is changed (the body's
    furniture is removed)."""
    tree = parse_tree(html) if tree is None else tree
    title = text_of(_select(tree, profile, "title"))
    if not title or any(m.lower() in title.lower() for m in NOT_FOUND_MARKERS):
        page_text = text_of(tree).lower()
        for marker in NOT_FOUND_MARKERS:
            if marker.lower() in page_text:
                raise NotAnArticle(f"soft 404: the page says {marker!r}")
        raise NotAnArticle("no article title (h2.news-detail__title): a listing or other page")
    body = _select(tree, profile, "body")
    if body is None:
        raise NotAnArticle("no article body (div.detail-blog-content)")

    drop_matching(body, profile.get("body_furniture"))
    images = take_images(
        body, url, ", ".join(profile.get("figure")), ", ".join(profile.get("caption"))
    )
    paragraphs = block_texts(body)
    byline = _byline(tree, profile)
    if byline is None:  # no author block: the author's line may end the body
        paragraphs, byline = split_byline(paragraphs)
    if not paragraphs:
        raise NotAnArticle("empty article body")

    time_element = _select(tree, profile, "time")
    return Article(
        url=url,
        canonical_url=_canonical(tree, url, profile),
        site=profile.site,
        section=_section(tree, profile),
        title=title,
        sapo=text_of(_select(tree, profile, "sapo")) or None,
        body_text="\n".join(paragraphs),
        published_at=parse_time_line(text_of(time_element)) if time_element is not None else None,
        byline=byline,
        images=tuple(images),
        tags=_tags(tree, profile),
        parser=PARSER,
    )


def _select(root: Element, profile: ParserProfile, field: str) -> Element | None:
    return first(root, profile.get(field))


def _canonical(tree: Element, url: str, profile: ParserProfile) -> str:
    link = _select(tree, profile, "canonical")
    href = absolute(url, link.get("href")) if link is not None else None
    if href and host_of(href) in profile.hosts:
        return href
    return url


def _section(tree: Element, profile: ParserProfile) -> str | None:
    for selector in profile.get("section"):
        crumbs = [text_of(a) for a in select(tree, selector)]
        crumbs = [c for c in crumbs if c and c.lower() != HOME_CRUMB]
        if crumbs:
            return crumbs[-1]
    return None


def _byline(tree: Element, profile: ParserProfile) -> Byline | None:
    """Author, organisation and source from the author block; None when it says nothing.

    `p.author__name` holds the author, sometimes with "(tổng hợp)" (compiled by), which
    is not part of the name; a line starting "Nguồn:" names the source; another line
    names the author's organisation.
    """
    block = _select(tree, profile, "author_block")
    if block is None:
        return None
    name_element = first(block, profile.get("author_name"))
    author = COMPILED_NOTE.sub(" ", text_of(name_element)).strip() or None
    organization = source = None
    for line in select(block, ", ".join(profile.get("author_line"))):
        if line is name_element:
            continue
        text = text_of(line)
        if SOURCE_PREFIX.match(text):
            source = source or SOURCE_PREFIX.sub("", text) or None
        elif text:
            organization = organization or text
    byline = Byline(author=author, organization=organization, source=source)
    return None if byline.is_empty() else byline


def _tags(tree: Element, profile: ParserProfile) -> tuple[str, ...]:
    for selector in profile.get("tags"):
        tags = [text_of(a).lstrip("#").strip() for a in select(tree, selector)]
        tags = [t for t in tags if t]
        if tags:
            return tuple(dict.fromkeys(tags))
    return ()


# Article addresses: `/<slug>-<id>` (2019 on) and `/<section-slug>/<slug>-<id>` (older).
ARTICLE_URL = re.compile(
    r"^https?://(?:www\.)?tuyengiao\.vn/(?:[a-z0-9]+(?:-[a-z0-9]+)*/)?"
    r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{5,}/?$"
)
NEXT_LABELS = frozenset({"›", ">", "sau", "trang sau", "tiếp", "tiếp theo", "next"})


def article_links(html: str, url: str, profile: ParserProfile = DEFAULT) -> list[str]:
    """Absolute article URLs in a listing page's main column, in page order, no repeats.

    Sidebars ("MỚI NHẤT", "XEM NHIỀU NHẤT"), menus and pagination are not followed.
    """
    tree = parse_tree(html)
    column = _select(tree, profile, "main_column")
    if column is None:
        column = tree
        for selector in profile.get("outside_main"):
            for element in select(column, selector):
                drop(element)
    links: dict[str, None] = {}
    for anchor in select(column, "a[href]"):
        href = absolute(url, anchor.get("href"))
        if href:
            href = href.split("#", 1)[0]
            if ARTICLE_URL.match(href):
                links.setdefault(href, None)
    return list(links)


def next_page(html: str, url: str, profile: ParserProfile = DEFAULT) -> str | None:
    """The listing's next page: `rel=next`, else the pagination block's next/number link."""
    tree = parse_tree(html)
    candidate = None
    link = _select(tree, profile, "rel_next")
    if link is not None:
        candidate = absolute(url, link.get("href"))
    block = _select(tree, profile, "pagination")
    if candidate is None and block is not None:
        candidate = _next_in_pagination(block, url)
    return candidate if candidate and candidate != url else None


def _next_in_pagination(block: Element, url: str) -> str | None:
    anchors = select(block, "a[href]")
    for anchor in anchors:
        classes = {c.lower() for c in (anchor.get("class") or "").split()}
        if text_of(anchor).lower() in NEXT_LABELS or "next" in classes:
            return absolute(url, anchor.get("href"))
    wanted = str(_current_page(block, url) + 1)
    for anchor in anchors:
        if text_of(anchor) == wanted:
            return absolute(url, anchor.get("href"))
    return None


def _current_page(block: Element, url: str) -> int:
    for element in select(block, ".active, .current, [aria-current]"):
        text = text_of(element)
        if text.isdigit():
            return int(text)
    page = parse_qs(urlsplit(url).query).get("page", ["1"])[0]
    return int(page) if page.isdigit() else 1
