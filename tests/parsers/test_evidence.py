"""Each class of evidence the generic reading takes, with pages it must read and pages
where the field must stay empty (a header's date, a teaser's date, a photo credit)."""

from __future__ import annotations

import pytest

from parsers import NotAnArticle, parse
from parsers.bylines import read_line
from parsers.pagedates import date_in_text, date_in_url
from parsers.record import Byline
from parsers.registry import Registry

TITLE = "Hội nghị báo cáo viên tháng 6 năm 2020 của Ban Tuyên giáo Tỉnh ủy"
BODY = (
    "<p>Sáng nay, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị báo cáo viên định kỳ tháng 6 "
    "với sự tham dự của đông đảo cán bộ, đảng viên trong toàn tỉnh.</p>"
    "<p>Tại hội nghị, các đại biểu đã nghe thông tin chuyên đề về tình hình thời sự trong "
    "nước và quốc tế nổi bật thời gian qua.</p>"
)
URL = "https://baomoi.example.vn/hoi-nghi-bao-cao-vien-123.html"


def page(
    *, head: str = "", before: str = "", after: str = "", body: str = BODY, top: str = ""
) -> str:
    return (
        f"<html><head><title>{TITLE} - Báo Mẫu</title>{head}</head><body>{top}"
        f'<div class="main"><div class="detail">{before}<h1>{TITLE}</h1>{after}'
        f'<div class="detail-content">{body}</div></div></div></body></html>'
    )


def read(html: str, url: str = URL):
    return parse(html, url, registry=Registry([]))


# Dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ Sáu, 12/6/2020 20:45'(GMT+7)", "2020-06-12T20:45:00+07:00"),
        ("20:45 | 12/06/2020", "2020-06-12T20:45:00+07:00"),
        ("12/06/2020 - 20:45", "2020-06-12T20:45:00+07:00"),
        ("Ngày 12 tháng 6 năm 2020", "2020-06-12"),
        ("Cập nhật: 12/06/2020 20:45:31", "2020-06-12T20:45:00+07:00"),
        ("Ngày đăng: 12/06/2020 20:45", "2020-06-12T20:45:00+07:00"),
        ("6/12/2020 8:45:00 PM", "2020-06-12T20:45:00+07:00"),  # ASP.NET, month first
        ("6/12/2020 12:10:00 AM", "2020-06-12T00:10:00+07:00"),
        ("12-06-2020 - 08:45 PM", "2020-06-12T20:45:00+07:00"),
    ],
)
def test_date_forms(text: str, expected: str) -> None:
    assert date_in_text(text) == expected


@pytest.mark.parametrize("text", ["31/02/2020 10:00", "Số 12/2020", "hôm qua", "25:61", "1/2"])
def test_not_dates(text: str) -> None:
    assert date_in_text(text) is None


def test_an_impossible_12_hour_time_gives_no_time() -> None:
    value = date_in_text("6/12/2020 13:45:00 PM")
    assert value is None or "T" not in value


def test_url_dates() -> None:
    assert date_in_url("https://x.vn/2020/06/12/bai-viet.html") == "2020-06-12"
    assert date_in_url("https://x.vn/tin/2020-6-12-bai-viet") == "2020-06-12"
    assert date_in_url("https://x.vn/202006/bai-viet.html") is None  # a month is no day
    assert date_in_url("https://x.vn/bai-viet-2020.html") is None


def test_the_line_near_the_headline_not_the_header_date() -> None:
    header = '<div class="HeaderDate">Thứ Hai, 15/06/2020</div>'
    article = read(page(top=header, after="<div>12/06/2020 - 20:45</div>"))
    assert article.published_at == "2020-06-12T20:45:00+07:00"
    assert dict(article.field_sources)["published_at"] == "generic:text"
    assert read(page(top=header)).published_at is None


def test_a_teasers_date_is_never_the_articles() -> None:
    teaser = (
        '<div class="box"><a href="/khac.html">Một bài viết khác của chuyên mục thời sự</a>'
        "<span>(11/06/2020)</span></div>"
    )
    assert read(page(body=BODY + teaser)).published_at is None
    sidebar = '<div class="RightPane"><p>Đọc nhiều</p><div>10/06/2020 09:00</div></div>'
    assert read(page(after=sidebar)).published_at is None


