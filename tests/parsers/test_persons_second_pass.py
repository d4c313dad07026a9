"""Positions and roles, second pass: a position several people hold shared back to a name
written without one, an honorific alone that stands for the person just named, and the
role of a clause before a list given to each of its items (co-chairs)."""

import pytest

from parsers.fields import extract


def people(text):
    return {p["name"]: (p["positions"], p["role"]) for p in extract(text)["persons"]}


def test_a_deputys_position_is_shared_back_to_a_name_without_one():
    text = "Dự lễ có đồng chí Lò Văn Tâm, bà Hà Thị Mơ, Phó Chủ tịch UBND tỉnh và đại diện các sở."
    found = people(text)
    assert found["Lò Văn Tâm"][0] == ["Phó Chủ tịch UBND tỉnh"]
    assert found["Hà Thị Mơ"][0] == ["Phó Chủ tịch UBND tỉnh"]


def test_a_members_position_is_shared_back_too():
    text = "Có đồng chí Vàng Văn Sử, đồng chí Giàng A Páo, Ủy viên Ban Thường vụ Huyện ủy."
    assert people(text)["Vàng Văn Sử"][0] == ["Ủy viên Ban Thường vụ Huyện ủy"]


@pytest.mark.parametrize(
    "text",
    [
        # One person holds it: never shared.
        "Có ông Tòng Văn Khải, ông Vi Văn Lực, Chủ tịch UBND huyện cùng dự.",
        # Other words between the two names.
        "Ông Tòng Văn Khải dự lễ, ông Vi Văn Lực, Phó Chủ tịch UBND huyện phát biểu.",
    ],
)
def test_a_position_is_not_shared_back_otherwise(text):
    assert people(text)["Tòng Văn Khải"][0] == []


def test_an_honorific_alone_before_a_speech_verb_is_the_person_just_named():
    text = (
        "Đồng chí Lê Quang Vinh, Bí thư Huyện ủy cảm ơn đoàn công tác, đồng chí báo cáo "
        "kết quả thực hiện nhiệm vụ năm 2024."
    )
    assert people(text)["Lê Quang Vinh"][1] == "bao_cao"


def test_ong_alone_at_the_head_of_a_sentence():
    text = "Ông Phạm Đình Toàn dự lễ khánh thành cầu. Ông cho biết cầu dài 120 m."
    assert people(text)["Phạm Đình Toàn"][1] == "phat_bieu"


@pytest.mark.parametrize(
    "text",
    [
        # "ông" is not a woman named with "Thị".
        "Bà Nguyễn Thị Hạnh dự lễ khánh thành cầu. Ông cho biết cầu dài 120 m.",
        # Not across a paragraph.
        "Ông Phạm Đình Toàn dự lễ khánh thành cầu.\n\nÔng cho biết cầu dài 120 m.",
        # Not a speech verb.
        "Ông Phạm Đình Toàn dự lễ khánh thành cầu. Ông trao quà cho các hộ nghèo.",
    ],
)
def test_an_honorific_alone_is_read_only_where_it_is_sure(text):
    assert all(role is None for _, role in people(text).values())


def test_co_chairs_listed_after_the_verb():
    text = (
        "Chủ trì buổi họp báo có đồng chí Lâm Văn Phúc, Phó Trưởng ban Tuyên giáo Tỉnh ủy; "
        "đồng chí Quách Thị Quyên, Giám đốc Sở Văn hóa, Thể thao và Du lịch."
    )
    found = people(text)
    assert found["Lâm Văn Phúc"][1] == "chu_tri"
    assert found["Quách Thị Quyên"][1] == "chu_tri"


def test_co_chairs_joined_by_va():
    text = (
        "Đồng chủ trì hội nghị có đồng chí Hà Văn Bình, Bí thư Đảng ủy xã và đồng chí "
        "Lục Thị Hoa, Chủ tịch UBND xã."
    )
    assert {role for _, role in people(text).values()} == {"chu_tri"}


