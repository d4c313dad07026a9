"""The byline: who wrote the article, for which organisation, from which source.

Bylines sit at the end of the text, after the last paragraph and before the page
furniture ("Phản hồi", "Các tin khác", visitor counters): a name ("Tô Nài Não"),
initials ("T.H", "HB"), an upper-case name ("THU THẢO"), optionally with a note in
brackets ("T.H(bt)", "HB (th)", "(tổng hợp)"), an organisation on the next line,
"Tin và ảnh: …", "Nguồn: …". Some portals print the author next to the time line at
the top instead ("Hà Vũ 17/08/2024 09:30"), and contributed articles print the author
and the writer's organisation under the title ("Lê Văn A (Ban Tổ chức Tỉnh ủy X)");
those are used when the end has none.
A line is only taken as a name when it looks like one: short, every word
capitalised, no digits, no sentence punctuation, so the last sentence of a body or
a text cut off mid-sentence gives no byline.
"""

from __future__ import annotations

import re

from parsers.fields import lexicon
from parsers.fields.dates import parse_datetime
from parsers.fields.text import fold, squash
from parsers.record import Byline

_FURNITURE = re.compile(
    r"phan hoi|cac tin khac|tin khac|tin lien quan|thu vien anh|lien ket website|"
    r"moi nhat|go top|len dau trang|dau trang|thong ke|binh chon|truy cap|truc tuyen|"
    r"khach|thanh vien|chia se|in bai|gui bai|binh luan|xem them|tu khoa|^tags?\b|"
    r"quay lai|luot xem|^chu de|^danh muc|^video|^tin noi bat|^doc nhieu|ban in|"
    r"^email|^facebook|^twitter|^zalo|^share|^print",
)
_BRACKET_NOTE = re.compile(
    r"\s*\((?:[a-zđ]{1,4}|[A-ZĐ]{2}|tổng hợp|Tổng hợp|sưu tầm|lược dịch)\)\s*$"
)
_NOTE_ONLY = re.compile(r"^\(?\s*(?:tổng hợp|sưu tầm)\s*\)?$", re.IGNORECASE)
_PREFIX = re.compile(
    r"^(?:(?:Tin|Bài|Tin,? bài|Bài,? ảnh|Tin,? ảnh|Tin và ảnh|Bài và ảnh|Ảnh và tin|"
    r"Thực hiện|Tác giả|Người viết|PV|Phóng viên|Đăng bởi|Người đăng)\s*:\s*)",
    re.IGNORECASE,
)
_SOURCE = re.compile(
    r"^\(?\s*(?:Nguồn\s*:?|Theo)\s+(?P<src>[^(),;:]{2,80}?)\s*\)?\.?$", re.IGNORECASE
)
# Section names printed beside the time line; never an author.
_SECTIONS = frozenset(
    [
        "thoi su",
        "tin tuc",
        "chinh tri",
        "kinh te",
        "xa hoi",
        "van hoa",
        "the thao",
        "giao duc",
        "phap luat",
        "quoc te",
        "tuyen truyen",
        "trang chu",
        "tin moi",
        "doi song",
        "tin dia phuong",
        "xay dung dang",
        "nong nghiep",
        "an ninh",
        "quoc phong",
        "khoa hoc",
        "cong nghe",
        "du lich",
        "y te",
        "moi truong",
    ]
)
_INITIALS = re.compile(r"^(?:[A-ZĐ]\.){1,4}[A-ZĐ]?\.?$|^[A-ZĐ]{1,7}$")
_APOSTROPHES = str.maketrans("", "", "'’")
_ORG_HEAD = re.compile(
    r"^(?:Ban|Báo|Đài|Trung tâm|Sở|Văn phòng|Phòng|Hội|Cổng|Tạp chí|Tỉnh ủy|Tỉnh uỷ|"
    r"Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Thị ủy|Đảng ủy|UBND|Ủy ban|Uỷ ban|Công an|"
    r"Bộ|Cục|Chi cục|Trường|Thông tấn|TTXVN|Đoàn|Liên đoàn|Mặt trận|Bộ Chỉ huy)\b"
)
# Abbreviations that name an editorial office, not a person.
_ORG_ABBREVIATIONS = frozenset({"BBT", "BAN BIÊN TẬP", "TÒA SOẠN", "TOÀ SOẠN"})
_INLINE = re.compile(r"(?:\./\.|[.!?…”])\s+(?P<tail>[^.!?…]{2,120})$")
_MAX_TOP_LINES = 10
_PLACE_NAMES = frozenset(" ".join(p) for p in lexicon.PLACES)
_MAX_FURNITURE_LINES = 60
_MAX_HEADING = 40
_MAX_TOP_LINE = 90
# Headings of the boxes that follow an article; everything after one is furniture.
_RELATED = re.compile(
    r"(?:tin|bai|bai viet|tin tuc) (?:lien quan|cung chuyen muc|khac|da dua)$|cac tin khac$|"
    r"xem them$|doc them$|tin moi(?: nhat)?$|moi nhat$|phan hoi$|binh luan$|y kien ban doc$"
)
_DATE_WORDS = frozenset(["thu", "chu", "ngay", "cap", "dang", "gui", "publish", "update"])
_MAX_BYLINE = 120  # characters; a longer line is body text
_DIGIT = re.compile(r"\d")
# "Minh Anh (TTXVN)": an author and the agency in brackets.
_NAME_ORG = re.compile(r"^(?P<name>[^()]{2,40}?)\s*\((?P<org>[^()]{2,80})\)$")
_AUTHORS_SEP = re.compile(r"\s*(?:[-–,]| và )\s*")
_NAME_THEN_DATE = re.compile(r"(?P<name>[^\d]{3,40}?)\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b")
_MAX_TRAILING = 3


