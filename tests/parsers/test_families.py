"""The CMS-family parsers, driven by the site profiles, against hand-filled records."""

from __future__ import annotations

import pytest

from parsers import Article, parse
from parsers.listing import article_links, next_page
from scraper.sites.registry import SITES
from tests.conftest import FIXTURES, article_fixtures, listing_fixtures, load_expected

STRUCTURAL = (
    "url", "canonical_url", "site", "section", "title", "sapo", "body_text", "published_at",
    "updated_at", "byline", "images", "tags", "language", "parser",
)  # fmt: skip
ARTICLES = article_fixtures()
FAMILY_ARTICLES = [(f, n) for f, n in ARTICLES if f != "tuyengiao.vn"]
# Page furniture of the family pages: headers, menus, sidebars, widgets, footers.
FURNITURE = (
    # Liferay
    "Xuất bản thông tin", "null ", "Chi tiết bài viết", "Gửi email", "A+", "Nghe đọc bài viết",
    "Tin cùng chuyên mục", "Đánh giá bài viết", "Thống kê truy cập", "Tổng lượt truy cập",
    "Hội nghị báo cáo viên Tỉnh ủy tháng 4 năm 2023", "Đồng Tháp sơ kết 2 năm", "cms-view-count",
    "cms-publish-date", "In bài viết", "Tin khác", "Cơ quan chủ quản", "Lượt truy cập",
    # vnPortal
    "Gửi bài viết", "Cỡ chữ", "Lượt xem", "Chia sẻ Facebook", "Zalo", "Các tin khác",
    "Hội nghị giao ban báo chí tháng 9", "Tin nổi bật", "Số lượt truy cập", "Thiết kế bởi VNPT",
    "anh tin bai", "Ảnh minh họa", "Quang cảnh hội nghị tại điểm cầu tỉnh.",
    # WordPress
    "Chia sẻ:", "Facebook", "Bài trước", "Bài sau", "Trả lời", "Email của bạn",
    "Bài viết mới", "Chuyên mục", "Lưu trữ", "Tổng kết cuộc thi viết về Bác", "Tìm kiếm",
    "Vận hành bởi WordPress", "Thẻ:", "admin", "Thanh Tâm", "KIM NGÂN", "Lê Thu Hà",
    # newspapers
    "Lượt xem: 1.204", "Sao chép liên kết", "Từ khóa", "Tin liên quan", "Bình luận",
    "Đọc nhiều", "Mùa lúa mới trên cao nguyên", "Giấy phép", "Cập nhật lúc", "Tin đọc nhiều",
    "Gửi cho bạn bè", "Tiếng Việt | English", "A A", "Chia sẻ bài viết", "Tin mới nhất",
    "Lễ hội Vía Bà Chúa Xứ", "THANH THÚY", "G.K", "MINH NHẬT",
    # tuyengiao.vn, current layout
    "Thứ Hai, 14/07/2025", "Ý kiến phản hồi", "Còn lại : 1000 ký tự", "MỚI NHẤT",
    "Lạng Sơn bồi dưỡng nghiệp vụ", "GMT+7", "BAN TUYÊN GIÁO TRUNG ƯƠNG", "In bài",
)  # fmt: skip


def parsed(folder: str, name: str) -> Article:
    url = load_expected(folder, name)["url"]
    return parse((FIXTURES / folder / f"{name}.html").read_bytes(), url)


def test_every_family_has_three_articles_and_a_listing() -> None:
    for family in ("tuyengiao.vn", "liferay", "vnportal", "wordpress", "newspaper"):
        assert sum(f == family for f, _ in ARTICLES) >= 3, family
    for family in ("liferay", "vnportal", "wordpress", "newspaper"):
        assert any(f == family for f, _ in listing_fixtures()), family


@pytest.mark.parametrize(("folder", "name"), FAMILY_ARTICLES)
@pytest.mark.parametrize("field", STRUCTURAL)
def test_fixture_field(folder: str, name: str, field: str) -> None:
    assert parsed(folder, name).to_dict()[field] == load_expected(folder, name)[field]


@pytest.mark.parametrize(("folder", "name"), FAMILY_ARTICLES)
def test_body_is_free_of_furniture_captions_and_byline(folder: str, name: str) -> None:
    article = parsed(folder, name)
    for text in FURNITURE:
        assert text not in article.body_text, text
    lines = article.body_text.split("\n")
    for image in article.images:
        assert image.caption not in lines
    if article.byline and article.byline.author:
        assert article.byline.author not in lines


@pytest.mark.parametrize(("folder", "name"), FAMILY_ARTICLES)
def test_each_fixture_url_is_an_article_of_a_registered_site(folder: str, name: str) -> None:
    record = load_expected(folder, name)
    site = SITES[record["site"]]
    assert site.parser is not None and site.parser.family == record["parser"].split("@")[0]
    assert site.is_article(record["url"])


@pytest.mark.parametrize(("folder", "name"), listing_fixtures())
def test_listing_links_and_next_page(folder: str, name: str) -> None:
    expected = load_expected(folder, name, ".links.json")
    html = (FIXTURES / folder / f"{name}.html").read_text(encoding="utf-8")
    assert article_links(html, expected["url"]) == expected["links"]
    assert next_page(html, expected["url"]) == expected["next_page"]
    site = next(s for s in SITES.values() if s.owns(expected["url"]))
    assert all(site.is_article(link) for link in expected["links"])
    assert not site.is_article(expected["url"])


def test_liferay_time_with_seconds_for_minutes_gives_the_date_only() -> None:
    # "Thứ Bẩy, ngày 13/05/2023 09:32": the portlet prints seconds where minutes belong.
    assert parsed("liferay", "dong-thap-tap-huan-nghiep-vu").published_at == "2023-05-13"


def test_newspaper_date_is_the_article_line_not_ticker_or_sidebar() -> None:
    # The header ticker and the sidebars print "Cập nhật lúc: 18:00 |22/11/2019" and the like.
    article = parsed("newspaper", "nam-dinh-mat-tran")
    assert article.published_at == "2019-11-26T18:28:00+07:00"


def test_wordpress_times_are_the_same_instant_as_yoast_utc() -> None:
    article = parsed("wordpress", "tien-giang-bien-dao")
    assert article.published_at == "2024-03-21T08:10:00+07:00"  # Yoast: 01:10:00+00:00


def test_tuyengiao_current_layout_skips_the_top_bar_date() -> None:
    article = parsed("tuyengiao.vn", "bac-giang-bao-cao-vien-bo-cuc-moi")
    assert article.published_at == "2025-03-27T15:28:00+07:00"
    assert article.byline is not None and article.byline.author == "Hà Linh"
    assert parsed("tuyengiao.vn", "quang-tri-chinh-luan-bo-cuc-moi").byline is None


def test_a_vanished_time_element_gives_no_date_not_another_one() -> None:
    folder, name = "vnportal", "nam-dinh-bao-cao-vien"
    html = (FIXTURES / folder / f"{name}.html").read_text(encoding="utf-8")
    html = html.replace('<div class="PostDate">20/11/2023 09:05</div>', "")
    assert parse(html, load_expected(folder, name)["url"]).published_at is None
