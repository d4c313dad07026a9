"""A malformed address in a page (`http://[x`, which Python's URL parser refuses) is left
out; it does not fail the page, its record or its listing."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from parsers import parse
from parsers.htmltext import absolute
from parsers.listing import article_links
from parsers.registry import Registry
from tests.conftest import TUYENGIAO, expected

PAGE = "kon-tum-khong-tac-gia"
BODY = '<div class="detail-blog-content">'


@pytest.mark.parametrize(
    ("href", "resolved"),
    [
        ("/bai-1", "https://tinh.example/bai-1"),
        ("http://[x", None),
        ("https://[::1", None),
        ("  ", None),
        ("javascript:void(0)", None),
    ],
)
def test_absolute(href: str, resolved: str | None) -> None:
    assert absolute("https://tinh.example/tin-tuc", href) == resolved


@pytest.mark.parametrize("registry", [None, Registry([])], ids=["profile", "generic"])
def test_an_image_with_a_malformed_address_is_left_out(registry: Registry | None) -> None:
    html = (TUYENGIAO / f"{PAGE}.html").read_text(encoding="utf-8")
    at = html.index(BODY) + len(BODY)
    html = html[:at] + '<p><img src="http://[x" alt="Ảnh hội nghị"></p>' + html[at:]
    record = expected(PAGE)
    article = parse(html, record["url"], registry=registry)
    assert (
        article.body_text
        == parse(
            (TUYENGIAO / f"{PAGE}.html").read_bytes(), record["url"], registry=registry
        ).body_text
    )
    assert all("[" not in image.src for image in article.images)


def test_a_listing_link_with_a_malformed_address_is_left_out() -> None:
    html = (TUYENGIAO / "listing-tuyen-giao-cac-cap.html").read_text(encoding="utf-8")
    url = "https://tuyengiao.vn/tuyen-giao-cac-cap"
    links = article_links(html, url)
    first = urlsplit(links[0]).path
    assert f'href="{first}"' in html
    broken = html.replace(f'href="{first}"', 'href="http://[x"')
    assert article_links(broken, url) == links[1:]
