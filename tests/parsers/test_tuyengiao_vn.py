"""The tuyengiao.vn article parser against hand-filled expected records."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers import Article, NotAnArticle, parse
from parsers.sites import tuyengiao_vn
from parsers.sites.tuyengiao_vn import parse_time_line
from tests.conftest import TUYENGIAO, expected

ARTICLES = sorted(
    p.stem for p in TUYENGIAO.glob("*.html") if (TUYENGIAO / f"{p.stem}.json").exists()
)
# Everything the parser fills; persons and directives belong to the enrichment step.
STRUCTURAL = (
    "url", "canonical_url", "site", "section", "title", "sapo", "body_text", "published_at",
    "updated_at", "byline", "images", "tags", "language", "parser",
)  # fmt: skip
SEED = "soc-trang-mang-xa-hoi"
FURNITURE = (
    "Phản hồi", "Các tin khác", "Thư viện ảnh", "Liên kết website", "Mới nhất", "MỚI NHẤT",
    "XEM NHIỀU NHẤT", "VIDEO", "Tags", "Tin liên quan", "Thứ Tư, 24/7/2024", "24/7/2024",
    "Ban Tuyên giáo Trung ương giao ban công tác tháng 7 năm 2024",
    "Lạng Sơn bồi dưỡng nghiệp vụ cho báo cáo viên cơ sở",
    "Nhận diện âm mưu chống phá trên không gian mạng",
    "Thái Bình: Hội nghị báo cáo viên tháng 6", "Hà Giang mùa tam giác mạch",
    "Ý kiến phản hồi", "Còn lại : 1000 ký tự", "Chia sẻ", "In bài", "Báo Nhân Dân",
    "BAN TUYÊN GIÁO TRUNG ƯƠNG", "Tìm kiếm", "Trang chủ",
)  # fmt: skip


def parsed(name: str) -> Article:
    return parse((TUYENGIAO / f"{name}.html").read_bytes(), expected(name)["url"])


def test_there_are_enough_article_fixtures() -> None:
    assert SEED in ARTICLES
    assert len(ARTICLES) >= 8  # the seed, five written pages, two encoding variants


@pytest.mark.parametrize("name", ARTICLES)
@pytest.mark.parametrize("field", STRUCTURAL)
def test_fixture_field(name: str, field: str) -> None:
    assert parsed(name).to_dict()[field] == expected(name)[field]


@pytest.mark.parametrize("name", ARTICLES)
def test_round_trip(name: str) -> None:
    article = parsed(name)
    assert Article.from_dict(article.to_dict()) == article


@pytest.mark.parametrize("name", ARTICLES)
def test_body_is_free_of_furniture_and_captions(name: str) -> None:
    article = parsed(name)
    for text in FURNITURE:
        assert text not in article.body_text, text
    for image in article.images:
        assert image.caption not in article.body_text.split("\n")


def test_seed_body_first_and_last_paragraphs_are_the_published_text() -> None:
    body = parsed(SEED).body_text.split("\n")
    assert len(body) == 6
    assert body[0] == (
        "Hội nghị được nghe đồng chí Lê Quang Tự Do - Phó Cục trưởng Cục Phát thanh, "
        "Truyền hình và Thông tin điện tử, Bộ Thông tin và Truyền thông báo cáo chuyên đề "
        "Quản lý thông tin trên mạng xã hội - thực trạng và giải pháp."
    )
    assert body[-1].startswith("Bên cạnh đó, các cấp ủy đảng phải tăng cường quán triệt")
    assert body[-1].endswith(
        "gây mất an ninh chính tr, trật tự an toàn xã hội thì các ngành chức năng Sóc Trăng "
        "phải xử lý nghiêm minh theo quy định của pháp luật./."
    )


def test_seed_record_essentials() -> None:
    article = parsed(SEED)
    assert article.published_at == "2020-06-12T20:45:00+07:00"
    assert article.section == "Tuyên giáo các cấp"
    assert article.sapo is None
    assert article.byline is not None
    assert article.byline.author == "Tô Nài Não"
    assert article.byline.organization == "Ban Tuyên giáo Tỉnh ủy Sóc Trăng"
    assert article.images[0].caption.startswith("Đồng chí Lâm Văn Mẫn - Ủy viên Dự khuyết")
    assert "Tô Nài Não" not in article.body_text


def test_date_is_the_article_time_not_header_ticker_or_sidebar() -> None:
    # The page also shows 24/7/2024 (header), 27/3/2019 8:00 in the same form before the
    # article (ticker), sidebar times in 2024, and weekday dates in the body.
    assert parsed("ha-tinh-nhieu-ngay").published_at == "2019-03-28T17:40:00+07:00"


def test_date_missing_from_the_date_block_is_none_not_another_date() -> None:
    html = (TUYENGIAO / f"{SEED}.html").read_text(encoding="utf-8")
    html = html.replace("Thứ Sáu, 12/6/2020 20:45'(GMT+7)", "")
    assert parse(html, expected(SEED)["url"]).published_at is None


def test_impossible_article_date_is_none() -> None:
    html = (TUYENGIAO / f"{SEED}.html").read_text(encoding="utf-8")
    html = html.replace("Thứ Sáu, 12/6/2020 20:45'(GMT+7)", "Thứ Sáu, 31/6/2020 20:45'(GMT+7)")
    assert parse(html, expected(SEED)["url"]).published_at is None


def test_syndicated_byline_and_foreign_canonical() -> None:
    article = parsed("quang-ngai-tong-hop")
    assert article.byline is not None
    assert (article.byline.author, article.byline.source) == ("Phương Thảo", "Báo Quảng Ngãi")
    assert article.canonical_url == article.url


def test_no_byline_block_gives_none() -> None:
    assert parsed("kon-tum-khong-tac-gia").byline is None


def _with_body_end(paragraphs: str, *, keep_body: bool = True) -> str:
    """The author-less fixture with `paragraphs` after (or instead of) its body text."""
    html = (TUYENGIAO / "kon-tum-khong-tac-gia.html").read_text(encoding="utf-8")
    start = html.index('<div class="detail-blog-content">') + len(
        '<div class="detail-blog-content">'
    )
    end = html.index("</div>", start)
    return html[: end if keep_body else start] + paragraphs + html[end:]


def test_without_an_author_block_the_parser_takes_the_byline_from_the_body_end() -> None:
    html = _with_body_end("<p>Minh Anh</p>")
    article = tuyengiao_vn.parse(html, expected("kon-tum-khong-tac-gia")["url"])
    assert article.byline is not None and article.byline.author == "Minh Anh"
    assert article.body_text == expected("kon-tum-khong-tac-gia")["body_text"]


def test_a_body_that_is_only_a_byline_is_not_an_article() -> None:
    with pytest.raises(NotAnArticle, match="empty article body"):
        parse(_with_body_end("<p>Minh Anh</p>", keep_body=False), SECTION + "/bai-1")


def test_captions_printed_twice_give_one_image_each() -> None:
    images = parsed("nam-dinh-nhieu-anh").images
    assert len(images) == 3
    assert len({image.caption for image in images}) == 3


SECTION = "https://tuyengiao.vn/tuyen-giao-cac-cap"


@pytest.mark.parametrize(
    ("name", "url", "reason"),
    [
        ("listing-tuyen-giao-cac-cap", SECTION, "no article title"),
        ("listing-tuyen-giao-cac-cap-page-2", f"{SECTION}?page=2", "no article title"),
        ("soft-404", "https://tuyengiao.vn/bai-viet-khong-ton-tai-999999", "soft 404"),
    ],
)
def test_not_an_article(name: str, url: str, reason: str) -> None:
    with pytest.raises(NotAnArticle, match=reason):
        parse((TUYENGIAO / f"{name}.html").read_bytes(), url)


def test_empty_body_is_not_an_article() -> None:
    html = (TUYENGIAO / "kon-tum-khong-tac-gia.html").read_text(encoding="utf-8")
    start = html.index('<div class="detail-blog-content">')
    end = html.index("</div>", start)
    html = html[:start] + '<div class="detail-blog-content"><p>&nbsp;</p>' + html[end:]
    with pytest.raises(NotAnArticle, match="empty article body"):
        parse(html, expected("kon-tum-khong-tac-gia")["url"])


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Thứ Sáu, 12/6/2020 20:45'(GMT+7)", "2020-06-12T20:45:00+07:00"),
        ("Thứ Năm, 19/5/2022 7:22'(GMT+7)", "2022-05-19T07:22:00+07:00"),
        ("Chủ Nhật, 31/12/2023 0:05'(GMT+7)", "2023-12-31T00:05:00+07:00"),
        ("thứ năm, 8/6/2023 14:46’ (GMT+7)", "2023-06-08T14:46:00+07:00"),
        ("  Thứ Ba, 04/04/2023 21:21'(GMT+7) ", "2023-04-04T21:21:00+07:00"),
        ("Thứ Bảy, 29/2/2020 9:00'(GMT+7)", "2020-02-29T09:00:00+07:00"),
    ],
)
def test_time_line(line: str, iso: str) -> None:
    assert parse_time_line(line) == iso


@pytest.mark.parametrize(
    "line",
    [
        "",
        "Thứ Tư, 24/7/2024",  # the header date: no time, not the article's line
        "Thứ Sáu, 31/6/2020 20:45'(GMT+7)",  # no 31 June
        "Thứ Năm, 29/2/2019 9:00'(GMT+7)",  # 2019 is not a leap year
        "Thứ Sáu, 12/13/2020 20:45'(GMT+7)",
        "Thứ Sáu, 12/6/2020 24:10'(GMT+7)",
        "Thứ Sáu, 12/6/2020 20:61'(GMT+7)",
        "Thứ Sáu, 12/6/2020 20:45'(GMT+8)",
        "Thứ Sáu, 12/6/20 20:45'(GMT+7)",
        "Cập nhật: Thứ Sáu, 12/6/2020 20:45'(GMT+7)",
        "12/6/2020 20:45'(GMT+7) Tin liên quan",
    ],
)
def test_time_line_rejects(line: str) -> None:
    assert parse_time_line(line) is None


WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31)))
def test_time_line_round_trip(moment: datetime) -> None:
    line = (
        f"{WEEKDAYS[moment.weekday()]}, {moment.day}/{moment.month}/{moment.year} "
        f"{moment.hour}:{moment.minute:02d}'(GMT+7)"
    )
    assert parse_time_line(line) == moment.strftime("%Y-%m-%dT%H:%M:00+07:00")


def test_figure_text_without_a_caption_class_is_the_caption() -> None:
    html = (TUYENGIAO / f"{SEED}.html").read_text(encoding="utf-8")
    html = html.replace('<td class="caption">', "<td><em>").replace(
        "chủ trì Hội nghị.</td>", "chủ trì Hội nghị.</em></td>"
    )
    article = parse(html, expected(SEED)["url"])
    assert article.images == parsed(SEED).images
    assert article.body_text == parsed(SEED).body_text


def test_photos_side_by_side_keep_their_own_captions_and_file_names_are_no_caption() -> None:
    html = (TUYENGIAO / f"{SEED}.html").read_text(encoding="utf-8")
    pair = (
        '<table class="picture"><tr><td><img src="/Uploads/a.jpg"></td>'
        '<td><img src="/Uploads/b.jpg"></td></tr><tr><td class="caption">Ảnh trái</td>'
        '<td class="caption">Ảnh phải</td></tr></table>'
        '<p><img src="/Uploads/c.jpg" alt="IMG_2041.JPG"></p>'
    )
    html = html.replace(
        '<div class="detail-blog-content">', f'<div class="detail-blog-content">{pair}'
    )
    images = parse(html, expected(SEED)["url"]).images[:3]
    assert [(i.src.rsplit("/", 1)[1], i.caption) for i in images] == [
        ("a.jpg", "Ảnh trái"),
        ("b.jpg", "Ảnh phải"),
        ("c.jpg", None),
    ]
