"""Every article fixture inside a whole page's furniture (top bar, menu of every section,
news ticker, right column of dated headlines, footer, scripts and styles) parses to the
same record as the fixture alone: with its site profile and with the generic parser."""

from __future__ import annotations

import pytest

from parsers import decode_html, parse
from parsers.registry import Registry
from tests.conftest import FIXTURES, article_fixtures, load_expected
from tests.support.furniture import full_page

NO_PROFILES = Registry([])


@pytest.mark.parametrize("registry", [None, NO_PROFILES], ids=["profiles", "generic"])
@pytest.mark.parametrize(("folder", "name"), article_fixtures())
def test_furniture_changes_nothing(folder: str, name: str, registry: Registry | None) -> None:
    url = load_expected(folder, name)["url"]
    html = (FIXTURES / folder / f"{name}.html").read_bytes()
    whole = full_page(decode_html(html)[0], seed=len(name))
    assert len(whole) > 50_000
    assert parse(whole, url, registry=registry) == parse(html, url, registry=registry)


def test_asp_net_furniture_goes_inside_the_page_form() -> None:
    page = '<html><body><form id="form1" method="post"><p>Bài viết</p></form></body></html>'
    whole = full_page(page, seed=1)
    assert whole.index('<form id="form1"') < whole.index("top-bar") < whole.rindex("</form>")
    assert whole.rindex("site-footer") < whole.rindex("</form>")
