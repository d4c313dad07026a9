"""Full-text search over the archive: diacritics typed are diacritics meant.

The FTS index holds each of title, sapo and body twice: *folded* (lower case, tone and
vowel marks removed, `đ` turned into `d`) and *as published* (NFC; the tokenizer folds
case but keeps every mark). A query term is matched against both, so

- a term typed without diacritics ("dang") matches its folded form, i.e. every accented
  form of the word (Đảng, đang, dạng…), and
- a term typed with them ("Đảng") can only match the as-published columns: that exact
  word, in any case, and not "đang" or "dạng".

Mixed queries follow the rule term by term, with no rewriting of the query: this is
plain FTS5 over the six columns, so Datasette's `?_search=` and a hand-written
`articles_fts MATCH 'Đảng'` behave exactly like `tuyengiao search`. (One difference of
speed, not of answers: a query of words typed without diacritics with a three-letter
prefix, `qua*`, is read from FOLDED, a small index of the folded texts with the prefix
index `articles_fts` has not, where it matches the same articles: `answered_folded`.)
The as-published columns weigh ten times the folded ones in the ranking, so an article
that has a word exactly as typed ranks above one that has it only folded.

Ranking (`ranks_by_bm25`): a query of whole words only, without filters, is ranked by
BM25 among its RANK_WINDOW most recently archived matches; a query with a phrase of
several words, a prefix or NEAR, or with a filter (site, section, dates, province),
lists its matches newest first, because BM25 would first make a pass over every article
holding each phrase, or join a window of matches to their articles to filter them. The
index itself is laid out and written by `scraper.archive.search_index`; snippets are
made here from `articles.body_text`, one read of the row per hit, never by running the
query again.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import pairwise
from typing import TypeVar

import numpy as np
from sqlite_utils import Database

_T = TypeVar("_T")
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_TOKEN = re.compile(r'"[^"]*"|\S+')


class SearchError(Exception):
    """The query cannot be run: FTS5 rejected it, or a filter is malformed."""


def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFD", ch)[0]
    if base in "đĐ":
        base = "d"
    low = base.lower()
    return low if len(low) == 1 else base


class _FoldTable(dict[int, str]):
    """`str.translate` table filled on first sight of each character (a text uses few)."""

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = _fold_char(chr(codepoint))
        return folded


_FOLD = _FoldTable()


_LISTED = "\u3000"  # the first character past the alphabets and punctuation of the list
_UNLISTED = re.compile("[\u3000-\U0010ffff]")


@cache
def _listed_folds() -> list[str]:
    """The fold of every character below _LISTED (Latin with Vietnamese, other alphabets,
    punctuation), by code point: as a `str.translate` table a list is read faster than
    a dict."""
    return [_fold_char(chr(codepoint)) for codepoint in range(ord(_LISTED))]


def fold(text: str) -> str:
    """Lower-case and strip diacritics, `đ`→`d`, keeping exactly one character per character."""
    text = unicodedata.normalize("NFC", text)
    if _UNLISTED.search(text):
        return text.translate(_FOLD)
    return text.translate(_listed_folds())


@cache
def _listed_codes() -> np.ndarray:
    """`_listed_folds` as an array of code points."""
    return np.array([ord(folded) for folded in _listed_folds()], np.uint32)


def _fold_normalised(texts: list[str]) -> list[str]:
    """`fold` of texts in NFC, all looked up in one pass of numpy over their code points:
    `str.translate` reads its table a character at a time, four times slower on an
    article. A text with a character past the list is folded by `str.translate`."""
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), np.uint32)
    table = _listed_codes()
    folded = np.take(table, codes, mode="clip").tobytes().decode("utf-32-le")
    ends = np.cumsum([len(text) for text in texts]).tolist()
    out = [folded[start:end] for start, end in pairwise([0, *ends])]
    unlisted = np.flatnonzero(codes >= len(table))
    for i in set(np.searchsorted(ends, unlisted, side="right").tolist()):
        out[i] = texts[i].translate(_FOLD)
    return out


SEARCH_COLUMNS = ("title", "sapo", "body_text", "title_exact", "sapo_exact", "body_exact")
# The folded title, sapo and body alone, row ids only, with the three-letter prefix index
# `articles_fts` has not (`scraper.archive.search_index`; `answered_folded`).
FOLDED = "articles_folded_fts"
# BM25 weight of each column: title 5, sapo 2, body 1, and ten times that as published.
WEIGHTS = (5.0, 2.0, 1.0, 50.0, 20.0, 10.0)


def index_texts(title: str, sapo: str, body: str) -> tuple[str, ...]:
    """The values of SEARCH_COLUMNS for an article: folded, then as published (NFC)."""
    return search_texts([(title, sapo, body)])[0]


def search_texts(articles: Iterable[tuple[str, str, str]]) -> list[tuple[str, ...]]:
    """`index_texts` of many articles (title, sapo, body), folded in one pass."""
    published = [unicodedata.normalize("NFC", text) for texts in articles for text in texts]
    folded = _fold_normalised(published)
    return [(*folded[i : i + 3], *published[i : i + 3]) for i in range(0, len(published), 3)]


def match_query(query: str, *, escaped: bool = False) -> str:
    """A user's query as an FTS5 expression: NFC, operators kept.

    With `escaped`, every bare word is quoted (as Datasette does for `?_search=`), so
    "35-NQ/TW" or "Đảng (tỉnh)" search words instead of failing as FTS5 syntax.
    """
    tokens = _TOKEN.findall(unicodedata.normalize("NFC", query))
    if not escaped:
        return " ".join(tokens)
    out = []
    for token in tokens:
        if token.startswith('"') or token in _OPERATORS:
            out.append(token)
        else:
            out.extend(f'"{word}"' for word in re.findall(r"\w+", token))
    return " ".join(out)


def _with_diacritics(word: str) -> bool:
    """Whether a word of a query is typed with diacritics (then matched exactly)."""
    return fold(word) != word.lower()


@dataclass(frozen=True, slots=True)
class Term:
    """A word of a query as matched: folded (typed without diacritics) or exact."""

    word: str  # folded, or lower case when exact
    exact: bool
    prefix: bool


def query_terms(query: str) -> list[Term]:
    """The words of an FTS5 query that a snippet highlights (not operators, not NOT's)."""
    terms, negated = [], False
    for token in _TOKEN.findall(unicodedata.normalize("NFC", query)):
        if token in _OPERATORS:
            negated = token == "NOT"
            continue
        if not negated:
            token = re.sub(r"^\(*\w+:", "", token)  # a column filter
            words = re.findall(r"\w+", token)
            for n, word in enumerate(words):
                exact = _with_diacritics(word)
                prefix = n == len(words) - 1 and token.rstrip(')"').endswith("*")
                terms.append(Term(word.lower() if exact else fold(word), exact, prefix))
        negated = False
    return terms


SNIPPET_CHARS = 180  # about 24 Vietnamese words


def _pattern(terms: list[Term], flags: int = 0) -> re.Pattern[str] | None:
    words = [re.escape(t.word) + (r"\w*" if t.prefix else "") for t in terms]
    return re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", flags) if words else None


def _matches(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Spans of the words of `text` (NFC) that the terms match, in order. Folded terms are
    looked for in the folded text, which has the same positions."""
    spans = []
    exact = _pattern([t for t in terms if t.exact], re.IGNORECASE)
    if exact:
        spans += [m.span() for m in exact.finditer(text)]
    folded = _pattern([t for t in terms if not t.exact])
    if folded:
        spans += [m.span() for m in folded.finditer(fold(text))]
    return sorted(spans)


def snippet(text: str, terms: list[Term]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About SNIPPET_CHARS of `text` where the words matched by `terms` are densest, cut at
    word boundaries, "…" where cut, and the spans of the matched words in it."""
    text = unicodedata.normalize("NFC", text)
    spans = _matches(text, terms)
    best, most, j = None, 0, 0
    for i, (a, _) in enumerate(spans):  # the match followed by the most within reach
        while j < len(spans) and spans[j][0] < a + SNIPPET_CHARS * 2 // 3:
            j += 1
        if j - i > most:
            best, most = i, j - i
    start = 0 if best is None else max(0, spans[best][0] - SNIPPET_CHARS // 3)
    if start:
        start = text.find(" ", start, spans[best][0]) + 1 or start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    prefix = "…" if start else ""
    shift = len(prefix) - start
    kept = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return prefix + text[start:end].rstrip() + ("…" if end < len(text) else ""), kept


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    canonical_url: str
    site: str
    section: str | None
    title: str
    published_at: str | None
    snippet: str  # plain text as published, "…" where cut
    highlights: tuple[tuple[int, int], ...]  # [start, end) of each matched word in snippet

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "canonical_url": self.canonical_url,
            "site": self.site,
            "section": self.section,
            "title": self.title,
            "published_at": self.published_at,
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
        }

    def marked_snippet(self, start: str = "[", end: str = "]") -> str:
        """The snippet with each highlight between `start` and `end`."""
        return mark(self.snippet, self.highlights, start, end)


def mark(text: str, spans: tuple[tuple[int, int], ...], start: str = "[", end: str = "]") -> str:
    """`text` with each span between `start` and `end`."""
    out, pos = [], 0
    for a, b in spans:
        out += [text[pos:a], start, text[a:b], end]
        pos = b
    return "".join([*out, text[pos:]])


# BM25 costs about 5 µs a match ranked: a window of 20,000 took 100 ms of a common word's
# search at 200,000 articles, 2,000 takes 13 ms (benchmarks/HISTORY.md, 2026-12-06).
RANK_WINDOW = 2_000


def ranks_by_bm25(query: str) -> bool:
    """Whether `search` ranks `query` by BM25 (else newest first): when each of its terms
    is one whole word.

    BM25 first counts, for each phrase of the query, the articles that contain it, in a
    pass over that phrase's entries in the whole index. For a word that is one read of
    its list of articles; for a phrase of several words FTS5 must compare their positions
    in every article that has them all (345 ms at a million articles), and a prefix
    merges the lists of every word it begins. Those are ordered by recency instead.
    """
    for token in _TOKEN.findall(unicodedata.normalize("NFC", query)):
        if token in _OPERATORS:
            if token == "NEAR":
                return False
            continue
        words = re.findall(r"\w+", re.sub(r"^\(*\w+:", "", token))  # without a column filter
        if "*" in token or token.startswith("NEAR(") or len(words) > 1:
            return False
    return True


def answered_folded(query: str) -> bool:
    """Whether `search` reads `query` from FOLDED: when each of its words is typed without
    diacritics, one of them is a prefix of three letters, and it has no phrase, NEAR or
    column filter (FOLDED has no positions or columns).

    Such a query matches the same articles there as in `articles_fts`: a word without
    diacritics matches its folded form, which the folded text has wherever the text as
    published has the word. FOLDED has the index of three-letter prefixes; in
    `articles_fts`, `qua*` merges the entries of every word it begins (quá, quả, quan,
    quảng…), 300 ms at a million articles. Shorter prefixes have their index in
    `articles_fts`, so a query with one stays there.
    """
    three = False
    for token in _TOKEN.findall(unicodedata.normalize("NFC", query)):
        if token in ("AND", "OR", "NOT"):
            continue
        core = token.strip("()")
        word = core.removesuffix("*")
        if not re.fullmatch(r"[^\W_]+", word) or _with_diacritics(word):
            return False  # a phrase, NEAR, a column filter, other syntax; or diacritics
        if core.endswith("*"):
            if len(word) < 3:
                return False
            three = three or len(word) == 3
    return three


def _rank(
    db: Database, table: str, where: list[str], params: list[str], limit: int, *, bm25: bool
) -> list[int]:
    """Ids of the best `limit` matches: by BM25 (WEIGHTS: title, sapo, body; as published
    above folded) or, when `bm25` is false, the most recently archived first.

    BM25 also costs a few microseconds a match, too much for a word found in most of a
    large archive: matches are ranked among the RANK_WINDOW most recently archived ones
    that pass the filters (all of them, for any query with fewer), in one pass over the
    index.
    """
    join = f"JOIN articles a ON a.id = {table}.rowid" if len(where) > 1 else ""
    newest = f"""
        SELECT {table}.rowid AS id FROM {table} {join}
        WHERE {" AND ".join(where)}
        ORDER BY {table}.rowid DESC LIMIT ?
    """
    if not bm25:
        return [row[0] for row in db.execute(newest, [*params, limit])]
    weights = ", ".join(str(w) for w in WEIGHTS)
    sql = f"""
        SELECT id FROM (
            SELECT articles_fts.rowid AS id, bm25(articles_fts, {weights}) AS score
            FROM articles_fts {join}
            WHERE {" AND ".join(where)}
            ORDER BY articles_fts.rowid DESC LIMIT ?
        )
        ORDER BY score LIMIT ?
    """
    return [row[0] for row in db.execute(sql, [*params, RANK_WINDOW, limit])]


MAX_QUERY_WORDS = 32


def _bounded(folded: str) -> str:
    """The folded query with a plain term repeated kept once (FTS5's time grows steeply
    with the repeats of one term: 40 of them took 2 s, 800 minutes); refused beyond
    MAX_QUERY_WORDS words."""
    tokens = _TOKEN.findall(folded)
    if not any(t in _OPERATORS or t[0] in '"(' or ":" in t or ")" in t for t in tokens):
        tokens = list(dict.fromkeys(tokens))
    words = sum(len(token.split()) for token in tokens)
    if words > MAX_QUERY_WORDS:
        raise SearchError(f"query of {words} words; at most {MAX_QUERY_WORDS}")
    return " ".join(tokens)


def search(
    db: Database,
    query: str,
    *,
    site: str | None = None,
    section: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = 20,
    provinces: frozenset[str] | None = None,
) -> list[Hit]:
    """Articles matching `query` (FTS5 syntax; see the module doc for diacritics), best
    first (by BM25, or newest first: see the module doc), each with a snippet of its body
    around the words matched."""
    filters = (site, section, date_from, date_to, provinces)

    def ranked(table: str) -> list[int]:
        # Rank first, keeping only row ids, then read the texts of the best `limit` only:
        # in one query SQLite joins every match to its article before sorting. With a
        # filter, newest first: BM25 would rank a window of matches that pass it, each
        # joined to its article (a site's 2,000 among 80,000 matches of a common word
        # took half a second at 200,000 articles); newest first stops at `limit`.
        where, params = _where(table, query, *filters)
        bm25 = ranks_by_bm25(query) and len(where) == 1
        return _rank(db, table, where, params, limit, bm25=bm25)

    ranked_ids = _on_search_tables(query, ranked)
    terms = query_terms(query)
    hits = []
    for article_id in ranked_ids:
        row = db.execute(
            "SELECT id, canonical_url, site, section, title, published_at, body_text"
            " FROM articles WHERE id = ?",
            [article_id],
        ).fetchone()
        text, spans = snippet(row[6], terms)
        hits.append(Hit(*row[:6], snippet=text, highlights=spans))
    return hits


def count(
    db: Database,
    query: str,
    *,
    site: str | None = None,
    section: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    provinces: frozenset[str] | None = None,
) -> int:
    """How many articles match `query` with the filters of `search` (not only the best)."""
    filters = (site, section, date_from, date_to, provinces)

    def counted(table: str) -> int:
        where, params = _where(table, query, *filters)
        join = f"JOIN articles a ON a.id = {table}.rowid" if len(where) > 1 else ""
        sql = f"SELECT count(*) FROM {table} {join} WHERE {' AND '.join(where)}"
        return db.execute(sql, params).fetchone()[0]

    return _on_search_tables(query, counted)


def _on_search_tables(query: str, run: Callable[[str], _T]) -> _T:
    """`run(table)` on FOLDED when it answers `query` (`answered_folded`), else, or if
    SQLite refuses it there (a word the tokenizer cuts in two is a phrase, which FOLDED
    has no positions for; an archive not upgraded yet has no FOLDED), on `articles_fts`."""
    if not query.strip():
        raise SearchError("empty query")
    if answered_folded(query):
        try:
            return run(FOLDED)
        except sqlite3.OperationalError:
            pass
    try:
        return run("articles_fts")
    except sqlite3.OperationalError as exc:
        raise SearchError(f"malformed query {query!r}: {exc}") from None


def _where(
    table: str,
    query: str,
    site: str | None,
    section: str | None,
    date_from: date | None,
    date_to: date | None,
    provinces: frozenset[str] | None,
) -> tuple[list[str], list[str]]:
    """The WHERE clauses and parameters of a search of `table` with its filters."""
    where, params = [f"{table} MATCH ?"], [_bounded(match_query(query))]
    if site:
        where.append("a.site = ?")
        params.append(site)
    if section:
        where.append("a.section = ?")
        params.append(section)
    if date_from:
        where.append("substr(a.published_at, 1, 10) >= ?")
        params.append(date_from.isoformat())
    if date_to:
        where.append("substr(a.published_at, 1, 10) <= ?")
        params.append(date_to.isoformat())
    if provinces is not None:
        marks = ", ".join("?" * len(provinces))
        where.append(
            f"a.id IN (SELECT article_id FROM article_places WHERE published_id IN ({marks}))"
        )
        params.extend(sorted(provinces))
    return where, params
