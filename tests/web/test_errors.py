"""Every error prints as one line naming the URL or file and the reason."""

from __future__ import annotations

import pytest

from scraper.web.errors import CorruptWarc, OutOfScope, RobotsDisallowed
from scraper.web.response import FetchError


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (FetchError("http://a.vn/x", "HTTP 503"), "fetch failed: http://a.vn/x: HTTP 503"),
        (
            RobotsDisallowed("http://a.vn/x"),
            "robots.txt forbids http://a.vn/x: disallowed by robots.txt",
        ),
        (OutOfScope("http://b.vn/"), "out of scope: http://b.vn/"),
        (
            CorruptWarc("a.warc.gz", 120, "cut short"),
            "corrupt WARC record in a.warc.gz at offset 120: cut short",
        ),
    ],
)
def test_one_line(error: Exception, text: str) -> None:
    assert str(error) == text
    assert "\n" not in str(error)
