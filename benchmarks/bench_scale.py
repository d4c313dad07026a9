"""The archive at scale: ingest rate, disk writes, bytes and search latency of a synthetic
archive as it grows to a million articles.

    PYTHONPATH=. python benchmarks/bench_scale.py [--articles 1000000]
        [--checkpoints 10000,100000,200000,500000,1000000] [--json FILE]

The articles (`benchmarks.corpus.VocabularyCorpus`) are generated first, in two
processes, into chunk files in a scratch folder (timed apart, off the archive's clock),
then read back a chunk at a time, so a million of them are never in memory. The archive
is built through the bulk-ingest path of `import-jsonl` (`scraper.archive.bulk`), in
transactions of `import-jsonl`'s default batch. At each checkpoint (and at --articles):

- bytes per article: the file after a WAL checkpoint, and each table and index (`dbstat`);
- search latency, warm: p50 and p95 of each kind of `benchmarks.query_mix` (`search` as
  `tuyengiao search` runs it, snippets included), --runs times; `count` once;
- ingest: --runs consecutive windows of --window new records, through the workers path
  (one load, after a first batch stored untimed: `load_windows`), in this process
  without workers, and the same in a process started for each window; records/s,
  disk writes (`write_bytes` of /proc/self/io, the storing process) and CPU time per
  record (the system's part of it, and without workers, preparing's);
- a gauge of the machine's speed: the CPU of preparing the same articles (`gauge`), in
  this process and in a new one, just before the windows.

Ranges printed are min–median–max over the runs. Only the public entry points (Archive,
store_batches, search, count) are used, so the script runs unchanged as they change.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pickle
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from benchmarks.archive_bench import NOW, process_io, quantile, table_sizes
from benchmarks.bench_prepare import best
from benchmarks.corpus import VocabularyCorpus
from benchmarks.query_mix import Query, query_mix
from benchmarks.scale_report import markdown, spread
from parsers.record import Article
from scraper.archive.bulk import store_batches
from scraper.archive.prepare import prepare
from scraper.archive.search import count, search
from scraper.archive.store import Archive
from scraper.cli.archive import import_jsonl_command

CHECKPOINTS = "10000,100000,200000,500000,1000000"
CHUNK = 5_000  # articles per generated file
# The ways a window is stored: through the workers path; in this process, without
# workers; the same in a process started for the window (`new_process_window`).
MODES = ("workers", "one process", "new process")
GAUGE = 2_000  # articles prepared at each checkpoint to gauge the process's speed
ROOT = Path(__file__).resolve().parents[1]
WARM = 10  # queries of each kind run once, untimed, before the timed runs


def _default_batch() -> int:
    """Records per transaction of `tuyengiao import-jsonl` when --batch is not given."""
    return next(p.default for p in import_jsonl_command.params if p.name == "batch")


def _write_chunk(folder: Path, seed: int, start: int, stop: int) -> None:
    articles = VocabularyCorpus(seed=seed).articles(start, stop)
    with (folder / f"{start:010d}.pickle").open("wb") as out:
        pickle.dump(articles, out, protocol=pickle.HIGHEST_PROTOCOL)


def generate(folder: Path, total: int, seed: int) -> dict[str, float]:
    """Articles 0…total-1 into chunk files, in two processes (here if one chunk is all);
    wall and CPU seconds."""
    start, before = time.perf_counter(), os.times()
    starts = range(0, total, CHUNK)
    stops = [min(s + CHUNK, total) for s in starts]
    if len(starts) == 1:
        _write_chunk(folder, seed, 0, total)
    else:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
            list(
                pool.map(_write_chunk, [folder] * len(starts), [seed] * len(starts), starts, stops)
            )
    after = os.times()
    cpu = sum(after[:4]) - sum(before[:4])
    seconds = time.perf_counter() - start
    return {"records": total, "seconds": seconds, "cpu_seconds": cpu, "per_second": total / seconds}


class Spool:
    """The generated articles in order, read a chunk file at a time (deleted once read)."""

    def __init__(self, folder: Path) -> None:
        self.files = iter(sorted(folder.glob("*.pickle")))
        self.buffer: deque[Article] = deque()
        self.read_seconds = 0.0

    def take(self, n: int) -> Iterator[Article]:
        for _ in range(n):
            if not self.buffer:
                start = time.perf_counter()
                path = next(self.files)
                with path.open("rb") as f:
                    self.buffer.extend(pickle.load(f))
                path.unlink()
                self.read_seconds += time.perf_counter() - start
            yield self.buffer.popleft()


def build(archive: Archive, spool: Spool, n: int, batch: int) -> dict[str, float]:
    """Store the next `n` articles through the workers path, streamed from the spool."""
    articles = spool.take(n)
    batches = iter(lambda: list(islice(articles, batch)), [])
    read, start, written = spool.read_seconds, time.perf_counter(), write_bytes()
    for _ in store_batches(archive, batches, lambda: NOW):
        pass
    seconds = time.perf_counter() - start
    out = {
        "records": n,
        "seconds": seconds,
        "per_second": n / seconds,
        "reading_seconds": spool.read_seconds - read,
    }
    # Over a whole stretch of the build, the search index's merges are all counted, where
    # a window of one batch gets either none or a whole one.
    if written is not None:
        out["kib_per_record"] = (write_bytes() - written) / 1024 / n
    return out


def write_bytes() -> int | None:
    """Bytes this process caused to be written to storage so far (Linux only)."""
    counters = process_io()
    return None if counters is None else counters["write_bytes"]


def window(archive: Archive, spool: Spool, n: int, batch: int) -> dict[str, Any]:
    """Store the next `n` articles in one process (read before the clock starts); rate,
    writes, CPU."""
    return stored(archive, list(spool.take(n)), batch)


def stored(archive: Archive, articles: list[Article], batch: int) -> dict[str, Any]:
    """Store the articles in this process, without workers, in transactions of `batch`,
    each batch prepared first (what `Archive.store_articles` would do inside) and the CPU
    of preparing counted apart; rate, writes, CPU."""
    written, before, load = write_bytes(), os.times(), os.getloadavg()[0]
    start, preparing = time.perf_counter(), 0.0
    for first in range(0, len(articles), batch):
        begun = time.process_time()
        ready = prepare(articles[first : first + batch])
        preparing += time.process_time() - begun
        with archive.transaction():
            archive.store_articles(ready, fetched_at=NOW)
    seconds = time.perf_counter() - start
    after, written_after = os.times(), write_bytes()
    own = after.user + after.system - before.user - before.system
    n = len(articles)
    out = _window(n, seconds, written, written_after, own * 1000 / n, load)
    out["system_ms_per_record"] = (after.system - before.system) * 1000 / n
    out["prepare_ms_per_record"] = preparing * 1000 / n
    out["cpu_ms_per_record_with_workers"] = out["cpu_ms_per_record"]
    return out


def new_process_window(archive: Archive, spool: Spool, n: int, batch: int) -> dict[str, Any]:
    """`window` in a process started for it, as a command storing a file starts: what
    this long-running process has done so far (its heap, its caches) does not weigh on
    it. The articles go to it in a file; it opens the archive and times `stored`.

    This process keeps the archive open meanwhile, with no transaction. What it knows of
    `minhash_recent` is then short of the other process's keys, so these windows come
    last at a checkpoint (`_modes`) and the archive is opened again at the next size."""
    file = archive.path.with_name("window.pickle")
    file.write_bytes(pickle.dumps(list(spool.take(n)), protocol=pickle.HIGHEST_PROTOCOL))
    code = (
        "from benchmarks.bench_scale import store_file;"
        f"store_file({str(archive.path)!r}, {str(file)!r}, {batch})"
    )
    try:
        return json.loads(in_new_process(code))
    finally:
        file.unlink()


def in_new_process(code: str) -> str:
    """What Python `code` prints, run in a new process with this checkout's modules."""
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def store_file(path: str, articles: str, batch: int) -> None:
    """In the process `new_process_window` starts: store the pickled articles, print the
    window's figures as JSON."""
    with Archive(Path(path)) as archive:
        print(json.dumps(stored(archive, pickle.loads(Path(articles).read_bytes()), batch)))


