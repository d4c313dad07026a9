"""Damaged pages: `parse` answers with a record, `NotAnArticle` or `ParseError`, never with
another exception (which the crawl records as a parser error on the page).

The pages are the article fixtures with pieces cut out, cut short, repeated, or with
troublesome markup put in: unbalanced tags, comments and scripts left open, malformed
addresses, impossible dates, odd JSON-LD, combining marks, NUL characters.
"""

from __future__ import annotations

import contextlib
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import NotAnArticle, ParseError, decode_html, parse
from parsers.registry import Registry
from tests.conftest import FIXTURES

FAMILIES = ("tuyengiao.vn", "liferay", "vnportal", "wordpress", "newspaper", "generic")
PAGES = [
    (decode_html(path.with_suffix(".html").read_bytes())[0], json.loads(path.read_text())["url"])
    for family in FAMILIES
    for path in sorted((FIXTURES / family).glob("*.json"))
    if not path.name.endswith(".links.json") and path.with_suffix(".html").exists()
]
PIECES = (
    "<", ">", "</div>", "<div>", "<p>", "</p>", "<script>", "<!--", "&", "\x00", "<br>",
    "<table>", "<td>", "<figure>", "\u0300", "Số:", "19-CT/TU", "ngày 32/13/2020", "ông",
    "Ông Nguyễn Văn Nam, Bí thư Tỉnh ủy,", '<img src="http://[x">', '<a href="http://[x">x</a>',
    '<link rel="canonical" href="http://[x">', '<time datetime="2024-13-45T99:00">',
    '<meta property="article:published_time" content="0000-00-00">',
    '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":[1],'
    '"author":[{"name":1}],"headline":5,"keywords":7,"url":"http://[x"}</script>',
    '<script type="application/ld+json">{"@graph":[null,3,{"@type":["NewsArticle"]}]}</script>',
)  # fmt: skip
EDIT = st.tuples(
    st.sampled_from(("insert", "delete", "cut", "repeat")),
    st.floats(0, 1),
    st.sampled_from(PIECES),
    st.integers(1, 300),
)


def damaged(text: str, edits: list[tuple[str, float, str, int]]) -> str:
    for kind, where, piece, length in edits:
        at = int(where * len(text))
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + length :]
        elif kind == "cut":
            text = text[:at]
        else:
            text = text[:at] + text[at : at + length] + text[at:]
    return text


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PAGES), st.lists(EDIT, min_size=1, max_size=8), st.booleans())
def test_a_damaged_page_never_fails_the_parser(page, edits, generic) -> None:
    text, url = page
    with contextlib.suppress(NotAnArticle, ParseError):
        parse(damaged(text, edits), url, registry=Registry([]) if generic else None)
