"""Small generated pages in tuyengiao.vn's layout, for crawl tests and the benchmark.

Each article has its own title and body (so none is a duplicate of another) and
JSON-LD metadata too, so the generic parser reads it on any other host.
"""

from __future__ import annotations

import json
from html import escape

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
PROVINCES = ("Sóc Trăng", "Hậu Giang", "Kon Tum", "Nam Định", "Hà Tĩnh", "Quảng Ngãi", "Cà Mau")


def article_page(number: int, *, day: str = "2024-07-15", edit: str = "") -> str:
    """Article ``number``: a title, a time line, three paragraphs, JSON-LD. ``day`` is its
    date (ISO); ``edit`` is appended to the body, to make an edited version."""
    year, month, dom = (int(part) for part in day.split("-"))
    province = PROVINCES[number % len(PROVINCES)]
    title = f"{province}: Hội nghị báo cáo viên số {number}"
    paragraphs = [
        f"Ngày {dom}/{month}/{year}, Ban Tuyên giáo Tỉnh ủy {province} tổ chức Hội nghị báo"
        f" cáo viên lần thứ {number}, quán triệt Chỉ thị số {number % 90 + 1}-CT/TU.",
        f"Hội nghị đã nghe thông tin chuyên đề về tình hình thời sự, số {number} trong năm;"
        " các đại biểu thảo luận về công tác tuyên truyền ở cơ sở.",
        f"Ban Tuyên giáo đề nghị các cấp ủy tiếp tục triển khai nội dung số {number}. {edit}",
    ]
    weekday = WEEKDAYS[(number + dom) % 7]
    metadata = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": f"{day}T08:30:00+07:00",
        "articleBody": "\n".join(paragraphs),
    }
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(title)}</title>
<meta property="og:type" content="article"><meta property="og:title" content="{escape(title)}">
<script type="application/ld+json">{json.dumps(metadata, ensure_ascii=False)}</script>
</head><body><main class="news-detail"><div class="news-detail__left">
<div class="news-detail__breadcrumb"><a href="/tuyen-giao-cac-cap">Tuyên giáo các cấp</a></div>
<div class="news-detail__date">
<div class="news-detail__text">{weekday}, {dom}/{month}/{year} 08:30'(GMT+7)</div></div>
<h1 class="news-detail__title">{escape(title)}</h1>
<div class="detail-blog-content">
{body}
</div>
</div></main></body></html>
"""


def listing_page(links: list[str], next_url: str | None = None) -> str:
    """A section listing page linking to ``links`` (paths or URLs), with a next page."""
    items = "\n".join(
        f'<div class="news-item"><h3 class="news-item__title"><a href="{escape(link)}">'
        f"Bài {i}</a></h3></div>"
        for i, link in enumerate(links, 1)
    )
    following = f'<link rel="next" href="{escape(next_url)}">' if next_url else ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Tuyên giáo các cấp</title>{following}</head>
<body><main class="category"><div class="category__left"><div class="news-list">
{items}
</div></div></main></body></html>
"""


def sitemap(urls: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


def sitemap_index(urls: list[str]) -> bytes:
    entries = "".join(f"<sitemap><loc>{escape(u)}</loc></sitemap>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
    ).encode()


def rss(urls: list[str]) -> bytes:
    items = "".join(f"<item><title>Bài</title><link>{escape(u)}</link></item>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Tuyên giáo các cấp</title>{items}</channel></rss>"
    ).encode()