def test_metadata_dates_rank_first_naive_is_vietnam_time_modified_is_updated() -> None:
    head = (
        '<meta property="article:published_time" content="2020-06-12T20:45:00">'
        '<meta property="article:modified_time" content="2020-06-13T08:00:00+07:00">'
    )
    article = read(page(head=head, after="<div>01/01/2019 - 10:00</div>"))
    assert article.published_at == "2020-06-12T20:45:00+07:00"
    assert article.updated_at == "2020-06-13T08:00:00+07:00"
    assert dict(article.field_sources)["published_at"] == "generic:meta"
    modified_only = '<time class="updated" datetime="2020-06-13T08:00:00+07:00">13/6</time>'
    article = read(page(after=modified_only))
    assert article.published_at is None
    assert article.updated_at == "2020-06-13T08:00:00+07:00"


def test_a_date_only_stays_a_date_and_the_url_is_the_last_resort() -> None:
    assert read(page(after="<div>Ngày 12 tháng 6 năm 2020</div>")).published_at == "2020-06-12"
    article = read(page(), "https://x.vn/2020/06/12/hoi-nghi.html")
    assert article.published_at == "2020-06-12"
    assert dict(article.field_sources)["published_at"] == "url"


# Sections


@pytest.mark.parametrize(
    "markup",
    [
        '<nav aria-label="breadcrumb"><a href="/">Trang chủ</a> <a href="/ts">Thời sự</a></nav>',
        '<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li>'
        '<li><a href="/ts">Thời sự</a></li></ol>',
        '<ul class="bread-crumbs"><li><a href="/">Home</a></li><li><a href="/ts">Thời sự</a>'
        "</li></ul>",
        '<div class="duong-dan"><a href="/">Trang chủ</a> » <a href="/ts">Thời sự</a></div>',
        '<div class="breadcrumb">Trang chủ &gt; Thời sự</div>',
        '<ul itemscope itemtype="https://schema.org/BreadcrumbList"><li itemprop="itemListElement">'
        '<a href="/ts"><span itemprop="name">Thời sự</span></a></li></ul>',
    ],
)
def test_breadcrumbs_in_any_markup(markup: str) -> None:
    assert read(page(before=markup)).section == "Thời sự"


def test_json_ld_breadcrumb_article_section_and_active_menu_item() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "BreadcrumbList", "itemListElement": ['
        '{"position": 2, "name": "Thời sự"}, {"position": 1, "name": "Trang chủ"}]}</script>'
    )
    assert read(page(head=ld)).section == "Thời sự"
    meta = '<meta property="article:section" content="Xây dựng Đảng">'
    assert read(page(head=meta)).section == "Xây dựng Đảng"
    menu = (
        '<ul class="menu"><li><a href="/">Trang chủ</a></li>'
        '<li class="active"><a href="/ts">Thời sự</a></li></ul>'
    )
    article = read(page(top=menu))
    assert article.section == "Thời sự"
    assert dict(article.field_sources)["section"] == "generic:menu"


def test_no_section_from_a_home_crumb_the_title_or_a_plain_menu() -> None:
    only_home = '<div class="breadcrumb"><a href="/">Trang chủ</a></div>'
    assert read(page(before=only_home)).section is None
    title_crumb = f'<div class="breadcrumb"><a href="/">Trang chủ</a> <a>{TITLE}</a></div>'
    assert read(page(before=title_crumb)).section is None
    menu = '<ul class="menu"><li><a href="/ts">Thời sự</a></li></ul>'
    assert read(page(top=menu)).section is None


