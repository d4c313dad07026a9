"""References to documents by name, without a number.

"Nghị quyết Trung ương 4 khóa XII", "Văn kiện Đại hội XIII của Đảng", "Luật An ninh
mạng", "Nghị quyết “Xây dựng …”", "Điều lệ Đảng", "Cương lĩnh chính trị", "Kết luận của
Bộ Chính trị về …", "triển khai Kế hoạch sáp nhập …". They carry a `title` and no `id`;
`named_key` gives the key one document has however it is named.
"""

from __future__ import annotations

import re

from parsers.fields.context import read_tail
from parsers.fields.kinds import KIND_BY_FOLDED
from parsers.fields.spans import Spans
from parsers.fields.text import by_first_letter, squash
from parsers.record import Directive

# Named references without a number, each tried only when its key word occurs.
_KINDS = "Nghị quyết|Chỉ thị|Kết luận|Quyết định|Kế hoạch|Đề án|Chương trình|Luật|Bộ luật|Pháp lệnh"
_QUOTED_TITLE = re.compile(
    rf"(?P<kind>{by_first_letter(_KINDS.split('|'))})\s+“(?P<title>[^”\n]{{3,200}})”"
)
# In the next two the look-behind follows the first letter (`L(?<!\wL)` is `(?<!\w)L`), so
# that the regex engine jumps between the letters that can start a match.
# A law's name may pair two words with a comma ("Luật Phòng, chống tham nhũng", "Luật Thi
# đua, khen thưởng", "Luật Cán bộ, công chức"): one or two words, a comma, a lower-case
# word that starts no list of other things (`_NOT_PAIRED`).
_NOT_PAIRED = (
    r"các|những|một|mọi|nghị|thông|văn|quyết|chỉ|luật|bộ|đồng|trong|qua|góp|nhằm|để|và|"
    r"cũng|này|đó|đây|năm|ngày|hướng|được|đã|là|có|từ|sau|theo|tại|nhất|nhiều"
)
_LAW_TITLE = re.compile(
    r"(?:B(?<!\wB)ộ luật|L(?<!\wL)uật) [A-ZĐ][^\s,;.:“”()]*"
    rf"(?:(?: [^\s,;.:“”()]+)?, (?!(?:{_NOT_PAIRED})(?!\w))(?=[a-zà-ỹđ]))?"
    r"(?:(?<=, )[^\s,;.:“”()]+)?(?: (?!Luật|Bộ luật)[^\s,;.:“”()]+){0,7}"
    r"(?P<note> \(sửa đổi(?:, bổ sung)?\))?"
)
# The documents of a congress or a Central Committee plenum: "Nghị quyết Đại hội XIII của
# Đảng", "Văn kiện Đại hội đại biểu toàn quốc lần thứ XIII", "Nghị quyết Hội nghị lần thứ
# tám Ban Chấp hành Trung ương Đảng khóa XIII", "Kết luận Hội nghị Trung ương 4 khóa XII".
# The name runs to its first ordinal, then takes what completes it: the Central
# Committee after a plenum's number, its term, "của Đảng", ", nhiệm kỳ 2020-2025".
_ORDINAL_WORD = (
    r"(?:[IVXLC]+|\d{1,2}|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười(?: một| hai| ba| bốn| lăm)?)"
)
_EVENT_TITLE = re.compile(
    r"(?:[Nn](?<!\w[Nn])(?:ghị quyết|(?<=N)Q)|[Vv](?<!\w[Vv])ăn kiện|[Kk](?<!\w[Kk])ết luận"
    r"|[Cc](?<!\w[Cc])hỉ thị|[Bb](?<!\w[Bb])áo cáo chính trị)"
    r" (?:(?:tại|của|trình) )?(?:[Đđ]ại hội|[Hh]ội nghị|ĐH|Trung ương|TW)"
    r"(?:(?!số |[Nn]ghị quyết |[Cc]hỉ thị |[Kk]ết luận )[^,;.:“”()\n]){0,120}?"
    rf"(?:(?:khóa|khoá|lần thứ|Khóa|Khoá) {_ORDINAL_WORD}(?!\w)"
    r"|(?<= )(?:[IVXLC]{2,}|\d{1,2})(?!\w))"
    r"(?: \(?(?:khóa|khoá|Khóa|Khoá) [IVXLC]+\)?)?"
    r"(?: (?:của )?(?:Ban Chấp hành|Ban chấp hành|BCH) Trung ương(?: Đảng)?"
    r"(?: \(?(?:khóa|khoá|Khóa|Khoá) [IVXLC]+\)?)?)?"
    r"(?:,? nhiệm kỳ \d{4}\s?[-–]\s?\d{4})?(?: của Đảng(?! bộ))?"
)
# Documents known by a name of their own.
_PROPER_TITLE = re.compile(
    by_first_letter(
        [
            "Điều lệ Đảng",
            "Di chúc của (?:Bác|Chủ tịch Hồ Chí Minh)",
            "Di chúc thiêng liêng của Bác",
            r"Cương lĩnh (?:chính trị|xây dựng đất nước[^,;.:“”()\n]{0,90}?xã hội"
            r"(?: \(bổ sung, phát triển năm 2011\))?)",
            r"Hiến pháp(?: nước Cộng hòa xã hội chủ nghĩa Việt Nam)?(?: năm \d{4})?",
        ]
    )
)
# "Kết luận của Bộ Chính trị về …", "Nghị quyết của Tỉnh ủy về …": a document named by
# its issuer and its subject.
_ISSUER_SUBJECT = re.compile(
    r"(?P<kind>Nghị quyết|Chỉ thị|Kết luận|Quy định|Hướng dẫn|Kế hoạch|Thông báo kết luận)"
    r" của (?P<issuer>Bộ Chính trị|Ban Bí thư|Ban Chấp hành Trung ương(?: Đảng)?|Chính phủ"
    r"|Quốc hội|Thủ tướng Chính phủ|Quân ủy Trung ương|Ban Thường vụ (?:Tỉnh|Thành|Huyện|Đảng) ủy"
    r"|Ban Chấp hành Đảng bộ (?:tỉnh|thành phố|huyện)|(?:Tỉnh|Thành|Huyện|Đảng) ủy"
    r"|(?:HĐND|UBND|Hội đồng nhân dân|Ủy ban nhân dân) (?:tỉnh|thành phố|huyện))"
    r"(?P<about> về (?:việc )?[^,;.:“”()\n]{3,140}?)"
    r"(?=[,;.:“”()\n]| và (?:các|những)| (?:nhằm|để|trong|đã|đang|sẽ|là) |(?<!không) được )"
)
# A document named by what it does, its kind word capitalised inside a sentence:
# "triển khai Kế hoạch sáp nhập huyện A vào thành phố B", "ra Nghị định thành lập tỉnh
# Lai Châu". The name runs to a mark or a word that ends it (`_DESCRIBED_STOP`). After
# "về" it is the subject of another document ("Nghị quyết … về Chiến lược bảo vệ Tổ quốc"),
# and after "về việc ban hành" the text that document issues ("Quyết định số … về việc
# ban hành Quy chế …"), not a document cited apart.
_DESCRIBED_TITLE = re.compile(
    r"(?<=[a-zà-ỹđ,] )(?<!về )(?<!về việc ban hành )(?<!về ban hành )"
    r"(?P<kind>Kế hoạch|Quy chế|Nghị định|Quyết định|Chỉ thị"
    r"|Nghị quyết|Đề án|Chương trình|Quy định|Hướng dẫn|Chiến lược)"
    r" (?P<name>(?!số |này|đó|trên|của|về |đã |được |và |sẽ |tới |đến |cho |với |trong |nhằm "
    r"|tại |để |theo |\d)"
    r"[a-zà-ỹđ][^,;.:“”()\n]{8,120})"
)
# A congress's or every level's documents; one that carries another document's number
# ("Kế hoạch thực hiện Chỉ thị số 05-CT/TW") is a plan for that document, no name.
_NOT_DESCRIBED = re.compile(r"các cấp|[Đđ]ại hội|[Hh]ội nghị|\bsố\s*\d|\d[-/][A-ZĐ]")
_DESCRIBED_STOP = re.compile(
    r"\s(?:ngày|năm \d|của|do|đã|được|đang|sẽ|nhằm|để|trong|tại|theo|đến|tới|cho|khi"
    r"|và (?:các|những|triển khai|thực hiện))(?:\s|$).*$"
)
_TRAILING_YEAR = re.compile(r"\s+(?:năm\s+)?\d{4}$")
_LAW_STOP = re.compile(
    r"\s(?:ngày|năm|số|đã|được|về|với|của|có|là|trong|để|nhằm|theo|tại|quy|thì|"
    r"sẽ|cũng|cho|đến|tới|đối|vào|khi|nay)(?:\s|$).*$",
)
_TRAILING_AND = re.compile(r"\s+(?:và|hoặc)$")
# "và" inside a law's name joins two nouns ("Luật Hôn nhân và gia đình", "Luật Khoa học và
# công nghệ"); before a word that starts other things or an action, it ends the name
# ("Luật Đất đai và các văn bản", "Luật Báo chí và triển khai …").
_AND_THEN = re.compile(rf"\svà\s(?:(?:{_NOT_PAIRED}|thực|triển|tuyên|phổ|quán|tổ|xây)(?!\w))")
_DIGIT = re.compile(r"\d")


