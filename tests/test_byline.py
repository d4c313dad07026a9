import pytest

from parsers.fields.byline import find_byline, split_byline
from parsers.record import Byline

BODY = "Hội nghị đã thống nhất các giải pháp trọng tâm trong thời gian tới./."


@pytest.mark.parametrize(
    ("tail", "author", "organization"),
    [
        (
            "Tô Nài Não\nBan Tuyên giáo Tỉnh ủy Sóc Trăng",
            "Tô Nài Não",
            "Ban Tuyên giáo Tỉnh ủy Sóc Trăng",
        ),
        ("T.H", "T.H", None),
        ("HB", "HB", None),
        ("T.H(bt)", "T.H", None),
        ("HB (th)", "HB", None),
        ("NGỌC TRINH", "NGỌC TRINH", None),
        ("Minh Anh (tổng hợp)", "Minh Anh", None),
        ("Tin và ảnh: Hiếu Trần", "Hiếu Trần", None),
        ("BBT", None, "BBT"),
    ],
)
def test_byline_forms(tail, author, organization):
    byline = find_byline(f"{BODY}\n\n{tail}")
    assert byline is not None
    assert (byline.author, byline.organization) == (author, organization)


def test_source_line():
    byline = find_byline(f"{BODY}\nNguồn: Báo Nhân Dân")
    assert byline == Byline(source="Báo Nhân Dân")


def test_byline_before_page_furniture():
    furniture = "Phản hồi\n\nCác tin khác\n\nThư viện ảnh\n\nLiên kết website\n\nMới nhất"
    text = f"{BODY}\n\nThu Hà\n\n{furniture}"
    assert find_byline(text).author == "Thu Hà"


def test_byline_glued_to_the_last_paragraph():
    text = (
        "Hội thi sẽ diễn ra vào cuối tháng 11. Trần Thị Lệ Thu-Ban Tuyên giáo Tỉnh ủy\n\n415 Go top"
    )
    assert find_byline(text) == Byline(
        author="Trần Thị Lệ Thu", organization="Ban Tuyên giáo Tỉnh ủy"
    )


def test_author_beside_the_time_line():
    text = "Chính trị\n\nTiêu đề bài viết\n\nHà Vũ 17/08/2024 09:30\n\nSáng 17-8, hội nghị diễn ra."
    assert find_byline(text).author == "Hà Vũ"


@pytest.mark.parametrize(
    "text",
    [
        BODY,
        "Các đại biểu đã thảo luận và thống nhất cao với dự thảo báo cáo chính tr",
        f"{BODY}\nQuang cảnh hội nghị. Ảnh: Nguyễn Văn Toàn",
        "Tình hình thời sự quốc tế.\nGỢI Ý TRẢ LỜI\nCâu 1. Tỉnh được thành lập năm nào?",
        "",
    ],
)
def test_no_byline(text):
    assert find_byline(text) is None


def test_split_byline_removes_the_trailing_paragraphs():
    paragraphs = ["Đoạn một.", BODY, "Tô Nài Não", "Ban Tuyên giáo Tỉnh ủy Sóc Trăng"]
    body, byline = split_byline(paragraphs)
    assert body == ["Đoạn một.", BODY]
    assert byline.author == "Tô Nài Não"


def test_split_byline_inline_and_none():
    body, byline = split_byline(["Đoạn một.", "Kết thúc hội nghị. Quốc Hải"])
    assert body == ["Đoạn một.", "Kết thúc hội nghị."]
    assert byline.author == "Quốc Hải"
    assert split_byline([BODY]) == ([BODY], None)


def test_related_news_box_and_weekday_are_not_bylines():
    text = (
        "Thứ Hai, 14/10/2024 09:15\nTiêu đề\n\nNội dung bài viết đầy đủ.\n\nMINH THƯ\n\n"
        "Tin liên quan\nHội nghị báo cáo viên tháng 9/2024 (12/09/2024)\n"
        "Tuyên truyền kỷ niệm Ngày thành lập Đảng (01/02/2024)"
    )
    assert find_byline(text).author == "MINH THƯ"
    assert find_byline("Thứ Hai, 14/10/2024 09:15\nTiêu đề\n\nNội dung bài viết.") is None


def test_author_line_above_the_time_line():
    text = "Tiêu đề bài viết\nThành An\n18/12/2023 06:34\nNội dung bài viết rất dài và đầy đủ."
    assert find_byline(text).author == "Thành An"


@pytest.mark.parametrize(
    ("tail", "author", "organization"),
    [
        ("Thu Hằng - Minh Anh", "Thu Hằng - Minh Anh", None),
        ("Minh Anh (TTXVN)", "Minh Anh", "TTXVN"),
        (
            "Tô Nài Não (Ban Tuyên giáo Tỉnh ủy Sóc Trăng)",
            "Tô Nài Não",
            "Ban Tuyên giáo Tỉnh ủy Sóc Trăng",
        ),
    ],
)
def test_several_authors_and_organisation_in_brackets(tail, author, organization):
    byline = find_byline(f"{BODY}\n\n{tail}")
    assert (byline.author, byline.organization) == (author, organization)


def test_a_heading_in_brackets_is_no_byline():
    assert find_byline(f"{BODY}\n\nHội nghị (tổng hợp)") is None


def test_author_organisation_and_source_on_separate_lines():
    text = f"{BODY}\n\nTô Nài Não\n\nBan Tuyên giáo Tỉnh ủy Sóc Trăng\n\nNguồn: Báo Sóc Trăng"
    assert find_byline(text) == Byline(
        author="Tô Nài Não",
        organization="Ban Tuyên giáo Tỉnh ủy Sóc Trăng",
        source="Báo Sóc Trăng",
    )
