"""Search latency by kind of query on a built archive, warm: p50 and p95 of each kind.

    PYTHONPATH=. python benchmarks/search_kinds.py --db SCALE.db [--runs 3]

SCALE.db is an archive built by `archive_bench.py scale --keep` (opening it first brings
it to the current schema; the time that takes is printed). Kinds: a common word, a
mid-frequency word, two words, a phrase of three words from an archived body, a prefix
of three letters and of one letter, each as generated (with diacritics: exact) and
folded, and a common word filtered by site and by a year. Every query goes through
`search.search` with 20 results and their snippets; each run of the mix is timed whole
after a first, untimed run (warm cache). Figures: min/median/max over runs of each kind's
p50 and p95.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.archive_bench import quantile, queries
from benchmarks.corpus import VocabularyCorpus
from scraper.archive.search import fold, search
from scraper.archive.store import Archive

KINDS = ("common word", "mid word", "two words", "phrase", "3-letter prefix")


def mix(archive: Archive) -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, query, filters) of every query timed."""
    corpus = VocabularyCorpus(seed=2)
    out = []
    for i, query in enumerate(queries(corpus, archive, n=100)):
        folded = " ".join(t if t in ("AND", "OR", "NOT") else fold(t) for t in query.split())
        out.append((KINDS[i % 5], query, {}))
        out.append((KINDS[i % 5] + " (folded)", folded, {}))
    rng = random.Random(5)
    for _ in range(20):
        word = rng.choice(corpus.words[:300])
        out.append(("1-letter prefix", word[0] + "*", {}))
        out.append(("1-letter prefix (folded)", fold(word[0]) + "*", {}))
        common = rng.choice(corpus.words[:50])
        out.append(("common word, one site", common, {"site": f"btg{rng.randrange(40)}.gov.vn"}))
        year = rng.randrange(2015, 2026)
        window = {"date_from": date(year, 1, 1), "date_to": date(year, 12, 31)}
        out.append(("common word, one year", common, window))
    return out


def run(archive: Archive, queries_: list[tuple[str, str, dict[str, Any]]]) -> dict[str, list]:
    times: dict[str, list[float]] = {}
    for kind, query, filters in queries_:
        t0 = time.perf_counter()
        search(archive.db, query, limit=20, **filters)
        times.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    with Archive(args.db) as archive:
        print(f"opened (schema brought up to date) in {time.perf_counter() - start:.1f} s")
        print(f"{archive.count('articles')} articles; load average {os.getloadavg()[0]:.1f}")
        queries_ = mix(archive)
        run(archive, queries_)  # warm-up
        runs = [run(archive, queries_) for _ in range(args.runs)]
        print(f"load average {os.getloadavg()[0]:.1f}")
    every = [[t for kind_times in times.values() for t in kind_times] for times in runs]
    p50s, p95s = [quantile(t, 0.5) for t in every], [quantile(t, 0.95) for t in every]
    print(f"all kinds: p50 {_spread(p50s)} ms, p95 {_spread(p95s)} ms (min/median/max)")
    for kind in runs[0]:
        p50s = [quantile(times[kind], 0.5) for times in runs]
        p95s = [quantile(times[kind], 0.95) for times in runs]
        print(
            f"  {kind}: p50 {_spread(p50s)} ms, p95 {_spread(p95s)} ms"
            f" ({len(runs[0][kind])} queries)"
        )


def _spread(values: list[float]) -> str:
    return f"{min(values):.1f}/{statistics.median(values):.1f}/{max(values):.1f}"


if __name__ == "__main__":
    main()
