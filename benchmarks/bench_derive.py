"""`derive` on each engine against `reparse`: pages per second per core, and overheads.

    PYTHONPATH=. python benchmarks/bench_derive.py [--pages 200000] [--files 40]
        [--engines local,dask,spark] [--cores 1,2]

Generated article pages (`tests.support.pages.article_page`, read by the generic parser)
are written to `--files` WARC files before any clock starts. Then:

- `reparse`: the pages imported into an archive (not timed), then parsed and compared
  again by `scraper.archive.rederive.reparse` — one process, so its rate is per core;
- `derive` with each engine and each core count of `--cores`, on the same WARCs;
- the start-up of each engine: `derive` of a manifest of one WARC of 10 pages, run
  twice: the first is the cold start (JVM, imports), the second what each later job pays.

Per-record cost = (time of the big run - start-up) / pages. Printed as one line per run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scraper.archive import rederive
from scraper.archive.store import Archive
from scraper.derive.engines import Options, derive
from tests.support.pages import article_page
from tests.support.warcs import response_warc


def write_warcs(folder: Path, pages: int, files: int) -> list[str]:
    paths, per_file = [], -(-pages // files)
    for f in range(files):
        numbers = range(f * per_file, min(pages, (f + 1) * per_file))
        bodies = (
            (
                f"https://tinh.example/bai-{n}.html",
                article_page(n, day=f"2024-{n % 12 + 1:02d}-{n % 27 + 1:02d}").encode(),
            )
            for n in numbers
        )
        path = folder / f"pages-{f:03d}.warc.gz"
        path.write_bytes(response_warc(bodies, "text/html; charset=utf-8")[0])
        paths.append(str(path))
    return paths


def timed(label: str, pages: int, step) -> float:
    wall = time.perf_counter()
    step()
    wall = time.perf_counter() - wall
    print(f"{label}: {pages} pages in {wall:.1f} s = {pages / wall:.0f} pages/s", flush=True)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200_000)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--engines", default="local,dask,spark")
    parser.add_argument("--cores", default="1,2")
    parser.add_argument("--skip-reparse", action="store_true")
    args = parser.parse_args()
    engines = args.engines.split(",")
    cores = [int(c) for c in args.cores.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_warcs(folder, args.pages, args.files)
        (folder / "tiny").mkdir()
        tiny = write_warcs(folder / "tiny", 10, 1)
        if not args.skip_reparse:
            with Archive(folder / "archive.db") as archive:
                rederive.import_warcs(archive, [Path(p) for p in paths])
                timed("reparse (1 core)", args.pages, lambda: rederive.reparse(archive))
        for engine in engines:
            for n in cores:
                options = Options(engine, n, master=f"local[{n}]" if engine == "spark" else None)
                start = min(
                    timed(
                        f"{engine} start-up ({n} cores, {which})",
                        10,
                        lambda o=options: derive(tiny, folder / "tiny-out", o),
                    )
                    for which in ("first", "second")
                )
                wall = timed(
                    f"{engine} ({n} cores)",
                    args.pages,
                    lambda o=options: derive(paths, folder / "out", o),
                )
                per_record = (wall - start) / args.pages * 1000
                print(
                    f"{engine} ({n} cores): {per_record:.3f} ms a record after start-up,"
                    f" {args.pages / wall / n:.0f} pages/s per core",
                    flush=True,
                )


if __name__ == "__main__":
    main()
