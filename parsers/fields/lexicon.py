"""Word lists for reading Vietnamese names and titles.

Everything is in `key` form (see `key`): lower case, with the old and new placements
of the tone mark on "uy"/"oa" unified ("uỷ" = "ủy", "hoà" = "hòa"). Multi-word
entries are tuples of keys.
"""

from __future__ import annotations

_TONE_PLACEMENT = {
    "uỷ": "ủy",
    "uý": "úy",
    "uỳ": "ùy",
    "uỹ": "ũy",
    "uỵ": "ụy",
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
}
_MARKED_SECOND = frozenset(pair[1] for pair in _TONE_PLACEMENT)


def key(word: str) -> str:
    """Lower case with one placement of the tone mark: "Uỷ" → "ủy", "Hoà" → "hòa"."""
    word = word.lower()
    if _MARKED_SECOND.isdisjoint(word):
        return word
    for old, new in _TONE_PLACEMENT.items():
        if old in word:
            word = word.replace(old, new)
    return word


def words(text: str) -> tuple[str, ...]:
    return tuple(key(w) for w in text.split())


def phrases(text: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(key(w) for w in p.split()) for p in text.split("|") if p.strip())


# Family names, Kinh and of the larger minorities. Words that are far more often a
# given name or a title ("Văn", "Quang", "Phó") are left out.
SURNAMES = frozenset(
    words(
        """
        Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đinh
        Trương Lâm Mai Trịnh Đoàn Cao Lương Hà Tô Tạ Thái Châu Chu Quách Lại Vương Triệu
        Lưu Phùng Kiều Từ Khổng La Đàm Thân Tăng Hứa Mạc Nghiêm Lục Chế Kim Doãn Mẫn Tôn
        Quan Bạch Giáp Thạch Đồng Viên Nông Lò Hầu Bế Sầm Vi Lữ Diệp Âu Ninh Tống Khúc Thiều
        Ksor Ksơr Rah Siu Rơ Niê Mlô Nay Y Chẩu Lăng Điểu Danh Ma Mông Vàng Giàng Sùng Thào
        Lầu Cầm Quàng Lường Phí Lạc Lã Lư Đường Trình Hàn Khương Biện Cù Cung Hán Khuất Liêu
        Mạnh Nhữ Ôn Tiêu Trà Trác Ung Uông Tòng Mùa Vừ Bàn Đèo Kha Mã Ngụy Đậu Dư Tào Tiết
        Trầm Vy Ngọ Sần Hờ Ly Lỗ Đổng Đôn Cấn Lê
        """
    )
)

# Heads of titles and positions, longest first within the same first word.
POSITION_HEADS = phrases(
    "ủy viên|tỉnh ủy viên|thành ủy viên|huyện ủy viên|thị ủy viên|đảng ủy viên|bí thư|"
    "phó|tổng bí thư|chủ tịch|thủ tướng|bộ trưởng|thứ trưởng|trưởng|giám đốc|tổng giám đốc|"
    "chánh văn phòng|chánh án|chánh thanh tra|tổng thanh tra|viện trưởng|hiệu trưởng|"
    "cục trưởng|vụ trưởng|chủ nhiệm|thường trực|đại biểu quốc hội|tổng thư ký|thư ký|"
    "tổ trưởng|uvbchtw|uvtv|ubtv|uvbtv|uvbch|pbt|pbttt|tuv|uv|huv|thuv|đuv|uvtw|"
    "đại tướng|thượng tướng|trung tướng|"
    "thiếu tướng|đại tá|thượng tá|trung tá|thiếu tá|đại úy|giáo sư|gs|pgs|ts|ths|"
    "bác sĩ|nhà báo|nhà giáo|nghệ sĩ nhân dân|nghệ sĩ ưu tú|toàn quyền|chính ủy|tư lệnh|"
    "tham mưu trưởng|chỉ huy trưởng|tổng biên tập|nguyên|đại sứ|lãnh sự|tổng lãnh sự|"
    "pgs.ts|gs.ts|ths.bs|pgs.ts.bs|ts.bs|bs.ckii|bsckii|bsck|ncs|"
    "gs.|pgs.|ts.|ths.|bs.|ks.|ncs.|pgs.ts.|gs.ts.|"
    "tổng thống|phó tổng thống|quốc vương|nhà vua|nhà giáo nhân dân|nhà giáo ưu tú|"
    "thầy thuốc nhân dân|thầy thuốc ưu tú|anh hùng lao động|anh hùng lực lượng vũ trang nhân dân|"
    "chủ tịch nước|phó chủ tịch nước|bí thư thường trực|anh hùng|mẹ việt nam anh hùng|"
    "đồng chủ tịch|tổng cục trưởng|chủ tịch ubnd|chủ tịch hđnd|trưởng ban|trưởng đoàn|"
    "trưởng phòng|trưởng khoa|chủ nhiệm ủy ban"
)

