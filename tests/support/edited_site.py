"""A local tuyengiao.vn whose articles are edited, taken down, moved and brought back.

`EditedSite` serves a listing and `ARTICLES` articles in the site's layout; each article
has a state the test changes between runs (`edit_title`, `swap_position`,
`replace_document`, `change_furniture`, `remove`, `redirect_home`, `soft_404`,
`redirect_to`, `restore`), and `down` makes the whole site answer 503 for a run. A path
the site does not have answers 200 with a notice in the article layout, as some portals
do; an article may answer that notice too (`notice`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from tests.support.site_server import LocalSite, Reply, Request

LISTING = "/tuyen-giao-cac-cap"
PROVINCES = ("Sóc Trăng", "Hậu Giang", "Kon Tum", "Nam Định", "Hà Tĩnh", "Quảng Ngãi", "Cà Mau")
NAMES = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Võ Thị Hạnh")
SOFT_404 = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Không tìm thấy trang - Ban Tuyên giáo Trung ương</title></head><body>
<main class="news-detail"><h1>Không tìm thấy trang</h1>
<p>Trang bạn tìm không tồn tại hoặc đã bị xóa.</p></main></body></html>"""


def notice_page() -> str:
    """What the site answers, with a 200, for any page it does not have: a notice in the
    article layout, which reads as an article."""
    notice = Article(0, "Thông báo của Ban biên tập")
    paragraphs = [
        "Nội dung bạn đọc yêu cầu hiện không còn trên Cổng thông tin điện tử của Ban Tuyên"
        " giáo Trung ương hoặc đã được chuyển sang chuyên mục khác.",
        "Mời bạn đọc trở về trang chủ để theo dõi các tin bài mới nhất về công tác tuyên giáo,"
        " hoặc sử dụng chức năng tìm kiếm để tìm bài viết cần xem.",
        "Mọi ý kiến đóng góp xin gửi về Ban biên tập qua thư điện tử của Cổng thông tin.",
    ]
    return notice.html(paragraphs)


def path(n: int) -> str:
    return f"/bai-viet-so-{n}-{170000 + n}"


@dataclass
class Article:
    n: int
    title: str
    position: str = "Phó Bí thư Tỉnh ủy, Trưởng Ban Tuyên giáo Tỉnh ủy"
    document: str = "Nghị quyết số 35-NQ/TW của Bộ Chính trị"
    furniture: str = "Mới nhất"
    status: int = 200
    redirect: str | None = None
    soft_404: bool = False
    notice: bool = False  # answers the site's not-found notice, which reads as an article

    def html(self, text: list[str] | None = None) -> str:
        province = PROVINCES[self.n % len(PROVINCES)]
        name = NAMES[self.n % len(NAMES)]
        paragraphs = text or [
            f"Ngày 15/7/2024, Ban Tuyên giáo Tỉnh ủy {province} tổ chức hội nghị báo cáo viên"
            f" lần thứ {self.n}, quán triệt {self.document}.",
            f"Đồng chí {name} - {self.position} chủ trì hội nghị.",
            f"Phát biểu tại hội nghị, đồng chí {name} đề nghị các cấp ủy tiếp tục triển khai"
            f" nội dung số {self.n} trong công tác tuyên truyền ở cơ sở.",
            "Các đại biểu đã thảo luận, làm rõ những kết quả đạt được và hạn chế cần khắc phục"
            f" trong năm, với {self.n + 10} ý kiến đóng góp.",
        ]
        body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        sidebar = "".join(
            f'<li><a href="{path(k)}">{escape(self.furniture)} {k}</a></li>' for k in range(1, 4)
        )
        return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(self.title)}</title>
<meta property="og:type" content="article"></head><body>
<header><div class="top-date">{escape(self.furniture)}: Thứ Bảy, 5/12/2026</div></header>
<main class="news-detail"><div class="news-detail__left">
<div class="news-detail__breadcrumb"><a href="{LISTING}">Tuyên giáo các cấp</a></div>
<div class="news-detail__date">
<div class="news-detail__text">Thứ Hai, 15/7/2024 08:30'(GMT+7)</div></div>
<h1 class="news-detail__title">{escape(self.title)}</h1>
<div class="detail-blog-content">
{body}
</div></div>
<aside class="news-detail__right"><h3>{escape(self.furniture)}</h3><ul>{sidebar}</ul></aside>
</main></body></html>
"""


@dataclass
class EditedSite:
    site: LocalSite
    count: int = 14
    down: bool = False
    articles: dict[int, Article] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for n in range(1, self.count + 1):
            province = PROVINCES[n % len(PROVINCES)]
            self.articles[n] = Article(n, f"{province}: Hội nghị báo cáo viên lần thứ {n}")
        self.site.route("/robots.txt", self._robots)
        self.site.route("/", self._home)
        self.site.route(LISTING, self._listing)
        self.site.fallback(lambda _request: Reply(body=notice_page().encode()))
        for n in self.articles:
            self.site.route(path(n), self._article(n))

    def _robots(self, _request: Request) -> Reply:
        if self.down:
            return Reply(503, b"maintenance", content_type="text/plain")
        return Reply(404, b"", content_type="text/plain")

    def _home(self, _request: Request) -> Reply:
        if self.down:
            return Reply(503, b"maintenance", content_type="text/plain")
        return Reply(body="<html><body><h1>Trang chủ</h1></body></html>".encode())

    def _listing(self, _request: Request) -> Reply:
        if self.down:
            return Reply(503, b"maintenance", content_type="text/plain")
        links = "".join(
            f'<div class="news-item"><h3 class="news-item__title"><a href="{path(n)}">Bài {n}'
            "</a></h3></div>"
            for n in self.articles
        )
        html = f'<main class="category"><div class="news-list">{links}</div></main>'
        return Reply(body=f"<html><body>{html}</body></html>".encode())

    def _article(self, n: int):
        def reply(_request: Request) -> Reply:
            article = self.articles[n]
            if self.down:
                return Reply(503, b"maintenance", content_type="text/plain")
            if article.redirect:
                return Reply(301, b"", headers={"Location": article.redirect})
            if article.soft_404:
                return Reply(body=SOFT_404.encode())
            if article.notice:
                return Reply(body=notice_page().encode())
            if article.status != 200:
                return Reply(article.status, b"not found", content_type="text/plain")
            return Reply(body=article.html().encode())

        return reply

    def serve_copy(self, n: int, at: str) -> None:
        """Serve article `n`'s page at another path too (where it moved)."""
        self.site.route(at, lambda _request: Reply(body=self.articles[n].html().encode()))
