"""Near-duplicate keys for article bodies: pure text functions, no I/O.

A provincial story republished elsewhere keeps most of its wording but gains a source
prefix ("Sóc Trăng (TG) - ", "TG - ", "(ĐCSVN) - "), loses or changes its byline, and
may have a sentence or two edited. Those differences are removed or diluted here:

- `normalise` drops the source prefix and trailing byline lines, folds case and spaces;
- `shingles` cuts the text into overlapping runs of `SHINGLE` syllables (Vietnamese
  writes one syllable per space-separated token), so an edited sentence changes only
  the shingles that touch it, and hashes them;
- `signature` is datasketch's MinHash of the shingles (computed with numpy, for many
  bodies at once by `bodies_band_keys`) and `band_keys` cuts it into the LSH bands of
  datasketch's `MinHashLSH` (`BANDS`): two bodies share a band key with high
  probability when their shingle sets overlap by half or more. The keys are
  stored in an indexed table (see `scraper.archive.syndication`), so finding candidates costs a
  few index look-ups however large the archive grows.

Candidates are then confirmed on the exact shingle sets (`is_copy`).

The band keys are stored, so they must not change under the archive's feet: a change to
the normalisation, SHINGLE, NUM_PERM, BANDS, SEED or the hashing needs a migration
that recomputes `minhash_bands` (`tests/archive/test_dedup.py` pins one key to catch it).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Collection
from functools import cache
from itertools import chain

import numpy as np

SHINGLE = 5
NUM_PERM = 128
MIN_TOKENS = 40  # shorter bodies (notices, one-liners) are too generic to cluster
SEED = 1

# LSH bands: 16 bands of 3 MinHash values each, datasketch's `MinHashLSH(num_perm=128,
# params=(16, 3))` (`tests/archive/test_dedup.py` checks it). Two bodies whose shingle sets have
# Jaccard similarity s share a band with probability 1 - (1 - s**3)**16: 0.65 at 0.4,
# 0.88 at 0.5 (the `is_copy` threshold), 0.98 at 0.6, 0.9988 at 0.7; `is_copy` then
# decides on the exact sets. The layout datasketch picks for a threshold of 0.4, 32 bands
# of 4, gives about the same curve (0.87 at 0.5) with twice the rows to store.
BAND_ROWS = 3
BANDS: tuple[tuple[int, int], ...] = tuple(
    (band * BAND_ROWS, band * BAND_ROWS + BAND_ROWS) for band in range(16)
)
BANDED = len(BANDS) * BAND_ROWS  # the values of a signature the band keys are made of

# "Sóc Trăng (TG) - ", "(ĐCSVN) – ", "Hà Nội (TTXVN) — ": a short dateline and a source in
# brackets, then a dash; or an upper-case source alone: "TG - ", "TTXVN-".
_PREFIX = re.compile(
    r"^\s*(?:[^\n()]{0,40}\([^()\n]{1,30}\)|[A-ZĐ][A-ZĐ.]{1,11})\s*[-–—]\s*",
)
_BYLINE_START = re.compile(r"^(nguồn|tin|ảnh|tin, ảnh|theo|bài, ảnh|bài và ảnh)\s*[:,]", re.I)
_SENTENCE_END = (".", "!", "?", "…", ":", ";", '"', "”", ")")
_WORD = re.compile(r"\w+")
# Characters that are never part of a word (`\w`): what sticks to the words of a text.
_PUNCTUATION = ".,;:!?…\"'“”‘’()[]{}«»<>-–—/\\|*•·%&#@+=~`^$"


def _is_byline(line: str) -> bool:
    """A short line without sentence punctuation at its end, or a "Nguồn: …" line."""
    stripped = line.strip()
    if not stripped:
        return True
    if _BYLINE_START.match(stripped):
        return True
    return len(stripped.split()) <= 8 and not stripped.endswith(_SENTENCE_END)


def _kept(text: str) -> tuple[str, list[str]]:
    """A body (NFC) without its trailing byline lines, and those lines."""
    lines = text.splitlines()
    keep = len(lines)
    while keep and _is_byline(lines[keep - 1]):
        keep -= 1
    return "\n".join(lines[:keep]), lines[keep:]


def _strip(body: str) -> str:
    kept, _ = _kept(unicodedata.normalize("NFC", body))
    return _PREFIX.sub("", kept, count=1).casefold()


def normalise(body: str) -> str:
    """The body without source prefix or trailing byline lines, NFC, case-folded, one-spaced."""
    return " ".join(_strip(body).split())


def words(text: str) -> list[str]:
    """`re.findall(r"\\w+", text)`, about 1.5 times faster on prose.

    Whitespace never belongs to a word, so the words of a text are those of its
    space-separated pieces; a piece that is all word characters once the punctuation
    around it is stripped is one word, and the rare others go through the regex.
    """
    out: list[str] = []
    for piece in text.split():
        if piece.isalnum():
            out.append(piece)
        elif (core := piece.strip(_PUNCTUATION)).isalnum():
            out.append(core)
        else:
            out += _WORD.findall(piece)
    return out


def key_text(text: str) -> str:
    """The text exact duplicates are keyed on: NFC, case-folded, one-spaced."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def _pieces(body: str) -> tuple[list[str], list[str]]:
    """The space-separated pieces of `key_text(body)`, and those of `_strip(body)`, whose
    words are the body's tokens.

    Both are cut from one case-folded copy of the body: most bodies have no source
    prefix, and their tokens' pieces are then the first ones, all but those of the
    trailing byline lines. (The lines are split on whitespace characters only, and
    case folding keeps every whitespace character and makes none, so the pieces of the
    body are those of its lines end to end.)
    """
    text = unicodedata.normalize("NFC", body)
    pieces = text.casefold().split()
    kept, bylines = _kept(text)
    if _PREFIX.match(kept):
        return pieces, _PREFIX.sub("", kept, count=1).casefold().split()
    dropped = sum(len(line.split()) for line in bylines)
    return pieces, pieces[: len(pieces) - dropped]


