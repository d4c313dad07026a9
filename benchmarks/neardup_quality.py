"""Precision and recall of near-duplicate detection on constructed pairs.

Positives: a write-up and its republication (source prefix, new headline and byline, one
or two sentences reworded or dropped). Negatives: two outlets' own write-ups of the same
event (same province, conference, officials and document, different text). A pair is
called a copy when `dedup.is_copy` says so *and* the LSH bands make them candidates,
exactly as the archive decides.

    PYTHONPATH=. python benchmarks/neardup_quality.py [--pairs 1000]

It also prints the share of pairs of random shingle sets at a given Jaccard similarity
that the LSH bands make candidates: the recall ceiling for copies edited that heavily.
"""

from __future__ import annotations

import argparse
import random

from benchmarks.corpus import copy_of, event, write_up
from scraper.archive import dedup


def detected(a: str, b: str) -> bool:
    sa, sb = dedup.shingles(a), dedup.shingles(b)
    if not sa or not sb:
        return False
    ka = set(dedup.band_keys(dedup.signature(sa)))
    kb = set(dedup.band_keys(dedup.signature(sb)))
    return bool(ka & kb) and dedup.is_copy(sa, sb)


def measure(pairs: int, seed: int = 7) -> dict[str, float]:
    rng = random.Random(seed)
    tp = fn = fp = tn = 0
    for i in range(pairs):
        ev = event(rng)
        length = rng.choice([8, 12, 16, 24])
        original = write_up(rng, ev, length)
        body = "\n".join([*original, "Minh Anh"])
        copy = "\n".join([*copy_of(rng, original, ev), rng.choice(["T.H", "Nguồn: TG", "PV"])])
        other = "\n".join([*write_up(rng, ev, length), "Thu Hà"])
        if detected(body, copy):
            tp += 1
        else:
            fn += 1
        if detected(body, other):
            fp += 1
        else:
            tn += 1
        del i
    return {
        "pairs": pairs,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn),
        "false_positives": fp,
        "false_negatives": fn,
    }


def candidate_curve(pairs: int, size: int = 400, seed: int = 11) -> list[tuple[float, float]]:
    """(Jaccard, share of pairs sharing a band key) for shingle sets of `size` values with a
    set Jaccard similarity: what the LSH layout lets through to the exact check."""
    rng = random.Random(seed)
    curve = []
    for jaccard in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        changed = round(size * (1 - jaccard) / (1 + jaccard))  # (n - k) / (n + k) = jaccard
        hits = 0
        for _ in range(pairs):
            a = rng.sample(range(1 << 32), size)
            b = a[changed:] + rng.sample(range(1 << 32), changed)
            ka = set(dedup.band_keys(dedup.signature(set(a))))
            hits += bool(ka & set(dedup.band_keys(dedup.signature(set(b)))))
        curve.append(((size - changed) / (size + changed), hits / pairs))
    return curve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1000)
    pairs = parser.parse_args().pairs
    result = measure(pairs)
    print(
        f"near-dup: {result['pairs']} copy pairs + {result['pairs']} same-event pairs: "
        f"precision={result['precision']:.3f} recall={result['recall']:.3f} "
        f"(FP={result['false_positives']}, FN={result['false_negatives']})"
    )
    bands, rows = len(dedup.BANDS), dedup.BAND_ROWS
    print(f"LSH candidates, {bands} bands of {rows} ({pairs} pairs of random sets each):")
    for jaccard, share in candidate_curve(pairs):
        expected = 1 - (1 - jaccard**rows) ** bands
        print(f"  Jaccard {jaccard:.2f}: {share:.3f} (theory {expected:.3f})")


if __name__ == "__main__":
    main()
