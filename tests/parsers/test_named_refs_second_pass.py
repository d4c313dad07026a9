"""Documents cited by name, second pass: laws whose names pair two words with a comma,
"Bộ luật …" written alone, a subject that ends at a verb, and the text a numbered
decision issues ("về việc ban hành Quy chế …"), which is no citation of its own."""

import pytest

from parsers.fields import extract
from parsers.fields.named_key import named_key


def named(text):
    return [(d["kind"], d["title"]) for d in extract(text)["directives"] if not d["id"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hội nghị phổ biến Luật Phòng, chống bạo lực gia đình tới hội viên.",
            [("luat", "Luật Phòng, chống bạo lực gia đình")],
        ),
        (
            "Xã tuyên truyền Luật Thi đua, khen thưởng năm 2022 và Luật Phòng, chống ma túy.",
            [("luat", "Luật Thi đua, khen thưởng"), ("luat", "Luật Phòng, chống ma túy")],
        ),
        (
            "Góp ý dự thảo Luật Viên chức, công chức (sửa đổi) tại tổ.",
            [("luat", "Luật Viên chức, công chức (sửa đổi)")],
        ),
        # A comma that starts a list of other things ends the name.
        (
            "Học tập Luật Đất đai, các nghị định và thông tư hướng dẫn.",
            [("luat", "Luật Đất đai")],
        ),
        (
            "Phổ biến Luật Hôn nhân và gia đình, nghị định hướng dẫn thi hành.",
            [("luat", "Luật Hôn nhân và gia đình")],
        ),
    ],
)
def test_laws_whose_names_pair_words_with_a_comma(text, expected):
    assert named(text) == expected


def test_a_law_with_a_comma_has_one_key_with_or_without_its_year():
    a = named_key("luat", "Luật Phòng, chống tham nhũng năm 2018")
    b = named_key("luat", "Luật Phòng, chống tham nhũng")
    assert a == b


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đoàn viên tìm hiểu Bộ luật Lao động năm 2019.", [("luat", "Bộ luật Lao động")]),
        (
            "Tuyên truyền Hiến pháp năm 2013 và Bộ luật Dân sự cho đồng bào.",
            [("other", "Hiến pháp năm 2013"), ("luat", "Bộ luật Dân sự")],
        ),
    ],
)
def test_a_code_named_bo_luat_without_another_law_in_the_text(text, expected):
    assert named(text) == expected


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Kết luận của Ban Bí thư về công tác thanh niên đã được các chi bộ triển khai.",
            "Kết luận của Ban Bí thư về công tác thanh niên",
        ),
        (
            "Thông báo kết luận của Bộ Chính trị về đổi mới tổ chức bộ máy sẽ được quán triệt.",
            "Thông báo kết luận của Bộ Chính trị về đổi mới tổ chức bộ máy",
        ),
        # "không được" belongs to the subject.
        (
            "Quy định của Ban Chấp hành Trung ương về những điều đảng viên không được làm, "
            "chi bộ đã học.",
            "Quy định của Ban Chấp hành Trung ương về những điều đảng viên không được làm",
        ),
    ],
)
def test_a_subject_ends_at_the_verb_of_its_sentence(text, title):
    assert [t for _, t in named(text)] == [title]


@pytest.mark.parametrize(
    "text",
    [
        "Quyết định số 77-QĐ/TU ngày 2/3/2023 của Ban Thường vụ Tỉnh ủy về việc ban hành "
        "Quy chế làm việc của Ban Chỉ đạo phòng, chống tham nhũng tỉnh.",
        "Căn cứ Quyết định số 310/QĐ-UBND của UBND huyện về ban hành Kế hoạch phát triển "
        "du lịch cộng đồng huyện giai đoạn 2021-2025 và định hướng đến năm 2030.",
    ],
)
def test_what_a_numbered_decision_issues_is_no_citation_of_its_own(text):
    assert named(text) == []
    assert len(extract(text)["directives"]) == 1


def test_a_described_document_issued_is_still_read():
    text = "UBND tỉnh vừa ban hành Kế hoạch phát triển du lịch cộng đồng vùng núi phía Tây."
    assert named(text) == [("ke_hoach", "Kế hoạch phát triển du lịch cộng đồng vùng núi phía Tây")]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Sinh viên học Luật Khoa học và công nghệ năm 2013.", "Luật Khoa học và công nghệ"),
        ("Sở phổ biến Luật Đất đai và triển khai các nghị định.", "Luật Đất đai"),
        ("Huyện quán triệt Luật Báo chí và các văn bản hướng dẫn.", "Luật Báo chí"),
    ],
)
def test_va_inside_a_law_name_and_after_it(text, title):
    assert [t for _, t in named(text)] == [title]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "QUÁN TRIỆT NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ HUYỆN LẦN THỨ XXI\nHuyện ủy tổ chức hội nghị.",
            [("nghi_quyet", "NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ HUYỆN LẦN THỨ XXI")],
        ),
        (
            "TUYÊN TRUYỀN CƯƠNG LĨNH CHÍNH TRỊ VÀ ĐIỀU LỆ ĐẢNG CHO ĐẢNG VIÊN MỚI",
            [("other", "CƯƠNG LĨNH CHÍNH TRỊ"), ("other", "ĐIỀU LỆ ĐẢNG")],
        ),
        # The same document named again in the body: one entry, its title as the body writes it.
        (
            "HỌC TẬP NGHỊ QUYẾT TRUNG ƯƠNG 10 KHÓA XIII\nChi bộ học tập Nghị quyết Trung ương 10 "
            "khóa XIII.",
            [("nghi_quyet", "Nghị quyết Trung ương 10 khóa XIII")],
        ),
    ],
)
def test_documents_named_in_a_headline_in_capitals(text, expected):
    assert named(text) == expected
