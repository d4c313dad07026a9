"""Storing one page in its own transaction, as a crawl does, beside a large `minhash_recent`.

A crawl stores each page in its own transaction, and each writes that page's band keys to
`minhash_recent`, which holds up to two million keys at a million articles before a merge
(`syndication.MERGE_SHARE`); `syndication.merge_recent` counts the table after each
page's keys. This measures what a page's store costs with the table that full, and that
count, on a connection that has read the table already and on a new one: an archive of
synthetic articles, the table filled with random keys of them, and the merge threshold
raised so that no merge happens while pages are timed.

    PYTHONPATH=. python benchmarks/bench_page_store.py --keys 2000000

Run it on two commits (`PYTHONPATH=<checkout>`) to compare them.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import VocabularyCorpus
from scraper.archive import syndication
from scraper.archive.store import Archive

NOW = "2026-12-06T00:00:00Z"


def fill_recent(archive: Archive, keys: int, articles: int, seed: int) -> None:
    """`keys` random band keys of the archive's articles, in key order."""
    rng = random.Random(seed)
    rows = sorted((rng.getrandbits(63), rng.randint(1, articles)) for _ in range(keys))
    with archive.transaction():
        archive.db.conn.executemany(
            "INSERT OR IGNORE INTO minhash_recent (band_key, article_id) VALUES (?, ?)", rows
        )


def time_pages(archive: Archive, corpus: VocabularyCorpus, first: int, pages: int) -> list[float]:
    """CPU seconds of each page's store, one transaction a page."""
    out = []
    for n in range(first, first + pages):
        page = corpus.article(n)
        start = time.process_time()
        with archive.transaction():
            archive.store_articles([page], fetched_at=NOW)
        out.append(time.process_time() - start)
    return out


def time_count(archive: Archive) -> float:
    """Seconds of counting `minhash_recent` once."""
    start = time.perf_counter()
    archive.db.execute("SELECT count(*) FROM minhash_recent").fetchone()
    return time.perf_counter() - start


def time_counts(path: Path, runs: int = 5) -> tuple[float, float]:
    """Median seconds of the first count on a new connection, and of the next one."""
    first, then = [], []
    for _ in range(runs):
        with Archive(path) as archive:
            first.append(time_count(archive))
            then.append(time_count(archive))
    return statistics.median(first), statistics.median(then)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=2_000_000, help="Keys in minhash_recent.")
    parser.add_argument("--articles", type=int, default=2_000, help="Articles stored first.")
    parser.add_argument("--pages", type=int, default=500, help="Pages timed.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    syndication.MERGE_ROWS = 10**12  # no merge while timing: its cost is not measured here
    corpus = VocabularyCorpus(seed=args.seed)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "pages.db"
        with Archive(path) as archive:
            with archive.transaction():
                archive.store_articles(
                    [corpus.article(n) for n in range(args.articles)], fetched_at=NOW
                )
            fill_recent(archive, args.keys, args.articles, args.seed)
            time_pages(archive, corpus, args.articles, 20)  # warm the caches
            times = time_pages(archive, corpus, args.articles + 20, args.pages)
        first, then = time_counts(path)
    cuts = statistics.quantiles(times, n=20)
    print(
        f"{args.pages} pages, one transaction each, {args.keys:,} keys in minhash_recent:"
        f" CPU a page p50 {statistics.median(times) * 1000:.2f} ms,"
        f" p95 {cuts[-1] * 1000:.2f} ms, mean {statistics.fmean(times) * 1000:.2f} ms;"
        f" counting the table: {first * 1000:.2f} ms the first time on a connection,"
        f" {then * 1000:.2f} ms after"
    )


if __name__ == "__main__":
    main()
