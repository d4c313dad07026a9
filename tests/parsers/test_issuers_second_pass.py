"""Issuers of numbered documents, second pass: the classes of issuer the first pass missed
or read wrong (issuer before the reference, bodies joined, a list sharing what is read
before it, an issuer written right after the number, a bloc's committee)."""

import pytest

from parsers.fields import extract


def issuers(text):
    return {d["id"]: d["issuer"] for d in extract(text)["directives"] if d["id"]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The body that issued is the one right before the verb, not the one that advised.
        (
            "Ban Dân vận Huyện ủy đã tham mưu Huyện ủy ban hành Kế hoạch số 31-KH/HU về "
            "công tác dân vận.",
            {"31-KH/HU": "Huyện ủy"},
        ),
        (
            "Sở Tài chính trình UBND tỉnh ban hành Quyết định số 210/QĐ-UBND về giá đất.",
            {"210/QĐ-UBND": "UBND tỉnh"},
        ),
        (
            "Sau đó, Thường trực Tỉnh ủy giao Ban Tổ chức Tỉnh ủy ban hành Hướng dẫn số "
            "4-HD/BTCTU về quy trình.",
            {"4-HD/BTCTU": "Ban Tổ chức Tỉnh ủy"},
        ),
        # Verbs of issuing besides "ban hành".
        (
            "Ban Tuyên giáo Trung ương ra Hướng dẫn số 150-HD/BTGTW về tuyên truyền.",
            {"150-HD/BTGTW": "Ban Tuyên giáo Trung ương"},
        ),
        (
            "Quốc hội đã thông qua Nghị quyết số 202/2025/QH15 về sắp xếp đơn vị hành chính.",
            {"202/2025/QH15": "Quốc hội"},
        ),
        # Bodies that issued together are all the issuer.
        (
            "Bộ Chính trị, Ban Bí thư vừa ban hành Kết luận số 91-KL/TW về giáo dục.",
            {"91-KL/TW": "Bộ Chính trị, Ban Bí thư"},
        ),
        (
            "Năm 2022, Ban Thường vụ Huyện ủy, UBND huyện ban hành Kế hoạch số 12-KH/HU về "
            "du lịch.",
            {"12-KH/HU": "Ban Thường vụ Huyện ủy, UBND huyện"},
        ),
    ],
)
def test_issuer_written_before_the_reference(text, expected):
    assert issuers(text) == expected


def test_a_list_shares_the_issuer_and_date_written_before_it():
    text = (
        "Ngày 3/8/2023, Huyện ủy Cẩm Xuyên ban hành Nghị quyết số 14-NQ/HU, Chỉ thị số "
        "15-CT/HU và Kết luận số 16-KL/HU về công tác cán bộ."
    )
    found = {d["id"]: (d["issuer"], d["date"]) for d in extract(text)["directives"]}
    assert found == {
        "14-NQ/HU": ("Huyện ủy Cẩm Xuyên", "2023-08-03"),
        "15-CT/HU": ("Huyện ủy Cẩm Xuyên", "2023-08-03"),
        "16-KL/HU": ("Huyện ủy Cẩm Xuyên", "2023-08-03"),
    }


