import random

import pytest

from parsers.fields import context
from parsers.fields.directives import find_directives


def one(text):
    found = [d for d in find_directives(text) if d.id]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "number", "symbol", "doc_id"),
    [
        (
            "Thực hiện Nghị quyết số 35-NQ/TW của Bộ Chính trị",
            "nghi_quyet",
            "35",
            "NQ/TW",
            "35-NQ/TW",
        ),
        ("quán triệt Chỉ thị 19-CT/TU về mạng xã hội", "chi_thi", "19", "CT/TU", "19-CT/TU"),
        ("theo Công văn số 1510-CV/BTGTU đã gửi", "cong_van", "1510", "CV/BTGTU", "1510-CV/BTGTU"),
        ("Quy định số 08-QĐi/TW về nêu gương", "quy_dinh", "08", "QĐi/TW", "08-QĐI/TW"),
        (
            "ban hành Quyết định số 1234/QĐ-UBND để triển khai",
            "quyet_dinh",
            "1234",
            "QĐ-UBND",
            "1234/QĐ-UBND",
        ),
        (
            "Căn cứ Nghị định 72/2013/NĐ-CP về Internet",
            "nghi_dinh",
            "72",
            "2013/NĐ-CP",
            "72/2013/NĐ-CP",
        ),
        ("Luật số 24/2018/QH14 đã có hiệu lực", "luat", "24", "2018/QH14", "24/2018/QH14"),
        (
            "Thông tư liên tịch số: 183/2010/TTLT/BTC-BNN hướng dẫn",
            "thong_tu",
            "183",
            "2010/TTLT/BTC-BNN",
            "183/2010/TTLT/BTC-BNN",
        ),
        ("Tờ trình số 12/TTr-SNV về tổ chức bộ máy", "to_trinh", "12", "TTr-SNV", "12/TTR-SNV"),
        ("Kế hoạch số 207- KH/TU đã đề ra", "ke_hoach", "207", "KH/TU", "207-KH/TU"),
        ("Chỉ thị số 11 -CT/TU về Tết", "chi_thi", "11", "CT/TU", "11-CT/TU"),
        ("Nghị định số 38/2019/NĐ- CP quy định", "nghi_dinh", "38", "2019/NĐ- CP", "38/2019/NĐ-CP"),
        ("Hướng dẫn số 21–HD/BTGTU về tuyên truyền", "huong_dan", "21", "HD/BTGTU", "21-HD/BTGTU"),
        (
            "có văn bản số 1287/CV-BTGTU gửi các huyện",
            "cong_van",
            "1287",
            "CV-BTGTU",
            "1287/CV-BTGTU",
        ),
        ("Kếhoạch số 64-KH/TU về tuyên truyền", "ke_hoach", "64", "KH/TU", "64-KH/TU"),
    ],
)
def test_numbering_grammars(text, kind, number, symbol, doc_id):
    d = one(text)
    assert (d.kind, d.number, d.symbol, d.id) == (kind, number, symbol, doc_id)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Nghị quyết số 35-NQ/TW ngày 22/10/2018 về bảo vệ", "2018-10-22"),
        ("Nghị quyết số 35-NQ/TW, ngày 22-10-2018 về bảo vệ", "2018-10-22"),
        ("Nghị quyết số 35-NQ/TW ngày 22.10.2018 về bảo vệ", "2018-10-22"),
        ("Nghị quyết số 35-NQ/TW ngày 22 tháng 10 năm 2018 về bảo vệ", "2018-10-22"),
        ("Nghị quyết số 35-NQ/TW ngày 22 tháng 10 năm\n2018 về bảo vệ", "2018-10-22"),
    ],
)
def test_document_date_in_every_written_form(text, date):
    assert one(text).date == date


def test_a_year_inside_the_number_is_not_the_date():
    d = one("Thực hiện Nghị định 72/2013/NĐ-CP của Chính phủ về quản lý dịch vụ.")
    assert d.date is None
    assert d.issuer == "Chính phủ"


def test_number_split_over_a_line_break():
    d = one("Thực hiện Chỉ thị số\n42-CT/TW, ngày\n16/3/2020 của Bộ Chính trị về đại hội")
    assert (d.id, d.date, d.issuer) == ("42-CT/TW", "2020-03-16", "Bộ Chính trị")


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "Chỉ thị số 19-CT/TU ngày 06/02/2020 của Ban Thường vụ Tỉnh ủy về việc",
            "Ban Thường vụ Tỉnh ủy",
        ),
        (
            "Nghị quyết 33-NQ/TW ngày 9.6.2014 của Ban Chấp hành Trung ương Đảng (khóa XI) "
            "về đổi mới",
            "Ban Chấp hành Trung ương Đảng (khóa XI)",
        ),
        ("Kết luận số 12-KL/TU của Tỉnh ủy về công tác cán bộ", "Tỉnh ủy"),
        ("Quyết định số 55/QĐ-UBND của UBND tỉnh An Giang về việc", "UBND tỉnh An Giang"),
        (
            "Chỉ thị số 24-CT/TW của Ban Bí thư khóa XII “Về tăng cường”",
            "Ban Bí thư khóa XII",
        ),
        (
            "Kế hoạch số 7-KH/TU của Ban Thường vụ\nTỉnh ủy Lạng Sơn về tuyên truyền",
            "Ban Thường vụ Tỉnh ủy Lạng Sơn",
        ),
        (
            "Thông tư số 3/2020/TT-BTC của Bộ Tài chính - Bộ Công Thương hướng dẫn",
            "Bộ Tài chính - Bộ Công Thương",
        ),
        ("Nghị quyết số 9-NQ/TU của tỉnh ủy gắn với phòng dịch", "tỉnh ủy"),
    ],
)
def test_issuer(text, issuer):
    assert one(text).issuer == issuer


