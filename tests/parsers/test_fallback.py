"""A profile never loses a page: per-field and whole-page fallback to the generic reading,
the record's `field_sources`, and parser health counting the fallbacks."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from parsers import NotAnArticle, parse
from parsers.pagedates import VIETNAM
from parsers.registry import Registry
from scraper.archive.health import (
    HealthFigures,
    check_against_history,
    compute_health,
    fallback_fields,
    record_health,
)
from scraper.archive.ingest import read_response
from scraper.archive.store import Archive
from scraper.sites.registry import SITES
from tests.conftest import FIXTURES, load_expected


def page(folder: str, name: str) -> tuple[bytes, dict]:
    return (FIXTURES / folder / f"{name}.html").read_bytes(), load_expected(folder, name)


def broken(site: str, **selectors: tuple[str, ...]) -> Registry:
    """The site's profile with some selectors matching nothing (a template change)."""
    profile = SITES[site].parser
    assert profile is not None
    return Registry([replace(profile, selectors={**profile.selectors, **selectors})])


def test_every_field_of_a_fitting_profile_comes_from_the_profile() -> None:
    html, expected = page("vnportal", "nam-dinh-bao-cao-vien")
    article = parse(html, expected["url"])
    sources = dict(article.field_sources)
    assert sources["title"] == sources["body_text"] == sources["published_at"] == "profile"
    assert sources["author"] == "profile"
    assert article.to_dict()["field_sources"] == sources


def test_a_field_the_selector_misses_is_read_the_generic_way() -> None:
    html, expected = page("vnportal", "nam-dinh-bao-cao-vien")
    article = parse(html, expected["url"], registry=broken("namdinh.gov.vn", time=("div.Gone",)))
    assert article.published_at == expected["published_at"]
    sources = dict(article.field_sources)
    assert sources["published_at"] == "generic:text"
    assert sources["title"] == "profile" and sources["body_text"] == "profile"
    assert article.parser == "vnportal@1"


def test_a_profile_that_finds_no_article_hands_the_page_to_the_generic_parser() -> None:
    html, expected = page("vnportal", "nam-dinh-quan-triet-nghi-quyet")
    registry = broken("namdinh.gov.vn", title=("div.Gone",), body=("div.Gone",))
    article = parse(html, expected["url"], registry=registry)
    assert article.title == expected["title"]
    assert article.published_at == expected["published_at"]
    assert article.body_text == expected["body_text"]
    assert article.site == "namdinh.gov.vn"  # still the registered site's record
    assert article.parser == "generic@1"
    sources = dict(article.field_sources)
    assert all(source.startswith("generic:") for source in sources.values())


def test_a_page_neither_reading_finds_an_article_in_is_not_an_article() -> None:
    html = (FIXTURES / "tuyengiao.vn" / "listing-tuyen-giao-cac-cap.html").read_bytes()
    with pytest.raises(NotAnArticle, match="generic parser: a list of other articles"):
        parse(html, "https://tuyengiao.vn/tuyen-giao-cac-cap")


def test_a_date_later_than_the_fetch_is_refused_from_profile_and_generic_reading() -> None:
    html, expected = page("tuyengiao.vn", "soc-trang-mang-xa-hoi")
    before = datetime(2020, 6, 12, 8, 0, tzinfo=VIETNAM)  # the page says 20:45 that day
    assert parse(html, expected["url"], fetched_at=before).published_at is None
    after = datetime(2020, 6, 13, tzinfo=VIETNAM)
    assert parse(html, expected["url"], fetched_at=after).published_at == expected["published_at"]
    generic = parse(html, expected["url"], registry=Registry([]), fetched_at=before)
    assert generic.published_at is None


def test_health_counts_fallbacks_per_field_and_whole_pages() -> None:
    html, expected = page("vnportal", "nam-dinh-bao-cao-vien")
    fine = parse(html, expected["url"])
    one_field = parse(html, expected["url"], registry=broken("namdinh.gov.vn", time=("x",)))
    whole = parse(html, expected["url"], registry=broken("namdinh.gov.vn", body=("x",)))
    assert fallback_fields(fine) == []
    assert fallback_fields(one_field) == ["published_at"]
    assert fallback_fields(whole) == ["page"]
    figures = compute_health([fine, one_field, whole, whole], profiled=True)
    assert dict(figures.fallbacks) == {"published_at": 1, "page": 2}
    assert compute_health([whole]).fallbacks == ()  # a site without a profile: none


def test_whole_page_fallbacks_warn_at_once_a_field_when_it_rises(tmp_path: Path) -> None:
    site = "namdinh.gov.vn"
    usual = HealthFigures(20, 20, 20, 20, 20, fallbacks=(("section", 20),))
    template_change = HealthFigures(20, 20, 20, 20, 20, fallbacks=(("page", 16),))
    dates_gone = HealthFigures(20, 20, 20, 20, 20, fallbacks=(("published_at", 18),))
    with Archive(tmp_path / "archive.db") as archive:
        run = archive.start_run("update", [site])
        assert check_against_history(archive.db, site, template_change) == [
            f"{site}: the profile fell back to the generic reading for the whole page on 80%"
            " of 20 new articles; check its profile"
        ]
        record_health(archive.db, run, site, usual, [])
        stored = archive.db.execute("SELECT fallbacks FROM site_health").fetchone()[0]
        assert json.loads(stored) == {"section": 20}
        # A field that always fell back (no section selector) is no news; dates are.
        assert check_against_history(archive.db, site, usual) == []
        warnings = check_against_history(archive.db, site, dates_gone)
        assert warnings == [
            f"{site}: the profile fell back to the generic reading for published_at on 90%"
            " of 20 new articles; check its profile"
        ]


def test_ingest_refuses_a_publication_time_after_the_fetch() -> None:
    html, expected = page("tuyengiao.vn", "soc-trang-mang-xa-hoi")
    url = expected["url"]
    early = read_response(url, 200, "text/html", html, fetched_at="2020-06-12T01:00:00Z")
    late = read_response(url, 200, "text/html", html, fetched_at="2020-06-12T14:00:00Z")
    assert early.article is not None and early.article.published_at is None
    assert late.article is not None and late.article.published_at == expected["published_at"]
