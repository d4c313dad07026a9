import pytest

from parsers.fields.persons import find_persons


def people(text):
    return {p.name: p for p in find_persons(text)}


def test_dong_chi_with_dash_and_positions():
    text = (
        "Đồng chí Trần Văn Lâm - Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy "
        "chủ trì hội nghị."
    )
    p = people(text)["Trần Văn Lâm"]
    assert p.positions == ("Ủy viên Ban Thường vụ Tỉnh ủy", "Trưởng Ban Dân vận Tỉnh ủy")
    assert (p.spoke, p.role) == (True, "chu_tri")


def test_commas_inside_the_name_of_a_body_stay_in_the_position():
    text = (
        "Hội nghị nghe đồng chí Phạm Quốc Anh - Phó Vụ trưởng Vụ Văn hóa, Văn nghệ, "
        "Ban Tuyên giáo Trung ương, Phó Bí thư Đảng ủy Vụ báo cáo chuyên đề."
    )
    p = people(text)["Phạm Quốc Anh"]
    assert p.positions == (
        "Phó Vụ trưởng Vụ Văn hóa, Văn nghệ, Ban Tuyên giáo Trung ương",
        "Phó Bí thư Đảng ủy Vụ",
    )
    assert p.role == "bao_cao"


def test_position_list_with_central_committee_then_deputy_secretary():
    text = (
        "Đồng chí Hồ Thị Nga, Ủy viên Dự khuyết Ban Chấp hành Trung ương Đảng, Phó Bí thư "
        "Thường trực Tỉnh ủy kết luận hội nghị."
    )
    p = people(text)["Hồ Thị Nga"]
    assert p.positions == (
        "Ủy viên Dự khuyết Ban Chấp hành Trung ương Đảng",
        "Phó Bí thư Thường trực Tỉnh ủy",
    )
    assert p.role == "ket_luan"


def test_dc_abbreviation():
    p = people("Đ/c Hà Văn Quý - UVTV, Trưởng Ban Dân vận Huyện ủy kết luận hội nghị.")
    assert p["Hà Văn Quý"].positions == ("UVTV", "Trưởng Ban Dân vận Huyện ủy")


def test_ong_ba_with_position_after_comma():
    p = people("Hội nghị đã nghe bà Vũ Thị Hạnh, Phó Giám đốc Sở Tài chính trình bày dự thảo.")
    assert p["Vũ Thị Hạnh"].positions == ("Phó Giám đốc Sở Tài chính",)
    assert p["Vũ Thị Hạnh"].role == "bao_cao"


def test_position_with_a_place_name_in_capitals_before_the_name():
    p = people("Bí thư Tỉnh ủy Quảng Ninh Nguyễn Xuân Ký yêu cầu các ngành tập trung khắc phục.")
    assert list(p) == ["Nguyễn Xuân Ký"]
    assert p["Nguyễn Xuân Ký"].positions == ("Bí thư Tỉnh ủy Quảng Ninh",)
    assert p["Nguyễn Xuân Ký"].role == "chi_dao"


def test_a_name_beginning_a_sentence():
    p = people(
        "Năm qua toàn tỉnh tinh gọn 12 đầu mối. "
        "Nguyễn Thanh Hải, Giám đốc Sở Nội vụ cho biết như vậy."
    )
    assert p["Nguyễn Thanh Hải"].positions == ("Giám đốc Sở Nội vụ",)
    assert p["Nguyễn Thanh Hải"].spoke


def test_two_persons_in_one_sentence_share_the_verb():
    p = people("Đồng chí Lê Văn Hùng và đồng chí Đỗ Thị Lan đồng chủ trì buổi làm việc.")
    assert {name: x.role for name, x in p.items()} == {
        "Lê Văn Hùng": "chu_tri",
        "Đỗ Thị Lan": "chu_tri",
    }


def test_attendee_list_with_semicolons_and_final_verb():
    text = (
        "Các đồng chí: Lò Văn Páo, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy; Quàng Thị Mai, "
        "Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì hội nghị."
    )
    p = people(text)
    assert list(p) == ["Lò Văn Páo", "Quàng Thị Mai"]
    assert all(x.role == "chu_tri" for x in p.values())