# Shingles are kept as 32-bit hashes: a polynomial of the CRC-32s of their syllables,
# computed for the whole text at once by numpy. Exact Jaccard on these hashes differs from
# Jaccard on the strings only by collisions, about one in four billion pairs.
_MULT = np.uint64(0x100000001B3)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_LOW32 = np.uint64(0xFFFFFFFF)


# The CRC-32s of the words of each piece seen ("đảng,": that of "đảng"): a language
# writes few distinct pieces, and looking a piece up skips finding its words.
_IDS: dict[str, tuple[int, ...]] = {}
_IDS_MAX = 500_000


def _syllable_ids(pieces: list[str]) -> np.ndarray:
    """The CRC-32 of each word of the pieces, in order."""
    try:
        return np.fromiter(chain.from_iterable(map(_IDS.__getitem__, pieces)), np.uint64)
    except KeyError:
        if len(_IDS) > _IDS_MAX:
            _IDS.clear()
        for piece in pieces:
            if piece not in _IDS:
                _IDS[piece] = tuple(zlib.crc32(word.encode()) for word in words(piece))
        return np.fromiter(chain.from_iterable(map(_IDS.__getitem__, pieces)), np.uint64)


def _shingle_hashes(ids: np.ndarray) -> np.ndarray:
    """Hashes of every run of SHINGLE consecutive ids (uint64, 32 significant bits)."""
    count = len(ids) - SHINGLE + 1
    hashes = np.zeros(count, np.uint64)
    for k in range(SHINGLE):
        hashes = hashes * _MULT + ids[k : k + count]
    hashes ^= hashes >> np.uint64(31)
    hashes *= _MIX
    hashes ^= hashes >> np.uint64(32)
    return hashes & _LOW32


def shingles(body: str) -> set[int]:
    """Overlapping runs of SHINGLE syllables, hashed; empty when the body is too short."""
    ids = _syllable_ids(_pieces(body)[1])
    if len(ids) < MIN_TOKENS:
        return set()
    return set(_shingle_hashes(ids).tolist())


