"""Learning a site's profile from its own pages (`parsers.learn`), on the fixture pages of
each family with the packaged profile set aside: the learned profile must give the
expected record on the pages it did not see, a listing's links and next page, and one
clear message for input it cannot learn from."""

from __future__ import annotations

import time

import pytest

from parsers import Registry, parse
from parsers.learn import LearnError, learn
from parsers.listing import article_links, next_page
from parsers.sites.catalog import failer, parser_profile
from tests.conftest import FIXTURES, load_expected

RECORD = (
    "canonical_url", "section", "title", "sapo", "body_text", "published_at", "updated_at",
    "byline", "images", "tags",
)  # fmt: skip
# Per family: the pages of one site learned from, and the same site's pages it must read.
# The fixtures hold two pages of one site for three families: one is learned from (the
# command needs two; `minimum=1` is the measuring mode), the other read, and back.
SITES = {
    "tuyengiao.vn": (
        ["hau-giang-quan-triet-nghi-quyet", "nam-dinh-nhieu-anh", "soc-trang-mang-xa-hoi"],
        ["ha-tinh-nhieu-ngay", "kon-tum-khong-tac-gia", "quang-ngai-tong-hop"],
    ),
    "liferay": (["dong-thap-tap-huan-nghiep-vu"], ["dong-thap-toa-dam-khong-tac-gia"]),
    "vnportal": (["nam-dinh-bao-cao-vien"], ["nam-dinh-quan-triet-nghi-quyet"]),
    "wordpress": (["tien-giang-bien-dao"], ["tien-giang-hoc-tap-lam-theo-bac"]),
}
CASES = [
    (family, seen, unseen)
    for family, (a, b) in SITES.items()
    for seen, unseen in ((a, b), (b, a))
    if family != "tuyengiao.vn" or seen is a
]


def page(family: str, name: str) -> tuple[bytes, str]:
    return (FIXTURES / family / f"{name}.html").read_bytes(), load_expected(family, name)["url"]


def registry_of(profile) -> Registry:
    return Registry([parser_profile(profile.data, failer(profile.data["name"]))])


@pytest.mark.parametrize(("family", "seen", "unseen"), CASES)
def test_a_learned_profile_reads_pages_it_did_not_see(family, seen, unseen) -> None:
    minimum = 2 if len(seen) > 1 else 1
    profile = learn("site", [page(family, n) for n in seen], minimum=minimum)
    assert profile.data["family"] == "learned"
    registry = registry_of(profile)
    for name in unseen:
        raw, url = page(family, name)
        got, expected = parse(raw, url, registry=registry).to_dict(), load_expected(family, name)
        assert got["parser"] == "learned@1"
        assert {k: got[k] for k in RECORD} == {k: expected[k] for k in RECORD}, name


def test_each_field_says_why_it_was_learned() -> None:
    names = SITES["tuyengiao.vn"][0]
    profile = learn("tuyengiao.vn", [page("tuyengiao.vn", n) for n in names])
    evidence = {f.name: f for f in profile.fields}
    assert profile.data["selectors"]["title"] == ["h2.news-detail__title"]
    assert (
        evidence["title"].evidence == "title: h2.news-detail__title, equals og:title on 3/3 pages"
    )
    assert evidence["body"].selectors == ("div.detail-blog-content",)
    assert evidence["time"].agree == 3 and evidence["time"].confidence == 1.0
    assert profile.data["dates"]["patterns"] == [
        r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    ]
    assert evidence["section"].values == ["Tuyên giáo các cấp"] * 3
    assert profile.data["selectors"]["caption"] == ["td.caption"]
    assert profile.data["selectors"]["figure"] == ["table.picture"]


def test_a_caption_without_a_photo_container_is_left_out() -> None:
    """vnPortal's caption is the italic paragraph after the photo's: `i` alone would read
    every italic inside the body, so it is not learned (the generic rule reads it)."""
    names = ["nam-dinh-bao-cao-vien", "nam-dinh-quan-triet-nghi-quyet"]
    profile = learn("namdinh.gov.vn", [page("vnportal", n) for n in names])
    assert "caption" not in profile.data["selectors"]
    assert {f.name: f for f in profile.fields}["caption"].evidence == (
        "caption: not learned (no photo container; best i)"
    )


