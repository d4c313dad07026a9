"""WARC files as other tools write them: warcio's own writer, no extension headers."""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.support.pages import article_page


def response_warc(
    pages: Iterable[tuple[str, bytes]], content_type: str = "text/html"
) -> tuple[bytes, list[int]]:
    """A gzipped WARC of one `200 OK` response record per (URL, body): its bytes, and
    where each record ends in them."""
    stream = io.BytesIO()
    writer = WARCWriter(stream, gzip=True)
    ends = []
    for url, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
        ends.append(stream.tell())
    return stream.getvalue(), ends


def article_warc(path: Path, count: int, *, cut_last: bool = False) -> list[str]:
    """A WARC of `count` generated article pages at `https://tinh.example/bai-N.html` (the
    last record cut in half when `cut_last`); returns their URLs."""
    urls = [f"https://tinh.example/bai-{n}.html" for n in range(count)]
    data, ends = response_warc((url, article_page(n).encode()) for n, url in enumerate(urls))
    path.write_bytes(data[: (ends[-2] + ends[-1]) // 2] if cut_last else data)
    return urls
