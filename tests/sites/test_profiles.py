"""Site profiles: loading, validation with one-line errors, and the `sites` commands."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from parsers.htmltext import css
from parsers.profile import SELECTOR_FIELDS
from parsers.registry import FAMILIES
from scraper.cli.sites import sites_command
from scraper.sites.load import (
    PROFILE_DIR,
    ProfileError,
    load_profile,
    load_profiles,
    profile_from_data,
)
from tests.conftest import FIXTURES, load_expected

GOOD = """
name = "vidu.gov.vn"
province = "Nam Định"
family = "vnportal"
base_url = "https://vidu.gov.vn"
hosts = ["vidu.gov.vn"]

[urls]
listings = ["/Default.aspx?sname=vidu&sid=4&pageid=1"]
article = '/Default\\.aspx\\?sname=vidu&.*&id=\\d+.*'

[selectors]
title = ["div.ArticleHeader"]

[dates]
patterns = ['(?P<day>\\d+)/(?P<month>\\d+)/(?P<year>\\d{4})']
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vidu.gov.vn.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_profile_loads_with_the_family_table_under_its_overrides(tmp_path: Path) -> None:
    site = load_profile(write(tmp_path, GOOD))
    assert (site.name, site.province, site.family) == ("vidu.gov.vn", "Nam Định", "vnportal")
    assert site.parser is not None
    assert site.parser.get("title") == ("div.ArticleHeader",)
    assert site.parser.get("body")[0] == "div.ArticleDetailControl div.ArticleContent"
    assert site.is_article("https://vidu.gov.vn/Default.aspx?sname=vidu&sid=4&pageid=1&id=7")
    assert not site.is_article("https://vidu.gov.vn/Default.aspx?sname=vidu&sid=4&pageid=1")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("[urls]", "colour = 'red'\n[urls]"), r"vidu\.gov\.vn\.toml: colour: unknown key"),
        (("listings", "listing"), r"urls\.listing: unknown key"),
        (("title = [", "headline = ["), r"selectors\.headline: unknown key for family vnportal"),
        (('"div.ArticleHeader"', '"div..ArticleHeader"'), r"selectors\.title: bad selector"),
        (('"div.ArticleHeader"', '"div[class=)"'), r"selectors\.title: bad selector"),
        (("'/Default", "'/Default(["), r"urls\.article: bad regular expression"),
        (("(?P<year>", "(?P<nam>"), r"dates\.patterns: .* lacks a group of day/month/year"),
        (('hosts = ["vidu.gov.vn"]', ""), r"hosts: missing required key"),
        (('family = "vnportal"', 'family = "joomla"'), r"family: unknown family 'joomla'"),
        (('"https://vidu.gov.vn"', '"vidu.gov.vn"'), r"base_url: .* not an http\(s\)"),
        (("listings = [", "listings = 3 #["), r"urls\.listings: must be a string or a list"),
    ],
)
def test_a_malformed_profile_is_refused_naming_file_and_key(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(ProfileError, match=message) as info:
        load_profile(write(tmp_path, GOOD.replace(old, new, 1)))
    assert "\n" not in str(info.value)


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProfileError, match=r"vidu\.gov\.vn\.toml: cannot read"):
        load_profile(write(tmp_path, "name = "))


