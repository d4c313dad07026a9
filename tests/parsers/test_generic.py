"""The generic parser: JSON-LD, then OpenGraph/meta, then the page; main-text body."""

from __future__ import annotations

import json

import pytest

from parsers import Article, NotAnArticle, parse
from tests.conftest import FIXTURES

STRUCTURAL = (
    "url", "canonical_url", "site", "section", "title", "sapo", "body_text", "published_at",
    "updated_at", "byline", "images", "tags", "language", "parser",
)  # fmt: skip
PAGE = FIXTURES / "generic" / "jsonld-news.html"
EXPECTED = json.loads((FIXTURES / "generic" / "jsonld-news.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("field", STRUCTURAL)
def test_json_ld_page(field: str) -> None:
    article = parse(PAGE.read_bytes(), EXPECTED["url"])
    assert article.to_dict()[field] == EXPECTED[field]


def test_json_ld_page_round_trip() -> None:
    article = parse(PAGE.read_bytes(), EXPECTED["url"])
    assert Article.from_dict(article.to_dict()) == article


def test_opengraph_and_density_without_json_ld() -> None:
    html = """<html><head><title>Tiêu đề trang | Cổng thông tin</title>
    <meta property="og:type" content="article">
    <meta property="og:title" content="Huyện ủy tổ chức hội nghị quán triệt">
    <meta property="article:published_time" content="2023-09-05T08:00:00Z">
    <meta property="article:tag" content="Quán triệt, học tập">
    <meta property="article:tag" content="Huyện ủy">
    <link rel="canonical" href="https://other.example.org/copy.html"></head>
    <body><div class="menu"><p>Trang chủ</p><p>Giới thiệu</p></div>
    <div class="noi-dung"><p>Sáng 5/9, Huyện ủy tổ chức hội nghị quán triệt chuyên đề năm 2023
    cho cán bộ chủ chốt của huyện.</p><p>Hội nghị kết thúc trong ngày.</p></div>
    <div class="sidebar"><p>Tin đọc nhiều nhất trong tháng với một dòng chữ khá dài ở đây để
    thử bộ đếm mật độ chữ của trang, dài hơn cả bài viết chính của trang này nữa.</p></div>
    </body></html>"""
    url = "https://www.huyen.example.gov.vn/tin-tuc/hoi-nghi-123.html"
    article = parse(html, url)
    assert article.title == "Huyện ủy tổ chức hội nghị quán triệt"
    assert article.published_at == "2023-09-05T15:00:00+07:00"  # 08:00 UTC
    assert article.canonical_url == url  # the canonical link points at another site
    assert article.site == "huyen.example.gov.vn"
    assert article.body_text.startswith("Sáng 5/9, Huyện ủy")
    assert article.body_text.endswith("Hội nghị kết thúc trong ngày.")
    assert "Tin đọc nhiều" not in article.body_text
    assert article.tags == ("Quán triệt, học tập", "Huyện ủy")
    assert article.parser == "generic@1"


def test_falls_back_to_h1_and_keeps_a_date_only_value() -> None:
    html = """<html><head><meta property="article:published_time" content="2022-01-03">
    </head><body><h1>Tin ngắn</h1><article><p>Một đoạn văn bản của bài viết.</p></article>
    </body></html>"""
    article = parse(html, "https://example.vn/tin-ngan.html")
    assert (article.title, article.published_at) == ("Tin ngắn", "2022-01-03")
    assert article.body_text == "Một đoạn văn bản của bài viết."


def test_unparseable_date_is_none() -> None:
    html = """<html><head><meta property="article:published_time" content="hôm qua">
    </head><body><h1>Tin</h1><article><p>Nội dung.</p></article></body></html>"""
    assert parse(html, "https://example.vn/a.html").published_at is None


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<html><body><p>Không có tiêu đề nhưng có chữ.</p></body></html>", "no title"),
        ("<html><head><title>Trang</title></head><body><div></div></body></html>", "no body"),
    ],
)
def test_not_an_article(html: str, reason: str) -> None:
    with pytest.raises(NotAnArticle, match=reason):
        parse(html, "https://example.vn/")


def test_language_from_the_page() -> None:
    html = """<html lang="en-US"><body><h1>Party building news</h1>
    <article><p>An English page of a provincial portal.</p></article></body></html>"""
    assert parse(html, "https://example.vn/en/a.html").language == "en"