def test_a_time_the_metadata_does_not_confirm_is_learned_as_a_date_only() -> None:
    """Liferay 6.1 prints seconds where the minutes belong: the form keeps the date."""
    profile = learn("btg", [page("liferay", "dong-thap-tap-huan-nghiep-vu")], minimum=1)
    (pattern,) = profile.data["dates"]["patterns"]
    assert "(?P<day>" in pattern and "(?P<hour>" not in pattern


def test_a_field_no_selector_agrees_on_is_left_out() -> None:
    """Three pages without a lead: nothing to learn it from, so no `sapo` selector (the
    generic reading applies), and the table says why."""
    names = ["ha-tinh-nhieu-ngay", "kon-tum-khong-tac-gia", "soc-trang-mang-xa-hoi"]
    profile = learn("tuyengiao.vn", [page("tuyengiao.vn", n) for n in names])
    assert "sapo" not in profile.data["selectors"]
    assert {f.name: f for f in profile.fields}["sapo"].evidence.startswith("sapo: not learned")


@pytest.mark.parametrize("family", ["liferay", "newspaper", "vnportal", "wordpress"])
def test_a_listing_gives_the_article_links_and_the_next_page(family: str) -> None:
    (listing,) = FIXTURES.joinpath(family).glob("listing-*.links.json")
    name = listing.name.removesuffix(".links.json")
    expected = load_expected(family, name, ".links.json")
    host = expected["url"].split("/")[2]
    articles = [
        page(family, p.stem)
        for p in sorted(FIXTURES.joinpath(family).glob("*.json"))
        if not p.name.endswith(".links.json") and host in load_expected(family, p.stem)["url"]
    ]
    html = (FIXTURES / family / f"{name}.html").read_bytes()
    profile = learn(host, articles, [(html, expected["url"])], minimum=1)
    assert profile.listing == expected["links"]
    registry = registry_of(profile)
    text = html.decode("utf-8")
    assert article_links(text, expected["url"], registry) == expected["links"]
    assert next_page(text, expected["url"], registry) == expected["next_page"]
    suffix = profile.data["urls"]["pagination"].format(page=2)
    assert expected["next_page"].endswith(suffix.lstrip("?&"))


def test_the_article_pattern_takes_the_listing_links_and_not_the_listing() -> None:
    names = SITES["tuyengiao.vn"][0]
    html = (FIXTURES / "tuyengiao.vn" / "listing-tuyen-giao-cac-cap.html").read_bytes()
    listing = "https://tuyengiao.vn/tuyen-giao-cac-cap"
    profile = learn("tuyengiao.vn", [page("tuyengiao.vn", n) for n in names], [(html, listing)])
    pattern = profile.data["urls"]["article"]
    from parsers.learn.urls import matches

    assert all(matches(pattern, link) for link in profile.listing)
    assert not matches(pattern, listing) and not matches(pattern, listing + "?page=2")


def test_a_listing_among_the_articles_is_named() -> None:
    names = SITES["tuyengiao.vn"][0][:2]
    html = (FIXTURES / "tuyengiao.vn" / "listing-tuyen-giao-cac-cap.html").read_bytes()
    sources = [*(page("tuyengiao.vn", n) for n in names), (html, "https://tuyengiao.vn/x-1")]
    with pytest.raises(LearnError, match=r"^source 3 \(https://tuyengiao.vn/x-1\) is not an"):
        learn("tuyengiao.vn", sources)
    profile = learn("tuyengiao.vn", sources, leave_out=True)
    assert len(profile.pages) == 2
    assert profile.notes[0].endswith("(a listing? give it with --listing): left out")


