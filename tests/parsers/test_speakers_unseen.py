"""Speakers and persons in the forms new sites write them (issue classes)."""

from parsers.fields import extract


def people(text):
    return {p["name"]: (p["spoke"], p["role"]) for p in extract(text)["persons"]}


def test_figures_of_the_past_are_quoted_not_speaking():
    p = people(
        "Sinh thời, Chủ tịch Hồ Chí Minh căn dặn: “Dễ trăm lần không dân cũng chịu”. "
        "Cố Thủ tướng Võ Văn Kiệt khẳng định phải đổi mới tư duy. "
        "Đồng chí Mai Văn Tú, Bí thư Huyện ủy nhấn mạnh yêu cầu sát dân."
    )
    assert p == {
        "Hồ Chí Minh": (False, None),
        "Võ Văn Kiệt": (False, None),
        "Mai Văn Tú": (True, "phat_bieu"),
    }


def test_in_his_lifetime_marks_an_unknown_figure_of_the_past():
    p = people("Lúc sinh thời, đồng chí Đặng Thái Sơn thường nói cán bộ phải nói đi đôi với làm.")
    assert p == {"Đặng Thái Sơn": (False, None)}


def test_foreign_names_after_a_title():
    p = people(
        "Thủ tướng Anthony Albanese và Đại sứ Canada Shawn Steil dự lễ. "
        "Ông Peter Hansen, Giám đốc dự án, cho biết dự án kéo dài ba năm."
    )
    assert p == {
        "Anthony Albanese": (False, None),
        "Shawn Steil": (False, None),
        "Peter Hansen": (True, "phat_bieu"),
    }


def test_a_company_after_a_title_is_not_a_person():
    assert people("Tổng Giám đốc Samsung Electronics cho biết doanh thu tăng.") == {}


def test_a_speaker_in_a_photo_caption_but_not_a_photo_credit():
    p = people(
        "Hội nghị tổng kết năm 2024.\nẢnh: Phó Chủ tịch UBND tỉnh Lò Văn Mừng phát biểu tại "
        "hội nghị.\nẢnh: Thanh Hà"
    )
    assert p == {"Lò Văn Mừng": (True, "phat_bieu")}


def test_co_chairs_of_a_press_conference():
    p = people(
        "Đồng chí Trịnh Văn Hùng, Phó Bí thư Tỉnh ủy và đồng chí Lê Thị Yến, Chủ tịch HĐND tỉnh "
        "đồng chủ trì buổi họp báo."
    )
    assert p == {"Trịnh Văn Hùng": (True, "chu_tri"), "Lê Thị Yến": (True, "chu_tri")}


def test_whose_instruction_is_conveyed_directed():
    p = people(
        "Văn phòng Tỉnh ủy truyền đạt ý kiến của đồng chí Hoàng Văn Lợi, Bí thư Tỉnh ủy về công "
        "tác phòng, chống bão. Đồng chí Ma Thị Thu truyền đạt ý kiến của Thường trực Tỉnh ủy."
    )
    assert p == {"Hoàng Văn Lợi": (True, "chi_dao"), "Ma Thị Thu": (True, "bao_cao")}


def test_a_conclusion_announced_for_someone():
    p = people("Văn phòng UBND tỉnh thông báo kết luận của đồng chí Bế Văn Khôi tại buổi làm việc.")
    assert p == {"Bế Văn Khôi": (True, "ket_luan")}
