"""Host → parser. Hosts are matched lower-cased and without `www.`; others get generic."""

from __future__ import annotations

from collections.abc import Callable

from parsers import generic
from parsers.htmltext import host_of
from parsers.record import Article
from parsers.sites import tuyengiao_vn

Parser = Callable[[str, str], Article]

PARSERS: dict[str, Parser] = {
    "tuyengiao.vn": tuyengiao_vn.parse,
}


def parser_for(url: str) -> Parser:
    """The parser registered for the URL's host, or the generic parser."""
    return PARSERS.get(host_of(url), generic.parse)
