"""Archive benchmarks: ingest rate, near-duplicate cost as the archive grows, search latency,
bytes per article.

    PYTHONPATH=. python benchmarks/archive_bench.py ingest [--records 10000]
    PYTHONPATH=. python benchmarks/archive_bench.py scale [--articles 200000] [--keep DB]
    PYTHONPATH=. python benchmarks/archive_bench.py search --db DB [--seed 2]

`search` times the queries of `scale` on an archive it built (`--keep`), as generated
(words with diacritics: exact matches) and folded (every accented form); opening the
archive first brings it to the current schema, and the time that takes is printed.

Articles are synthetic (`benchmarks.corpus.VocabularyCorpus`): Zipf-distributed
Vietnamese-like syllables, ~420 per body, with persons and documents from small pools.
Records are generated before the clock starts: what is timed is the archive.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks.corpus import VocabularyCorpus
from parsers.record import Article
from scraper.archive import syndication
from scraper.archive.bulk import store_batches
from scraper.archive.search import fold, search
from scraper.archive.store import Archive

BATCH = 500
NOW = "2025-01-01T00:00:00Z"


def store_all(
    archive: Archive, articles: list[Article], *, workers: bool = True, batch: int = BATCH
) -> float:
    """Store in transactions of `batch`, as `import-jsonl` does (batches prepared ahead in
    worker processes, `scraper.archive.bulk`) or all in this process; seconds taken."""
    batches = [articles[i : i + batch] for i in range(0, len(articles), batch)]
    start = time.perf_counter()
    if workers:
        for _ in store_batches(archive, batches, lambda: NOW):
            pass
    else:
        for batch in batches:
            with archive.transaction():
                archive.store_articles(batch, fetched_at=NOW)
    return time.perf_counter() - start


def process_io() -> dict[str, int] | None:
    """This process's I/O counters so far (`write_bytes`, `wchar`, …), from Linux's
    /proc/self/io; None elsewhere."""
    try:
        lines = Path("/proc/self/io").read_text().splitlines()
    except OSError:
        return None
    return {name: int(value) for name, value in (line.split(": ") for line in lines if line)}


def ingest(records: int) -> None:
    corpus = VocabularyCorpus(seed=1)
    articles = [corpus.article(i) for i in range(records)]
    for workers in (False, True):
        with tempfile.TemporaryDirectory() as tmp, Archive(Path(tmp) / "bench.db") as archive:
            seconds = store_all(archive, articles, workers=workers)
        how = "batches prepared ahead in two workers" if workers else "one process"
        print(f"ingest ({how}): {records} records in {seconds:.1f} s = {records / seconds:.0f}/s")


class Rollback(Exception):
    pass


def probe_cost(archive: Archive, existing: int, n: int = 300) -> str:
    """ms per new article (store_article, and its near-duplicate step alone), rolled back.

    Half the probes are fresh articles, half are edited copies of archived ones. The
    probes have a corpus of their own: one seeded like the archive's would repeat the
    articles archived first.
    """
    rng = random.Random(existing)
    corpus = VocabularyCorpus(seed=1_000_003 + existing)
    probes = []
    for i in range(n):
        if i % 2:
            body = archive.db.execute(
                "SELECT body_text FROM articles WHERE id = ?", [rng.randint(1, existing)]
            ).fetchone()[0]
            lines = body.split("\n")
            del lines[rng.randrange(len(lines))]
            body = "\n".join(["(TG) - " + lines[0], *lines[1:]])
            probes.append(corpus.article(10_000_000 + existing + i, body=body))
        else:
            probes.append(corpus.article(10_000_000 + existing + i))
    store_ms, dedup_ms, clustered = [], [], 0
    try:
        with archive.transaction():
            for article in probes:
                t0 = time.perf_counter()
                archive.store_article(article, fetched_at=NOW, fetch_id=None)
                t1 = time.perf_counter()
                article_id = archive.article_id_for_url(article.canonical_url)
                cluster = syndication.index_article(archive.db, article_id, article.body_text)
                t2 = time.perf_counter()
                clustered += cluster is not None
                store_ms.append((t1 - t0) * 1000)
                dedup_ms.append((t2 - t1) * 1000)
            raise Rollback
    except Rollback:
        pass
    return (
        f"near-dup at {existing} articles: store_article {statistics.mean(store_ms):.2f} ms"
        f" per article (p95 {quantile(store_ms, 0.95):.2f}), of which near-dup step "
        f"{statistics.mean(dedup_ms):.2f} ms (p95 {quantile(dedup_ms, 0.95):.2f});"
        f" {clustered} clustered of {n // 2} copies and {n - n // 2} fresh articles"
    )


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def queries(corpus: VocabularyCorpus, archive: Archive, n: int = 200) -> Iterator[str]:
    rng = random.Random(9)
    words = corpus.words
    for i in range(n):
        kind = i % 5
        if kind == 0:  # a common word
            yield rng.choice(words[:50])
        elif kind == 1:  # a mid-frequency word
            yield rng.choice(words[200:2000])
        elif kind == 2:  # two words, both required
            yield f"{rng.choice(words[:500])} AND {rng.choice(words[100:3000])}"
        elif kind == 3:  # a phrase from an archived body, without diacritics
            body = archive.db.execute(
                "SELECT body_text FROM articles WHERE id = ?", [rng.randint(1, 1000)]
            ).fetchone()[0]
            tokens = body.replace(".", "").split()
            start = rng.randrange(len(tokens) - 3)
            yield '"' + fold(" ".join(tokens[start : start + 3])) + '"'
        else:  # a prefix
            yield rng.choice(words[50:1000])[:3] + "*"


def search_latency(archive: Archive, corpus: VocabularyCorpus, *, folded: bool = False) -> str:
    times = []
    for query in queries(corpus, archive):
        if folded:
            query = " ".join(t if t in ("AND", "OR", "NOT") else fold(t) for t in query.split())
        t0 = time.perf_counter()
        search(archive.db, query, limit=20)
        times.append((time.perf_counter() - t0) * 1000)
    return (
        f"search on {archive.count('articles')} articles, {len(times)} queries"
        f"{' (folded)' if folded else ''}: "
        f"p50 {quantile(times, 0.5):.1f} ms, p95 {quantile(times, 0.95):.1f} ms, "
        f"max {max(times):.1f} ms"
    )


def size_report(archive: Archive, path: Path) -> list[str]:
    archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    n = archive.count("articles")
    lines = [f"database: {path.stat().st_size / n:.0f} bytes per article ({n} articles)"]
    sizes = table_sizes(archive) or {}
    lines += [
        f"  {name}: {size / n:.0f} bytes per article" for name, size in list(sizes.items())[:12]
    ]
    return lines


def table_sizes(archive: Archive) -> dict[str, int] | None:
    """Bytes of each table and index, largest first; None if SQLite was built without the
    `dbstat` virtual table (a compile-time option)."""
    try:
        rows = archive.db.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    except sqlite3.OperationalError:
        return None
    return dict(rows)


def scale(articles: int, keep: Path | None) -> None:
    corpus = VocabularyCorpus(seed=2)
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp) / "scale.db"
        with Archive(path) as archive:
            done = archive.count("articles")
            for target in sorted({10_000, articles}):
                if done < target:
                    batch = [corpus.article(i) for i in range(done, target)]
                    seconds = store_all(archive, batch)
                    print(
                        f"built {done}→{target}: {len(batch) / seconds:.0f} records/s", flush=True
                    )
                    done = target
                print(probe_cost(archive, done), flush=True)
            print(search_latency(archive, corpus), flush=True)
            for line in size_report(archive, path):
                print(line)


def search_only(path: Path, seed: int) -> None:
    start = time.perf_counter()
    with Archive(path) as archive:
        print(f"opened (schema brought up to date) in {time.perf_counter() - start:.1f} s")
        corpus = VocabularyCorpus(seed=seed)
        for folded in (False, True):
            print(search_latency(archive, corpus, folded=folded), flush=True)
        for line in size_report(archive, path)[:1]:
            print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("ingest").add_argument("--records", type=int, default=10_000)
    scale_parser = sub.add_parser("scale")
    scale_parser.add_argument("--articles", type=int, default=200_000)
    scale_parser.add_argument("--keep", type=Path, help="Build (or reuse) this archive file.")
    search_parser = sub.add_parser("search")
    search_parser.add_argument("--db", type=Path, required=True)
    search_parser.add_argument("--seed", type=int, default=2)
    args = parser.parse_args()
    if args.command == "ingest":
        ingest(args.records)
    elif args.command == "search":
        search_only(args.db, args.seed)
    else:
        scale(args.articles, args.keep)


if __name__ == "__main__":
    main()
