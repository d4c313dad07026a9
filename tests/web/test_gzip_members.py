"""Decoding a body of many gzip members takes time linear in its size.

Before, each member copied the rest of the body: 300,000 empty members took about a
minute (while the crawl held the WARC writer's lock); 80,000 took 16 times as long as
20,000.
"""

from __future__ import annotations

import gzip
import time

import pytest

from scraper.web.content import decode_content

EMPTY_MEMBER = gzip.compress(b"")


def decode_time(members: int) -> float:
    body = EMPTY_MEMBER * members + gzip.compress("Nghị quyết".encode())
    started = time.perf_counter()
    assert decode_content(body, ["gzip"], 1 << 20) == "Nghị quyết".encode()
    return time.perf_counter() - started


@pytest.mark.usefixtures("no_gc")
def test_many_gzip_members_decode_in_linear_time() -> None:
    small = min(decode_time(20_000) for _ in range(2))
    large = min(decode_time(80_000) for _ in range(2))
    assert large / small < 8, (small, large)
    assert large < 2