# Bylines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Minh Anh", Byline(author="Minh Anh")),
        ("Bài, ảnh: Thu Hằng", Byline(author="Thu Hằng")),
        ("Minh Anh (TTXVN)", Byline(author="Minh Anh", organization="TTXVN")),
        (
            "Tô Nài Não (Ban Tuyên giáo Tỉnh ủy)",
            Byline(author="Tô Nài Não", organization="Ban Tuyên giáo Tỉnh ủy"),
        ),
        ("Theo Hồ Hương", Byline(author="Hồ Hương")),
        ("Theo TTXVN", Byline(source="TTXVN")),
        ("Nguồn: Báo Nhân Dân", Byline(source="Báo Nhân Dân")),
        ("Thu Hằng - Minh Anh", Byline(author="Thu Hằng - Minh Anh")),
        ("Thu Hằng, Minh Anh", Byline(author="Thu Hằng - Minh Anh")),
        ("Minh Anh - Báo Gia Lai", Byline(author="Minh Anh", organization="Báo Gia Lai")),
    ],
)
def test_byline_lines(line: str, expected: Byline) -> None:
    assert read_line(line) == expected


@pytest.mark.parametrize(
    "line",
    ["Ảnh: Minh Anh", "admin", "Hội nghị diễn ra trong hai ngày với nhiều nội dung.", ""],
)
def test_not_bylines(line: str) -> None:
    assert read_line(line) is None


def test_author_and_organisation_in_their_own_elements() -> None:
    block = (
        '<div class="info"><p class="author">Theo Hồ Hương</p><p class="source">Đại Đoàn kết</p>'
    )
    article = read(page(body=BODY + block + "</div>"))
    assert article.byline == Byline(author="Hồ Hương", organization="Đại Đoàn kết")
    assert dict(article.field_sources)["organization"] == "generic:author-block"


def test_a_photo_credit_is_never_the_author() -> None:
    credit = '<div class="author">Ảnh: Minh Anh</div>'
    article = read(page(body=BODY + credit))
    assert article.byline is None or article.byline.author != "Minh Anh"


# Body and title


def test_portal_body_tables_nested_divs_br_text_without_furniture() -> None:
    body = (
        '<table><tr><td><div style="text-align:justify"><div><span>Đoạn thứ nhất của bài '
        "viết trên cổng thông tin điện tử của tỉnh.</span><br>Đoạn thứ hai của bài viết, "
        "ngăn cách bằng thẻ xuống dòng.</div></div></td></tr></table>"
        '<table class="image"><tr><td><img src="/a.jpg"></td></tr>'
        '<tr><td class="caption">Quang cảnh hội nghị.</td></tr></table>'
        '<div class="tin-lien-quan"><a href="/k.html">Một tin liên quan khác rất dài</a></div>'
        '<div class="share">Chia sẻ Facebook</div><div class="tags"><a>Hội nghị</a></div>'
    )
    article = read(page(body=body))
    assert article.body_text.split("\n") == [
        "Đoạn thứ nhất của bài viết trên cổng thông tin điện tử của tỉnh.",
        "Đoạn thứ hai của bài viết, ngăn cách bằng thẻ xuống dòng.",
    ]
    assert "Quang cảnh" not in article.body_text


def test_the_visible_headline_wins_and_metadata_entities_are_decoded() -> None:
    head = '<meta property="og:title" content="Hội nghị b&amp;#225;o cáo viên">'
    html = page(head=head).replace(f"<title>{TITLE} - Báo Mẫu</title>", "")
    article = read(html.replace(f"<h1>{TITLE}</h1>", ""))
    assert article.title == "Hội nghị báo cáo viên"  # no heading: the metadata, decoded
    seo = '<meta property="og:title" content="Báo cáo viên tháng 6/2020: hội nghị của Ban">'
    article = read(page(head=seo).replace(" - Báo Mẫu", ""))
    assert article.title == TITLE  # the page's own headline, not the SEO title


# Evidence by position, for templates whose classes say nothing


def test_section_label_before_the_headline_and_after_a_category_label() -> None:
    kicker = '<div class="k"><a href="/thoi-su">Thời sự</a></div>'
    assert read(page(before=kicker)).section == "Thời sự"
    labelled = f'{BODY}<div class="f">Chuyên mục: <a href="/ts">Xây dựng Đảng</a></div>'
    assert read(page(body=labelled)).section == "Xây dựng Đảng"
    far = '<div class="k"><a href="/thoi-su">Thời sự</a></div><p>x</p><p>y</p><p>z</p>'
    assert read(page(before=far)).section is None  # not just before the headline
    in_menu = '<nav><a href="/thoi-su">Thời sự</a></nav>'
    assert read(page(before=in_menu)).section is None


