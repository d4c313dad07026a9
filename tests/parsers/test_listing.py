"""Listing pages of tuyengiao.vn: main-column article links and the next page."""

from __future__ import annotations

import json

from parsers.sites.tuyengiao_vn import article_links, next_page
from tests.conftest import TUYENGIAO

SECTION = "https://tuyengiao.vn/tuyen-giao-cac-cap"
PAGE_1 = (TUYENGIAO / "listing-tuyen-giao-cac-cap.html").read_text(encoding="utf-8")
PAGE_2 = (TUYENGIAO / "listing-tuyen-giao-cac-cap-page-2.html").read_text(encoding="utf-8")
SIDEBAR_IDS = ("157631", "157618", "157540", "157502")


def fixture_url(name: str) -> str:
    return json.loads((TUYENGIAO / f"{name}.json").read_text(encoding="utf-8"))["url"]


def test_page_1_links_in_page_order() -> None:
    assert article_links(PAGE_1, SECTION) == [
        fixture_url("quang-ngai-tong-hop"),
        fixture_url("nam-dinh-nhieu-anh"),
        fixture_url("hau-giang-quan-triet-nghi-quyet"),
        fixture_url("soc-trang-mang-xa-hoi"),
    ]


def test_page_2_links_include_the_old_url_scheme() -> None:
    assert article_links(PAGE_2, f"{SECTION}?page=2") == [
        fixture_url("kon-tum-khong-tac-gia"),
        fixture_url("ha-tinh-nhieu-ngay"),
    ]


def test_both_pages_link_every_article_fixture() -> None:
    linked = set(article_links(PAGE_1, SECTION)) | set(article_links(PAGE_2, f"{SECTION}?page=2"))
    # Pages of the current layout ("bo-cuc-moi") are not on these 2019–2024 listing pages.
    names = {p.stem.split(".")[0] for p in TUYENGIAO.glob("*.json") if "bo-cuc-moi" not in p.stem}
    assert linked == {fixture_url(name) for name in names}


def test_sidebar_and_menu_links_are_not_returned() -> None:
    for html, url in ((PAGE_1, SECTION), (PAGE_2, f"{SECTION}?page=2")):
        links = article_links(html, url)
        assert not [link for link in links if link.endswith(SIDEBAR_IDS)]
        assert all("?" not in link for link in links)


def test_without_a_main_column_sidebars_are_still_left_out() -> None:
    html = PAGE_1.replace('class="category__left"', 'class="column"').replace(
        'class="news-list"', 'class="items"'
    )
    html = html.replace("<main", "<div").replace("</main>", "</div>")
    links = article_links(html, SECTION)
    assert len(links) == 4
    assert not [link for link in links if link.endswith(SIDEBAR_IDS)]


def test_on_an_article_page_sidebar_links_are_left_out() -> None:
    html = (TUYENGIAO / "soc-trang-mang-xa-hoi.html").read_text(encoding="utf-8")
    links = article_links(html, fixture_url("soc-trang-mang-xa-hoi"))
    assert "https://tuyengiao.vn/thai-binh-hoi-nghi-bao-cao-vien-thang-6-128120" in links
    assert not [link for link in links if link.endswith(SIDEBAR_IDS)]


def test_next_page() -> None:
    assert next_page(PAGE_1, SECTION) == f"{SECTION}?page=2"
    assert next_page(PAGE_2, f"{SECTION}?page=2") is None


def test_next_page_from_rel_next() -> None:
    html = '<html><head><link rel="next" href="/tuyen-giao-cac-cap?page=3"></head></html>'
    assert next_page(html, f"{SECTION}?page=2") == f"{SECTION}?page=3"


def test_next_page_by_number_when_there_is_no_next_arrow() -> None:
    html = PAGE_1.replace('<a class="pagination__next" href="?page=2">›</a>', "")
    assert next_page(html, SECTION) == f"{SECTION}?page=2"


def test_next_page_by_number_from_the_url_when_nothing_is_marked_current() -> None:
    html = '<ul class="pagination"><li><a href="?page=1">1</a></li><li><a href="?page=3">3</a></li>'
    assert next_page(html, f"{SECTION}?page=2") == f"{SECTION}?page=3"
