"""A learned profile in a `--profiles` folder drives a crawl: its listing selector finds
the articles, its article pattern admits them, its selectors read them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from parsers.learn import learn
from parsers.learn.render import render
from scraper.cli.main import cli
from scraper.sites.registry import use_profiles
from tests.conftest import FIXTURES, load_expected
from tests.support.mirror import serve_tuyengiao
from tests.support.site_server import LocalSite

LISTING = "https://tuyengiao.vn/tuyen-giao-cac-cap"
NAMES = ["hau-giang-quan-triet-nghi-quyet", "nam-dinh-nhieu-anh", "soc-trang-mang-xa-hoi"]


@pytest.fixture(autouse=True)
def packaged_sites() -> Iterator[None]:
    yield
    use_profiles(None)


def test_a_crawl_with_a_learned_profile(local_site: LocalSite, tmp_path: Path) -> None:
    pages = serve_tuyengiao(local_site)
    folder = FIXTURES / "tuyengiao.vn"
    sources = [
        ((folder / f"{n}.html").read_bytes(), load_expected("tuyengiao.vn", n)["url"])
        for n in NAMES
    ]
    listings = [
        ((folder / "listing-tuyen-giao-cac-cap.html").read_bytes(), LISTING),
        ((folder / "listing-tuyen-giao-cac-cap-page-2.html").read_bytes(), LISTING + "?page=2"),
    ]
    profile = learn("tuyengiao.vn", sources, listings)
    assert profile.data["urls"]["listings"] == ["/tuyen-giao-cac-cap"]
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "tuyengiao.vn.toml").write_text(render(profile), encoding="utf-8")
    db = tmp_path / "archive.db"
    result = CliRunner().invoke(
        cli,
        ["crawl", "tuyengiao.vn", "--base-url", local_site.base_url, "--delay", "0",
         "--db", str(db), "--profiles", str(tmp_path / "p")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"{len(pages)} new" in result.output
    with sqlite3.connect(db) as conn:
        records = [json.loads(r) for (r,) in conn.execute("SELECT record FROM articles")]
    assert len(records) == len(pages)
    assert {r["parser"] for r in records} == {"learned@1"}
    assert {r["section"] for r in records} == {"Tuyên giáo các cấp"}