def test_issuer_and_date_written_before_the_document():
    d = one(
        "Ngày 3/5/2021, Ban Thường vụ Huyện ủy Gio Linh đã ban hành Chỉ thị số 07-CT/HU "
        "về phòng dịch."
    )
    assert (d.date, d.issuer) == ("2021-05-03", "Ban Thường vụ Huyện ủy Gio Linh")


def test_shared_date_and_issuer_in_a_list():
    text = (
        "quán triệt Nghị quyết số 18-NQ/TW, Nghị quyết số 19-NQ/TW, ngày 25-10-2017, "
        "của Hội nghị Trung ương 6 khóa XII về sắp xếp bộ máy."
    )
    found = find_directives(text)
    assert [(d.id, d.date, d.issuer) for d in found] == [
        ("18-NQ/TW", "2017-10-25", "Hội nghị Trung ương 6 khóa XII"),
        ("19-NQ/TW", "2017-10-25", "Hội nghị Trung ương 6 khóa XII"),
    ]


def test_shared_issuer_across_va():
    found = find_directives("triển khai Chỉ thị 11 và Kết luận số 21 của Bộ Chính trị về học tập")
    assert [(d.id, d.kind, d.issuer) for d in found] == [
        ("11", "chi_thi", "Bộ Chính trị"),
        ("21", "ket_luan", "Bộ Chính trị"),
    ]


def test_number_without_symbol():
    d = one("Thực hiện Nghị quyết số 35, ngày 22.10.2018 của Bộ Chính trị về bảo vệ nền tảng.")
    assert (d.id, d.number, d.symbol, d.date) == ("35", "35", None, "2018-10-22")


def test_quantities_are_not_numbers():
    assert [
        d.id for d in find_directives("báo cáo 6 tháng đầu năm và kế hoạch 5 năm tới.") if d.id
    ] == []


def test_one_entry_per_document_with_the_fullest_information():
    text = (
        "Ban Thường vụ Tỉnh ủy ban hành Chỉ thị số 15-CT/TU về Tết. Chỉ thị số 15-CT/TU, "
        "ngày 18/11/2021 yêu cầu các cấp ủy thực hiện. Nghị quyết số 39 nêu rõ; "
        "Nghị quyết số 39/NQ-TW của Bộ Chính trị."
    )
    found = [d for d in find_directives(text) if d.id]
    assert [(d.id, d.date, d.issuer) for d in found] == [
        ("15-CT/TU", "2021-11-18", "Ban Thường vụ Tỉnh ủy"),
        ("39/NQ-TW", None, "Bộ Chính trị"),
    ]


def test_bare_full_number_without_document_word():
    assert one("tiếp tục thực hiện 35-NQ/TW trong toàn Đảng bộ.").kind == "nghi_quyet"


def test_legal_document_header():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n\nSố: 215/QĐ-UBND\n\n"
        "Khánh Hòa, ngày 05 tháng 03 năm 2019\n\nQUYẾT ĐỊNH\n\nVỀ VIỆC BAN HÀNH KẾ HOẠCH\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA\n\nCăn cứ Luật Tổ chức chính quyền địa phương;"
    )
    d = one(text)
    assert (d.id, d.kind, d.date) == ("215/QĐ-UBND", "quyet_dinh", "2019-03-05")
    assert d.issuer == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA"


def test_unnumbered_named_references():
    found = find_directives(
        "Quán triệt Nghị quyết Trung ương 4 khóa XII về xây dựng Đảng; thi hành Luật An ninh mạng."
    )
    titles = {(d.kind, d.title, d.id) for d in found}
    assert ("nghi_quyet", "Nghị quyết Trung ương 4 khóa XII", None) in titles
    assert ("luat", "Luật An ninh mạng", None) in titles


def test_reference_cut_off_by_the_end_of_an_excerpt_is_left_out():
    assert find_directives("tuyên truyền Hướng dẫn 58-HD") == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Hội nghị đã diễn ra thành công tốt đẹp.",
        "COVID-19 và 9/14 đảng bộ",
        "pháp luật số 5 người",
    ],
)
def test_no_reference(text):
    assert [d for d in find_directives(text) if d.id] == []


def test_impossible_document_date_is_none():
    d = one("Kết luận số 01-KL/TW ngày 31/02/2021 của Bộ Chính trị về học tập.")
    assert (d.date, d.issuer) == (None, "Bộ Chính trị")


