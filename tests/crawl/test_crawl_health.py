"""Parser health end to end: a template change that breaks a selector is noticed.

A local site in tuyengiao.vn's layout publishes ten new articles before each run. After
two normal runs, the site "changes its template" (the time line gets another class):
the profile's time selector finds nothing, the generic reading finds the date instead,
so no date is lost; the summary warns that the profile fell back, `crawl_runs` and
`site_health` keep the warning and the per-field fallback counts, and `update --strict`
exits 5.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import TUYENGIAO
from tests.support.mirror import ROBOTS, run_tuyengiao
from tests.support.site_server import LocalSite, Reply

TEMPLATE = (TUYENGIAO / "kon-tum-khong-tac-gia.html").read_text(encoding="utf-8")
OLD_URL = (
    "https://tuyengiao.vn/kon-tum-trien-khai-ke-hoach-thuc-hien-chi-thi-so-05-ct-tw-nam-2019-120874"
)


def article_page(number: int, *, new_template: bool) -> bytes:
    path = f"/bao-cao-vien-co-so-so-{number}-{160000 + number}"
    html = TEMPLATE.replace(OLD_URL, f"https://tuyengiao.vn{path}")
    html = html.replace(
        "Kon Tum triển khai Kế hoạch thực hiện Chỉ thị số 05-CT/TW năm 2019",
        f"Hội nghị báo cáo viên cơ sở lần thứ {number}",
    )
    html = html.replace(
        '<div class="detail-blog-content">',
        f'<div class="detail-blog-content">\n<p>Đây là bản tin số {number} của chuyên mục.</p>',
    )
    if new_template:
        html = html.replace('class="news-detail__text"', 'class="news-detail__time"')
    return html.encode("utf-8")


def listing(numbers: range) -> bytes:
    items = "".join(
        f'<div class="news-item"><h3 class="news-item__title">'
        f'<a href="/bao-cao-vien-co-so-so-{n}-{160000 + n}">Bản tin {n}</a></h3></div>'
        for n in reversed(numbers)
    )
    return f'<html><body><div class="category__left">{items}</div></body></html>'.encode()


def publish(site: LocalSite, numbers: range, *, new_template: bool) -> None:
    for number in numbers:
        path = f"/bao-cao-vien-co-so-so-{number}-{160000 + number}"
        site.add(path, Reply(body=article_page(number, new_template=new_template)))
    site.add("/tuyen-giao-cac-cap", Reply(body=listing(range(1, numbers.stop))))


def update(site: LocalSite, cwd: Path, *extra: str):
    return run_tuyengiao(
        "update", "tuyengiao.vn", "--base-url", site.base_url, "--delay", "0", *extra, cwd=cwd
    )


def test_a_template_change_is_a_health_warning(local_site: LocalSite, tmp_path: Path) -> None:
    local_site.add("/robots.txt", Reply(body=ROBOTS.encode(), content_type="text/plain"))
    for batch in (range(1, 11), range(11, 21)):
        publish(local_site, batch, new_template=False)
        result = update(local_site, tmp_path, "--strict")
        assert result.returncode == 0, result.stderr
        assert "10 new" in result.stdout and "parser health" not in result.stderr

    publish(local_site, range(21, 31), new_template=True)
    result = update(local_site, tmp_path, "--strict")
    assert result.returncode == 5, result.stderr
    assert "10 new" in result.stdout
    (warning,) = [line for line in result.stderr.splitlines() if "parser health" in line]
    assert (
        "tuyengiao.vn: the profile fell back to the generic reading for published_at"
        " on 100% of 10 new articles" in warning
    )

    with sqlite3.connect(tmp_path / "archive.db") as db:
        runs = db.execute("SELECT warnings FROM crawl_runs ORDER BY id").fetchall()
        assert [len(json.loads(w)) for (w,) in runs] == [0, 0, 1]
        health = db.execute(
            "SELECT articles, with_date, fallbacks FROM site_health ORDER BY run_id"
        ).fetchall()
        assert [(n, dated, json.loads(f)) for n, dated, f in health] == [
            (10, 10, {}),
            (10, 10, {}),
            (10, 10, {"published_at": 10}),
        ]
        undated = db.execute("SELECT count(*) FROM articles WHERE published_at IS NULL")
        assert undated.fetchone() == (0,)  # the generic reading kept every date