def _is_furniture(line: str) -> bool:
    stripped = line.strip(" •*·-–|")
    if not stripped or stripped.isdigit():
        return True
    words = stripped.split()
    if len(words) > 10:
        return False
    return line.lstrip().startswith("•") or bool(_FURNITURE.search(fold(stripped)))


def _clean(line: str) -> str:
    line = squash(line).strip(" |")
    return _BRACKET_NOTE.sub("", line).strip(" .,")


def _name_word(word: str) -> bool:
    """ "Thảo", "THẢO", "H'Hen": letters only, capitalised or all in capitals."""
    letters = word.translate(_APOSTROPHES)
    if not letters.isalpha() or not letters[0].isupper():
        return False
    return len(letters) == 1 or letters[1:].islower() or letters.isupper()


def as_name(line: str) -> str | None:
    """`line` as an author's name or initials, or None when it is not one."""
    if len(line) > _MAX_BYLINE or _DIGIT.search(line):
        return None
    line = _clean(_PREFIX.sub("", squash(line)))
    if not line:
        return None
    if _INITIALS.match(line) or (_INITIALS.match(line.replace(" ", "")) and len(line) <= 8):
        return line
    parts = _AUTHORS_SEP.split(line)
    if len(parts) > 1:  # "Thu Hằng - Minh Anh": several authors
        return line if all(as_name(p) for p in parts) else None
    words = line.split()
    if not 2 <= len(words) <= 5 or not all(_name_word(w) for w in words):
        return None
    if _ORG_HEAD.match(line) or lexicon.key(line) in _PLACE_NAMES:
        return None
    return line


def as_org(line: str) -> str | None:
    """An organisation's name: a body word first, short, mostly capitalised, no full stop."""
    if len(line) > _MAX_BYLINE or _DIGIT.search(line):
        return None
    raw = squash(line)
    if raw.startswith("(") and raw.endswith(")"):
        raw = raw[1:-1].strip()  # "(Ban Tuyên giáo Huyện ủy)" under the author's name
    if raw[-1:] in ".:;!?…":
        return None
    line = _clean(raw)
    words = line.split()
    if not words or len(words) > 12 or not _ORG_HEAD.match(line):
        return None
    capitalised = sum(w[0].isupper() for w in words)
    return line if capitalised >= 2 and capitalised * 5 >= len(words) * 2 else None


def _as_source(line: str) -> str | None:
    """ "Nguồn: Báo Nhân Dân", "(Theo TTXVN)"; not a sentence that starts with "Theo"."""
    if len(line) > _MAX_BYLINE:
        return None
    m = _SOURCE.match(squash(line))
    if not m or len(m["src"].split()) > 8:
        return None
    src = m["src"].strip()
    if not m.group().lstrip("( ").lower().startswith("nguồn") and not (
        src[0].isupper() or "." in src
    ):
        return None
    return src


def _from_tail(lines: list[str]) -> tuple[int, Byline | None]:
    """Parse the byline in the last lines: how many lines it takes, and the byline.

    Read upwards: a source line, an organisation line, then the author's line; a bare
    "(tổng hợp)" note may stand anywhere among them.
    """
    author = organization = source = None
    used = seen = 0
    for line in reversed(lines):
        if seen == _MAX_TRAILING or author is not None:
            break
        used += 1
        if not line.strip():
            continue
        seen += 1
        text = squash(line)
        nothing_yet = author is None and organization is None
        if nothing_yet and source is None and (found := _as_source(text)):
            source = found
        elif nothing_yet and (cleaned := _clean(text)).upper() in _ORG_ABBREVIATIONS:
            organization = cleaned
        elif nothing_yet and (found := as_org(text)):
            organization = found
        elif named := _name_and_org(text):
            author, org = named
            organization = organization or org
        elif found := as_name(text):
            author = found
        elif nothing_yet and (split := _split_name_org(text)):  # "Trần Thị Lan-Ban Tuyên giáo"
            author, organization = split.author, split.organization
        elif not (nothing_yet and _NOTE_ONLY.match(text)):
            used -= 1
            break
    byline = Byline(author=author, organization=organization, source=source)
    return (used, byline) if not byline.is_empty() else (0, None)


