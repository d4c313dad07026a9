"""Ingest rate and disk writes per record, into an empty archive and into a large one.

    PYTHONPATH=. python benchmarks/bench_ingest.py --into 200000 [--records 10000]
        [--runs 3] [--batch 5000] [--base /tmp/bench/base200k.db] [--scratch /tmp/bench]

For each of `--runs` rounds, one process and then the workers path (`scraper.archive.bulk`)
each store `--records` new records into a fresh copy of a base archive holding `--into`
articles (0: an empty archive), in a child process of its own: the archive is opened
cold, as by `import-jsonl`, and the child's `/proc/self/io` counts what it wrote. Timed:
from the first batch to the archive closed (its last checkpoint included).

Figures per record: `write_bytes` (bytes the process sent to the disk: WAL frames and
checkpoints into the database file, as the kernel accounts them when it dirties a page
of its cache) and `wchar` (every byte passed to `write()`, which also counts a page the
kernel still held dirty when it was written again). `--by-table` instead stores one batch
into a copy and names the pages it wrote to the WAL (table or index, with `dbstat`).

The base archive is built once (`--base` keeps it for later runs; a base built by
earlier code is brought to the current schema by each run, which opens it). Records
are synthetic (`benchmarks.corpus.VocabularyCorpus`); the new ones come from a corpus
seeded apart from the base's, so they are new articles, not copies.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.archive_bench import process_io, store_all
from benchmarks.corpus import VocabularyCorpus
from scraper.archive.store import Archive

BASE_SEED, NEW_SEED = 2, 1_000_003


def _linux_io() -> dict[str, int]:
    counters = process_io()
    if counters is None:
        raise SystemExit("bench_ingest counts writes with Linux's /proc/self/io")
    return counters


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def build_base(path: Path, articles: int, batch: int) -> float:
    """Build (or finish) an archive of `articles` articles; seconds taken."""
    corpus = VocabularyCorpus(seed=BASE_SEED)
    start = time.perf_counter()
    with Archive(path) as archive:
        done = archive.count("articles")
        step = 50_000  # records generated at a time: bounded memory
        for first in range(0, articles, step):
            records = [corpus.article(i) for i in range(first, min(first + step, articles))]
            if first + len(records) > done:
                store_all(archive, records[max(0, done - first) :], batch=batch, workers=True)
    return time.perf_counter() - start


def one_run(path: Path, records: int, offset: int, batch: int, workers: bool) -> dict:
    """Store `records` new records into the archive at `path`: what it cost."""
    corpus = VocabularyCorpus(seed=NEW_SEED)
    articles = [corpus.article(offset + i) for i in range(records)]
    io0, cpu0, t0 = _linux_io(), _cpu(), time.perf_counter()
    archive = Archive(path)
    store_all(archive, articles, batch=batch, workers=workers)
    archive.close()
    seconds, io1 = time.perf_counter() - t0, _linux_io()
    return {
        "seconds": seconds,
        "cpu": _cpu() - cpu0,
        "write_bytes": io1["write_bytes"] - io0["write_bytes"],
        "wchar": io1["wchar"] - io0["wchar"],
    }


def pages_by_table(path: Path, records: int, offset: int, batch: int) -> dict[str, int]:
    """Pages one batch of `batch` new records writes to the WAL, by table or index: the
    WAL's frames are read (autocheckpoint off) and their pages named with `dbstat`."""
    corpus = VocabularyCorpus(seed=NEW_SEED)
    articles = [corpus.article(offset + i) for i in range(min(records, batch))]
    with Archive(path) as archive:
        archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        archive.db.execute("PRAGMA wal_autocheckpoint = 0")
        store_all(archive, articles, batch=batch, workers=False)
        wal = Path(f"{path}-wal").read_bytes()
        size = int.from_bytes(wal[8:12], "big")
        pages = {int.from_bytes(wal[at : at + 4], "big") for at in range(32, len(wal), size + 24)}
        named = archive.db.execute(
            "SELECT name, pageno FROM dbstat WHERE aggregate = FALSE"
        ).fetchall()
    by_name: dict[str, int] = {}
    for name, page in named:
        if page in pages:
            by_name[name] = by_name.get(name, 0) + 1
    by_name["(other: freelist, schema)"] = len(pages) - sum(by_name.values())
    return dict(sorted(by_name.items(), key=lambda item: -item[1]))


