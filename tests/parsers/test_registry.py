"""Host → parser, from the site profiles."""

from __future__ import annotations

import re

import pytest

from parsers import fallback, generic
from parsers.profile import ParserProfile
from parsers.registry import FAMILIES, Registry, parser_for
from parsers.sites import engine, tuyengiao_vn
from scraper.sites.registry import SITES


@pytest.mark.parametrize(
    "url",
    [
        "https://tuyengiao.vn/a-12345",
        "https://www.tuyengiao.vn/a-12345",
        "http://TuyenGiao.VN/tuyen-giao-cac-cap/a-12345",
        "https://tuyengiao.vn:443/a-12345",
    ],
)
def test_tuyengiao_hosts(url: str) -> None:
    parser = parser_for(url)
    assert parser.func is fallback.parse
    assert parser.keywords["read"] is tuyengiao_vn.parse
    assert parser.keywords["profile"].site == "tuyengiao.vn"


@pytest.mark.parametrize(
    "url",
    ["https://baotinhmau.example.vn/x", "https://cdn.tuyengiao.vn/a-12345", "not a url"],
)
def test_other_hosts_get_the_generic_parser(url: str) -> None:
    assert parser_for(url) is generic.parse


def test_every_registered_host_goes_to_its_family_with_its_own_profile() -> None:
    for site in SITES.values():
        for host in site.hosts:
            parser = parser_for(f"https://{host}/bai-viet-1")
            assert parser.func is fallback.parse  # the profile, the generic reading behind
            read = parser.keywords["read"]
            family = FAMILIES[site.family]
            if hasattr(family, "parse"):
                assert read is family.parse
            else:  # a family of tables only: the engine with the family's parser name
                assert read.func is engine.parse_article
                assert read.keywords["parser"] == family.PARSER
            # Built by `parsers` from the same file the crawler read: equal, not shared.
            assert parser.keywords["profile"] == site.parser


def test_a_registry_of_given_profiles_overrides_nothing_else() -> None:
    profile = ParserProfile(
        site="vi-du.gov.vn",
        family="wordpress",
        hosts=frozenset({"vi-du.gov.vn"}),
        selectors=FAMILIES["wordpress"].SELECTORS,
        date_patterns=(re.compile(r"(?P<day>\d+)/(?P<month>\d+)/(?P<year>\d{4})"),),
    )
    registry = Registry([profile])
    assert registry.parser_for("https://www.vi-du.gov.vn/a").keywords["profile"] is profile
    assert registry.parser_for("https://tuyengiao.vn/a-12345") is generic.parse


def test_a_profile_of_an_unknown_family_is_refused() -> None:
    profile = ParserProfile(site="x.vn", family="joomla", hosts=frozenset({"x.vn"}), selectors={})
    with pytest.raises(ValueError, match="unknown family 'joomla'"):
        Registry([profile])