# Military ranks: written before a name ("Đại tướng Phan Văn A, Bộ trưởng …"), a rank
# is not a position held. (Academic degrees, "PGS.TS", are kept as written.)
RANKS = frozenset(
    " ".join(p)
    for p in phrases(
        "đại tướng|thượng tướng|trung tướng|thiếu tướng|đại tá|thượng tá|trung tá|thiếu tá|"
        "đại úy|thượng úy|trung úy|thiếu úy"
    )
)

# Words of a company's name, never of a person's ("Samsung Electronics").
COMPANY_WORDS = frozenset(
    words("group corporation company corp bank electronics holdings airlines motor motors tech")
)

# Figures of the past whose words are quoted as teachings, not as speech at an event.
HISTORICAL = frozenset(
    " ".join(name)
    for name in phrases(
        "Hồ Chí Minh|Nguyễn Ái Quốc|Võ Nguyên Giáp|Lê Duẩn|Trường Chinh|Phạm Văn Đồng|"
        "Tôn Đức Thắng|Nguyễn Văn Linh|Lê Hồng Phong|Trần Phú|Hà Huy Tập|Nguyễn Văn Cừ|"
        "Lê Khả Phiêu|Đỗ Mười|Võ Văn Kiệt|Lênin|Các Mác|Mác|Ăngghen"
    )
)

# Lower-case descriptions written right before a full name ("báo cáo viên Trần Văn Kiên").
_COMMON_TITLES = (
    "báo cáo viên|tuyên truyền viên|đại biểu|cử tri|nghệ nhân|chiến sĩ|cựu chiến binh|"
    "đảng viên|bác sĩ|tiến sĩ|thạc sĩ|kỹ sư|luật sư|doanh nhân|nông dân|người dân|em|cháu|"
    "bạn|đoàn viên|hội viên|thượng úy|trung úy|thiếu úy|đại úy|học sinh|sinh viên"
)

# Words that introduce a person.
HONORIFICS = phrases(
    "đồng chí|đ/c|ông|bà|ngài|anh|chị|cụ|cô|thầy|người ký :|đồng chí :|nhà thơ|nhà văn|nhạc sĩ|"
    "họa sĩ|nhà báo|nghệ sĩ|ca sĩ|thầy giáo|cô giáo|nhà giáo|liệt sĩ|cố|" + _COMMON_TITLES
)
# Honorifics that are also ordinary words; they introduce only a full name.
FAMILY_HONORIFICS = phrases("anh|chị|cụ|cô|thầy|cố|" + _COMMON_TITLES)

# Speech verbs and the role each gives (gold SCHEMA.md "Roles").
ROLE_VERBS: dict[tuple[str, ...], str] = {}
for _role, _verbs in (
    ("chu_tri", "chủ trì|đồng chủ trì|điều hành"),
    ("ket_luan", "kết luận|phát biểu kết luận|thông báo kết luận"),
    (
        "chi_dao",
        "chỉ đạo|yêu cầu|phát biểu chỉ đạo|giao nhiệm vụ|chỉ thị|ý kiến chỉ đạo|"
        "truyền đạt ý kiến|thông báo ý kiến",
    ),
    (
        "bao_cao",
        "báo cáo|trình bày|quán triệt|truyền đạt|thông tin|báo cáo tham luận|thuyết trình|"
        "giới thiệu chuyên đề|triển khai|phổ biến|giới thiệu nội dung|giới thiệu",
    ),
    (
        "phat_bieu",
        "phát biểu|nhấn mạnh|đề nghị|khẳng định|cho biết|cho rằng|nêu rõ|chia sẻ|bày tỏ|"
        "đánh giá|tiếp xúc|đối thoại|ca ngợi|cám ơn|cảm ơn|lưu ý|đề xuất|trao đổi|gợi ý|"
        "thông báo|khai mạc|phát động|giải đáp|trả lời|tham luận|biểu dương|chúc mừng|"
        "ghi nhận|mong muốn|kêu gọi|nhắc nhở|đề cập|phân tích|khái quát|tiếp thu|"
        "giải trình|hoan nghênh|động viên|căn dặn|chỉ rõ|nhận định|nhận xét|ý kiến|"
        "phát biểu khai mạc|phát biểu bế mạc|bế mạc|phát biểu tại|phát biểu ý kiến|"
        "theo|thay mặt|chúc|gửi lời|tuyên bố|công bố|trao đổi với|tâm sự|kể|nói rõ|"
        "khen ngợi|thừa nhận|cam kết|nhắn nhủ|tiết lộ|giải thích|dự báo|gợi mở|chỉ ra|"
        "đặt câu hỏi|kiến nghị|phản ánh|đề đạt",
    ),
    ("trich_dan", "nói|chia sẻ với|bộc bạch|khẳng định rằng"),
):
    for _phrase in phrases(_verbs):
        ROLE_VERBS[_phrase] = _role
