"""Bylines in the forms new sites print them (issue classes)."""

import pytest

from parsers.fields import extract

BODY = (
    "Chiều 12/4, Đảng ủy phường tổ chức hội nghị sơ kết quý I và triển khai nhiệm vụ quý II "
    "với sự tham dự của các chi bộ trực thuộc.\nHội nghị thống nhất năm nhóm giải pháp trọng tâm."
)


@pytest.mark.parametrize(
    ("text", "author", "organization"),
    [
        (
            f"Tiêu đề\nPhạm Thị Hạnh (Ban Dân vận Huyện ủy Cẩm Khê)\n{BODY}",
            "Phạm Thị Hạnh",
            "Ban Dân vận Huyện ủy Cẩm Khê",
        ),
        (f"Tiêu đề\n{BODY}\nĐỖ QUANG VINH", "ĐỖ QUANG VINH", None),
        (f"Tiêu đề\n{BODY}\nN.T(tk)", "N.T", None),
        (f"Tiêu đề\n{BODY}\nV.H (BT)", "V.H", None),
        (f"Tiêu đề\n{BODY}\nHồng Nhung - Quang Tú", "Hồng Nhung - Quang Tú", None),
        (
            f"Tiêu đề\n{BODY}\nLò Văn Sáng\n(Trung tâm Chính trị huyện Mường La)",
            "Lò Văn Sáng",
            "Trung tâm Chính trị huyện Mường La",
        ),
    ],
)
def test_bylines(text, author, organization):
    assert extract(text)["byline"] == {"author": author, "organization": organization}


def test_a_person_with_a_position_in_brackets_under_the_title_is_no_byline():
    text = f"Tiêu đề\nĐồng chí Lê Văn Tâm (Bí thư Huyện ủy) phát biểu tại hội nghị.\n{BODY}"
    assert extract(text)["byline"] is None


def test_the_top_author_is_not_counted_among_the_persons():
    text = f"Tiêu đề\nPhạm Thị Hạnh (Ban Dân vận Huyện ủy Cẩm Khê)\n{BODY}"
    assert extract(text)["persons"] == []