def test_attendee_list_without_verb_did_not_speak():
    text = (
        "Dự buổi lễ có các đồng chí: Y Thanh Hà Niê Kđăm-Phó Bí thư Tỉnh ủy; "
        "Nguyễn Tuấn Hà-Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh."
    )
    p = people(text)
    assert "Nguyễn Tuấn Hà" in p
    assert not any(x.spoke for x in p.values())


def test_positions_first_list():
    text = (
        "Dự có các đồng chí: Ủy viên Bộ Chính trị, Bí thư Thành ủy Đặng Văn Khuê; "
        "Phó Bí thư Thành ủy Hoàng Minh Khôi."
    )
    p = people(text)
    assert p["Đặng Văn Khuê"].positions == ("Ủy viên Bộ Chính trị", "Bí thư Thành ủy")
    assert p["Hoàng Minh Khôi"].positions == ("Phó Bí thư Thành ủy",)


def test_short_later_mentions_join_the_full_name():
    text = (
        "Ông Hoàng Minh Đức, Trưởng phòng Văn hóa huyện cho biết huyện đã mở 15 lớp. "
        "Theo ông Đức, kết quả này rất đáng ghi nhận. Đồng chí Trịnh Minh Hoàng phát biểu. "
        "Ông Minh Hoàng nói thêm về giải pháp."
    )
    names = [p.name for p in find_persons(text)]
    assert names == ["Hoàng Minh Đức", "Trịnh Minh Hoàng"]


def test_quoted_words():
    p = people("“Chúng tôi sẽ tiếp tục đồng hành cùng doanh nghiệp”, ông Trương Quang Hải nói.")
    assert p["Trương Quang Hải"].role == "trich_dan"


def test_upper_case_text():
    p = people("ĐỒNG CHÍ PHẠM VĂN TÂM, PHÓ BÍ THƯ TỈNH ỦY PHÁT BIỂU TẠI HỘI NGHỊ.")
    assert list(p) == ["Phạm Văn Tâm"]
    assert p["Phạm Văn Tâm"].spoke


def test_addressed_and_commemorated_people_did_not_speak():
    p = people(
        "Kính thưa đồng chí Trần Quốc Vượng, Thường trực Ban Bí thư! "
        "Kỷ niệm 100 năm Ngày sinh đồng chí Võ Chí Công (7/8/1912 - 7/8/2012)."
    )
    assert {name: x.spoke for name, x in p.items()} == {
        "Trần Quốc Vượng": False,
        "Võ Chí Công": False,
    }


def test_speech_given_by_a_person():
    p = people(
        "Đại biểu nghe bài phát biểu của đồng chí Chủ tịch Quốc hội Vương Đình Huệ tại lễ kỷ niệm."
    )
    assert p["Vương Đình Huệ"].spoke


def test_intro_clause_gives_the_role():
    p = people(
        "Phát biểu kết luận hội nghị, đồng chí Mai Văn Chính, Ủy viên Trung ương Đảng đề nghị "
        "các cấp ủy quan tâm."
    )
    assert p["Mai Văn Chính"].role == "ket_luan"


@pytest.mark.parametrize(
    "text",
    [
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
        "Lớp học tại Trường Chính trị Nguyễn Văn Cừ, số 5 đường Lê Lợi, phường Trần Hưng Đạo.",
        "Quang cảnh hội nghị. Ảnh: Nguyễn Văn Toàn",
        "Các đồng chí chủ trì hội nghị.",
        "Tham dự có các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy Quảng Trị.",
        "Thống kê: 292.080 Online: 13 Liên kết website",
        "Hội nghị Ban Chấp hành Đảng bộ tỉnh Bà Rịa - Vũng Tàu lần thứ 18.",
        "",
    ],
)
def test_no_person(text):
    assert find_persons(text) == []


def test_academic_and_military_titles():
    p = people(
        "PGS.TS Nguyễn Viết Thảo, Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh "
        "trình bày chuyên đề. Trung tướng Nguyễn Văn Gấu, Chính ủy Quân khu 9 phát biểu chỉ đạo."
    )
    assert list(p) == ["Nguyễn Viết Thảo", "Nguyễn Văn Gấu"]
    assert p["Nguyễn Viết Thảo"].positions[0] == "PGS.TS"
    assert p["Nguyễn Văn Gấu"].role == "chi_dao"