def _matches(text: str) -> list[tuple[re.Match, str]]:
    found: list[tuple[re.Match, str]] = []
    if "“" in text:
        found.extend((m, "quoted") for m in _QUOTED_TITLE.finditer(text))
    if "uật " in text:  # "Luật …", "Bộ luật …"
        found.extend((m, "law") for m in _LAW_TITLE.finditer(text))
    if "ại hội" in text or "ội nghị" in text or "ĐH" in text or "rung ương" in text or "TW" in text:
        found.extend((m, "event") for m in _EVENT_TITLE.finditer(text))
    if "Điều lệ" in text or "Di chúc" in text or "Cương lĩnh" in text or "Hiến pháp" in text:
        found.extend((m, "other") for m in _PROPER_TITLE.finditer(text))
    if " của " in text:
        found.extend((m, "issuer") for m in _ISSUER_SUBJECT.finditer(text))
    found.extend((m, "described") for m in _DESCRIBED_TITLE.finditer(text))
    for start, end in _capital_lines(text):
        found.extend((m, "event") for m in _EVENT_TITLE_CAPITALS.finditer(text, start, end))
        found.extend((m, "other") for m in _PROPER_TITLE_CAPITALS.finditer(text, start, end))
    found.sort(key=lambda pair: pair[0].start())
    return found