def _window(
    n: int, seconds: float, written: int | None, written_after: int | None, cpu: float, load: float
) -> dict[str, Any]:
    return {
        "records": n,
        "seconds": seconds,
        "per_second": n / seconds,
        "write_kib_per_record": None
        if written is None or written_after is None
        else (written_after - written) / 1024 / n,
        "cpu_ms_per_record": cpu,
        "load_average": load,
    }


def load_windows(
    archive: Archive, spool: Spool, n: int, batch: int, runs: int
) -> list[dict[str, Any]]:
    """`runs` consecutive windows of `n` articles (a whole number of batches) in one load
    through the workers path, as `import-jsonl` stores a file: its first batch, prepared
    while the workers start, is stored before the first window, untimed, so that a
    window measures the load running, not its start. The workers' CPU is known when
    they exit: each window gets its share (`cpu_ms_per_record_with_workers`)."""
    articles = list(spool.take(batch + runs * n))
    batches = [articles[i : i + batch] for i in range(0, len(articles), batch)]
    per_window = n // batch
    marks = []  # after each batch: time, bytes written, own CPU, own system CPU, load
    before = os.times()
    for _ in store_batches(archive, batches, lambda: NOW):
        times = os.times()
        marks.append(
            (
                time.perf_counter(),
                write_bytes(),
                times.user + times.system,
                times.system,
                os.getloadavg()[0],
            )
        )
    after = os.times()
    workers_cpu = after.children_user + after.children_system
    workers_cpu -= before.children_user + before.children_system
    out = []
    for k in range(runs):
        (t0, w0, c0, s0, load) = marks[k * per_window]
        (t1, w1, c1, s1, _) = marks[(k + 1) * per_window]
        one = _window(n, t1 - t0, w0, w1, (c1 - c0) * 1000 / n, load)
        one["system_ms_per_record"] = (s1 - s0) * 1000 / n
        share = workers_cpu * 1000 / len(articles)
        one["cpu_ms_per_record_with_workers"] = one["cpu_ms_per_record"] + share
        out.append(one)
    return out