def test_president_ho_chi_minh_is_a_person_but_the_city_is_not():
    assert [x.name for x in find_persons("Chủ tịch Hồ Chí Minh đã dạy: “Đoàn kết”.")] == [
        "Hồ Chí Minh"
    ]
    assert find_persons("Chủ tịch UBND TP Hồ Chí Minh phát biểu tại hội nghị.") == []


def test_title_ending_in_an_administrative_unit():
    p = people("Chủ tịch UBND thành phố Võ Văn Hoan cho biết, thành phố đã hoàn thành.")
    assert p["Võ Văn Hoan"].positions == ("Chủ tịch UBND thành phố",)


def test_recipient_is_not_a_speaker():
    text = (
        "Thay mặt Ban Thường vụ Tỉnh ủy, đồng chí Bí thư Tỉnh ủy trao Huy hiệu 70 năm tuổi Đảng "
        "cho đồng chí Nguyễn Văn Tám."
    )
    assert people(text)["Nguyễn Văn Tám"].spoke is False


def test_family_and_artist_honorifics():
    p = people(
        "Anh Nguyễn Văn Hùng, đoàn viên xã Tân Lập chia sẻ niềm vui. Kỷ niệm ngày sinh nhạc sĩ "
        "Văn Cao. Cô Tô là huyện đảo. Anh Phong"
    )
    assert list(p) == ["Nguyễn Văn Hùng", "Văn Cao"]


def test_foreign_name_after_a_title():
    p = people("Tiếp Đại sứ Hoa Kỳ Jack Walker, lãnh đạo tỉnh giới thiệu tiềm năng.")
    assert p["Jack Walker"].positions == ("Đại sứ Hoa Kỳ",)
    p = people("Năm 1898, Toàn quyền Đông Dương Wolfsohn ký nghị định thành lập tỉnh.")
    assert p["Wolfsohn"].positions == ("Toàn quyền Đông Dương",)
    assert find_persons("Giám đốc Sở Zalo tham dự.") == []


def test_two_officials_joined_by_va_keep_their_own_titles():
    text = (
        "Đồng chí Đặng Ngọc Dũng, Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Tuyên giáo Tỉnh ủy "
        "và đồng chí Võ Thị Thu Hà, Phó Trưởng Ban Tuyên giáo Tỉnh ủy đồng chủ trì hội nghị."
    )
    p = people(text)
    assert p["Đặng Ngọc Dũng"].positions == (
        "Ủy viên Ban Thường vụ Tỉnh ủy",
        "Trưởng Ban Tuyên giáo Tỉnh ủy",
    )
    assert p["Võ Thị Thu Hà"].positions == ("Phó Trưởng Ban Tuyên giáo Tỉnh ủy",)
    assert {x.role for x in p.values()} == {"chu_tri"}


def test_lower_case_description_before_a_full_name():
    p = people(
        "Tại hội nghị, báo cáo viên Trần Văn Kiên, Phó Giám đốc Sở Kế hoạch và Đầu tư thông tin "
        "tình hình kinh tế. Ông Kiên cho biết tăng trưởng đạt 7,5%."
    )
    assert list(p) == ["Trần Văn Kiên"]
    assert p["Trần Văn Kiên"].positions == ("Phó Giám đốc Sở Kế hoạch và Đầu tư",)
    assert p["Trần Văn Kiên"].role == "bao_cao"


def test_other_actions_are_not_speech():
    p = people("Nhân dịp này, Chủ tịch nước Trần Đại Quang gửi thư chúc mừng các thầy cô giáo.")
    assert p["Trần Đại Quang"].spoke is False
    p = people("Đồng chí Lê Minh Hưng, Bí thư Trung ương Đảng dự và chỉ đạo hội nghị.")
    assert p["Lê Minh Hưng"].role == "chi_dao"