def _spread(values: list[float], fmt: str) -> str:
    return "/".join(format(v, fmt) for v in (min(values), statistics.median(values), max(values)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--into", type=int, default=200_000, help="Articles already archived.")
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=5000, help="Records per transaction.")
    parser.add_argument("--base", type=Path, help="Keep (or reuse) the base archive here.")
    parser.add_argument("--scratch", type=Path, help="Folder for the copies (default: a temp).")
    parser.add_argument("--modes", default="one,workers", help="one, workers or both.")
    parser.add_argument(
        "--by-table", action="store_true", help="Pages one batch writes, by table (a copy)."
    )
    parser.add_argument("--child", nargs=2, metavar=("DB", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        db, workers = Path(args.child[0]), args.child[1] == "1"
        print(json.dumps(one_run(db, args.records, args.into, args.batch, workers)))
        return
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    scratch.mkdir(parents=True, exist_ok=True)
    base = args.base or scratch / f"base{args.into}.db"
    if args.into and not base.exists():
        seconds = build_base(base, args.into, args.batch)
        print(f"base: {args.into} articles built in {seconds:.0f} s", flush=True)
    copy = scratch / "run.db"
    if args.by_table:
        copy.unlink(missing_ok=True)
        if args.into:
            shutil.copyfile(base, copy)
        pages = pages_by_table(copy, args.records, args.into, args.batch)
        copy.unlink(missing_ok=True)
        total = sum(pages.values())
        print(f"one batch of {args.batch} into {args.into}: {total} pages written to the WAL")
        for name, n in pages.items():
            print(f"  {name}: {n} pages, {n / total:.0%}")
        return
    results: dict[str, list[dict]] = {}
    for _ in range(args.runs):
        for mode in args.modes.split(","):
            copy.unlink(missing_ok=True)
            if args.into:
                shutil.copyfile(base, copy)
            load = os.getloadavg()[0]
            child = [sys.executable, __file__, "--child", str(copy), str(int(mode == "workers"))]
            child += ["--records", str(args.records), "--into", str(args.into)]
            child += ["--batch", str(args.batch)]
            out = subprocess.run(child, check=True, capture_output=True, text=True).stdout
            run = json.loads(out.splitlines()[-1]) | {"load": load}
            results.setdefault(mode, []).append(run)
            print(
                f"{mode}: {args.records / run['seconds']:.0f} records/s, CPU {run['cpu']:.1f} s,"
                f" write_bytes {run['write_bytes'] / args.records / 1024:.1f} KiB/record,"
                f" wchar {run['wchar'] / args.records / 1024:.1f} KiB/record, load {load:.2f}",
                flush=True,
            )
    copy.unlink(missing_ok=True)
    print(f"{args.records} records into {args.into}, batch {args.batch} (min/median/max):")
    for mode, runs in results.items():
        n = args.records
        print(
            f"  {mode}: {_spread([n / r['seconds'] for r in runs], '.0f')} records/s;"
            f" CPU {_spread([r['cpu'] * 1000 / n for r in runs], '.2f')} ms/record;"
            f" write_bytes {_spread([r['write_bytes'] / n / 1024 for r in runs], '.1f')} KiB;"
            f" wchar {_spread([r['wchar'] / n / 1024 for r in runs], '.1f')} KiB per record;"
            f" load {_spread([r['load'] for r in runs], '.2f')}"
        )


if __name__ == "__main__":
    main()
