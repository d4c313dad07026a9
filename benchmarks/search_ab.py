"""Search latency before and after a change, measured side by side on one archive.

    PYTHONPATH=. python benchmarks/search_ab.py --before REV --db SCALE.db

SCALE.db is an archive built by `archive_bench.py scale --keep` with the code of REV (or
earlier). The code of REV is unpacked (`git archive`) into a temporary folder; a copy of
the archive is brought up to the current schema (the upgrade is timed); then two worker
processes, one running REV's `search` on the original, one running the current `search`
on the copy, get the same queries in alternation, the order swapped at every query, so
that a machine shared with other work slows both alike. Each worker times its own calls.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.archive_bench import quantile, queries
from benchmarks.corpus import VocabularyCorpus
from scraper.archive.search import fold
from scraper.archive.store import Archive

ROOT = Path(__file__).resolve().parents[1]
WORKER = """
import sys, time
from pathlib import Path
from scraper.archive.search import search
from scraper.archive.store import Archive
with Archive(Path(sys.argv[1])) as archive:
    for line in sys.stdin:
        t0 = time.perf_counter()
        search(archive.db, line.rstrip("\\n"), limit=20)
        print(f"{(time.perf_counter() - t0) * 1000:.3f}", flush=True)
"""


def worker(tree: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(db)],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def ask(proc: subprocess.Popen, query: str) -> float:
    proc.stdin.write(query + "\n")
    proc.stdin.flush()
    return float(proc.stdout.readline())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="The git revision to compare with.")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=2, help="The corpus seed of the archive.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        before.mkdir()
        tar = subprocess.run(["git", "archive", args.before], cwd=ROOT, capture_output=True)
        subprocess.run(["tar", "-x", "-C", str(before)], input=tar.stdout, check=True)
        after_db = Path(tmp) / "after.db"
        shutil.copyfile(args.db, after_db)
        start = time.perf_counter()
        with Archive(after_db) as archive:
            print(f"upgrade to the current schema: {time.perf_counter() - start:.1f} s")
            generated = list(queries(VocabularyCorpus(seed=args.seed), archive))
            count = archive.count("articles")
        folded = [
            " ".join(t if t in ("AND", "OR", "NOT") else fold(t) for t in q.split())
            for q in generated
        ]
        old, new = worker(before, args.db), worker(ROOT, after_db)
        for name, qs in (("as generated", generated), ("folded", folded)):
            times: dict[str, list[float]] = {"before": [], "after": []}
            for i, query in enumerate(qs):
                pair = [("before", old), ("after", new)]
                for side, proc in pair if i % 2 else pair[::-1]:
                    times[side].append(ask(proc, query))
            for side, values in times.items():
                print(
                    f"{side:6} {name:12} {count} articles, {len(values)} queries:"
                    f" p50 {quantile(values, 0.5):.1f} ms, p95 {quantile(values, 0.95):.1f} ms,"
                    f" max {max(values):.1f} ms",
                    flush=True,
                )
        for proc in (old, new):
            proc.stdin.close()
            proc.wait()


if __name__ == "__main__":
    main()
