"""Vietnamese test texts in the register of provincial Party news, and records built on them.

STORY is a provincial report; COPY is its republication by the centre (source prefix,
a sentence reworded, one dropped, another byline); OTHER is a different outlet's own
report of the same conference, with the same officials and document.
"""

from __future__ import annotations

from dataclasses import replace

from parsers.record import Article, Byline, Directive, Person

STORY = """Sáng 15/3, Ban Thường vụ Tỉnh ủy Sóc Trăng tổ chức Hội nghị sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.
Đồng chí Lâm Văn Mẫn, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị.
Theo báo cáo, sau 5 năm triển khai, các cấp ủy đảng đã cụ thể hóa nội dung học tập thành những việc làm thiết thực, gắn với nhiệm vụ chính trị của từng địa phương, cơ quan, đơn vị.
Toàn tỉnh đã xây dựng hơn 1.200 mô hình, điển hình tiên tiến, nhiều tập thể và cá nhân được khen thưởng vì có thành tích xuất sắc trong học tập và làm theo Bác.
Phát biểu tại hội nghị, đồng chí Lâm Văn Mẫn đề nghị các cấp ủy tiếp tục nâng cao vai trò nêu gương của người đứng đầu, đưa việc học tập và làm theo Bác trở thành việc làm tự giác, thường xuyên của mỗi cán bộ, đảng viên.
Đồng chí cũng yêu cầu Ban Tuyên giáo Tỉnh ủy chủ động tham mưu, hướng dẫn việc đăng ký làm theo, kịp thời phát hiện, biểu dương những cách làm hay ở cơ sở.
Dịp này, Ban Thường vụ Tỉnh ủy tặng Bằng khen cho 25 tập thể và 40 cá nhân có thành tích xuất sắc.
Tô Nài Não"""

COPY = """Sóc Trăng (TG) - Sáng 15/3, Ban Thường vụ Tỉnh ủy Sóc Trăng tổ chức Hội nghị sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.
Đồng chí Lâm Văn Mẫn, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy chủ trì hội nghị.
Theo báo cáo, sau 5 năm triển khai, các cấp ủy đảng trong tỉnh đã cụ thể hóa nội dung học tập thành những việc làm thiết thực, gắn với nhiệm vụ chính trị của từng địa phương, cơ quan, đơn vị.
Toàn tỉnh đã xây dựng hơn 1.200 mô hình, điển hình tiên tiến, nhiều tập thể và cá nhân được khen thưởng vì có thành tích xuất sắc trong học tập và làm theo Bác.
Phát biểu tại hội nghị, đồng chí Lâm Văn Mẫn đề nghị các cấp ủy tiếp tục nâng cao vai trò nêu gương của người đứng đầu, đưa việc học tập và làm theo Bác trở thành việc làm tự giác, thường xuyên của mỗi cán bộ, đảng viên.
Đồng chí cũng yêu cầu Ban Tuyên giáo Tỉnh ủy chủ động tham mưu, hướng dẫn việc đăng ký làm theo, kịp thời phát hiện, biểu dương những cách làm hay ở cơ sở.
Nguồn: Ban Tuyên giáo Tỉnh ủy Sóc Trăng"""

OTHER = """Ngày 15/3, Tỉnh ủy Sóc Trăng sơ kết 5 năm thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị. Đồng chí Lâm Văn Mẫn, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy dự và chỉ đạo.
Báo cáo tại hội nghị cho thấy việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh đã đi vào chiều sâu; nhiều địa phương có cách làm sáng tạo như mô hình "Dân vận khéo", "Chi bộ bốn tốt".
Tuy vậy, ở một số nơi việc đăng ký làm theo còn hình thức, chưa gắn với kiểm điểm cuối năm, công tác sơ kết, nhân rộng điển hình chưa kịp thời.
Kết luận hội nghị, Bí thư Tỉnh ủy Lâm Văn Mẫn lưu ý cấp ủy các cấp đưa nội dung làm theo Bác vào sinh hoạt chi bộ định kỳ, gắn trách nhiệm của người đứng đầu với kết quả thực hiện.
Ban Thường vụ Tỉnh ủy đã khen thưởng 25 tập thể và 40 cá nhân tiêu biểu.
Thu Hà"""

DIRECTIVE = Directive(
    text="Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị",
    kind="chi_thi",
    number="05",
    symbol="CT/TW",
    id="05-CT/TW",
    date="2016-05-15",
    issuer="Bộ Chính trị",
)
SPEAKER = Person(
    name="Lâm Văn Mẫn",
    positions=("Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"),
    spoke=True,
    role="chu_tri",
)


def record(site: str, slug: str, body: str, published_at: str, **changes: object) -> Article:
    base = Article(
        url=f"https://{site}/{slug}",
        canonical_url=f"https://{site}/{slug}",
        site=site,
        section="Tin tức",
        title="Sóc Trăng sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW",
        body_text=body,
        published_at=published_at,
        byline=Byline(author="Tô Nài Não"),
        persons=(SPEAKER,),
        directives=(DIRECTIVE,),
        parser="test@1",
    )
    return replace(base, **changes)


ORIGINAL = record(
    "btgtu.soctrang.gov.vn", "so-ket-chi-thi-05-1201", STORY, "2021-03-15T11:00:00+07:00"
)
REPUBLISHED = record(
    "tuyengiao.vn",
    "soc-trang-so-ket-5-nam-chi-thi-05-132001",
    COPY,
    "2021-03-16T08:30:00+07:00",
    title="Sóc Trăng: Đẩy mạnh học tập và làm theo Bác",
    section="Tuyên giáo các cấp",
)
SAME_EVENT = record(
    "soctrang.dcs.vn", "tinh-uy-so-ket-chi-thi-05-88", OTHER, "2021-03-15T16:00:00+07:00"
)

# Worst case for the extractors: document numbers and persons, one after another.
UNIT = (
    "Thực hiện Nghị quyết số 26/NQ-TW ngày 5/8/2008 và Chỉ thị 19-CT/TU, Kế hoạch số"
    " {n}/KH-UBND. Đồng chí Nguyễn Văn {n}, Bí thư Tỉnh ủy phát biểu; Nghị quyết số 26."
)


def text_of(kilobytes: int) -> str:
    """About `kilobytes` KiB of UNIT, numbered, for the linear-time checks."""
    parts, size, n = [], 0, 0
    while size < kilobytes * 1024:
        part = UNIT.format(n=n) + " "
        parts.append(part)
        size += len(part.encode())
        n += 1
    return "".join(parts)
