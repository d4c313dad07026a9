"""Near-duplicate keys for article bodies: pure text functions, no I/O.

A provincial story republished elsewhere keeps most of its wording but gains a source
prefix ("Sóc Trăng (TG) - ", "TG - ", "(ĐCSVN) - "), loses or changes its byline, and
may have a sentence or two edited. Those differences are removed or diluted here:

- `normalise` drops the source prefix and trailing byline lines, folds case and spaces;
- `shingles` cuts the text into overlapping runs of `SHINGLE` syllables (Vietnamese
  writes one syllable per space-separated token), so an edited sentence changes only
  the shingles that touch it;
- `signature` is a datasketch MinHash of the shingles and `band_keys` cuts it into the
  LSH bands of datasketch's `MinHashLSH` for `THRESHOLD`: two bodies share a band key
  with high probability when their shingle sets overlap at least that much. The keys are
  stored in an indexed table (see `scraper.syndication`), so finding candidates costs a
  few index look-ups however large the archive grows.

Candidates are then confirmed on the exact shingle sets (`similarity`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.4  # LSH: 32 bands of 4; `is_copy` decides on the exact sets
MIN_TOKENS = 40  # shorter bodies (notices, one-liners) are too generic to cluster
SEED = 1

_LSH = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
BANDS: tuple[tuple[int, int], ...] = tuple(_LSH.hashranges)
del _LSH

# "Sóc Trăng (TG) - ", "(ĐCSVN) – ", "Hà Nội (TTXVN) — ": a short dateline and a source in
# brackets, then a dash; or an upper-case source alone: "TG - ", "TTXVN-".
_PREFIX = re.compile(
    r"^\s*(?:[^\n()]{0,40}\([^()\n]{1,30}\)|[A-ZĐ][A-ZĐ.]{1,11})\s*[-–—]\s*",
)
_BYLINE_START = re.compile(r"^(nguồn|tin|ảnh|tin, ảnh|theo|bài, ảnh|bài và ảnh)\s*[:,]", re.I)
_SENTENCE_END = (".", "!", "?", "…", ":", ";", '"', "”", ")")
_WORD = re.compile(r"\w+")


def _is_byline(line: str) -> bool:
    """A short line without sentence punctuation at its end, or a "Nguồn: …" line."""
    stripped = line.strip()
    if not stripped:
        return True
    if _BYLINE_START.match(stripped):
        return True
    return len(stripped.split()) <= 8 and not stripped.endswith(_SENTENCE_END)


def normalise(body: str) -> str:
    """The body without source prefix or trailing byline lines, NFC, case-folded, one-spaced."""
    lines = unicodedata.normalize("NFC", body).splitlines()
    while lines and _is_byline(lines[-1]):
        lines.pop()
    text = "\n".join(lines)
    text = _PREFIX.sub("", text, count=1)
    return " ".join(text.casefold().split())


def tokens(body: str) -> list[str]:
    return _WORD.findall(normalise(body))


Shingle = tuple[str, ...]


def shingles(body: str) -> set[Shingle]:
    """Overlapping runs of SHINGLE syllables; empty when the body is too short to cluster."""
    words = tokens(body)
    if len(words) < MIN_TOKENS:
        return set()
    return set(zip(*(words[i:] for i in range(SHINGLE)), strict=False))


# Drawing the permutations is a tenth of the cost of a signature: draw them once. CRC-32
# is the 32-bit hash of each shingle; the random affine permutations on top of it, not the
# hash, give MinHash its estimates, and zlib's C CRC is four times faster than SHA-1.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED).permutations


def signature(shingle_set: Iterable[Shingle]) -> np.ndarray:
    """MinHash hash values (NUM_PERM unsigned integers) of a set of shingles."""
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashfunc=zlib.crc32,
        permutations=_PERMUTATIONS,
        scheme="affine32",
    )
    minhash.update_batch([" ".join(s).encode() for s in shingle_set])
    return minhash.hashvalues


def band_keys(hashvalues: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in), as SQLite stores integers."""
    keys = []
    for band, (start, end) in enumerate(BANDS):
        digest = hashlib.blake2b(
            hashvalues[start:end].astype("<u8").tobytes(), digest_size=8, key=band.to_bytes(2)
        ).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def similarity(a: set[Shingle], b: set[Shingle]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: set[Shingle], b: set[Shingle]) -> float:
    """Share of the smaller set found in the larger: high when one copy was cut short."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8


def is_copy(a: set[Shingle], b: set[Shingle]) -> bool:
    """Whether two shingle sets are the same story (edited, trimmed or re-headed)."""
    return similarity(a, b) >= JACCARD_MIN or containment(a, b) >= CONTAINMENT_MIN
