"""Document numbers and issuers in the forms new sites write them (issue classes)."""

import pytest

from parsers.fields import extract


def refs(text):
    return [(d["id"], d["issuer"], d["date"]) for d in extract(text)["directives"] if d["id"]]


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("Thực hiện Chương trình hành động số 14-CTr/TU của Tỉnh ủy.", ["14-CTR/TU"]),
        ("Triển khai Chương trình số 09-Ctr/HU về chuyển đổi số.", ["09-CTR/HU"]),
        ("theo kế hoạch số 21-kh/đu của đảng ủy xã.", ["21-KH/ĐU"]),
        (
            "Căn cứ Thông tư liên tịch số 03/2016/TTLT-BNV-BTC ngày 2/5/2016 của hai bộ.",
            ["03/2016/TTLT-BNV-BTC"],
        ),
        (
            "Áp dụng Thông tư liên tịch số 42/2019/TTLT-BTC-BNN&PTNT hướng dẫn lập dự toán.",
            ["42/2019/TTLT-BTC-BNN&PTNT"],
        ),
    ],
)
def test_symbols_in_mixed_case_with_ampersand_and_several_ministries(text, ids):
    assert [i for i, _, _ in refs(text)] == ids


def test_a_lower_case_word_after_a_number_is_no_symbol():
    assert refs("Kế hoạch số 3-ba bước được triển khai.") == [("3", None, None)]
    assert refs("Chương trình số 2-Ctr của huyện.") == [("2", None, None)]


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("BTV Huyện ủy vừa ban hành Kế hoạch số 88-KH/HU về công tác dân vận.", "BTV Huyện ủy"),
        (
            "Ban Thường vụ Thành ủy Cần Thơ mới ban hành Chỉ thị số 11-CT/TU về phòng cháy.",
            "Ban Thường vụ Thành ủy Cần Thơ",
        ),
        (
            "Theo Quyết định số 77/QĐ-UBND ngày 1/6/2022 của UBND huyện Lâm Thao vừa công bố.",
            "UBND huyện Lâm Thao",
        ),
        (
            "QUYẾT ĐỊNH SỐ 120/QĐ-TTG CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ PHÊ DUYỆT ĐỀ ÁN",
            "THỦ TƯỚNG CHÍNH PHỦ",
        ),
        (
            "Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Hội nghị lần thứ sáu Ban Chấp "
            "hành Trung ương Đảng khóa XII về sắp xếp bộ máy.",
            "Hội nghị lần thứ sáu Ban Chấp hành Trung ương Đảng khóa XII",
        ),
        (
            'Theo Hướng dẫn số 05-HD/BTGTU ngày 2/2/2024 của "</image>Ban Tuyên giáo Tỉnh ủy về '
            "tuyên truyền.",
            "Ban Tuyên giáo Tỉnh ủy",
        ),
        (
            "Ngày 5/3, Thủ tướng Chính phủ ký ban hành Quyết định số 120/QĐ-TTg phê duyệt đề án.",
            "Thủ tướng Chính phủ",
        ),
        (
            "Kế hoạch số 31-KH/HU được Ban Thường vụ Huyện ủy ban hành ngày 2/2/2021.",
            "Ban Thường vụ Huyện ủy",
        ),
        (
            "Sở Giáo dục và Đào tạo đề nghị các trường rà soát hồ sơ (Công văn số 901/SGDĐT-TCCB "
            "ngày 4/4/2024).",
            "Sở Giáo dục và Đào tạo",
        ),
    ],
)
def test_issuers(text, issuer):
    [(_, found, _)] = refs(text)
    assert found == issuer


def test_bracketed_reference_after_a_sentence_not_opened_by_a_body():
    [(_, issuer, _)] = refs("Hội nghị diễn ra trong hai ngày (theo Kế hoạch số 4-KH/TU).")
    assert issuer is None


def test_a_passive_names_the_issuer_only_before_an_issuing_verb():
    assert refs("Kế hoạch số 31-KH/HU được Ban Thường vụ Huyện ủy đánh giá cao.") == [
        ("31-KH/HU", None, None)
    ]