def test_longer_document_words_win():
    d = one("Theo Thông báo kết luận số 312-TB/TU ngày 1/3/2023 của Thường trực Tỉnh ủy về cán bộ.")
    assert (d.kind, d.issuer) == ("thong_bao", "Thường trực Tỉnh ủy")


def test_kind_word_a_few_words_before_a_bare_number():
    d = one("Pháp lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14 có hiệu lực.")
    assert (d.id, d.kind) == ("02/2020/UBTVQH14", "phap_lenh")


def test_issuer_stops_before_the_next_document():
    found = find_directives(
        "Chỉ thị số 08/CT-UBND ngày 10/3/2021 của Chủ tịch UBND tỉnh và Công điện số 5/CĐ-UBND."
    )
    assert [(d.id, d.issuer) for d in found] == [
        ("08/CT-UBND", "Chủ tịch UBND tỉnh"),
        ("5/CĐ-UBND", None),
    ]


def test_law_titles():
    titles = [d.title for d in find_directives("Bộ luật Hình sự năm 2015 và Luật Đất đai 2024.")]
    assert titles == ["Bộ luật Hình sự", "Luật Đất đai"]


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        ("Nghị quyết số 39/NQ-TW của Bộ Chính trị\nNgày 5/6, hội nghị diễn ra.", "Bộ Chính trị"),
        ("Quyết định số 5/QĐ-UBND của UBND tỉnh\nAn Giang về việc", "UBND tỉnh An Giang"),
        (
            "Quyết định số 5/QĐ-UBND của Ủy ban nhân dân\ntỉnh An Giang ban hành quy chế",
            "Ủy ban nhân dân tỉnh An Giang",
        ),
        (
            "Kế hoạch số 64-KH/TU của Ban Thường vụ\n\nTỉnh ủy thực hiện nhiệm vụ",
            "Ban Thường vụ Tỉnh ủy",
        ),
    ],
)
def test_issuer_across_line_breaks(text, issuer):
    assert one(text).issuer == issuer


@pytest.mark.parametrize(
    ("text", "doc_id"),
    [
        ("Triển khai Đề án 06 về dữ liệu dân cư.", "06"),
        ("Thực hiện Nghị quyết số: 35-NQ/TW của Bộ Chính trị.", "35-NQ/TW"),
        ("Quyết định số 1234 /QĐ-UBND của UBND tỉnh.", "1234/QĐ-UBND"),
        ("Nghị quyết số 35 - NQ/TW của Bộ Chính trị.", "35-NQ/TW"),
    ],
)
def test_more_number_forms(text, doc_id):
    assert one(text).id == doc_id


def test_a_year_after_a_document_word_is_not_a_number():
    assert [
        d.id for d in find_directives("Kế hoạch 2024 và Báo cáo 2023 đã hoàn thành.") if d.id
    ] == []


def test_issuer_shared_by_dated_references():
    found = find_directives(
        "Chỉ thị số 28-CT/TW ngày 25/9/2018 và Kết luận số 54-KL/TW ngày 7/8/2019 "
        "của Bộ Chính trị về học tập và làm theo."
    )
    assert [(d.id, d.date, d.issuer) for d in found] == [
        ("28-CT/TW", "2018-09-25", "Bộ Chính trị"),
        ("54-KL/TW", "2019-08-07", "Bộ Chính trị"),
    ]


def test_party_document_header():
    text = (
        "TỈNH ỦY QUẢNG NAM\n*\nSố 12-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Quảng Nam, ngày 05 tháng 3 năm 2021\n\nNGHỊ QUYẾT\nvề phát triển du lịch"
    )
    d = one(text)
    assert (d.id, d.kind, d.date, d.issuer) == (
        "12-NQ/TU",
        "nghi_quyet",
        "2021-03-05",
        "TỈNH ỦY QUẢNG NAM",
    )


def test_official_letter_without_a_kind_code():
    d = one("UBND tỉnh có văn bản số 2345/UBND-VX ngày 3/4/2023 chỉ đạo các sở.")
    assert (d.id, d.kind, d.date) == ("2345/UBND-VX", "cong_van", "2023-04-03")


def test_date_in_brackets():
    d = one("Nghị quyết 35-NQ/TW (22/10/2018) của Bộ Chính trị về bảo vệ nền tảng.")
    assert (d.date, d.issuer) == ("2018-10-22", "Bộ Chính trị")


def test_sentence_start_is_the_full_search() -> None:
    """The last sentence of a window before a number, found from the window's last run of
    end marks and spaces: the same answer as the search through the whole window."""
    rng = random.Random(7)
    windows = [
        "".join(rng.choice("ab .!?;\n\t  xy") for _ in range(rng.randint(0, 40)))
        for _ in range(5000)
    ]
    windows += ["Ngày 16/7/1987, Ban Thường vụ ban hành", "Xong.\n\n  Ngày 5, Tỉnh ủy có", ""]
    for window in windows:
        assert context._sentence_start(window) == context._SENTENCE_START.search(window).end()
