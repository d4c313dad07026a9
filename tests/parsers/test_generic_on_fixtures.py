"""The generic parser on every article fixture, with the site profiles switched off."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from parsers import parse
from parsers.registry import Registry
from tests.conftest import FIXTURES, article_fixtures, load_expected

NO_PROFILES = Registry([])
ARTICLES = article_fixtures()
_WORD = re.compile(r"\w+")


def body_f1(guess: str, truth: str) -> float:
    g, t = Counter(_WORD.findall(guess.lower())), Counter(_WORD.findall(truth.lower()))
    common = sum((g & t).values())
    if not common:
        return 0.0
    precision, recall = common / sum(g.values()), common / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def generic(folder: str, name: str):
    record = load_expected(folder, name)
    html = (FIXTURES / folder / f"{name}.html").read_bytes()
    return parse(html, record["url"], registry=NO_PROFILES), record


@pytest.mark.parametrize(("folder", "name"), ARTICLES)
def test_generic_body_is_close_and_free_of_foreign_lines(folder: str, name: str) -> None:
    article, record = generic(folder, name)
    assert article.parser == "generic@1"
    assert body_f1(article.body_text, record["body_text"]) >= 0.9
    allowed = set(record["body_text"].split("\n")) | {record["sapo"]}
    assert [line for line in article.body_text.split("\n") if line not in allowed] == []


def test_generic_title_and_date_rates() -> None:
    results = [generic(folder, name) for folder, name in ARTICLES]
    titles = sum(a.title == r["title"] for a, r in results) / len(results)
    dates = sum(a.published_at == r["published_at"] for a, r in results) / len(results)
    assert titles >= 0.95
    assert dates >= 0.90


@pytest.mark.parametrize(
    ("folder", "name"),
    [("tuyengiao.vn", "ha-tinh-nhieu-ngay"), ("newspaper", "nam-dinh-mat-tran")],
)
def test_generic_date_is_not_the_header_ticker_or_sidebar(folder: str, name: str) -> None:
    article, record = generic(folder, name)
    assert article.published_at == record["published_at"]


def test_generic_reads_the_liferay_seconds_for_minutes_line_as_a_date() -> None:
    article, _ = generic("liferay", "dong-thap-tap-huan-nghiep-vu")
    assert article.published_at == "2023-05-13"


def test_generic_takes_no_login_name_or_publisher_as_author() -> None:
    # WordPress names the account ("admin"); the paper's JSON-LD names itself as author.
    article, _ = generic("wordpress", "tien-giang-hoc-tap-lam-theo-bac")
    assert article.byline is not None and article.byline.author == "KIM NGÂN"
    article, _ = generic("newspaper", "an-giang-bao-cao-vien")
    assert article.byline is not None and article.byline.author == "G.K"


@pytest.mark.parametrize(
    "html",
    [
        # only the header's current date and a sidebar's headline date
        """<html><body><header><span>Thứ Hai, 14/07/2025</span></header><h1>Tin vắn</h1>
        <div class="noi-dung"><p>Một đoạn văn bản đủ dài để làm thân bài của trang thử nghiệm
        này, không có ngày tháng nào trong đó cả, chỉ có chữ.</p></div>
        <div class="sidebar"><a href="/b">Tin khác</a><span>13/07/2025 08:00</span></div>
        </body></html>""",
        # a date inside a sentence of the body
        """<html><body><h1>Tin vắn</h1><div class="noi-dung"><p>Ngày 12/3/2024, Hội nghị
        được tổ chức với sự tham dự của nhiều đại biểu đến từ các cơ quan, đơn vị trong tỉnh
        và các huyện, thị xã, thành phố.</p></div></body></html>""",
    ],
)
def test_generic_date_must_be_none(html: str) -> None:
    assert parse(html, "https://vi-du.example.vn/tin-van.html").published_at is None


@pytest.mark.parametrize("heading", ['h2 class="tieu-de"', 'div class="dong-dau"'])
def test_a_logo_heading_is_not_the_title(heading: str) -> None:
    tag = heading.split()[0]
    html = f"""<html><head><title>Hội nghị báo cáo viên quý III - Báo Tỉnh</title></head><body>
    <header class="site-header"><h1 class="logo"><a href="/">BÁO TỈNH</a></h1></header>
    <div class="main"><{heading}>Hội nghị báo cáo viên quý III</{tag}>
    <div class="ngay">Thứ Ba, 03/10/2023 - 10:15</div>
    <div class="noi-dung"><p>Sáng 3/10, Ban Tuyên giáo Tỉnh ủy tổ chức hội nghị báo cáo viên
    quý III năm 2023 với sự tham dự của báo cáo viên các cấp trong tỉnh.</p></div></div>
    </body></html>"""
    article = parse(html, "https://baotinh.example.vn/hoi-nghi.html")
    assert article.title == "Hội nghị báo cáo viên quý III"
    assert article.published_at == "2023-10-03T10:15:00+07:00"


def test_a_description_cut_from_the_body_is_not_a_sapo() -> None:
    # WordPress/Yoast fills og:description with the body's first 150 characters.
    article, record = generic("wordpress", "tien-giang-bien-dao")
    assert record["sapo"] is None and article.sapo is None
    article, record = generic("newspaper", "gia-lai-quan-triet-nghi-quyet")
    assert article.sapo == record["sapo"]