def gauge_articles(seed: int) -> list[Article]:
    """The articles `gauge` prepares: the same at every checkpoint, none of them stored."""
    return VocabularyCorpus(seed=seed + 1).articles(0, GAUGE)


def gauge(articles: list[Article], rounds: int = 3) -> float:
    """CPU µs an article of preparing the same articles, best of `rounds`: how fast this
    process runs at a checkpoint, apart from the archive. When the windows' CPU rises
    from one size to the next and this does not, the archive is the cause."""
    return best(lambda: prepare(articles), rounds) * 1e6 / len(articles)


def fresh_gauge(seed: int) -> float:
    """`gauge` in a new process: the machine's speed at that moment, without what this
    process has done so far (its heap, its caches)."""
    code = (
        "from benchmarks.bench_scale import gauge, gauge_articles;"
        f"print(gauge(gauge_articles({seed})))"
    )
    return float(in_new_process(code))


def sizes(archive: Archive, path: Path, tables: bool) -> dict[str, Any]:
    """Bytes per article of the file (after a WAL checkpoint) and of each table and index."""
    archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    n = archive.count("articles")
    out: dict[str, Any] = {"file_bytes": path.stat().st_size}
    out["bytes_per_article"] = out["file_bytes"] / n
    if tables:
        start = time.perf_counter()
        by_table = table_sizes(archive)
        out["dbstat_seconds"] = time.perf_counter() - start
        if by_table is not None:
            out["tables_bytes_per_article"] = {k: v / n for k, v in by_table.items()}
    return out


def _search(archive: Archive, query: Query) -> tuple[float, int]:
    start = time.perf_counter()
    hits = search(
        archive.db,
        query.text,
        site=query.site,
        date_from=query.date_from,
        date_to=query.date_to,
        limit=20,
    )
    return (time.perf_counter() - start) * 1000, len(hits)