# datasketch's MinHash with scheme "affine32" and the identity as hash function (the
# shingles are hashed already): each value goes through the MurmurHash3 32-bit finaliser,
# then through NUM_PERM affine maps a*x + b modulo 2**32; the signature is the minimum of
# each map. It is computed here with numpy for many bodies at once, and
# `tests/archive/test_dedup.py` checks it against datasketch.
@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's (a, b) arrays for "affine32": odd multipliers and offsets drawn from
    numpy's RandomState(SEED), as its `MinHash` draws them. Drawn here rather than taken
    from a `MinHash`: importing datasketch pulls in scipy, a second at every start of a
    process (`tests/archive/test_dedup.py` compares the arrays with datasketch's)."""
    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


_FEW = 16  # bodies: below, a signature per body; from it, a permutation at a time
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


def _fmix32(values: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2 = _FMIX32
    values = values ^ (values >> s1)
    values = values * m1
    values = values ^ (values >> s2)
    values = values * m2
    return values ^ (values >> s1)


def _signatures(hashes: np.ndarray, starts: np.ndarray, perms: int = NUM_PERM) -> np.ndarray:
    """One signature row per body, of its first `perms` values: `hashes` are the bodies'
    shingles end to end, body i starting at `starts[i]` (every body has at least one
    shingle). Each value is a permutation's minimum, computed apart from the others.

    For many bodies, one permutation at a time over all of them: the working array stays
    in the CPU cache, which makes it an order of magnitude faster than a (shingles x
    NUM_PERM) array. For a few, that array per body: fewer numpy calls.
    """
    a, b = (values[:perms] for values in _permutations())
    mixed = _fmix32(hashes.astype(np.uint32))
    if len(starts) < _FEW:
        bodies = np.split(mixed, starts[1:])
        return np.array([(body[:, None] * a + b).min(axis=0) for body in bodies])
    out = np.empty((len(starts), perms), np.uint32)
    permuted = np.empty_like(mixed)
    for j in range(perms):
        np.multiply(mixed, a[j], out=permuted)
        permuted += b[j]
        out[:, j] = np.minimum.reduceat(permuted, starts)
    return out


def signature(shingle_set: Collection[int]) -> np.ndarray:
    """MinHash hash values (NUM_PERM unsigned integers) of a non-empty set of hashed shingles."""
    return _signatures(np.fromiter(shingle_set, np.uint64, len(shingle_set)), np.zeros(1, int))[0]


_BAND_SALT = np.arange(1, len(BANDS) + 1, dtype=np.uint64) * _MIX


def _band_key_rows(signatures: np.ndarray) -> np.ndarray:
    """`band_keys` of many signatures (one per row), as an int64 array of one row each."""
    rows = signatures[:, :BANDED].astype(np.uint64)
    rows = rows.reshape(len(signatures), len(BANDS), BAND_ROWS)
    keys = np.broadcast_to(_BAND_SALT, rows.shape[:2]).copy()
    for column in range(BAND_ROWS):
        keys = keys * _MULT + rows[:, :, column]
    keys ^= keys >> np.uint64(29)
    keys *= _MIX
    keys ^= keys >> np.uint64(32)
    return keys.view(np.int64)


def band_keys(hashvalues: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (band number mixed in), as SQLite stores integers.

    The key is a polynomial of the band's `BAND_ROWS` MinHash values, salted with the band
    number and mixed, computed for all bands at once; equal bands give equal keys.
    """
    return _band_key_rows(np.asarray(hashvalues)[None, :])[0].tolist()


def _shingles_end_to_end(ids: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """`_shingle_hashes` of several bodies' ids (each at least SHINGLE long), end to end,
    and where each body's start: hashed all joined in one pass, the runs that cross from
    one body into the next left out."""
    lengths = np.array([len(body) for body in ids])
    hashes = _shingle_hashes(np.concatenate(ids))
    keep = np.ones(len(hashes), bool)
    # The runs starting fewer than SHINGLE ids before a body's end (the last body's are
    # past the end of `hashes`).
    keep[(np.cumsum(lengths)[:-1, None] - np.arange(1, SHINGLE)).ravel()] = False
    counts = lengths - SHINGLE + 1
    return hashes[keep], np.cumsum(counts) - counts


def bodies_band_keys(bodies: list[str]) -> list[list[int]]:
    """`band_keys(signature(shingles(body)))` for each body (no keys for a short body),
    with the hashing of all bodies done in one numpy pipeline."""
    return bodies_keys(bodies)[1]


def bodies_keys(bodies: list[str]) -> tuple[list[str], list[list[int]]]:
    """`key_text` and `bodies_band_keys` of each body, cutting each body into pieces
    once for both."""
    pieces = [_pieces(body) for body in bodies]
    keys = [" ".join(whole) for whole, _ in pieces]
    ids = [_syllable_ids(stripped) for _, stripped in pieces]
    long = [i for i, found in enumerate(ids) if len(found) >= MIN_TOKENS]
    out: list[list[int]] = [[] for _ in bodies]
    if not long:
        return keys, out
    hashes, starts = _shingles_end_to_end([ids[i] for i in long])
    # The bands use the signature's first BANDED values: the other permutations are not
    # computed (about 60 % of the hashing of a body).
    rows = _band_key_rows(_signatures(hashes, starts, BANDED))
    for i, row in zip(long, rows.tolist(), strict=True):
        out[i] = row
    return keys, out


def similarity(a: set[int], b: set[int]) -> float:
    """Jaccard similarity of two shingle sets."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def containment(a: set[int], b: set[int]) -> float:
    """Share of the smaller set found in the larger: high when one copy was cut short."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8


def is_copy(a: set[int], b: set[int]) -> bool:
    """Whether two shingle sets are the same story (edited, trimmed or re-headed)."""
    return similarity(a, b) >= JACCARD_MIN or containment(a, b) >= CONTAINMENT_MIN