def test_lead_between_headline_and_body_with_the_papers_tag() -> None:
    lead = "Hội nghị quán triệt các nội dung cơ bản của nghị quyết cho cán bộ chủ chốt toàn tỉnh."
    shown = f'<div class="w"><span>(TG) -</span><h2 class="x">{lead}</h2></div>'
    assert read(page(after=shown)).sapo == f"(TG) - {lead}"
    toolbar = '<div class="t">In bài viết | Gửi bài viết | Cỡ chữ: A A | Lượt xem: 2.316</div>'
    assert read(page(after=toolbar)).sapo is None


def test_byline_after_the_body_and_on_the_date_line() -> None:
    after = '<div class="x"><p><strong>Hồng Nhung</strong></p><p>Ban Tuyên giáo Tỉnh ủy</p></div>'
    html = page().replace("</div></div></div></body>", f"</div>{after}</div></div></body>")
    assert read(html).byline == Byline(author="Hồng Nhung", organization="Ban Tuyên giáo Tỉnh ủy")
    dated = '<div class="m"><span>Hà Linh</span> - <span>27/03/2025 - 15:28</span></div>'
    assert read(page(after=dated)).byline == Byline(author="Hà Linh")
    sentence = "<div>Hội nghị diễn ra sáng nay - 27/03/2025 - 15:28</div>"
    assert read(page(after=sentence)).byline is None


def test_a_photo_table_without_classes_keeps_its_caption_out_of_the_body() -> None:
    photo = (
        '<table><tr><td><img src="/a.jpg"></td></tr><tr><td>Quang cảnh hội nghị.</td></tr></table>'
    )
    article = read(page(body=BODY + photo))
    assert "Quang cảnh" not in article.body_text
    assert [image.caption for image in article.images] == ["Quang cảnh hội nghị."]
    data = "<table><tr><td>Chỉ tiêu</td><td>Kết quả năm 2023 của toàn tỉnh</td></tr></table>"
    assert "Kết quả năm 2023" in read(page(body=BODY + data)).body_text  # no photo: kept


def test_a_listing_is_not_an_article() -> None:
    teasers = "".join(
        f'<p><a href="/bai-{n}.html">Tin số {n}: hội nghị báo cáo viên cấp huyện tháng {n}</a>'
        f"</p><p>Tóm tắt của tin số {n} với vài dòng giới thiệu nội dung chính.</p>"
        for n in range(1, 6)
    )
    with pytest.raises(NotAnArticle):
        read(page(body=teasers))
    linked = BODY + '<p>Xem thêm: <a href="/k.html">Một bài viết khác rất dài ở đây</a></p>'
    assert read(page(body=linked)).body_text.startswith("Sáng nay")


def test_a_trail_of_links_without_a_name_but_not_a_menu_line() -> None:
    trail = '<div class="x"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc">Tin tức</a></div>'
    assert read(page(before=trail)).section == "Tin tức"
    line = '<div class="x"><a href="/">Trang chủ</a> | <a href="/lien-he">Liên hệ</a></div>'
    assert read(page(body=BODY + line)).section is None


def test_the_element_saying_the_title_before_a_header_that_only_contains_it() -> None:
    header = f'<h3 class="a"><span>null {TITLE}</span></h3>'
    html = page(before=header).replace(f"<h1>{TITLE}</h1>", f'<div class="b">{TITLE}</div>')
    assert read(html).title == TITLE


def test_the_innermost_lead_not_a_box_holding_a_tool_bar_and_the_lead() -> None:
    lead = "Sáng 18/9, Ban Tuyên giáo Tỉnh ủy tổ chức tọa đàm khoa học về Di chúc của Bác."
    box = (
        '<div class="s"><div class="t"><a href="#">Gửi email</a> <a href="#">A+</a> '
        '<a href="#">A-</a> <a href="#">Nghe đọc bài viết</a> <a href="#">In trang</a></div>'
        f'<span class="i"><strong>{lead}</strong></span></div>'
    )
    assert read(page(after=box)).sapo == lead