def test_two_profiles_claiming_one_host_are_refused(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    (tmp_path / "other.toml").write_text(GOOD.replace('name = "vidu.gov.vn"', 'name = "x"'))
    with pytest.raises(ProfileError, match=r"vidu\.gov\.vn\.toml: hosts: 'vidu\.gov\.vn'"):
        load_profiles(tmp_path)


def test_every_packaged_profile_is_valid_and_names_its_file() -> None:
    sites = load_profiles()
    assert len(sites) >= 5
    for path in PROFILE_DIR.glob("*.toml"):
        assert tomllib.loads(path.read_text(encoding="utf-8"))["name"] == path.stem
    assert {s.family for s in sites.values()} >= {
        "tuyengiao.vn", "liferay", "vnportal", "wordpress", "newspaper",
    }  # fmt: skip


def test_pagination_template() -> None:
    site = load_profiles()["namdinh.gov.vn"]
    listing = site.start_urls[0]
    assert site.listing_page(listing, 2) == listing + "&p=2"
    assert site.listing_page(listing, 1) is None
    tg = load_profiles()["tuyengiao.vn"]
    assert tg.listing_page("https://tuyengiao.vn/tuyen-giao-cac-cap", 3) == (
        "https://tuyengiao.vn/tuyen-giao-cac-cap?page=3"
    )


def test_sites_lists_every_site_with_province_and_family() -> None:
    result = CliRunner().invoke(sites_command, [])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(load_profiles())
    assert any(
        line.split()[:4] == ["btg.dongthap.gov.vn", "Đồng", "Tháp", "liferay"] for line in lines
    )
    assert any(line.split()[:2] == ["tuyengiao.vn", "-"] for line in lines)


def check_rows(site: str, family: str, name: str) -> dict[str, str]:
    """`sites check SITE` on a fixture page at its URL: the output lines by first word."""
    record = load_expected(family, name)
    page = FIXTURES / family / f"{name}.html"
    result = CliRunner().invoke(sites_command, ["check", site, str(page), "--url", record["url"]])
    assert result.exit_code == 0, result.output
    return {line.split()[0]: line for line in result.output.splitlines()}


def test_sites_check_shows_what_each_selector_matched() -> None:
    rows = check_rows("namdinh.gov.vn", "vnportal", "nam-dinh-bao-cao-vien")
    assert "div.ArticleDetailControl div.ArticleHeader  [1]  Hội nghị báo cáo viên" in rows["title"]
    assert "div.PostDate  [1]  20/11/2023 09:05" in rows["time"]
    assert "(no selector matched)" in rows["tags"]
    assert "published_at=2023-11-20T09:05:00+07:00" in rows["record:"]
    assert "byline=Thanh Huyền" in rows["record:"]


def test_sites_check_looks_for_a_field_where_the_parser_reads_it() -> None:
    """The author's lines inside the author block, the body's furniture inside the body,
    not anywhere on the page (every paragraph, the page's scripts)."""
    rows = check_rows("tuyengiao.vn", "tuyengiao.vn", "hau-giang-quan-triet-nghi-quyet")
    assert rows["author_line"].endswith("p  [1]  Ngọc Lan")
    assert rows["caption"].endswith("td.caption  [1]  Quang cảnh Hội nghị tại điểm cầu tỉnh.")
    assert "(no selector matched)" in rows["body_furniture"]


def test_sites_check_on_a_page_the_profile_does_not_fit() -> None:
    page = FIXTURES / "wordpress" / "tien-giang-bien-dao.html"
    result = CliRunner().invoke(sites_command, ["check", "namdinh.gov.vn", str(page)])
    assert result.exit_code == 0
    assert "title          -  (no selector matched)" in result.output
    # The profile finds no article; the generic parser reads the page, and every field
    # shows its candidates: the one taken, the others and why.
    assert "read by: the generic parser (the profile found no article on this page)" in (
        result.output
    )
    assert "title: taken from generic:text" in result.output
    assert "refused  profile" in result.output
    assert "published_at: taken from generic:json-ld" in result.output
    assert "a modification time (updated_at)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "nowhere.vn", "x.html"], "unknown site 'nowhere.vn'"),
        (["check", "namdinh.gov.vn", "khong-co.html"], "cannot read khong-co.html"),
    ],
)
def test_sites_check_bad_input_is_one_line(args: list[str], message: str) -> None:
    result = CliRunner().invoke(sites_command, args)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_every_family_default_selector_compiles() -> None:
    for family in FAMILIES.values():
        for selectors in family.SELECTORS.values():
            for selector in selectors:
                css(selector)


def test_the_cms_families_fill_every_field_of_the_engine_table() -> None:
    for name, family in FAMILIES.items():
        if name != "tuyengiao.vn":
            assert set(family.SELECTORS) == set(SELECTOR_FIELDS), name


def test_the_documented_profile_example_is_a_valid_profile() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "adding-a-site.md"
    example = doc.read_text(encoding="utf-8").split("```toml\n", 1)[1].split("```", 1)[0]
    site = profile_from_data(tomllib.loads(example), "adding-a-site.md")
    assert site.parser is not None and site.parser.family == "newspaper"
    assert site.is_article(
        "https://baonamdinh.com.vn/channel/5083/201911/phat-huy-vai-tro-giam-sat-2534328/"
    )


def test_wordpress_feeds_and_archives_are_not_articles() -> None:
    site = load_profiles()["tuyengiaotiengiang.vn"]
    assert site.is_article("https://tuyengiaotiengiang.vn/hoi-nghi-thong-tin-chuyen-de-bien-dao/")
    for url in ("/feed/", "/category/hoat-dong-tuyen-giao/", "/tag/bien-dao/", "/page/2/"):
        assert not site.is_article("https://tuyengiaotiengiang.vn" + url)
