"""Worst-case inputs of issue 16, timed: does reading stay linear and bounded?

- the Vietnamese extractors on a text full of document numbers and persons (256 KB, 1 MB);
- a body of 300,000 empty gzip members, decoded;
- a search of one word repeated 800 times on a small archive;
- a WARC cut at every byte of its last record (gzipped and plain): how many cut points
  are reported (CorruptWarc), read whole, lost silently or crash.

Usage: `PYTHONPATH=. python benchmarks/bench_bounds.py [REPEATS]` (the search's repeats,
800 by default). Point PYTHONPATH at another checkout to time its code with the same
inputs (the code before issue 16 needs REPEATS 100 or less to finish).
"""

from __future__ import annotations

import gzip
import io
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parsers import extract
from parsers.record import Article
from scraper.archive.search import SearchError, search
from scraper.archive.store import Archive
from scraper.warc.reader import iter_responses
from scraper.web.content import decode_content
from scraper.web.errors import CorruptWarc
from tests.support.pages import article_page
from tests.support.vn_texts import text_of


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def bench_search(repeats: int) -> str:
    with tempfile.TemporaryDirectory() as folder, Archive(Path(folder) / "a.db") as archive:
        with archive.transaction():
            for n in range(50):
                url = f"https://tuyengiao.vn/bai-{150000 + n}"
                body = "Ban Thường vụ Tỉnh ủy tổ chức hội nghị. " + "Đảng " * n
                article = Article(url, url, "tuyengiao.vn", f"Bài {n}", body)
                archive.store_article(article, fetched_at="2024-01-01T00:00:00Z", fetch_id=None)
        started = time.perf_counter()
        try:
            search(archive.db, " ".join(["đảng"] * repeats))
        except SearchError as exc:
            return f"refused ({exc})"
        return f"{time.perf_counter() - started:.2f} s"


def warc_of(pages: list[tuple[str, bytes]], compress: bool) -> tuple[bytes, list[int]]:
    stream, ends = io.BytesIO(), []
    writer = WARCWriter(stream, gzip=compress)
    for url, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
        ends.append(stream.tell())
    return stream.getvalue(), ends


def bench_cut_warcs() -> dict[str, Counter]:
    pages = [(f"https://tinh.example/bai-{n}.html", article_page(n).encode()) for n in range(3)]
    found: dict[str, Counter] = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, compress in (("gzipped", True), ("plain", False)):
            data, ends = warc_of(pages, compress)
            outcomes: Counter = Counter()
            path = Path(folder) / ("cut.warc.gz" if compress else "cut.warc")
            for cut in range(ends[-2] + 1, ends[-1]):
                path.write_bytes(data[:cut])
                try:
                    read = sum(1 for _ in iter_responses(path))
                    outcomes["whole" if read == len(pages) else "silent gap"] += 1
                except CorruptWarc:
                    outcomes["reported"] += 1
                except Exception as exc:  # what the issue met: warcio's AttributeError
                    outcomes[f"crash ({type(exc).__name__})"] += 1
            found[name] = outcomes
    return found


def main(repeats: int = 800) -> None:
    for kilobytes in (256, 1024):
        took = timed(extract, text_of(kilobytes))
        print(f"extract, {kilobytes} KB of document numbers: {took:.2f} s")
    body = gzip.compress(b"") * 300_000
    print(f"300,000 empty gzip members: {timed(decode_content, body, ['gzip'], 1 << 20):.2f} s")
    print(f"search of one word repeated {repeats} times: {bench_search(repeats)}")
    for name, outcomes in bench_cut_warcs().items():
        total = sum(outcomes.values())
        print(f"{name} WARC cut at each of {total} bytes of its last record: {dict(outcomes)}")


if __name__ == "__main__":
    sys.exit(main(*map(int, sys.argv[1:2])))
