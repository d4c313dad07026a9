"""`import-warc` and `reparse` throughput: stored responses run through the ingest path.

    PYTHONPATH=. python benchmarks/bench_rederive.py [--pages 2000]

A WARC of generated article pages (`tests.support.pages.article_page`, tuyengiao.vn's layout with
JSON-LD, on a host with no profile, so the generic parser reads them) is written before
the clock starts; then `scraper.archive.rederive.import_warcs` stores them into a new archive and
`reparse` parses them all again (every record unchanged). The pages are near-copies of
one template, which makes the story-cluster step dearer than on real pages.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scraper.archive import rederive
from scraper.archive.store import Archive
from tests.support.pages import article_page
from tests.support.warcs import response_warc


def write_warc(path: Path, pages: int) -> None:
    bodies = (
        (
            f"https://tinh.example/bai-{n}.html",
            article_page(n, day=f"2024-{n % 12 + 1:02d}-{n % 27 + 1:02d}").encode(),
        )
        for n in range(pages)
    )
    path.write_bytes(response_warc(bodies, "text/html; charset=utf-8")[0])


def timed(label: str, pages: int, step: Callable[[], rederive.Report]) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    report = step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    counts = {k: v for k, v in report.counts.as_row().items() if v}
    print(
        f"{label}: {pages} pages in {wall:.1f} s = {pages / wall:.0f} pages/s,"
        f" {1000 * cpu / pages:.2f} ms CPU a page; {counts}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        warc = Path(folder) / "pages.warc.gz"
        write_warc(warc, args.pages)
        with Archive(Path(folder) / "archive.db") as archive:
            timed("import-warc", args.pages, lambda: rederive.import_warcs(archive, [warc]))
            timed("reparse", args.pages, lambda: rederive.reparse(archive))


if __name__ == "__main__":
    main()
