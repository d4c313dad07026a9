"""Datasette's canned query "Search articles" on a large archive: its ranking rule
against ordering every match by `rank`.

    PYTHONPATH=. python benchmarks/bench_canned_search.py --db scale.db [--queries 5]

The archive is one built by `benchmarks/bench_scale.py --keep` (its synthetic corpus);
the queries are words, several words and phrases of `benchmarks.query_mix`, as typed
into the form (the canned query quotes each word). Each query runs through the SQL of
`scraper.archive.serve.QUERIES["search_articles"]` and through that SQL ordered by
`articles_fts.rank` over all matches (what it did before), on one connection with the
plugin's functions; ms are wall time, min–median–max per kind.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from pathlib import Path

from benchmarks.corpus import VocabularyCorpus
from benchmarks.query_mix import query_mix
from scraper.archive import datasette_plugin
from scraper.archive.serve import _ARTICLE_HITS, QUERIES
from scraper.archive.store import Archive

KINDS = ("word", "words", "phrase", "word folded", "words folded", "phrase folded")
BY_RANK = _ARTICLE_HITS + " ORDER BY articles_fts.rank LIMIT 100"


def timed(conn: sqlite3.Connection, sql: str, query: str) -> tuple[float, int]:
    start = time.perf_counter()
    rows = conn.execute(sql, {"q": query}).fetchall()
    return (time.perf_counter() - start) * 1000, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=5, help="Queries of each kind.")
    parser.add_argument("--seed", type=int, default=2, help="The corpus of bench_scale.")
    args = parser.parse_args()
    with Archive(args.db) as archive:
        sites = [f"btg{i}.gov.vn" for i in range(40)]
        corpus = VocabularyCorpus(seed=args.seed)
        mix = query_mix(archive, corpus, sites, range(2015, 2026), args.queries)
        articles = archive.count("articles")
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    datasette_plugin.prepare_connection(conn)
    print(f"{articles:,} articles, {args.queries} queries of each kind (ms: min/median/max)")
    for kind in KINDS:
        texts = [query.text for query in mix[kind]]
        for name, sql in (("now", QUERIES["search_articles"]["sql"]), ("by rank", BY_RANK)):
            runs = [timed(conn, sql, text) for text in texts]
            ms = sorted(ms for ms, _ in runs)
            rows = statistics.mean(n for _, n in runs)
            print(
                f"  {kind:14} {name:8} {ms[0]:8.1f} {statistics.median(ms):8.1f} {ms[-1]:8.1f}"
                f"   ({rows:.0f} rows shown on average)",
                flush=True,
            )


if __name__ == "__main__":
    main()