# A headline in capitals names its documents in capitals: "ĐƯA NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ
# TỈNH LẦN THỨ XVIII VÀO CUỘC SỐNG". The congresses' and the proper names' patterns are
# tried on such lines without regard to case (`named_key` folds case).
_EVENT_TITLE_CAPITALS = re.compile(_EVENT_TITLE.pattern, re.IGNORECASE)
_PROPER_TITLE_CAPITALS = re.compile(_PROPER_TITLE.pattern, re.IGNORECASE)
_CAPITAL_WORDS = re.compile(r"NGHỊ QUYẾT|VĂN KIỆN|KẾT LUẬN|CHỈ THỊ|ĐIỀU LỆ|CƯƠNG LĨNH|HIẾN PHÁP")


def _capital_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line written in capitals that names a document's kind."""
    if not _CAPITAL_WORDS.search(text):
        return []  # nearly every text: no line to look at
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.isupper() and _CAPITAL_WORDS.search(line):
            spans.append((start, end))
        start = end + 1
    return spans


def _law_title(m: re.Match) -> str | None:
    """ "Luật Đất đai 2024 …" → "Luật Đất đai"; "Luật Thủ đô (sửa đổi)" is kept whole."""
    name = m.group()[: m.start("note") - m.start()] if m["note"] else m.group()
    title = _LAW_STOP.sub("", name)
    joined = _AND_THEN.search(title)
    if joined:
        title = title[: joined.start()]
    title = _TRAILING_YEAR.sub("", _TRAILING_AND.sub("", title.strip()))
    if " " not in title or _DIGIT.search(title):
        return None
    return title + m["note"] if m["note"] and title == name else title


_EVENT_KINDS = {"n": "nghi_quyet", "v": "other", "k": "ket_luan", "c": "chi_thi", "b": "bao_cao"}


def _read(m: re.Match, form: str) -> tuple[int, str, str | None] | None:
    """(end, kind, issuer) of a named reference matched by `m`, None if it is not one."""
    if form == "quoted":
        return m.end(), KIND_BY_FOLDED.get(m["kind"].lower().replace(" ", ""), "other"), None
    if form == "law":
        title = _law_title(m)
        return (m.start() + len(title), "luat", None) if title else None
    if form == "event":
        return m.end(), _EVENT_KINDS[m.group()[0].lower()], None
    if form == "described":
        name = _DESCRIBED_STOP.sub("", m["name"]).rstrip()
        if len(name.split()) < 3 or _NOT_DESCRIBED.search(name) or not m.string[m.end() :].strip():
            return None  # too short, a congress's or every level's, or cut off by the excerpt
        kind = KIND_BY_FOLDED.get(m["kind"].lower().replace(" ", ""), "other")
        return m.start("name") + len(name), kind, None
    if form == "issuer":
        kind = KIND_BY_FOLDED.get(m["kind"].lower().replace(" ", ""), "other")
        return m.end(), kind, m["issuer"]
    return m.end(), "other", None


def find_named(
    text: str, taken: list[tuple[int, int]], source: str | None = None
) -> list[Directive]:
    """Named references in `text`, except those starting inside a `taken` span or inside
    an earlier named reference. `source` is the text as written, of the same length as
    `text` (its reading, `for_reading`): each reference's `text` is taken from it."""
    source = text if source is None else source
    found: list[Directive] = []
    covered = Spans(taken)
    last_end = -1
    for m, form in _matches(text):
        if m.start() < last_end or covered.covers(m.start()):
            continue
        read = _read(m, form)
        if read is None:
            continue
        end, kind, issuer = read
        title = m["title"].strip() if form == "quoted" else squash(text[m.start() : end])
        date_iso, _, _ = read_tail(text, end, len(text))
        span = squash(source[m.start() : end])
        found.append(Directive(text=span, kind=kind, title=title, date=date_iso, issuer=issuer))
        last_end = end
    return found
