"""canonical_url: a table of cases and an idempotence property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scraper.web.urls import canonical_url, host_of, resolve_location, same_site

CASES = [
    # scheme and host lower-cased, default port dropped, fragment dropped
    ("HTTP://TuyenGiao.VN:80/Home#top", "http://tuyengiao.vn/Home"),
    ("https://tuyengiao.vn:443/", "https://tuyengiao.vn/"),
    ("https://tuyengiao.vn:8443/a", "https://tuyengiao.vn:8443/a"),
    ("http://tuyengiao.vn", "http://tuyengiao.vn/"),
    ("http://tuyengiao.vn./a", "http://tuyengiao.vn/a"),
    # path case kept (Liferay, ASP.NET)
    ("https://x.gov.vn/Pages/TinTuc.aspx?ItemID=5", "https://x.gov.vn/Pages/TinTuc.aspx?ItemID=5"),
    ("https://x.gov.vn/web/Guest/Tin-Tuc", "https://x.gov.vn/web/Guest/Tin-Tuc"),
    # query sorted; tracking parameters dropped
    ("http://a.vn/p?b=2&a=1", "http://a.vn/p?a=1&b=2"),
    ("http://a.vn/p?utm_source=zalo&utm_medium=zalo&zarsrc=30&id=7", "http://a.vn/p?id=7"),
    ("http://a.vn/p?id=7&fbclid=IwAR0x&gclid=Cj0&gidzl=abc", "http://a.vn/p?id=7"),
    ("http://a.vn/p?UTM_Campaign=x", "http://a.vn/p"),
    ("http://a.vn/p?", "http://a.vn/p"),
    ("http://a.vn/p?a=&b", "http://a.vn/p?a=&b"),
    ("http://a.vn/p?a=2&a=1", "http://a.vn/p?a=1&a=2"),
    # session ids
    ("http://a.vn/news;jsessionid=0A1B2C?id=3", "http://a.vn/news?id=3"),
    ("http://a.vn/p?PHPSESSID=abc&id=3", "http://a.vn/p?id=3"),
    ("http://a.vn/p?sid=12", "http://a.vn/p?sid=12"),
    ("http://a.vn/p?sid=0123456789abcdef0123456789abcdef&id=1", "http://a.vn/p?id=1"),
    ("http://a.vn/(S(lit3py55t21z5v55vlm25s55))/Default.aspx", "http://a.vn/Default.aspx"),
    # percent-encoding: unreserved decoded, hex upper-cased, Unicode escaped as UTF-8
    ("http://a.vn/%7Euser/%61bc", "http://a.vn/~user/abc"),
    ("http://a.vn/a%2fb%c3%a1", "http://a.vn/a%2Fb%C3%A1"),
    ("http://a.vn/tin-tức/đảng", "http://a.vn/tin-t%E1%BB%A9c/%C4%91%E1%BA%A3ng"),
    ("http://a.vn/tin-t%e1%bb%a9c", "http://a.vn/tin-t%E1%BB%A9c"),
    ("http://a.vn/a b", "http://a.vn/a%20b"),
    ("http://a.vn/100%", "http://a.vn/100%25"),
    ("http://a.vn/s?q=Ngh%E1%BB%8B+quy%E1%BA%BFt", "http://a.vn/s?q=Ngh%E1%BB%8B+quy%E1%BA%BFt"),
    ("http://a.vn/s?q=nghị quyết", "http://a.vn/s?q=ngh%E1%BB%8B%20quy%E1%BA%BFt"),
    # dot segments
    ("http://a.vn/a/./b/../c", "http://a.vn/a/c"),
    ("http://a.vn/../a", "http://a.vn/a"),
    # hosts are not merged: that is site knowledge
    ("https://m.tuyengiao.vn/a", "https://m.tuyengiao.vn/a"),
    ("https://www.tuyengiao.vn/a", "https://www.tuyengiao.vn/a"),
    # IDN and IPv6 hosts
    ("http://BÁO.vn/a", "http://xn--bo-mia.vn/a"),
    ("http://[::1]:8080/x", "http://[::1]:8080/x"),
]


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
    assert canonical_url(expected) == expected


@pytest.mark.parametrize("url", ["/relative/path", "mailto:a@b.vn", "ftp://a.vn/x", "http:///x"])
def test_canonical_url_rejects_non_http(url: str) -> None:
    with pytest.raises(ValueError, match="not an absolute http"):
        canonical_url(url)


def test_host_helpers() -> None:
    assert host_of("HTTPS://TuyenGiao.VN:8443/x") == "tuyengiao.vn"
    assert same_site("https://tuyengiao.vn/a", {"TuyenGiao.vn"})
    assert not same_site("https://m.tuyengiao.vn/a", {"tuyengiao.vn"})


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("/b?x=1", "http://a.vn/b?x=1"),
        ("c", "http://a.vn/dir/c"),
        ("//m.a.vn/x", "http://m.a.vn/x"),
        ("/tin-tức".encode().decode("latin-1"), "http://a.vn/tin-t%E1%BB%A9c"),  # raw UTF-8
        ("/caf\xe9", "http://a.vn/caf%C3%A9"),  # latin-1 byte, not UTF-8: kept as é
        ("/tin-t%E1%BB%A9c", "http://a.vn/tin-t%E1%BB%A9c"),
    ],
)
def test_resolve_location(location: str, expected: str) -> None:
    assert resolve_location("http://a.vn/dir/page", location) == expected


_segment = st.lists(
    st.sampled_from([*"aZ09-._~%!$&'()*+,;=:@ /?#[]đảứ", "%e1", "%7E", "%2f", ".."]),
    max_size=12,
).map("".join)
_urls = st.builds(
    lambda scheme, host, port, path, query, fragment: (
        f"{scheme}://{host}{port}/{path}{'?' + query if query else ''}"
        f"{'#' + fragment if fragment else ''}"
    ),
    st.sampled_from(["http", "https", "HTTP"]),
    st.sampled_from(["tuyengiao.vn", "WWW.Tinh.gov.vn", "127.0.0.1", "báo.vn"]),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    _segment,
    st.lists(
        st.tuples(st.sampled_from(["id", "utm_source", "sid", "a", "Đ", "zarsrc"]), _segment),
        max_size=4,
    ).map(lambda pairs: "&".join(f"{k}={v}" for k, v in pairs)),
    _segment,
)


@given(_urls)
def test_canonical_url_is_idempotent(url: str) -> None:
    once = canonical_url(url)
    assert canonical_url(once) == once


@given(st.text(max_size=40))
def test_canonical_url_is_idempotent_on_any_path(path: str) -> None:
    once = canonical_url("http://a.vn/" + path)
    assert canonical_url(once) == once