# "theo" and "thay mặt" introduce a speaker only before the name; never after it.
# So do the words that name what someone else conveys: "truyền đạt ý kiến của đồng chí X"
# (X's instruction), "ý kiến chỉ đạo của …".
INTRO_ONLY = frozenset(
    {("theo",), ("thay", "mặt"), ("ý", "kiến")}
    | set(phrases("ý kiến chỉ đạo|truyền đạt ý kiến|thông báo ý kiến|thông báo kết luận"))
)
ROLE_RANK = {
    "chu_tri": 6,
    "ket_luan": 5,
    "chi_dao": 4,
    "bao_cao": 3,
    "trich_dan": 2,
    "phat_bieu": 1,
}

# Words that end a position: the predicate has started.
PREDICATE_STARTS = frozenset(
    words(
        """
        dự đã đến làm được cùng tại trao tặng nhận thăm cho về với là đang sẽ vừa cũng không
        rất nêu mong gửi ký chúc có thay đi tham chỉ yêu báo trình quán truyền phát nhấn đề
        khẳng kết chủ đánh ca cám cảm lưu trả giải kêu nhắc hoan tuyên tâm nói bày chia đối
        bế vẫn còn luôn từng dẫn
        """
    )
)

# Verbs of action, not speech: when one heads the predicate, the person did not speak
# in that sentence ("gửi thư chúc mừng", "trao Bằng khen", "được tặng").
OTHER_ACTIONS = frozenset(
    words("gửi trao tặng nhận thăm dự viếng dâng đón tiếp làm ký được bị về đi đến")
)

# Provinces and the other place names that stand between a title and a name
# ("Bí thư Tỉnh ủy Hà Tĩnh Lê Đình Sơn").
PLACES = phrases(
    "An Giang|Bà Rịa|Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|"
    "Bình Dương|Bình Phước|Bình Thuận|Cà Mau|Cần Thơ|Cao Bằng|Đà Nẵng|Đắk Lắk|Đắk Nông|"
    "Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|"
    "Hải Phòng|Hậu Giang|Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|"
    "Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|"
    "Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|"
    "Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Thừa Thiên - Huế|Huế|Tiền Giang|"
    "TP.HCM|TPHCM|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|"
    "Yên Bái|Việt Nam|Trung ương|Đông Dương|Hà Tây|Bình Trị Thiên|Nghĩa Bình|Quảng Đà|"
    "Campuchia|Lào|Trung Quốc|Hoa Kỳ|Australia|Canada|Singapore|Malaysia|Indonesia|"
    "Philippines|Myanmar|Brunei|Cuba|Brazil|Argentina|Chile|Mexico|Israel|Italia|"
    "New Zealand|Hungary|Mozambique|Venezuela|Nhật Bản|Hàn Quốc|Ấn Độ|Thái Lan|Liên bang Nga"
)

# Words after which a name belongs to an institution, a place or a doctrine
# ("tư tưởng Hồ Chí Minh", "Trường Chính trị Nguyễn Văn Cừ", "đường Lê Lợi").
NAME_IN_INSTITUTION = phrases(
    "tư tưởng|phong cách|trường|đường|lăng|bảo tàng|di tích|đền|tượng đài|quảng trường|"
    "cầu|chợ|giải thưởng|giải|quỹ|học viện|nhà văn hóa|công viên|cúp|hội trường|mang tên|"
    "tên|chủ nghĩa|ảnh|trung học|tiểu học|thcs|thpt|chính trị|quốc gia|đại học|cao đẳng|"
    "bệnh viện|sân vận động"
)
# Administrative units: a name right after one is a place ("xã Nguyễn Huệ"), except
# at the end of a title ("Chủ tịch UBND thành phố Trần Sỹ Thanh").
NAME_IN_PLACE = phrases("phố|phường|xã|huyện|quận|thành phố|tp|khu|ấp|thôn|bản|làng|tổ dân phố")

# Body words that cannot be part of a name.
NOT_NAME = frozenset(words("ban bộ ủy đảng sở ubnd hđnd mttq cục viện trường hội tp huyện xã tỉnh"))
NOT_NAME_PAIRS = phrases(
    "tỉnh ủy|thành ủy|huyện ủy|thị ủy|đảng ủy|thành phố|hội đồng|hội nghị|trung ương|"
    "quốc hội|chính phủ|nhà nước|mặt trận|việt nam|công an|quân đội|bộ đội"
)
