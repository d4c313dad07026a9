"""Reading time grows linearly with the input, and a page is read whole or flagged.

The extractors' time is measured at two sizes of the same kind of text (document
numbers, persons, the worst case the issue met): for sixteen times the text a linear
reading takes about 16 times as long, a quadratic step shows as a ratio of 40 and more.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from parsers import extract, parse
from parsers.enrich import MAX_EXTRACT_CHARS, enrich
from parsers.record import Article
from tests.support.pages import article_page
from tests.support.vn_texts import text_of

URL = "https://tuyengiao.vn/bai-sau-150001"


def fastest(function, argument: str, runs: int) -> float:
    """The least CPU time of ``runs`` calls (CPU time: other processes on the machine do
    not count)."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        function(argument)
        times.append(time.process_time() - started)
    return min(times)


@pytest.mark.usefixtures("no_gc")
def test_extractor_time_grows_linearly_with_the_text() -> None:
    """Before: 16 KB → 256 KB took 46 times as long (the document reader compared each
    number with every earlier one; persons each short name with every full one); 1 MB
    took 65 s, now 4 s."""
    small, large = text_of(16), text_of(256)
    ratio = fastest(extract, large, 2) / fastest(extract, small, 6)
    assert ratio < 30, ratio


def test_a_text_over_the_cap_is_read_up_to_it_and_flagged() -> None:
    body = "Hội nghị. " * (MAX_EXTRACT_CHARS // 10 + 1000)
    article = enrich(Article(URL, URL, "tuyengiao.vn", "Tiêu đề", body))
    assert article.truncated and article.to_dict()["truncated"] is True
    assert article.body_text == body  # the text itself is kept whole
    assert "truncated" not in replace(article, truncated=False).to_dict()


def _with_nesting(levels: int, *, before_article: bool) -> str:
    deep = "<div>" * levels + "sâu" + "</div>" * levels
    page = article_page(1)
    if before_article:
        return page.replace("<body>", "<body>" + deep, 1)
    return page.replace("</main>", "</main>" + deep, 1)


def test_html_nested_300_deep_is_read_whole() -> None:
    """Before: libxml2 stopped at 256 levels and the article after the deep part was lost."""
    article = parse(_with_nesting(300, before_article=True), URL)
    assert article.title.endswith("số 1")
    assert "nội dung số 1" in article.body_text
    assert not article.truncated


def test_html_nested_deeper_than_the_parser_goes_is_flagged() -> None:
    """Before: stored as a normal article."""
    article = parse(_with_nesting(3000, before_article=False), URL)
    assert article.truncated
