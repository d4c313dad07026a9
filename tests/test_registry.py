"""Host → parser."""

from __future__ import annotations

import pytest

from parsers import generic
from parsers.registry import parser_for
from parsers.sites import tuyengiao_vn


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
    assert parser_for(url) is tuyengiao_vn.parse


@pytest.mark.parametrize(
    "url",
    ["https://btg.dongthap.gov.vn/web/btg/x", "https://cdn.tuyengiao.vn/a-12345", "not a url"],
)
def test_other_hosts_get_the_generic_parser(url: str) -> None:
    assert parser_for(url) is generic.parse
