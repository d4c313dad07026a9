"""Scraped text read as a reader would, spans reported as written."""

import pytest

from parsers.fields import extract
from parsers.fields.text import for_reading


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("ÐẢNG BỘ xã", "ĐẢNG BỘ xã"),
        ("Ban Tuyên giáo</image> tỉnh", "Ban Tuyên giáo         tỉnh"),
        ("Thông tin<br/>mới&nbsp;nhất", "Thông tin     mới      nhất"),
        ("của Ban Thường vụ\ntỉnh ủy về việc", "của Ban Thường vụ tỉnh ủy về việc"),
        ("ngày 3/2/2021 của\nBan Bí thư", "ngày 3/2/2021 của Ban Bí thư"),
        ("Ban Thường vụ \n  tỉnh ủy", "Ban Thường vụ    tỉnh ủy"),
        ("Kết thúc hội nghị.\nSáng nay", "Kết thúc hội nghị.\nSáng nay"),
        ("TIÊU ĐỀ BÀI\nNội dung", "TIÊU ĐỀ BÀI\nNội dung"),
        ("Danh sách:\nông A", "Danh sách:\nông A"),
        ("Chuyển đổi số\nSáng nay, hội nghị", "Chuyển đổi số\nSáng nay, hội nghị"),
    ],
)
def test_for_reading_keeps_every_offset(raw, read):
    assert for_reading(raw) == read
    assert len(for_reading(raw)) == len(raw)


def test_issuer_across_a_line_break_and_markup():
    text = (
        "Các đơn vị thực hiện Chỉ thị số 07-CT/TU ngày 12/3/2024 của\r\nBan Thường vụ "
        "Thành ủy</image> về phòng, chống thiên tai."
    )
    [d] = extract(text)["directives"]
    assert d["id"] == "07-CT/TU"
    assert d["issuer"] == "Ban Thường vụ Thành ủy"
    assert d["date"] == "2024-03-12"


def test_eth_for_d_and_doubled_spaces():
    text = "Thực hiện  Nghị quyết  số 12-NQ/ÐU ngày 5/1/2023 của Ðảng ủy  xã về việc học tập."
    [d] = extract(text)["directives"]
    assert d["id"] == "12-NQ/ĐU"
    assert d["issuer"] == "Đảng ủy xã"
    assert "ÐU" in d["text"]  # the span as written


def test_person_name_with_eth():
    text = "Ðồng chí Ðỗ Văn Hùng, Bí thư Ðảng ủy xã phát biểu tại hội nghị."
    [p] = extract(text)["persons"]
    assert p["name"] == "Đỗ Văn Hùng"
    assert p["spoke"] is True
