"""Search queries by kind, for latency at scale: each kind of query an analyst types.

Words come from the vocabulary of `benchmarks.corpus.VocabularyCorpus` (most frequent
first), phrases from bodies in the archive. Every word kind is asked twice: as published
(with its diacritics, matching that exact word) and folded (without them, matching every
accented form; `scraper.archive.search`).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date

from benchmarks.corpus import VocabularyCorpus
from scraper.archive.search import fold
from scraper.archive.store import Archive

# Kinds asked both as published and folded; `site` and `date` are words as published.
WORD_KINDS = ("word", "words", "phrase", "prefix1", "prefix2", "prefix3", "prefix4+")
FILTER_KINDS = ("site", "date")
KINDS = (*WORD_KINDS, *(f"{kind} folded" for kind in WORD_KINDS), *FILTER_KINDS)


@dataclass(frozen=True)
class Query:
    """One call of `search`: the query and its filters."""

    text: str
    site: str | None = None
    date_from: date | None = None
    date_to: date | None = None


def _word(rng: random.Random, words: list[str], i: int) -> str:
    """A common word every other time, else one of middling frequency."""
    return rng.choice(words[:50] if i % 2 else words[200:2000])


def _prefix(rng: random.Random, words: list[str], length: int) -> str:
    """The first `length` letters of a word (4 or more: 4 up to the whole word)."""
    if length < 4:
        return rng.choice([w for w in words[:3000] if len(w) > length])[:length] + "*"
    word = rng.choice([w for w in words[:3000] if len(w) >= 4])
    return word[: rng.randint(4, len(word))] + "*"


def _phrase(rng: random.Random, archive: Archive, articles: int) -> str:
    """Three consecutive words of an archived body."""
    body = archive.db.execute(
        "SELECT body_text FROM articles WHERE id = ?", [rng.randint(1, articles)]
    ).fetchone()[0]
    tokens = re.findall(r"\w+", body)
    start = rng.randrange(len(tokens) - 3)
    return '"' + " ".join(tokens[start : start + 3]) + '"'


def _published(kind: str, rng: random.Random, words: list[str], archive: Archive, n: int) -> str:
    if kind == "word":
        return _word(rng, words, n)
    if kind == "words":
        return " ".join([rng.choice(words[:500]), *rng.sample(words[100:3000], rng.randint(1, 2))])
    if kind == "phrase":
        return _phrase(rng, archive, archive.count("articles"))
    return _prefix(rng, words, int(kind[len("prefix") :].rstrip("+")))


def query_mix(
    archive: Archive, corpus: VocabularyCorpus, sites: list[str], years: range, per_kind: int
) -> dict[str, list[Query]]:
    """`per_kind` queries of every kind of KINDS, the same for the same archive."""
    rng = random.Random(18)
    mix: dict[str, list[Query]] = {}
    for kind in WORD_KINDS:
        texts = [_published(kind, rng, corpus.words, archive, n) for n in range(per_kind)]
        mix[kind] = [Query(text) for text in texts]
        mix[f"{kind} folded"] = [Query(fold(text)) for text in texts]
    mix["site"] = [
        Query(_word(rng, corpus.words, n), site=rng.choice(sites)) for n in range(per_kind)
    ]
    mix["date"] = []
    for n in range(per_kind):
        year = rng.choice(years)
        start = date(year, rng.randint(1, 6), 1)
        mix["date"].append(
            Query(_word(rng, corpus.words, n), date_from=start, date_to=date(year, 12, 31))
        )
    return mix
