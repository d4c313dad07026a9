"""Learned profiles as the crawler reads them: the TOML `sites learn` writes passes the
packaged profiles' validation, and a `--profiles` folder adds to and overrides them."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parsers import parse
from parsers.learn import learn
from parsers.learn.render import render
from scraper.sites import registry
from scraper.sites.load import (
    ProfileError,
    load_extra_profiles,
    load_profiles,
    profile_from_data,
    with_extra,
)
from tests.conftest import FIXTURES, load_expected

NAMES = ["hau-giang-quan-triet-nghi-quyet", "nam-dinh-nhieu-anh", "soc-trang-mang-xa-hoi"]


def sources(names: list[str] = NAMES) -> list[tuple[bytes, str]]:
    folder = FIXTURES / "tuyengiao.vn"
    return [
        ((folder / f"{n}.html").read_bytes(), load_expected("tuyengiao.vn", n)["url"])
        for n in names
    ]


@pytest.fixture
def learned_folder(tmp_path: Path) -> Path:
    (tmp_path / "tuyengiao.vn.toml").write_text(
        render(learn("tuyengiao.vn", sources())), encoding="utf-8"
    )
    return tmp_path


@pytest.fixture
def restore_sites():
    yield
    registry.use_profiles(None)


def test_the_learned_toml_passes_the_packaged_profiles_validation(learned_folder: Path) -> None:
    text = (learned_folder / "tuyengiao.vn.toml").read_text(encoding="utf-8")
    site = profile_from_data(tomllib.loads(text), "tuyengiao.vn.toml")
    assert site.family == "learned" and site.hosts == {"tuyengiao.vn", "www.tuyengiao.vn"}
    assert site.is_article(load_expected("tuyengiao.vn", "kon-tum-khong-tac-gia")["url"])
    assert not site.is_article("https://tuyengiao.vn/tuyen-giao-cac-cap")
    assert site.parser is not None and site.parser.get("title") == ("h2.news-detail__title",)
    assert "# title: h2.news-detail__title, equals og:title on 3/3 pages" in text


def test_a_bad_learned_file_is_refused_like_a_packaged_one(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text(
        "name = 'x.vn'\nfamily = 'learned'\nbase_url = 'https://x.vn'\nhosts = ['x.vn']\n"
        "[urls]\nlistings = ['/']\narticle = '/a'\n[selectors]\ntitle = ['h1[']\n",
        encoding="utf-8",
    )
    with pytest.raises(ProfileError, match=r"^x.toml: selectors.title: bad selector 'h1\['"):
        load_extra_profiles(tmp_path)


def test_a_folder_profile_replaces_the_packaged_one_of_its_site(learned_folder: Path) -> None:
    sites = with_extra(load_profiles(), load_extra_profiles(learned_folder))
    assert sites["tuyengiao.vn"].family == "learned"
    assert sites["tuyengiao.vn"].origin == str(learned_folder / "tuyengiao.vn.toml")
    assert sites["namdinh.gov.vn"].origin == "packaged"
    assert len(sites) == len(load_profiles())


def test_a_folder_profile_claiming_another_sites_host_is_refused(tmp_path: Path) -> None:
    text = render(learn("khac.vn", sources()))  # tuyengiao.vn's hosts under another name
    (tmp_path / "khac.vn.toml").write_text(text, encoding="utf-8")
    message = r"khac.vn.toml: hosts: '(www.)?tuyengiao.vn' belongs to tuyengiao.vn \(packaged\)"
    with pytest.raises(ProfileError, match=message):
        with_extra(load_profiles(), load_extra_profiles(tmp_path))


def test_the_parsers_are_handed_the_folder_profiles(learned_folder: Path, restore_sites) -> None:
    name = "ha-tinh-nhieu-ngay"
    raw = (FIXTURES / "tuyengiao.vn" / f"{name}.html").read_bytes()
    url = load_expected("tuyengiao.vn", name)["url"]
    assert parse(raw, url, registry=registry.parser_registry()).parser == "tuyengiao.vn@1"
    registry.use_profiles(learned_folder)
    assert registry.SITES["tuyengiao.vn"].family == "learned"
    record = parse(raw, url, registry=registry.parser_registry())
    assert record.parser == "learned@1"
    assert record.section == "Tuyên giáo các cấp"
    registry.use_profiles(None)
    assert registry.SITES["tuyengiao.vn"].family == "tuyengiao.vn"
