import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from parsers.fields import extract

DIRECTIVE_KEYS = {"text", "kind", "number", "symbol", "id", "date", "issuer", "title"}
PERSON_KEYS = {"name", "positions", "spoke", "role"}

ARTICLE = (
    "Sáng 12/6, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị.\n\n"
    "Đồng chí Trần Văn Lâu - Phó Bí thư Thường trực Huyện ủy chủ trì Hội nghị.\n\n"
    "Các cấp ủy quán triệt Chỉ thị số 27-CT/TU ngày 14/08/2021 của Ban Thường vụ Tỉnh ủy.\n\n"
    "Lý Thanh Tùng\nBan Tuyên giáo Huyện ủy Mỹ Tú"
)


def check_shape(out):
    assert set(out) == {"directives", "persons", "byline"}
    for d in out["directives"]:
        assert set(d) == DIRECTIVE_KEYS
        assert all(v is None or isinstance(v, str) for v in d.values())
    for p in out["persons"]:
        assert set(p) == PERSON_KEYS
        assert isinstance(p["name"], str) and isinstance(p["positions"], list)
        assert isinstance(p["spoke"], bool)
    assert out["byline"] is None or set(out["byline"]) == {"author", "organization"}


def test_extract_article():
    out = extract(ARTICLE)
    check_shape(out)
    assert [d["id"] for d in out["directives"]] == ["27-CT/TU"]
    assert [p["name"] for p in out["persons"]] == ["Trần Văn Lâu"]
    assert out["byline"] == {
        "author": "Lý Thanh Tùng",
        "organization": "Ban Tuyên giáo Huyện ủy Mỹ Tú",
    }


def test_nfd_input_gives_the_same_result():
    assert extract(unicodedata.normalize("NFD", ARTICLE)) == extract(ARTICLE)


def test_byline_author_is_not_a_person():
    out = extract("Ông Nguyễn Văn Bình, Giám đốc Sở Y tế cho biết như vậy.\n\nNguyễn Văn Bình")
    assert out["byline"]["author"] == "Nguyễn Văn Bình"
    assert out["persons"] == []


def test_empty_and_noise():
    assert extract("") == {"directives": [], "persons": [], "byline": None}


def test_sidebar_noise_gives_nothing():
    sidebar = (
        "Liên kết website\n Lượt truy cập\nThống kê: 292.080\nOnline: 13\n\nMới nhất\n"
        "Hội nghị báo cáo viên tháng 9/2024 (12/09/2024)\nThư viện ảnh\nPhản hồi\n"
        "  • Khách Khách 1302\n415 Go top"
    )
    assert extract(sidebar) == {"directives": [], "persons": [], "byline": None}


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_extract_never_raises(text):
    check_shape(extract(text))


VIETNAMESE = st.lists(
    st.sampled_from(
        [
            *"ĐđÂâĂăÊêÔôƠơƯưÁáÀàỦủỹ0123456789/-.,;:()“”\n ",
            *("đồng chí ", "Nguyễn ", "Văn ", "Bí thư ", "Tỉnh ủy", "số ", "Nghị quyết "),
            *("NQ/TW", "ngày ", "của ", "Ban ", "Số: ", "CỘNG HÒA XÃ HỘI", "Căn cứ ", "Ảnh: "),
        ]
    )
).map("".join)


@settings(max_examples=200, deadline=None)
@given(VIETNAMESE)
def test_extract_never_raises_on_vietnamese_like_text(text):
    check_shape(extract(text))


# Whole phrases the readers act on (honorifics, names, titles, separators, speech verbs,
# document mentions) in any order: edge cases such as a text that ends on the comma after
# a title are reached far more often than from characters or words.
PHRASES = st.lists(
    st.sampled_from(
        [
            *("Ông", "bà", "Đồng chí", "các đồng chí", "Đ/c", "PGS.TS", "anh", "Kính thưa"),
            *("Dự hội nghị có đồng chí:", "Nguyễn Văn Nam", "Trần Thị Hà", "Lê Minh", "Nam"),
            *("H'Hen Niê", "Y Thanh Hà Niê Kđăm", "NGUYỄN VĂN NAM", "Klobukowski"),
            *("Bí thư Tỉnh ủy", "Chủ tịch UBND xã Tân Phú", "huyện Đồng Xuân", "nguyên Bí thư"),
            *("Phó Trưởng Ban Tuyên giáo Tỉnh ủy", "Toàn quyền Đông Dương", "BÍ THƯ TỈNH ỦY"),
            *("Nhà giáo Nhân dân", ",", ";", ":", ".", "-", "–", "/", "\n", "(", ")", "“", "”"),
            *("…", "phát biểu", "cho biết", "được bổ nhiệm làm", "báo cáo", "và", "Ảnh:"),
            *("Nghị quyết số 35-NQ/TW", "Chỉ thị 19-CT/TU", "Quyết định số 1234/QĐ-UBND"),
            *("72/2013/NĐ-CP", "ngày 06/02/2020", "của Ban Thường vụ Tỉnh ủy", "Số: 12-NQ/TU"),
            *("Luật Đất đai 2024", "Điều lệ Đảng", "Nghị quyết Trung ương 4 khóa XIII"),
            *("văn bản số 123/UBND-VX", "Nghị quyết “Xây dựng Đảng”", "Kế hoạch 2", "NQ"),
        ]
    ),
    max_size=14,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(PHRASES)
@example("Ông Nguyễn Văn Nam, Bí thư Tỉnh ủy,")  # ended on the comma after a title
def test_extract_never_raises_on_phrases(text):
    check_shape(extract(text))


def test_source_only_byline_is_none_in_the_schema_shape():
    assert extract("Nội dung bài viết đầy đủ.\n\nNguồn: Báo Nhân Dân")["byline"] is None
