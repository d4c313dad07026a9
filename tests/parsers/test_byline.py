import pytest

from parsers.fields.byline import find_byline, split_byline
from parsers.record import Byline

BODY = "Hội nghị đã thống nhất các giải pháp trọng tâm trong thời gian tới./."


@pytest.mark.parametrize(
    ("tail", "author", "organization"),
    [
        (
            "Lý Thanh Tùng\nBan Tuyên giáo Huyện ủy Mỹ Tú",
            "Lý Thanh Tùng",
            "Ban Tuyên giáo Huyện ủy Mỹ Tú",
        ),
        ("T.H", "T.H", None),
        ("HB", "HB", None),
        ("T.H(bt)", "T.H", None),
        ("HB (th)", "HB", None),
        ("NGỌC TRINH", "NGỌC TRINH", None),
        ("Minh Anh (tổng hợp)", "Minh Anh", None),
        ("Tin và ảnh: Quang Vinh", "Quang Vinh", None),
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
        "Lớp học kết thúc vào cuối tháng 5. Nguyễn Thị Hồng Vân-Ban Dân vận Huyện ủy\n\n212 Go top"
    )
    assert find_byline(text) == Byline(
        author="Nguyễn Thị Hồng Vân", organization="Ban Dân vận Huyện ủy"
    )


def test_author_beside_the_time_line():
    text = (
        "Chính trị\n\nTiêu đề bài viết\n\nMinh Khôi 03/05/2023 14:10\n\nSáng 3-5, hội nghị diễn ra."
    )
    assert find_byline(text).author == "Minh Khôi"


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
    paragraphs = ["Đoạn một.", BODY, "Lý Thanh Tùng", "Ban Tuyên giáo Huyện ủy Mỹ Tú"]
    body, byline = split_byline(paragraphs)
    assert body == ["Đoạn một.", BODY]
    assert byline.author == "Lý Thanh Tùng"


def test_split_byline_inline_and_none():
    body, byline = split_byline(["Đoạn một.", "Kết thúc hội nghị. Thanh Tâm"])
    assert body == ["Đoạn một.", "Kết thúc hội nghị."]
    assert byline.author == "Thanh Tâm"
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
    text = "Tiêu đề bài viết\nBảo Ngọc\n02/09/2022 07:50\nNội dung bài viết rất dài và đầy đủ."
    assert find_byline(text).author == "Bảo Ngọc"


@pytest.mark.parametrize(
    ("tail", "author", "organization"),
    [
        ("Thu Hằng - Minh Anh", "Thu Hằng - Minh Anh", None),
        ("Minh Anh (TTXVN)", "Minh Anh", "TTXVN"),
        (
            "Lý Thanh Tùng (Ban Tuyên giáo Huyện ủy Mỹ Tú)",
            "Lý Thanh Tùng",
            "Ban Tuyên giáo Huyện ủy Mỹ Tú",
        ),
    ],
)
def test_several_authors_and_organisation_in_brackets(tail, author, organization):
    byline = find_byline(f"{BODY}\n\n{tail}")
    assert (byline.author, byline.organization) == (author, organization)


def test_a_heading_in_brackets_is_no_byline():
    assert find_byline(f"{BODY}\n\nHội nghị (tổng hợp)") is None


def test_author_organisation_and_source_on_separate_lines():
    text = f"{BODY}\n\nLý Thanh Tùng\n\nBan Tuyên giáo Huyện ủy Mỹ Tú\n\nNguồn: Báo Hậu Giang"
    assert find_byline(text) == Byline(
        author="Lý Thanh Tùng",
        organization="Ban Tuyên giáo Huyện ủy Mỹ Tú",
        source="Báo Hậu Giang",
    )


def test_name_and_organisation_joined_by_a_dash_on_their_own_line():
    byline = find_byline(f"{BODY}\n\nNguyễn Thị Lan-Ban Tuyên giáo Tỉnh ủy")
    assert (byline.author, byline.organization) == ("Nguyễn Thị Lan", "Ban Tuyên giáo Tỉnh ủy")
    assert find_byline(f"{BODY}\n\nNguyễn Văn An - Giám đốc Sở Y tế") is None
