"""Positions and speakers in the forms new sites write them (issue classes)."""

from parsers.fields import extract


def people(text):
    return {p["name"]: p for p in extract(text)["persons"]}


def test_a_title_shared_by_a_list_without_an_honorific():
    p = people(
        "Tham dự có các Ủy viên Ban Thường vụ Tỉnh ủy: Hà Văn Nam, Trưởng ban Dân vận Tỉnh ủy; "
        "Lò Thị Hoa, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh."
    )
    assert p["Hà Văn Nam"]["positions"] == [
        "Ủy viên Ban Thường vụ Tỉnh ủy",
        "Trưởng ban Dân vận Tỉnh ủy",
    ]
    assert p["Lò Thị Hoa"]["positions"][0] == "Ủy viên Ban Thường vụ Tỉnh ủy"


def test_an_item_with_its_own_membership_does_not_take_the_lists():
    p = people(
        "Dự buổi làm việc có các đồng chí Ủy viên Bộ Chính trị: Đinh Văn Quý, Trưởng Ban Kinh tế "
        "Trung ương; Mai Thị Lan, Ủy viên Trung ương Đảng, Bộ trưởng Bộ Tư pháp."
    )
    assert p["Đinh Văn Quý"]["positions"] == [
        "Ủy viên Bộ Chính trị",
        "Trưởng Ban Kinh tế Trung ương",
    ]
    assert p["Mai Thị Lan"]["positions"] == ["Ủy viên Trung ương Đảng", "Bộ trưởng Bộ Tư pháp"]


def test_alternate_member_and_a_rank():
    p = people(
        "Đồng chí Vũ Đức Thành, Ủy viên dự khuyết Trung ương Đảng, Bí thư Tỉnh ủy phát biểu. "
        "Thượng tướng Tạ Quang Minh, Thứ trưởng Bộ Quốc phòng dự hội nghị."
    )
    assert p["Vũ Đức Thành"]["positions"] == ["Ủy viên dự khuyết Trung ương Đảng", "Bí thư Tỉnh ủy"]
    assert p["Tạ Quang Minh"]["positions"] == ["Thứ trưởng Bộ Quốc phòng"]


def test_a_title_ends_where_the_predicate_starts_after_a_place_or_unit():
    p = people(
        "Đồng chí Cao Thị Yến, Phó Bí thư Tỉnh ủy Sơn La ôn lại chặng đường 60 năm. "
        "Đồng chí Kiều Văn Long, Bí thư Đảng ủy phường điểm lại kết quả."
    )
    assert p["Cao Thị Yến"]["positions"] == ["Phó Bí thư Tỉnh ủy Sơn La"]
    assert p["Kiều Văn Long"]["positions"] == ["Bí thư Đảng ủy phường"]


def test_a_body_named_with_information_stays_whole():
    p = people(
        "Đồng chí Đặng Văn Tú, Phó Trưởng ban Chỉ đạo công tác thông tin đối ngoại tỉnh "
        "đã thông tin về tình hình biển Đông."
    )
    assert p["Đặng Văn Tú"]["positions"] == [
        "Phó Trưởng ban Chỉ đạo công tác thông tin đối ngoại tỉnh"
    ]
    assert p["Đặng Văn Tú"]["role"] == "bao_cao"


def test_a_position_given_once_and_the_same_title_said_two_ways():
    p = people(
        "Đồng chí Lý Văn Hòa, Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy dự hội nghị. "
        "Phát biểu bế mạc, đồng chí Lý Văn Hòa, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy nhấn mạnh "
        "nhiệm vụ năm tới. Ông Hòa cũng yêu cầu các cấp ủy sát sao hơn."
    )
    assert list(p) == ["Lý Văn Hòa"]
    assert p["Lý Văn Hòa"]["positions"] == [
        "Ủy viên Ban Chấp hành Trung ương Đảng",
        "Bí thư Tỉnh ủy",
    ]
    assert p["Lý Văn Hòa"]["spoke"] is True


def test_speakers_who_deploy_a_resolution():
    p = people(
        "Đồng chí Hoàng Minh Đức, Phó Bí thư Huyện ủy triển khai Nghị quyết tại hội nghị. "
        "Đồng chí Tô Thị Mai, Trưởng Ban Tuyên giáo Huyện ủy quán triệt Chỉ thị của Ban Bí thư."
    )
    assert p["Hoàng Minh Đức"]["role"] == "bao_cao"
    assert p["Tô Thị Mai"]["role"] == "bao_cao"


def test_a_title_alone_refers_back_to_the_person_given_it():
    p = people(
        "Dự hội nghị có đồng chí Vi Văn Sơn, Chủ tịch UBND huyện. Kết luận hội nghị, đồng chí "
        "Chủ tịch UBND huyện yêu cầu các xã khẩn trương triển khai."
    )
    assert p["Vi Văn Sơn"]["role"] == "ket_luan"
    assert p["Vi Văn Sơn"]["positions"] == ["Chủ tịch UBND huyện"]


def test_a_title_shared_by_two_people_refers_to_neither():
    p = people(
        "Dự có đồng chí Vi Văn Sơn, Phó Chủ tịch UBND huyện và đồng chí Lục Thị Hà, Phó Chủ tịch "
        "UBND huyện. Phó Chủ tịch UBND huyện nhấn mạnh yêu cầu tiến độ."
    )
    assert [x["spoke"] for x in p.values()] == [False, False]


def test_a_role_verb_after_an_opening_time_phrase():
    p = people(
        "Ngày 3-7, chủ trì hội nghị sơ kết, Phó Bí thư Huyện ủy Nông Văn Chiến đề nghị các chi "
        "bộ rà soát đảng viên."
    )
    assert p["Nông Văn Chiến"]["role"] == "chu_tri"


def test_positions_in_brackets_after_a_name():
    p = people(
        "Đồng chí Vàng A Dình (Bí thư Huyện ủy, Chủ tịch HĐND huyện) và đồng chí Lò Văn Pấng "
        "(Chủ tịch UBND huyện) dự lễ. Ông Lường Văn Ón (sinh năm 1950) chia sẻ kỷ niệm."
    )
    assert p["Vàng A Dình"]["positions"] == ["Bí thư Huyện ủy", "Chủ tịch HĐND huyện"]
    assert p["Lò Văn Pấng"]["positions"] == ["Chủ tịch UBND huyện"]
    assert p["Lường Văn Ón"]["positions"] == []


def test_two_positions_joined_by_kiem():
    p = people(
        "Đồng chí Hà Thị Vân, Phó Bí thư Huyện ủy kiêm Trưởng ban Dân vận Huyện ủy phát biểu."
    )
    assert p["Hà Thị Vân"]["positions"] == ["Phó Bí thư Huyện ủy", "Trưởng ban Dân vận Huyện ủy"]