def _count(archive: Archive, query: Query) -> tuple[float, int]:
    start = time.perf_counter()
    n = count(
        archive.db, query.text, site=query.site, date_from=query.date_from, date_to=query.date_to
    )
    return (time.perf_counter() - start) * 1000, n


def latency(
    archive: Archive, mix: dict[str, list[Query]], runs: int, counted: int
) -> dict[str, Any]:
    """p50 and p95 (ms) of each kind over `runs` runs, after a warm-up; `count` once on the
    first `counted` queries of each kind."""
    for queries in mix.values():
        for query in queries[:WARM]:
            _search(archive, query)
    p50: dict[str, list[float]] = {kind: [] for kind in [*mix, "all"]}
    p95: dict[str, list[float]] = {kind: [] for kind in [*mix, "all"]}
    hits: dict[str, int] = dict.fromkeys(mix, 0)
    for _ in range(runs):
        pooled = []
        for kind, queries in mix.items():
            times = []
            for query in queries:
                ms, found = _search(archive, query)
                times.append(ms)
                hits[kind] += found
            pooled += times
            p50[kind].append(quantile(times, 0.5))
            p95[kind].append(quantile(times, 0.95))
        p50["all"].append(quantile(pooled, 0.5))
        p95["all"].append(quantile(pooled, 0.95))
    out: dict[str, Any] = {
        kind: {
            "p50_ms": spread(p50[kind]),
            "p95_ms": spread(p95[kind]),
            "hits_per_query": hits[kind] / runs / len(mix[kind]) if kind in mix else None,
        }
        for kind in p50
    }
    for kind, queries in mix.items():
        timed = [_count(archive, query) for query in queries[:counted]]
        out[kind]["count_p50_ms"] = quantile([t for t, _ in timed], 0.5)
        out[kind]["count_max_ms"] = max(t for t, _ in timed)
        out[kind]["matches_per_query"] = statistics.mean(n for _, n in timed)
    return out


def checkpoint(
    archive: Archive,
    path: Path,
    spool: Spool,
    args: argparse.Namespace,
    corpus: VocabularyCorpus,
    gauged: list[Article],
) -> dict[str, Any]:
    articles = archive.count("articles")
    print(f"checkpoint {articles:,} articles, load average {os.getloadavg()}", flush=True)
    out: dict[str, Any] = {"articles": articles, "load_average_start": os.getloadavg()}
    out["size"] = sizes(archive, path, tables=not args.no_tables)
    print(f"  {out['size']['bytes_per_article']:,.0f} bytes per article", flush=True)
    sites = [f"btg{i}.gov.vn" for i in range(40)]
    mix = query_mix(archive, corpus, sites, range(2015, 2026), args.queries)
    start = time.perf_counter()
    out["search"] = latency(archive, mix, args.runs, args.count_queries)
    out["search_seconds"] = time.perf_counter() - start
    every = out["search"]["all"]
    print(f"  search p50 {every['p50_ms']}, p95 {every['p95_ms']} ms", flush=True)
    out["gauge_us_per_article"] = gauge(gauged)
    out["fresh_gauge_us_per_article"] = fresh_gauge(args.seed)
    print(
        f"  preparing {len(gauged):,} articles: {out['gauge_us_per_article']:.0f} µs each"
        f" ({out['fresh_gauge_us_per_article']:.0f} in a new process)",
        flush=True,
    )
    out["ingest"] = {}
    for mode in args.modes:
        if mode == "workers":
            runs = load_windows(archive, spool, args.window, args.batch, args.runs)
        else:
            store = window if mode == "one process" else new_process_window
            runs = [store(archive, spool, args.window, args.batch) for _ in range(args.runs)]
        out["ingest"][mode] = runs
        rates = ", ".join(f"{run['per_second']:,.0f}" for run in runs)
        print(f"  ingest ({mode}): {rates} records/s", flush=True)
    out["load_average_end"] = os.getloadavg()
    return out


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    points = sorted({c for c in args.checkpoints if c < args.articles} | {args.articles})
    total = 0  # articles stored in all: up to each point, then its windows
    warm_up = args.batch if "workers" in args.modes else 0  # see `load_windows`
    for point in points:
        total = max(total, point) + len(args.modes) * args.runs * args.window + warm_up
    started, load = time.perf_counter(), os.getloadavg()
    spool_dir = scratch / "spool"
    spool_dir.mkdir()
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cores": os.cpu_count(),
        "batch": args.batch,
        "window": args.window,
        "runs": args.runs,
        "queries_per_kind": args.queries,
        "load_average_start": load,
    }
    report["generation"] = generate(spool_dir, total, args.seed)
    print(f"generated {total:,} articles: {report['generation']}", flush=True)
    spool, corpus = Spool(spool_dir), VocabularyCorpus(seed=args.seed)
    gauged = gauge_articles(args.seed)
    archive_start = time.perf_counter()
    path = scratch / "scale.db"
    report["build"], report["checkpoints"] = [], []
    for point in points:
        with Archive(path) as archive:  # opened again at each size: see `new_process_window`
            done = archive.count("articles")
            if done < point:
                step = build(archive, spool, point - done, args.batch)
                report["build"].append({"from": done, "to": point, **step})
                kib = (
                    f", {step['kib_per_record']:.0f} KiB written a record"
                    if "kib_per_record" in step
                    else ""
                )
                print(f"built {done:,}→{point:,}: {step['per_second']:,.0f}/s{kib}", flush=True)
            report["checkpoints"].append(checkpoint(archive, path, spool, args, corpus, gauged))
    report["archive_seconds"] = time.perf_counter() - archive_start
    report["total_seconds"] = time.perf_counter() - started
    report["load_average_end"] = os.getloadavg()
    return report


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text}: must be at least 1")
    return value