@pytest.mark.parametrize(
    "text",
    [
        "Công ty TNHH Hoàng Long và Trường Tiểu học Kim Đồng được khen thưởng.",
        "Đoàn đã dâng hương tại Khu di tích Nguyễn Sinh Sắc và Đền thờ Trần Hưng Đạo.",
        "Tại xã Phan Bội Châu, huyện Hương Sơn, người dân phấn khởi.",
        "Giải thưởng Võ Trường Toản năm 2023 được trao cho 20 nhà giáo.",
        "Ông bà ta có câu: “Uống nước nhớ nguồn”.",
        "UBND tỉnh Kon Tum, Sở Nội vụ cùng Bộ Chỉ huy Quân sự tỉnh phối hợp.",
    ],
)
def test_names_of_institutions_and_places(text):
    assert find_persons(text) == []


def test_titles_shared_by_a_list():
    text = (
        "Cùng đi có các đồng chí Ủy viên Trung ương Đảng: Bộ trưởng Bộ Nội vụ Phạm Thị Kim "
        "Oanh, Thứ trưởng Bộ Tài chính - Tổng cục trưởng Tổng cục Thuế Cao Anh Tuấn."
    )
    p = people(text)
    assert p["Phạm Thị Kim Oanh"].positions == ("Ủy viên Trung ương Đảng", "Bộ trưởng Bộ Nội vụ")
    assert p["Cao Anh Tuấn"].positions == (
        "Ủy viên Trung ương Đảng",
        "Thứ trưởng Bộ Tài chính",
        "Tổng cục trưởng Tổng cục Thuế",
    )


def test_ede_woman_name_after_a_title():
    p = people("Phó Chủ tịch UBND tỉnh H'Yim Kđoh phát biểu tại buổi làm việc.")
    assert p["H'Yim Kđoh"].positions == ("Phó Chủ tịch UBND tỉnh",)


def test_a_speech_word_in_the_middle_of_the_clause_does_not_make_a_speaker():
    p = people(
        "Tham dự buổi phát biểu cảm nhận của sinh viên có đồng chí Nguyễn Văn An, Bí thư Tỉnh ủy."
    )
    assert p["Nguyễn Văn An"].spoke is False


def test_co_chairs_joined_by_va_and_a_question_from_the_floor():
    text = (
        "Chủ tịch UBND tỉnh Phạm Thành Ngại và Phó Chủ tịch Thường trực Hội Nông dân Việt Nam "
        "Bùi Thị Thơm đồng chủ trì hội nghị. Tại hội nghị, ông Trần Văn Hai, nông dân xã Mỹ Hiệp "
        "đặt câu hỏi về vốn vay."
    )
    p = people(text)
    assert p["Phạm Thành Ngại"].role == p["Bùi Thị Thơm"].role == "chu_tri"
    assert p["Trần Văn Hai"].spoke


def test_former_titles_and_dash_enclosed_titles():
    assert people("Tham dự có nguyên Chủ tịch nước Nguyễn Minh Triết.")[
        "Nguyễn Minh Triết"
    ].positions == ("nguyên Chủ tịch nước",)
    p = people("Đồng chí Nguyễn Văn An – Phó Bí thư Thường trực Tỉnh ủy – phát biểu.")
    assert p["Nguyễn Văn An"].positions == ("Phó Bí thư Thường trực Tỉnh ủy",)
    assert p["Nguyễn Văn An"].role == "phat_bieu"


def test_academic_title_with_a_full_stop():
    p = people("TS. Nguyễn Văn Minh, Viện trưởng Viện Kinh tế phát biểu tham luận.")
    assert p["Nguyễn Văn Minh"].positions == ("TS.", "Viện trưởng Viện Kinh tế")
    assert find_persons("Ông học TS. Sau đó về nước công tác.") == []


def test_quotation_after_a_colon():
    p = people("Ông Đinh Văn Toản, Giám đốc Sở Công Thương: “Chúng tôi sẽ kiểm tra ngay”.")
    assert p["Đinh Văn Toản"].role == "trich_dan"


def test_honorary_titles():
    p = people("Nhà giáo Nhân dân Nguyễn Văn Lợi chia sẻ kinh nghiệm giảng dạy.")
    assert p["Nguyễn Văn Lợi"].positions == ("Nhà giáo Nhân dân",)
    p = people("Anh hùng Lao động Trần Thị Lý được vinh danh tại buổi lễ.")
    assert p["Trần Thị Lý"].positions == ("Anh hùng Lao động",)