def _name_and_org(line: str) -> tuple[str, str] | None:
    """ "Minh Anh (TTXVN)", "Tô Nài Não (Ban Tuyên giáo Tỉnh ủy)"."""
    m = _NAME_ORG.match(squash(line))
    if not m or _NOTE_ONLY.match(m["org"]) or _BRACKET_NOTE.search(f" ({m['org']})"):
        return None
    name = as_name(m["name"])
    org = m["org"].strip()
    if name is None or not (as_org(org) or (org.isupper() and len(org) <= 12)):
        return None
    return name, org


def _split_name_org(tail: str) -> Byline | None:
    """ "Trần Thị Lệ Thu-Ban Tuyên giáo Tỉnh ủy" or a bare name after the last sentence."""
    parts = re.split(r"\s*[-–]\s*", tail, maxsplit=1)
    name = as_name(parts[0])
    if name is None:
        return None
    org = as_org(parts[1]) if len(parts) == 2 else None
    if len(parts) == 2 and org is None:
        return None
    return Byline(author=name, organization=org)


def _inline(line: str) -> tuple[str, Byline] | None:
    """A byline glued to the end of the last paragraph: "… năm 2021. Trần Thị Lệ Thu"."""
    m = _INLINE.search(line)
    if not m:
        return None
    byline = _split_name_org(m["tail"].strip())
    return (line[: m.start("tail")].rstrip(), byline) if byline else None


def _from_top(lines: list[str]) -> Byline | None:
    """An author printed beside the time line near the top ("Hà Vũ 17/08/2024 09:30")."""
    head = lines[:_MAX_TOP_LINES]
    for i, line in enumerate(head):
        if len(line) > _MAX_TOP_LINE:
            continue
        text = squash(line)
        if i and (named := _name_and_org(text)) and _top_name(named[0]):
            # "Lê Văn A (Ban Tổ chức Tỉnh ủy X)" on a line of its own under the title
            return Byline(author=named[0], organization=named[1])
        m = _NAME_THEN_DATE.match(text)
        if m and parse_datetime(text) and (name := _top_name(m["name"])):
            return Byline(author=name)
        if len(text) <= 40 and (name := _top_name(text)):
            neighbours = (head[i - 1] if i else "", head[i + 1] if i + 1 < len(head) else "")
            for other in map(squash, neighbours):
                if other and len(other) <= 40 and parse_datetime(other):
                    return Byline(author=name)
    return None


def _top_name(text: str) -> str | None:
    name = as_name(text)
    if name is None or name.isupper() or "." in name or len(name.split()) > 4:
        return None
    if fold(name) in _SECTIONS or fold(name.split()[0]) in _DATE_WORDS:
        return None
    return name


def trim_furniture(lines: list[str], first: int = 0) -> int:
    """Where the article ends: before a "Tin liên quan" box (one at `first` or later)
    and trailing furniture."""
    end = len(lines)
    for i in range(max(first, end - _MAX_FURNITURE_LINES), end):
        if len(lines[i]) <= _MAX_HEADING and _RELATED.match(fold(lines[i].strip(" •*·-–|:"))):
            end = i
            break
    while end and _is_furniture(lines[end - 1]):
        end -= 1
    return end


def find_byline(text: str) -> Byline | None:
    """The byline of a plain text, or None when the text shows none."""
    lines = text.split("\n")
    end = trim_furniture(lines)
    byline = _from_tail(lines[:end])[1]
    if byline is not None:
        return byline
    if end:
        inline = _inline(squash(lines[end - 1]))
        if inline:
            return inline[1]
    return _from_top(lines[:end])


def split_byline(paragraphs: list[str]) -> tuple[list[str], Byline | None]:
    """Remove the trailing byline paragraphs of a body and return them parsed."""
    used, byline = _from_tail(paragraphs)
    if byline is not None:
        return paragraphs[: len(paragraphs) - used], byline
    if paragraphs:
        inline = _inline(paragraphs[-1])
        if inline:
            return [*paragraphs[:-1], inline[0]], inline[1]
    return list(paragraphs), None
