"""Synthetic Vietnamese articles in the register of provincial Party news, for benchmarks.

Each event (a conference in a province, its officials, the document it studied) can be
written up by several outlets in their own words: sentences are assembled from a large
bank of clause fragments, so two write-ups share the names, titles and document numbers
of the event but hardly ever a run of five syllables outside them. A copy of a write-up
is the same text with the edits republication makes (see `copy_of`).
"""

from __future__ import annotations

import itertools
import random
import unicodedata
from dataclasses import dataclass

from parsers.record import Article, Byline, Directive, Person


def _split(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


SURNAMES = _split("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý")
MIDDLE = _split("Văn Thị Hữu Đức Minh Thanh Quốc Ngọc Xuân Thu Hồng Kim")
GIVEN = _split("An Bình Cường Dũng Hà Hải Hạnh Hoa Hùng Lan Long Mai Nam Phong Quang Sơn Tâm Thắng")
PROVINCES = _split(
    "Sóc Trăng, Hà Nam, Thanh Hóa, Nghệ An, Quảng Ninh, Bắc Giang, Lâm Đồng, Cà Mau, Bến Tre, "
    "Hòa Bình, Phú Yên, Gia Lai, Vĩnh Long, Kon Tum, Lạng Sơn, Yên Bái, Nam Định, Hậu Giang",
    ", ",
)
POSITIONS = (
    "Bí thư Tỉnh ủy",
    "Phó Bí thư Thường trực Tỉnh ủy",
    "Chủ tịch UBND tỉnh",
    "Trưởng Ban Tuyên giáo Tỉnh ủy",
    "Phó Trưởng Ban Tuyên giáo Tỉnh ủy",
    "Trưởng Ban Dân vận Tỉnh ủy",
    "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
    "Giám đốc Sở Thông tin và Truyền thông",
)
DOCUMENTS = (
    ("Chỉ thị", "chi_thi", "05", "CT/TW", "2016-05-15", "Bộ Chính trị"),
    ("Nghị quyết", "nghi_quyet", "35", "NQ/TW", "2018-10-22", "Bộ Chính trị"),
    ("Kết luận", "ket_luan", "01", "KL/TW", "2021-05-18", "Bộ Chính trị"),
    ("Chỉ thị", "chi_thi", "19", "CT/TU", "2020-02-06", "Ban Thường vụ Tỉnh ủy"),
    ("Nghị quyết", "nghi_quyet", "21", "NQ/TW", "2022-06-16", "Ban Chấp hành Trung ương"),
    ("Quy định", "quy_dinh", "144", "QĐ/TW", "2024-05-09", "Bộ Chính trị"),
)
EVENTS = (
    "Hội nghị báo cáo viên tháng {m}",
    "Hội nghị sơ kết công tác tuyên giáo 6 tháng đầu năm",
    "Hội nghị học tập, quán triệt {doc}",
    "Hội nghị tổng kết {y} năm thực hiện {doc}",
    "Hội thi báo cáo viên giỏi cấp tỉnh",
)
SUBJECTS = (
    "Các đại biểu",
    "Hội nghị",
    "Ban Thường vụ Tỉnh ủy",
    "Các cấp ủy, tổ chức đảng",
    "Đội ngũ báo cáo viên",
    "Cán bộ, đảng viên",
    "Ban Tuyên giáo Tỉnh ủy",
    "Các địa phương",
    "Lãnh đạo các sở, ngành",
    "Các huyện ủy, thị ủy, thành ủy",
    "Mặt trận Tổ quốc các cấp",
)
VERBS = (
    "đã tập trung thảo luận",
    "thống nhất đánh giá",
    "đề nghị tiếp tục đẩy mạnh",
    "chú trọng nâng cao",
    "quán triệt sâu sắc",
    "kịp thời định hướng",
    "tích cực triển khai",
    "tăng cường kiểm tra, giám sát",
    "chủ động nắm bắt",
    "nghiêm túc thực hiện",
    "đổi mới phương thức",
    "làm tốt công tác",
    "phát huy vai trò",
    "quan tâm chỉ đạo",
    "khẩn trương xây dựng",
    "thường xuyên rà soát",
    "đánh giá cao",
    "bổ sung, hoàn thiện",
)
OBJECTS = (
    "công tác tuyên truyền miệng",
    "tình hình tư tưởng trong cán bộ, đảng viên",
    "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "công tác bảo vệ nền tảng tư tưởng của Đảng",
    "dư luận xã hội",
    "các nhiệm vụ phát triển kinh tế - xã hội",
    "chất lượng sinh hoạt chi bộ",
    "công tác xây dựng, chỉnh đốn Đảng",
    "thông tin trên mạng xã hội",
    "phong trào thi đua yêu nước",
    "công tác dân vận chính quyền",
    "các mô hình, điển hình tiên tiến",
    "việc đấu tranh phản bác các quan điểm sai trái",
    "chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "công tác cải cách hành chính",
    "đội ngũ cán bộ làm công tác tuyên giáo cơ sở",
    "kế hoạch công tác năm {y}",
)
ADJUNCTS = (
    "trong thời gian tới",
    "ở cơ sở",
    "một cách đồng bộ, hiệu quả",
    "trên địa bàn tỉnh",
    "theo đúng kế hoạch đề ra",
    "gắn với nhiệm vụ chính trị của địa phương",
    "bằng nhiều hình thức phong phú",
    "ngay từ đầu năm",
    "với tinh thần trách nhiệm cao",
    "sát với thực tiễn",
    "góp phần tạo sự đồng thuận trong xã hội",
    "trong năm {y}",
    "nhằm tạo chuyển biến rõ nét",
    "tại các chi bộ, đảng bộ trực thuộc",
)
OPENERS = (
    "Theo báo cáo, năm {y}",
    "Bên cạnh đó,",
    "Tuy nhiên,",
    "Phát biểu tại hội nghị,",
    "Kết luận hội nghị,",
    "Thời gian qua,",
    "Nhìn chung,",
    "Qua đó,",
    "Đồng thời,",
    "Trong 6 tháng đầu năm,",
    "Thực hiện {doc},",
)


@dataclass(frozen=True)
class Event:
    province: str
    title: str
    date: str
    officials: tuple[tuple[str, str], ...]
    document: tuple[str, str, str, str, str, str]
    year: int


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def event(rng: random.Random) -> Event:
    document = rng.choice(DOCUMENTS)
    year = rng.randint(2016, 2025)
    doc = f"{document[0]} số {document[2]}-{document[3]} của {document[5]}"
    title = rng.choice(EVENTS).format(m=rng.randint(1, 12), doc=doc, y=rng.randint(3, 10))
    officials = tuple((_name(rng), p) for p in rng.sample(POSITIONS, rng.randint(2, 3)))
    day = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    province = rng.choice(PROVINCES)
    return Event(province, title, day, officials, document, year)


def _fill(text: str, ev: Event) -> str:
    d = ev.document
    return text.format(y=ev.year, doc=f"{d[0]} số {d[2]}-{d[3]}")


def _sentence(rng: random.Random, ev: Event) -> str:
    parts = [rng.choice(OPENERS) if rng.random() < 0.4 else ""]
    if rng.random() < 0.3:
        name, position = rng.choice(ev.officials)
        parts.append(f"đồng chí {name}, {position},")
    parts += [rng.choice(SUBJECTS).lower() if parts[-1] else rng.choice(SUBJECTS)]
    for _ in range(rng.randint(1, 2)):
        parts += [rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(ADJUNCTS)]
    text = " ".join(p for p in parts if p)
    return _fill(text[0].upper() + text[1:] + ".", ev)


def write_up(rng: random.Random, ev: Event, sentences: int = 14) -> list[str]:
    """One outlet's report of the event, as paragraphs."""
    d = ev.document
    chair, chair_position = ev.officials[0]
    lead = (
        f"Ngày {ev.date[8:10]}/{ev.date[5:7]}, Ban Tuyên giáo Tỉnh ủy {ev.province} tổ chức "
        f"{ev.title}. Đồng chí {chair}, {chair_position} chủ trì hội nghị."
    )
    body = [lead, f"Hội nghị quán triệt {d[0]} số {d[2]}-{d[3]} của {d[5]}."]
    body += [_sentence(rng, ev) for _ in range(sentences)]
    return body


def article(ev: Event, paragraphs: list[str], site: str, slug: str, byline: str) -> Article:
    d = ev.document
    return Article(
        url=f"https://{site}/{slug}",
        canonical_url=f"https://{site}/{slug}",
        site=site,
        section="Tuyên giáo các cấp",
        title=f"{ev.province}: {ev.title}",
        body_text="\n".join([*paragraphs, byline]),
        published_at=f"{ev.date}T08:00:00+07:00",
        byline=Byline(author=byline),
        persons=tuple(
            Person(name=n, positions=(p,), spoke=i == 0, role="chu_tri" if i == 0 else None)
            for i, (n, p) in enumerate(ev.officials)
        ),
        directives=(
            Directive(
                text=f"{d[0]} số {d[2]}-{d[3]}",
                kind=d[1],
                number=d[2],
                symbol=d[3],
                id=f"{d[2]}-{d[3]}",
                date=d[4],
                issuer=d[5],
            ),
        ),
        parser="synthetic@1",
    )


def copy_of(rng: random.Random, paragraphs: list[str], ev: Event) -> list[str]:
    """What republication does: a source prefix, one or two sentences reworded or dropped."""
    out = list(paragraphs)
    for _ in range(rng.randint(1, 2)):
        i = rng.randrange(2, len(out))
        if rng.random() < 0.5:
            del out[i]
        else:
            words = out[i].split()
            for _ in range(rng.randint(1, 3)):
                words[rng.randrange(len(words))] = rng.choice(["tiếp tục", "cần", "đã", "sẽ"])
            out[i] = " ".join(words)
    prefix = rng.choice(["(TG) - ", "TG - ", f"{ev.province.split()[0]} (TG) - ", "(ĐCSVN) - "])
    out[0] = prefix + out[0]
    return out


# -- vocabulary articles, for size and speed measurements ----------------------------------

_ONSETS = (*_split("b c ch d đ g gi h k kh l m n ng nh p ph qu r s t th tr v x"), "")
_RHYMES = _split(
    "a ai an ang anh ao âm ân ây e em en ê ên i im in inh o oa oan oi "
    "ong ô ôi ông ơ ơi u ui un ung ư ưa ương ươc iêu iên uyên ach ich uc ut at"
)
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def vocabulary(size: int = 6000, seed: int = 11) -> list[str]:
    """Vietnamese-like syllables, most frequent first."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < size:
        rhyme = rng.choice(_RHYMES)
        toned = rhyme[0] + rng.choice(_TONES) + rhyme[1:]
        seen[unicodedata.normalize("NFC", rng.choice(_ONSETS) + toned)] = None
    return list(seen)


class VocabularyCorpus:
    """Articles of Zipf-distributed syllables with persons and documents from small pools."""

    def __init__(self, seed: int = 3) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.words = vocabulary()
        self.cum = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.words))))
        self.people = [_name(self.rng) for _ in range(3000)]
        self.documents = [
            (f"{n}-{sym}", kind, str(n), sym)
            for n in range(1, 400)
            for kind, sym in (("chi_thi", "CT/TU"), ("nghi_quyet", "NQ/TW"), ("ke_hoach", "KH/TU"))
        ]

    def _words(self, n: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cum, k=n))

    def body(self) -> str:
        paragraphs = []
        for _ in range(self.rng.randint(4, 10)):
            sentences = [
                self._words(self.rng.randint(12, 28)) for _ in range(self.rng.randint(2, 4))
            ]
            paragraphs.append(". ".join(s.capitalize() for s in sentences) + ".")
        return "\n".join(paragraphs)

    def article(self, i: int, body: str | None = None) -> Article:
        rng = self.rng
        site = f"btg{i % 40}.gov.vn"
        year = 2015 + i % 11
        doc = rng.choice(self.documents)
        return Article(
            url=f"https://{site}/tin-tuc/bai-{i}",
            canonical_url=f"https://{site}/tin-tuc/bai-{i}",
            site=site,
            section=rng.choice(["Tin tức", "Tuyên giáo các cấp", "Hoạt động", "Nghiên cứu"]),
            title=self._words(rng.randint(8, 16)).capitalize(),
            sapo=self._words(rng.randint(20, 35)).capitalize() + ".",
            body_text=body if body is not None else self.body(),
            published_at=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T08:00:00+07:00",
            byline=Byline(author=rng.choice(self.people)),
            persons=tuple(
                Person(name=name, positions=(rng.choice(POSITIONS),), spoke=rng.random() < 0.5)
                for name in rng.sample(self.people, rng.randint(1, 3))
            ),
            directives=(
                Directive(
                    text=f"số {doc[0]}", kind=doc[1], number=doc[2], symbol=doc[3], id=doc[0]
                ),
            ),
            parser="synthetic@1",
        )

    def articles(self, start: int, stop: int) -> list[Article]:
        """Articles `start`…`stop - 1`, the same whatever was generated before: the random
        stream is seeded from the corpus seed and `start`, so chunks can be generated
        apart (in other processes) and in any order."""
        self.rng = random.Random(f"{self.seed}:{start}")
        return [self.article(i) for i in range(start, stop)]
