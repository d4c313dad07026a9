"""Parser health: a broken selector shows as a drop against the site's history."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from parsers import parse
from parsers.record import Article
from parsers.registry import Registry
from scraper.archive.health import (
    HealthFigures,
    check_against_history,
    compare,
    compute_health,
    parser_error_warnings,
    record_health,
)
from scraper.archive.store import Archive
from scraper.sites.registry import SITES
from tests.conftest import FIXTURES, load_expected

PAGES = ("nam-dinh-quan-triet-nghi-quyet", "nam-dinh-bao-cao-vien")
SITE = "namdinh.gov.vn"


def crawl_records(registry: Registry | None, copies: int = 6) -> list[Article]:
    """What a crawl of the site would store: the fixture pages, several times over."""
    records = []
    for name in PAGES:
        record = load_expected("vnportal", name)
        html = (FIXTURES / "vnportal" / f"{name}.html").read_bytes()
        records.extend([parse(html, record["url"], registry=registry)] * copies)
    return records


def test_compute_health_counts_each_field() -> None:
    figures = compute_health(crawl_records(None, copies=1))
    assert figures == HealthFigures(
        articles=2, with_title=2, with_date=2, with_body=2, with_byline=2
    )
    short = replace(crawl_records(None, copies=1)[0], body_text="Ngắn.", byline=None)
    assert compute_health([short]) == HealthFigures(1, 1, 1, 0, 0)


def test_a_broken_time_selector_raises_a_warning_after_good_runs(tmp_path: Path) -> None:
    """With the profile's generic fallback, a broken selector loses no date: the warning
    is that the profile fell back; a date the page does not have at all (the fallback
    finds none either) is the drop against history."""
    good = compute_health(crawl_records(None), profiled=True)
    profile = SITES[SITE].parser
    assert profile is not None
    broken_selectors = {**profile.selectors, "time": ("div.PostDateMoi",)}
    broken = Registry([replace(profile, selectors=broken_selectors)])
    fell_back = compute_health(crawl_records(broken), profiled=True)
    assert fell_back.with_date == fell_back.articles
    assert dict(fell_back.fallbacks)["published_at"] == fell_back.articles
    now = compute_health([replace(r, published_at=None) for r in crawl_records(broken)])
    assert now.with_date == 0 and now.with_title == now.articles

    with Archive(tmp_path / "archive.db") as archive:
        for _ in range(3):
            run = archive.start_run("update", [SITE])
            record_health(
                archive.db, run, SITE, good, check_against_history(archive.db, SITE, good)
            )
        run = archive.start_run("update", [SITE])
        warnings = check_against_history(archive.db, SITE, now, before_run=run)
        record_health(archive.db, run, SITE, now, warnings)
        stored = list(archive.db["site_health"].rows_where("run_id = ?", [run]))
    assert warnings == [
        "namdinh.gov.vn: articles with a published_at fell to 0% of 12"
        " (median 100% over the last 3 runs); check its profile"
    ]
    assert json.loads(stored[0]["warnings"]) == warnings
    assert stored[0]["with_date"] == 0


def test_a_first_run_has_no_history_to_fall_from(tmp_path: Path) -> None:
    with Archive(tmp_path / "archive.db") as archive:
        figures = HealthFigures(20, 20, 0, 20, 0)
        assert check_against_history(archive.db, SITE, figures) == []


@pytest.mark.parametrize(
    ("history", "now", "warned"),
    [
        # a drop of exactly 30 points warns; 29 points does not
        ([HealthFigures(100, 100, 90, 100, 80)], HealthFigures(100, 100, 60, 100, 51), 1),
        # small runs neither judge nor count as history
        ([HealthFigures(100, 100, 100, 100, 100)], HealthFigures(9, 9, 0, 9, 0), 0),
        ([HealthFigures(9, 9, 9, 9, 9)], HealthFigures(50, 50, 0, 50, 0), 0),
        # the median, not one odd run, is the reference
        (
            [HealthFigures(20, 20, 4, 20, 20), *[HealthFigures(20, 20, 20, 20, 20)] * 2],
            HealthFigures(20, 20, 10, 20, 20),
            1,
        ),
        ([HealthFigures(20, 20, 4, 20, 20)] * 3, HealthFigures(20, 20, 2, 20, 20), 0),
    ],
)
def test_drop_rule(history: list[HealthFigures], now: HealthFigures, warned: int) -> None:
    assert len(compare("x.vn", now, history)) == warned


def test_pages_a_parser_failed_on_are_a_warning_whatever_the_history() -> None:
    assert parser_error_warnings("tinh.example", 0) == []
    (one,) = parser_error_warnings("tinh.example", 1)
    (three,) = parser_error_warnings("tinh.example", 3)
    assert one.startswith("tinh.example: the parser failed on 1 page (")
    assert three.startswith("tinh.example: the parser failed on 3 pages (")