def test_the_role_before_a_list_stops_at_a_new_clause():
    text = (
        "Chủ trì hội nghị có đồng chí Lâm Văn Phúc, Phó Trưởng ban Tuyên giáo Tỉnh ủy; "
        "tham dự có đồng chí Quách Thị Quyên, Giám đốc Sở Văn hóa."
    )
    found = people(text)
    assert found["Lâm Văn Phúc"][1] == "chu_tri"
    assert found["Quách Thị Quyên"][1] is None


@pytest.mark.parametrize(
    ("text", "name", "positions", "role"),
    [
        # "giới thiệu" presents content, and ends the position before it.
        (
            "Hội nghị nghe đồng chí Mạc Văn Tùng, Phó Giám đốc Sở Tư pháp giới thiệu những "
            "điểm mới của Luật.",
            "Mạc Văn Tùng",
            ["Phó Giám đốc Sở Tư pháp"],
            "bao_cao",
        ),
        # ... but not inside a body's name.
        (
            "Ông Lê Văn Tý, Giám đốc Trung tâm giới thiệu việc làm tỉnh dự buổi gặp.",
            "Lê Văn Tý",
            ["Giám đốc Trung tâm giới thiệu việc làm tỉnh"],
            None,
        ),
        # "Trung tâm" is a centre: its "tâm" does not start a predicate ("tâm sự").
        (
            "Đồng chí Khổng Văn Đạt, Giám đốc Trung tâm Chính trị huyện quán triệt Chỉ thị.",
            "Khổng Văn Đạt",
            ["Giám đốc Trung tâm Chính trị huyện"],
            "bao_cao",
        ),
        # A diplomat's or representative's title names where the post is.
        (
            "Ông Park Min Ho, Đại sứ Hàn Quốc tại Việt Nam, phát biểu tại buổi tiếp.",
            "Park Min Ho",
            ["Đại sứ Hàn Quốc tại Việt Nam"],
            "phat_bieu",
        ),
        (
            "Ông Đặng Văn Tú, Đại sứ Việt Nam tại Lào thăm trường tại Viêng Chăn.",
            "Đặng Văn Tú",
            ["Đại sứ Việt Nam tại Lào"],
            None,
        ),
        (
            "Ông Đặng Văn Tú, Giám đốc Sở Công Thương tại hội nghị cho biết giá điện ổn định.",
            "Đặng Văn Tú",
            ["Giám đốc Sở Công Thương"],
            "phat_bieu",
        ),
        # "Ngài" introduces a foreigner.
        (
            "Ngài Andrei Petrov, Tổng Lãnh sự Liên bang Nga cho biết hai bên sẽ hợp tác.",
            "Andrei Petrov",
            ["Tổng Lãnh sự Liên bang Nga"],
            "phat_bieu",
        ),
    ],
)
def test_titles_and_verbs_of_presenting_diplomats_and_centres(text, name, positions, role):
    assert people(text)[name] == (positions, role)


@pytest.mark.parametrize(
    ("text", "name", "positions"),
    [
        # Abbreviated memberships open a list of titles.
        (
            "Đồng chí Bế Thị Lan, UV BTV Huyện ủy, Phó Chủ tịch Thường trực UBND huyện phát biểu.",
            "Bế Thị Lan",
            ["UV BTV Huyện ủy", "Phó Chủ tịch Thường trực UBND huyện"],
        ),
        (
            "Đồng chí Nông Văn Khánh, HUV, Bí thư Đảng ủy xã Quang Trung phát biểu.",
            "Nông Văn Khánh",
            ["HUV", "Bí thư Đảng ủy xã Quang Trung"],
        ),
        # Titles written in lower case, before a capitalised body.
        (
            "Đồng chí Lò Văn Dũng, phó bí thư Đảng ủy, chủ tịch UBND xã Mường Chanh phát biểu.",
            "Lò Văn Dũng",
            ["phó bí thư Đảng ủy", "chủ tịch UBND xã Mường Chanh"],
        ),
        # ... but not a common noun in lower case.
        ("Ông Lò Văn Dũng, giám đốc công ty cho biết giá tăng.", "Lò Văn Dũng", []),
    ],
)
def test_abbreviated_and_lower_case_titles(text, name, positions):
    assert people(text)[name][0] == positions