def test_what_is_read_before_a_list_stops_at_its_end():
    text = (
        "Tỉnh ủy ban hành Nghị quyết số 21-NQ/TU về kinh tế biển, triển khai Chỉ thị số "
        "22-CT/TW về biển đảo."
    )
    assert issuers(text) == {"21-NQ/TU": "Tỉnh ủy", "22-CT/TW": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Quán triệt Nghị quyết số 57-NQ/TW Hội nghị lần thứ mười Ban Chấp hành Trung ương "
            "Đảng khóa XII về khoa học.",
            "Hội nghị lần thứ mười Ban Chấp hành Trung ương Đảng khóa XII",
        ),
        (
            "Thực hiện Chỉ thị số 08-CT/TU ngày 2/3/2021 Ban Thường vụ Tỉnh ủy Hà Tĩnh, các "
            "chi bộ đã tổ chức.",
            "Ban Thường vụ Tỉnh ủy Hà Tĩnh",
        ),
        # A subject that starts the main clause is not the issuer.
        ("Thực hiện Chỉ thị số 08-CT/TU Ban Thường vụ Huyện ủy đã chỉ đạo các xã.", None),
        ("Theo Kế hoạch số 5-KH/TU Hội nghị đã thống nhất các nội dung.", None),
    ],
)
def test_issuer_right_after_the_number_without_cua(text, expected):
    assert list(issuers(text).values()) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Triển khai Kế hoạch số 40-KH/ĐUK của Đảng ủy Khối các cơ quan tỉnh về học tập.",
            "Đảng ủy Khối các cơ quan tỉnh",
        ),
        (
            "Công văn số 21-CV/ĐUK của Đảng ủy Khối các doanh nghiệp tỉnh, các chi bộ triển khai.",
            "Đảng ủy Khối các doanh nghiệp tỉnh",
        ),
    ],
)
def test_a_bloc_committee_keeps_cac_in_its_name(text, expected):
    assert list(issuers(text).values()) == [expected]


def test_a_body_that_does_not_reach_the_verb_is_no_issuer():
    # "huyện" is no body's name: nothing is read, rather than the advising body.
    text = "Năm 2024, huyện đã chủ động xây dựng và ban hành Kế hoạch số 9-KH/UBND về việc này."
    assert issuers(text) == {"9-KH/UBND": None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A line break right after a word that cannot end a body's name.
        ("Quán triệt Kết luận số 48-KL/TW của Bộ\nChính trị về thi đua.", "Bộ Chính trị"),
        (
            "Triển khai Chỉ thị số 11-CT/TU của Ban\nThường vụ Tỉnh ủy về an toàn giao thông.",
            "Ban Thường vụ Tỉnh ủy",
        ),
        # A province's name split by a line break.
        (
            "Căn cứ Quyết định số 318/QĐ-UBND của UBND tỉnh Lạng\nSơn về việc giao chỉ tiêu.",
            "UBND tỉnh Lạng Sơn",
        ),
        # A new line after a complete name is not followed.
        (
            "Thực hiện Kế hoạch số 7-KH/TU của Tỉnh ủy Lạng Sơn\nHội nghị tổng kết năm.",
            "Tỉnh ủy Lạng Sơn",
        ),
    ],
)
def test_an_issuer_cut_by_a_line_break(text, expected):
    assert list(issuers(text).values()) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A long issuer is read whole.
        (
            "Thực hiện Nghị quyết số 29-NQ/TW của Hội nghị lần thứ tám Ban Chấp hành Trung "
            "ương Đảng Cộng sản Việt Nam khóa XI về đổi mới giáo dục.",
            "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam khóa XI",
        ),
        # A ministry's or department's name that lists its fields keeps its comma.
        (
            "Căn cứ Thông tư số 08/2023/TT-BVHTTDL của Bộ Văn hóa, Thể thao và Du lịch về lễ hội.",
            "Bộ Văn hóa, Thể thao và Du lịch",
        ),
        (
            "Theo Kế hoạch số 45/KH-SNNPTNT của Sở Nông nghiệp, Môi trường và Phát triển nông "
            "thôn, các xã đã tổ chức.",
            "Sở Nông nghiệp, Môi trường và Phát triển nông thôn",
        ),
        # A comma before another body ends the name.
        ("Thực hiện Kế hoạch số 61/KH-UBND của UBND tỉnh, Sở Y tế và Sở Nội vụ.", "UBND tỉnh"),
    ],
)
def test_long_issuers_and_commas_inside_a_name(text, expected):
    assert list(issuers(text).values()) == [expected]


def test_a_run_longer_than_any_name_is_no_issuer():
    text = (
        "Thực hiện Kế hoạch số 3-KH/TU của Ban Chỉ đạo Tỉnh Ủy Ban Nhân Dân Hội Đồng Thi Đua "
        "Khen Thưởng Mặt Trận Tổ Quốc Công Đoàn Đoàn Thanh Niên Hội Phụ Nữ Hội Nông Dân Tỉnh."
    )
    assert issuers(text) == {"3-KH/TU": None}
