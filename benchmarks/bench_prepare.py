"""CPU of preparing articles for the archive (`scraper.archive.prepare`), part by part.

Preparing (hashes, folded search text, JSON, MinHash band keys) is what a bulk load's
workers do, and what one process does before storing. Each part is timed on the same
synthetic articles, best of `--rounds`, in microseconds an article ("body keys": the
exact-duplicate key text and the near-duplicate band keys, made together):

    PYTHONPATH=. python benchmarks/bench_prepare.py [--articles 5000] [--rounds 3]

Run it on two commits (`PYTHONPATH=<checkout>`) to compare them.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from benchmarks.corpus import VocabularyCorpus
from scraper.archive import dedup
from scraper.archive import prepare as prep
from scraper.archive.search import search_texts


def best(run: Callable[[], object], rounds: int) -> float:
    """The least CPU seconds of `rounds` runs."""
    times = []
    for _ in range(rounds):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    corpus = VocabularyCorpus(seed=1_000_003)
    articles = [corpus.article(300_000 + n) for n in range(args.articles)]
    records = [a.to_dict() for a in articles]
    parts: dict[str, Callable[[], object]] = {
        "body keys": lambda: dedup.bodies_keys([a.body_text for a in articles]),
        "content hash": lambda: [
            prep.content_hash(a, r) for a, r in zip(articles, records, strict=True)
        ],
        "row and record": lambda: [
            prep.columns(a, r, "", "") for a, r in zip(articles, records, strict=True)
        ],
        "search texts": lambda: search_texts(
            (a.title, a.sapo or "", a.body_text) for a in articles
        ),
        "prepare (all)": lambda: prep.prepare(articles),
    }
    for name, run in parts.items():
        print(f"{name:16} {best(run, args.rounds) / args.articles * 1e6:7.1f} µs an article")


if __name__ == "__main__":
    main()