def test_a_soft_404_among_the_articles_is_named() -> None:
    names = SITES["tuyengiao.vn"][0][:2]
    html = (FIXTURES / "tuyengiao.vn" / "soft-404.html").read_bytes()
    sources = [*(page("tuyengiao.vn", n) for n in names), (html, "https://tuyengiao.vn/bai-9")]
    with pytest.raises(LearnError, match=r"source 3 .* is not an article page"):
        learn("tuyengiao.vn", sources)


def test_a_page_of_another_site_is_named() -> None:
    sources = [
        page("vnportal", "nam-dinh-bao-cao-vien"),
        page("vnportal", "nam-dinh-quan-triet-nghi-quyet"),
        page("vnportal", "ninh-binh-khong-tac-gia"),
    ]
    with pytest.raises(LearnError, match=r"source 3 .* is a page of ninhbinh.gov.vn, the others"):
        learn("namdinh.gov.vn", sources)


def test_too_few_or_too_many_pages() -> None:
    one = [page("wordpress", "tien-giang-bien-dao")]
    with pytest.raises(LearnError, match="too few pages: 1 given, learning needs 2"):
        learn("tuyengiaotiengiang.vn", one)
    with pytest.raises(LearnError, match="too many pages: 11 given, at most 10"):
        learn("tuyengiaotiengiang.vn", one * 11)


def test_two_templates_are_learned_one_after_the_other_or_reported() -> None:
    """tuyengiao.vn's older layout and its current one: with two pages of each, both
    selectors are kept (the first that matches a page wins); with one page of the new
    layout, that page's template cannot be learned, and the message says so."""
    old = ["hau-giang-quan-triet-nghi-quyet", "nam-dinh-nhieu-anh"]
    new = ["bac-giang-bao-cao-vien-bo-cuc-moi", "quang-tri-chinh-luan-bo-cuc-moi"]
    both = learn("tuyengiao.vn", [page("tuyengiao.vn", n) for n in [*old, *new]])
    assert both.notes == ["2 templates (pages 1, 2; 3, 4), learned one after the other"]
    assert both.data["selectors"]["title"] == ["h2.news-detail__title", "div.article__title"]
    with pytest.raises(LearnError, match=r"of 2 templates \(pages 1, 2; 3\): give 2 pages or more"):
        learn("tuyengiao.vn", [page("tuyengiao.vn", n) for n in [*old, new[0]]])


def test_learning_from_ten_pages_takes_well_under_two_seconds() -> None:
    names = [*SITES["tuyengiao.vn"][0], *SITES["tuyengiao.vn"][1]]
    sources = [page("tuyengiao.vn", n) for n in names] * 2
    start = time.process_time()
    learn("tuyengiao.vn", sources[:10])
    assert time.process_time() - start < 2.0


def test_without_a_listing_the_crawler_gets_every_link_and_rel_next() -> None:
    """A profile learned from articles alone has no listing selector: a listing page then
    gives all its links (the crawler keeps those of the article pattern), as for a site
    without a profile, and its `rel=next` link."""
    names = SITES["tuyengiao.vn"][0]
    registry = registry_of(learn("tuyengiao.vn", [page("tuyengiao.vn", n) for n in names]))
    html = (FIXTURES / "tuyengiao.vn" / "listing-tuyen-giao-cac-cap.html").read_text()
    url = "https://tuyengiao.vn/tuyen-giao-cac-cap"
    links = article_links(html, url, registry)
    assert len(links) > 10 and all(link.startswith("https://tuyengiao.vn/") for link in links)
    assert next_page(html, url, registry) is None  # this listing has no rel=next
    newspaper = registry_of(
        learn("baogialai.com.vn", [page("newspaper", "gia-lai-quan-triet-nghi-quyet")], minimum=1)
    )
    expected = load_expected("newspaper", "listing-gia-lai-chinh-tri", ".links.json")
    listing = (FIXTURES / "newspaper" / "listing-gia-lai-chinh-tri.html").read_text()
    assert next_page(listing, expected["url"], newspaper) == expected["next_page"]
