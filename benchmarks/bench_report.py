"""The time and size of `tuyengiao report` on a large archive.

    PYTHONPATH=. python benchmarks/bench_report.py [--articles 200000] [--keep DB]

The archive is synthetic (`benchmarks.corpus.VocabularyCorpus`, 40 sites, 2015–2025),
with what the report charts that the vocabulary corpus alone lacks: one article in ten
is an edited republication of an earlier one on another site (so story clusters form),
documents carry an issue date, and 2 % of the articles are stored a second time with a
changed body (so `article_versions` has edits, and `changes` an edit event for each), 0.2 %
are removed (two failures two days apart, as a re-check records them), and every article
is placed in its province, as a crawl does at the end of each run. Building it is not
timed; the report is:
the real `tuyengiao report` process, on one core (`taskset -c 0` where it exists), wall
time and the CPU time of the process (user + system).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.archive_bench import store_all
from benchmarks.corpus import VocabularyCorpus
from parsers.compare import compare
from parsers.record import Article
from scraper.archive import changes
from scraper.archive.store import Archive

COPY_EVERY = 10
EDITED_SHARE = 0.02
REMOVED_SHARE = 0.002


def _dated(article: Article) -> Article:
    """The article with its documents' issue dates (number n: January of 2014 + n % 10)."""
    directives = tuple(
        dataclasses.replace(d, date=f"{2014 + int(d.number or 0) % 10}-01-15")
        for d in article.directives
    )
    return dataclasses.replace(article, directives=directives)


def corpus_articles(n: int) -> list[Article]:
    corpus = VocabularyCorpus(seed=21)
    rng = random.Random(21)
    articles: list[Article] = []
    for i in range(n):
        if i >= 100 and i % COPY_EVERY == 0:
            source = articles[rng.randrange(i - 100, i - 1)]
            lines = source.body_text.split("\n")
            if len(lines) > 3:  # a copy of a copy loses a paragraph again
                del lines[rng.randrange(1, len(lines))]
            body = "\n".join(["(TG) - " + lines[0], *lines[1:]])
            article = corpus.article(i, body=body)
        else:
            article = corpus.article(i)
        articles.append(_dated(article))
    return articles


def build(path: Path, n: int) -> None:
    articles = corpus_articles(n)
    with Archive(path) as archive:
        seconds = store_all(archive, articles)
        print(f"built {n} articles in {seconds:.0f} s", flush=True)
        rng = random.Random(7)
        edited = [
            dataclasses.replace(a, body_text=a.body_text + "\n(Bài viết đã được cập nhật.)")
            for a in rng.sample(articles, int(n * EDITED_SHARE))
        ]
        for month, start in enumerate(range(0, len(edited), 500), start=1):
            with archive.transaction():
                stamp = f"2025-{(month - 1) % 12 + 1:02d}-10T00:00:00Z"
                archive.store_articles(edited[start : start + 500], fetched_at=stamp)
        print(f"stored {len(edited)} changed versions", flush=True)
        record_changes(archive, articles, edited, rng)
        start = time.perf_counter()
        placed = archive.place_articles()
        print(f"placed {placed} articles in {time.perf_counter() - start:.0f} s", flush=True)
        archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def record_changes(
    archive: Archive, articles: list[Article], edited: list[Article], rng: random.Random
) -> None:
    """The events re-checks would have recorded: an edit for each changed version, and
    removals confirmed by a second failure two days after the first."""
    db = archive.db
    ids = dict(db.execute("SELECT canonical_url, id FROM articles"))
    originals = {a.canonical_url: a for a in articles}
    with archive.transaction():
        for version_id, article_id, replaced_at in db.execute(
            "SELECT id, article_id, replaced_at FROM article_versions"
        ).fetchall():
            url = db.execute("SELECT canonical_url FROM articles WHERE id = ?", [article_id])
            (canonical,) = url.fetchone()
            old = originals[canonical].to_dict()
            new = {**old, "body_text": old["body_text"] + "\n(Bài viết đã được cập nhật.)"}
            page = changes.Page(article_id, canonical, old["site"], replaced_at, None, None)
            changes.record_edit(db, page, compare(old, new), version_id, None)
        removed = rng.sample(articles, int(len(articles) * REMOVED_SHARE))
        for n, article in enumerate(removed):
            month = f"2025-{n % 12 + 1:02d}"
            for run, day in ((1, 10), (2, 12)):
                page = changes.Page(
                    ids[article.canonical_url], article.url, article.site,
                    f"{month}-{day}T00:00:00Z", None, run,
                )  # fmt: skip
                changes.removal_evidence(db, changes.Evidence(page, "gone", 404), None)
    print(f"recorded {len(edited)} edits and {len(removed)} removals", flush=True)


def tuyengiao() -> list[str]:
    script = Path(sys.executable).parent / "tuyengiao"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "scraper"]
    pin = shutil.which("taskset")
    return [pin, "-c", "0", *command] if pin else command


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="Build (or reuse) this archive file.")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "report.db"
        if not path.exists():
            build(path, args.articles)
        out = Path(tmp) / "report.html"
        for run in range(1, args.runs + 1):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(
                [*tuyengiao(), "report", "--db", str(path), "--out", str(out)],
                capture_output=True,
                text=True,
            )
            seconds = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if done.returncode:
                sys.exit(f"report failed: {done.stderr.strip()}")
            size = out.stat().st_size
            print(
                f"run {run}: report of {args.articles} articles in {seconds:.1f} s"
                f" ({cpu:.1f} s CPU), {size / 1e6:.2f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
