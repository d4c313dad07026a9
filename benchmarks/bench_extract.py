"""Throughput of the field extractors: article texts per second on one core.

Reads the gold texts from `../shared/gold/dev` relative to the repository root (or
the folder in `TUYENGIAO_GOLD`), runs `parsers.fields.extract` over them repeatedly,
and prints texts/second. Usage: `PYTHONPATH=. python benchmarks/bench_extract.py [rounds]`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from parsers.fields import extract  # noqa: E402


def main(rounds: int = 50) -> None:
    gold = Path(os.environ.get("TUYENGIAO_GOLD", REPO.parent / "shared" / "gold" / "dev"))
    texts = [p.read_text(encoding="utf-8") for p in sorted(gold.glob("*.txt"))]
    if not texts:
        sys.exit(f"no texts in {gold}")
    for text in texts:  # warm up: regex compilation, imports
        extract(text)
    best = 0.0
    for _ in range(5):
        start = time.process_time()
        for _ in range(rounds):
            for text in texts:
                extract(text)
        elapsed = time.process_time() - start
        best = max(best, rounds * len(texts) / elapsed)
    chars = sum(len(t) for t in texts) / len(texts)
    print(f"{best:.0f} texts/second ({len(texts)} texts of {chars:.0f} characters on average)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
