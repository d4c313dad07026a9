"""The template zoo (`tests/support/zoo.py`): the parsers on templates nobody here wrote.

Every family's fixture articles re-rendered with renamed classes, other nesting, other
date forms and a whole page's furniture. The generic parser reads them with no profile
(no family's rules on its own pages) and must reach the issue's targets; with the
registered profiles on, whose selectors no longer match, no page may be lost.
"""

from __future__ import annotations

import statistics
from functools import cache

import pytest

from benchmarks.bench_real_pages import REAL, generic_run, page_scores, real_pages, zoo_pages
from parsers import parse
from tests.support.zoo import FAMILIES, zoo

TARGETS = {"title": 0.95, "published": 0.95, "author": 0.90, "section": 0.85, "body_f1": 0.95}


@cache
def zoo_scores() -> dict[str, dict[str, float]]:
    return {name: page_scores(generic_run(page, e["url"]), e) for name, page, e in zoo_pages()}


def test_the_zoo_holds_every_family_with_its_markup_changed() -> None:
    pages = zoo()
    assert {page.family for page in pages} == set(FAMILIES)
    for page in pages:
        assert page.record["title"] in page.html  # the article is there…
        assert "news-detail__title" not in page.html  # …in markup nobody here chose
        assert "ArticleDetailControl" not in page.html
        assert "entry-content" not in page.html


@pytest.mark.parametrize("field", TARGETS)
def test_generic_parser_on_the_zoo_reaches_the_target(field: str) -> None:
    scores = zoo_scores()
    assert statistics.mean(s[field] for s in scores.values()) >= TARGETS[field]


@pytest.mark.parametrize("family", FAMILIES)
def test_every_family_left_out_is_still_read(family: str) -> None:
    """Per family: its pages read with none of its rules, the body nearly whole."""
    scores = [s for name, s in zoo_scores().items() if name.startswith(f"{family}/")]
    assert scores
    assert all(s["title"] for s in scores)
    assert statistics.mean(s["body_f1"] for s in scores) >= 0.9


def test_no_zoo_page_of_a_registered_site_is_lost_to_its_profile() -> None:
    for page in zoo():
        article = parse(page.html, page.record["url"])  # the site's profile is registered
        assert article.title == page.record["title"], page.name
        sources = dict(article.field_sources)
        assert sources, page.name


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-pages not present")
def test_generic_parser_on_real_pages_reaches_the_target() -> None:
    scores = [page_scores(generic_run(page, e["url"]), e) for _, page, e in real_pages()]
    for field, target in TARGETS.items():
        assert statistics.mean(s[field] for s in scores) >= target, field
