"""Documents cited by name, without a number, and their normalised key."""

import pytest

from parsers.fields import extract
from parsers.fields.named_key import named_key


def named(text):
    return [(d["kind"], d["title"]) for d in extract(text)["directives"] if not d["id"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Các chi bộ tổ chức học tập Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XV, "
            "nhiệm kỳ 2020-2025 trong tháng 12.",
            [
                (
                    "nghi_quyet",
                    "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XV, nhiệm kỳ 2020-2025",
                )
            ],
        ),
        (
            "Báo cáo viên giới thiệu Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương "
            "Đảng khóa XIII về Chiến lược bảo vệ Tổ quốc.",
            [
                (
                    "nghi_quyet",
                    "Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII",
                )
            ],
        ),
        (
            "Đoàn viên tìm hiểu Cương lĩnh chính trị và Điều lệ Đảng.",
            [("other", "Cương lĩnh chính trị"), ("other", "Điều lệ Đảng")],
        ),
        (
            "Hội đồng nhân dân xã thực hiện Luật Tổ chức chính quyền địa phương năm 2025 "
            "từ ngày 1/7.",
            [("luat", "Luật Tổ chức chính quyền địa phương")],
        ),
        (
            "Huyện ủy quán triệt Kết luận của Bộ Chính trị về tiếp tục đổi mới hệ thống "
            "chính trị, tinh gọn bộ máy.",
            [("ket_luan", "Kết luận của Bộ Chính trị về tiếp tục đổi mới hệ thống chính trị")],
        ),
        (
            "Cán bộ nghiên cứu Văn kiện Đại hội XIV của Đảng; đồng thời học Nghị quyết Đại hội "
            "đại biểu toàn quốc lần thứ XIV của Đảng.",
            [("other", "Văn kiện Đại hội XIV của Đảng")],  # one congress, one entry
        ),
    ],
)
def test_named_documents(text, expected):
    assert named(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đại biểu thảo luận Báo cáo chính trị tại Đại hội XIV của Đảng.",
            [("bao_cao", "Báo cáo chính trị tại Đại hội XIV của Đảng", None)],
        ),
        (
            "Triển khai Nghị quyết của Huyện ủy về phát triển du lịch, đồng thời thực hiện Kế "
            "hoạch của UBND tỉnh về chuyển đổi số.",
            [
                ("nghi_quyet", "Nghị quyết của Huyện ủy về phát triển du lịch", "Huyện ủy"),
                ("ke_hoach", "Kế hoạch của UBND tỉnh về chuyển đổi số", "UBND tỉnh"),
            ],
        ),
        (
            "Thực hiện Nghị quyết Hội nghị Trung ương 6 (khóa XII) về y tế.",
            [("nghi_quyet", "Nghị quyết Hội nghị Trung ương 6 (khóa XII)", None)],
        ),
    ],
)
def test_named_documents_with_issuer_or_event(text, expected):
    found = extract(text)["directives"]
    assert [(d["kind"], d["title"], d["issuer"]) for d in found if not d["id"]] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hội nghị bàn việc thực hiện Đề án hợp nhất trường chính trị các huyện trong năm.",
            [("de_an", "Đề án hợp nhất trường chính trị các huyện")],
        ),
        (
            "Năm 1925, thực dân Pháp ra Nghị định chia tách tỉnh Hòa Bình (theo tư liệu cũ).",
            [("nghi_dinh", "Nghị định chia tách tỉnh Hòa Bình")],
        ),
        ("Các chi bộ quán triệt Nghị quyết tới từng đảng viên.", []),
        ("Huyện ủy giao nhiệm vụ, Chỉ thị nhằm tạo chuyển biến rõ nét.", []),
        ("Thành ủy quán triệt Nghị quyết đại hội đảng bộ các cấp nhiệm kỳ mới.", []),
        ("Kế hoạch tổ chức lễ kỷ niệm được thông qua.", []),  # at the start of a sentence
        ("Xã ban hành Kế hoạch triển khai Chỉ thị số 12-CT/HU năm 2024 của Huyện ủy.", []),
    ],
)
def test_documents_named_by_what_they_do(text, expected):
    assert named(text) == expected


def test_a_number_later_in_the_sentence_does_not_end_a_congress_title():
    text = "Thực hiện nghị quyết đại hội các cấp gắn với Nghị quyết số 12 của Huyện ủy."
    assert named(text) == []


def test_named_reference_text_is_as_written():
    text = "Học tập Nghị quyết Đại hội Ðảng bộ tỉnh lần thứ XVI</image> năm nay."
    [d] = [d for d in extract(text)["directives"] if not d["id"]]
    assert d["text"] == "Nghị quyết Đại hội Ðảng bộ tỉnh lần thứ XVI"  # Ð (U+00D0) as written
    assert d["title"] == "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVI"


@pytest.mark.parametrize(
    ("kind", "titles", "key"),
    [
        (
            "nghi_quyet",
            [
                "Nghị quyết Đại hội XIV",
                "Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIV của Đảng",
                "Văn kiện Đại hội XIV",
                "NQ ĐH Đảng toàn quốc lần thứ 14",
            ],
            "dai-hoi:toan-quoc:XIV",
        ),
        (
            "nghi_quyet",
            [
                "Nghị quyết Hội nghị lần thứ mười Ban Chấp hành Trung ương Đảng khóa XII",
                "Nghị quyết Trung ương 10 khóa XII",
                "Nghị quyết Hội nghị Trung ương 10 khoá XII",
            ],
            "hoi-nghi-trung-uong:10:XII",
        ),
        (
            "nghi_quyet",
            [
                "Nghị quyết Đại hội Đảng bộ tỉnh Bắc Ninh lần thứ XX",
                "Nghị quyết ĐH Đảng bộ tỉnh Bắc Ninh khóa XX",
            ],
            "dai-hoi:dang-bo-tinh-bac-ninh:XX",
        ),
        ("luat", ["Luật Báo chí", "Luật Báo chí 2016", "Luật Báo chí (sửa đổi)"], "luat:bao-chi"),
        ("other", ["Điều lệ Đảng"], "other:dieu-le-dang"),
    ],
)
def test_named_key(kind, titles, key):
    assert {named_key(kind, t) for t in titles} == {key}


def test_named_key_keeps_levels_apart():
    assert named_key("nghi_quyet", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XIII") != named_key(
        "nghi_quyet", "Nghị quyết Đại hội XIII"
    )
