"""Sitemaps and feeds → URLs (pure)."""

from __future__ import annotations

import gzip

import pytest

from scraper.crawl.discover import NotAFeed, modified_since, read_feed, read_sitemap
from tests.support.pages import rss, sitemap, sitemap_index

CAP = 1024 * 1024


def test_a_sitemap_lists_pages_and_an_index_lists_sitemaps() -> None:
    pages = read_sitemap(sitemap(["https://a.vn/x-100001", "https://a.vn/y-100002"]), CAP)
    assert pages.pages == ("https://a.vn/x-100001", "https://a.vn/y-100002")
    index = read_sitemap(sitemap_index(["https://a.vn/s1.xml.gz"]), CAP)
    assert index.pages == () and index.sitemaps == (("https://a.vn/s1.xml.gz", None),)
    dated = (
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap>'
        b"<loc>https://a.vn/s2.xml</loc><lastmod>2024-07-15T08:00:00+07:00</lastmod>"
        b"</sitemap></sitemapindex>"
    )
    assert read_sitemap(dated, CAP).sitemaps == (
        ("https://a.vn/s2.xml", "2024-07-15T08:00:00+07:00"),
    )


def test_a_sitemap_is_modified_since_a_reading_only_if_its_lastmod_is_later() -> None:
    assert modified_since("2024-07-15T08:00:00+07:00", "2024-07-15T00:30:00Z")
    assert not modified_since("2024-07-15T08:00:00+07:00", "2024-07-15T01:30:00Z")
    assert not modified_since("2024-07-14", "2024-07-15T01:30:00Z")
    assert modified_since(None, "2024-07-15T01:30:00Z")  # no telling: read it
    assert modified_since("yesterday", "2024-07-15T01:30:00Z")


def test_a_gzipped_sitemap_is_read_and_a_bomb_is_refused() -> None:
    found = read_sitemap(gzip.compress(sitemap(["https://a.vn/x-100001"])), CAP)
    assert found.pages == ("https://a.vn/x-100001",)
    with pytest.raises(NotAFeed, match="cap"):
        read_sitemap(gzip.compress(b" " * (2 * CAP)), CAP)


def test_rss_atom_and_rdf_feeds() -> None:
    assert read_feed(rss(["https://a.vn/x-1"]), CAP).pages == ("https://a.vn/x-1",)
    atom = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        b'<link rel="enclosure" href="https://a.vn/anh.jpg"/>'
        b'<link rel="alternate" href="https://a.vn/y-2"/></entry>'
        b'<entry><link href="https://a.vn/z-3"/></entry></feed>'
    )
    assert read_feed(atom, CAP).pages == ("https://a.vn/y-2", "https://a.vn/z-3")
    rdf = (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        b' xmlns="http://purl.org/rss/1.0/"><item><link>https://a.vn/w-4</link></item></rdf:RDF>'
    )
    assert read_feed(rdf, CAP).pages == ("https://a.vn/w-4",)


def test_what_is_not_a_sitemap_or_feed_says_so() -> None:
    with pytest.raises(NotAFeed, match="not a sitemap"):
        read_sitemap(rss(["https://a.vn/x-1"]), CAP)
    with pytest.raises(NotAFeed):
        read_feed("<html><body>Trang chủ</body></html>".encode(), CAP)
    with pytest.raises(NotAFeed):
        read_feed(b"", CAP)


@pytest.mark.parametrize("body", [b"<ps:>x</ps:>", b"<:x/>", b"<ps:urlset/>"])
def test_a_root_name_the_recovering_parser_makes_of_broken_xml_is_not_a_feed(
    body: bytes,
) -> None:
    # lxml's QName refuses these names with a ValueError, which is not NotAFeed.
    for read in (read_sitemap, read_feed):
        with pytest.raises(NotAFeed, match="root element"):
            read(body, CAP)


def test_entities_are_not_expanded() -> None:
    hostile = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://a.vn/&x;</loc></url></urlset>"
    )
    assert all("root:" not in page for page in read_sitemap(hostile, CAP).pages)