def _checkpoints(text: str) -> list[int]:
    return [_positive(part) for part in text.split(",")]


def _modes(text: str) -> list[str]:
    modes = [part.strip() for part in text.split(",")]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown mode {unknown[0]!r}; one of {', '.join(MODES)}")
    return [mode for mode in MODES if mode in modes]  # "new process" last


def _figure_options(argv: list[str] | None) -> list[str]:
    """The command line without the options that do not change the figures."""
    given, kept = list(sys.argv[1:] if argv is None else argv), []
    while given:
        option = given.pop(0)
        if option in ("--json", "--dir"):
            given.pop(0)
        elif not option.startswith(("--json=", "--dir=", "--keep")):
            kept.append(option)
    return kept


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=_positive, default=1_000_000)
    parser.add_argument("--checkpoints", type=_checkpoints, default=_checkpoints(CHECKPOINTS))
    parser.add_argument("--window", type=_positive, default=5_000, help="Records a window.")
    parser.add_argument("--runs", type=_positive, default=3, help="Windows, and search runs.")
    parser.add_argument("--queries", type=_positive, default=50, help="Queries of each kind.")
    parser.add_argument("--count-queries", type=_positive, default=10)
    parser.add_argument("--modes", type=_modes, default=list(MODES), help=",".join(MODES))
    parser.add_argument("--batch", type=_positive, default=_default_batch())
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--no-tables", action="store_true", help="Skip the dbstat sizes.")
    parser.add_argument("--json", type=Path, help="Write the whole report here.")
    parser.add_argument("--dir", type=Path, help="Scratch folder (default: a temporary one).")
    parser.add_argument("--keep", action="store_true", help="Keep the archive (scale.db).")
    args = parser.parse_args(argv)
    if "workers" in args.modes and args.window % args.batch:
        parser.error("--window must be a whole number of batches (--batch)")
    command = " ".join(["python benchmarks/bench_scale.py", *_figure_options(argv)])
    scratch = Path(tempfile.mkdtemp(prefix="bench_scale-", dir=args.dir))
    try:
        report = run(args, scratch)
    finally:
        shutil.rmtree(scratch / "spool", ignore_errors=True)
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    report["command"] = command
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    print(markdown(report, command))
    if args.keep:
        print(f"archive kept: {scratch / 'scale.db'}")


if __name__ == "__main__":
    main()
