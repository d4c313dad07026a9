"""The fixture articles inside the furniture a whole page of these sites carries.

The fixtures hold an article and a little of its page: 4–11 KB, about 110 elements.
A page as served also has a top bar with the day's date, a menu of every section, a
news ticker, a right column of "Mới nhất" and "Xem nhiều nhất" lists with their dates,
a footer of links and the publisher's address, and scripts and styles in the page.
`full_page` adds those around the fixture's own markup (inside the outer `<form>` of
an ASP.NET page, as those portals wrap everything in it; else inside `<body>`): the
parsers must give the same record with it (`test_whole_pages.py`), and speed can be
measured at the size of a whole page (`benchmarks/bench_parsers.py --full-pages`). The
furniture is constructed, seeded and in the sites' register; its amount (about 50 KB)
is an assumption, not a measurement of the real sites.
"""

from __future__ import annotations

import json
import random
import re

SECTIONS = (
    "Thời sự", "Tuyên giáo các cấp", "Nghiên cứu - Trao đổi", "Bảo vệ nền tảng tư tưởng của Đảng",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Xây dựng Đảng", "Kinh tế", "Xã hội", "Văn hóa - Văn nghệ", "Khoa giáo", "Quốc phòng - An ninh",
    "Quốc tế", "Gương sáng", "Thông tin cơ sở", "Ảnh", "Video", "Văn bản", "Lịch công tác",
)  # fmt: skip
PLACES = (
    "Hà Tĩnh", "Sóc Trăng", "Nam Định", "Kon Tum", "Hậu Giang", "Quảng Ngãi", "Đắk Nông",
    "Gia Lai", "An Giang", "Đồng Tháp", "Bắc Giang", "Ninh Bình", "Lâm Đồng", "Phú Thọ",
)  # fmt: skip
TOPICS = (
    "quán triệt Nghị quyết Trung ương 8 khóa XIII", "hội nghị báo cáo viên tháng {m}/{y}",
    "sơ kết 5 năm thực hiện Chỉ thị 05-CT/TW", "tổng kết công tác tuyên giáo năm {y}",
    "nâng cao hiệu quả công tác dân vận", "đẩy mạnh chuyển đổi số trong cơ quan Đảng",
    "bồi dưỡng lý luận chính trị cho đảng viên mới", "phát huy vai trò người có uy tín",
    "tuyên truyền kỷ niệm ngày thành lập Đảng", "đấu tranh phản bác quan điểm sai trái",
    "triển khai học tập chuyên đề năm {y}", "giao ban công tác tuyên giáo quý {q}",
)  # fmt: skip
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.I)
_FORM_OPEN = re.compile(r"\s*<form\b[^>]*>", re.I)


def headline(rng: random.Random) -> str:
    topic = rng.choice(TOPICS).format(
        m=rng.randint(1, 12), y=rng.randint(2019, 2024), q=rng.randint(1, 4)
    )
    return f"{rng.choice(PLACES)}: {topic[0].upper()}{topic[1:]}"


def stamp(rng: random.Random) -> str:
    day = f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.randint(2019, 2024)}"
    return f"{day} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def _links(rng: random.Random, count: int, css: str) -> str:
    items = "".join(
        f'<li class="{css}__item"><a href="/{rng.randint(100000, 999999)}">{headline(rng)}</a>'
        f'<span class="{css}__time">{stamp(rng)}</span></li>'
        for _ in range(count)
    )
    return f'<ul class="{css}">{items}</ul>'


def _header(rng: random.Random) -> str:
    menu = "".join(
        f'<li class="menu__item"><a href="/chuyen-muc-{i}">{name}</a><ul class="menu__sub">'
        + "".join(
            f'<li><a href="/chuyen-muc-{i}/{j}">{rng.choice(PLACES)}</a></li>' for j in range(6)
        )
        + "</ul></li>"
        for i, name in enumerate(SECTIONS)
    )
    return (
        f'<div class="top-bar"><span class="top-bar__date">Thứ Tư, {stamp(rng)[:-6]}</span>'
        '<a href="/dang-nhap">Đăng nhập</a> <a href="/rss">RSS</a></div>'
        '<header class="site-header"><a class="logo" href="/">'
        '<img src="/images/logo.png" alt="Trang chủ"></a>'
        f'<nav class="menu"><ul>{menu}</ul></nav><form class="search" action="/tim-kiem">'
        '<input name="q" placeholder="Tìm kiếm"><button>Tìm</button></form>'
        f'</header><div class="ticker"><b>Tin nổi bật</b>{_links(rng, 10, "ticker-list")}</div>'
    )


def _right_column(rng: random.Random) -> str:
    boxes = "".join(
        f'<div class="sidebar-row"><h3 class="sidebar-row__title">{title}</h3>'
        + "".join(
            f'<div class="item-box"><a href="/{rng.randint(100000, 999999)}">'
            f'<img src="/uploads/thumb/{rng.randint(1, 9999)}.jpg" alt="{headline(rng)}"></a>'
            f'<div class="item-text"><h4><a href="/{rng.randint(100000, 999999)}">'
            f"{headline(rng)}</a></h4>"
            f'<span class="item-time">{stamp(rng)}</span></div></div>'
            for _ in range(12)
        )
        + "</div>"
        for title in ("Mới nhất", "Xem nhiều nhất", "Video", "Thư viện ảnh")
    )
    return f'<aside class="sidebar">{boxes}</aside>'


def _footer(rng: random.Random) -> str:
    columns = "".join(
        f'<div class="footer__col"><h5>{name}</h5>{_links(rng, 8, "footer-links")}</div>'
        for name in SECTIONS[:6]
    )
    return (
        f'<footer class="site-footer">{columns}<div class="footer__info">'
        "<p>Cơ quan chủ quản: Ban Tuyên giáo Tỉnh ủy</p>"
        "<p>Địa chỉ: số 1 đường Trần Hưng Đạo, thành phố, tỉnh; Điện thoại: 0210 3812 345</p>"
        "<p>Giấy phép số 123/GP-TTĐT ngày 12/3/2019 của Sở Thông tin và Truyền thông</p>"
        "<p>Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p></div></footer>"
    )


def _scripts(rng: random.Random) -> str:
    config = {
        "menu": [
            {"id": i, "name": name, "url": f"/chuyen-muc-{i}"} for i, name in enumerate(SECTIONS)
        ],
        "latest": [
            {"id": rng.randint(100000, 999999), "title": headline(rng), "time": stamp(rng)}
            for _ in range(60)
        ],
    }
    analytics = (
        "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
        "gtag('js',new Date());gtag('config','G-XXXXXXX');"
    )
    style = "".join(
        f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{i * 4099 % 0xFFFFFF:06x}}}"
        for i in range(250)
    )
    return (
        f"<style>{style}</style><script>{analytics}</script>"
        f"<script>var SITE_CONFIG = {json.dumps(config, ensure_ascii=False)};</script>"
    )


def full_page(html: str, seed: int) -> str:
    """`html` with a whole page's furniture before and after the fixture's own markup."""
    rng = random.Random(seed)
    before = _header(rng) + '<div class="main-wrapper">'
    after = "</div>" + _right_column(rng) + _footer(rng) + _scripts(rng)
    body = _BODY_OPEN.search(html)
    if body is None:
        return before + html + after
    start = body.end()
    form = _FORM_OPEN.match(html, start)
    if form is not None:  # ASP.NET: the one server form holds the whole page
        start = form.end()
        end = html.rfind("</form>")
    else:
        end = html.rfind("</body>")
    end = end if end >= start else len(html)
    return html[:start] + before + html[start:end] + after + html[end:]
