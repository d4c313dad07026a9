"""Full-text search over the archive, with or without Vietnamese diacritics.

The FTS index holds a *folded* copy of title, sapo and body: lower case, tone and
vowel marks removed and `đ` turned into `d`, one character for one character. Because
folding keeps the length, a snippet found in the folded text is cut from the same
positions of the text as published, so results show the original words.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

from sqlite_utils import Database

MARK_START, MARK_END = "\x02", "\x03"
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


def fold_query(query: str) -> str:
    """Fold the terms of an FTS5 query but keep its upper-case operators."""
    return " ".join(
        token if token in _OPERATORS else fold(token) for token in _TOKEN.findall(query)
    )


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    canonical_url: str
    site: str
    section: str | None
    title: str
    published_at: str | None
    snippet: str

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "canonical_url": self.canonical_url,
            "site": self.site,
            "section": self.section,
            "title": self.title,
            "published_at": self.published_at,
            "snippet": self.snippet,
        }


def restore_snippet(folded_snippet: str, folded_text: str, original: str) -> str:
    """Map an FTS5 snippet of the folded text back onto the original, keeping its marks."""
    core = folded_snippet.removeprefix("…").removesuffix("…")
    plain = core.replace(MARK_START, "").replace(MARK_END, "")
    start = folded_text.find(plain)
    if start < 0 or len(original) != len(folded_text):
        return folded_snippet
    out, pos = [], start
    for ch in core:
        if ch in (MARK_START, MARK_END):
            out.append(ch)
        else:
            out.append(original[pos])
            pos += 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if pos < len(original) else ""
    return prefix + "".join(out) + suffix


RANK_WINDOW = 20_000


def _rank(db: Database, where: list[str], params: list[str], limit: int) -> list[int]:
    """Ids of the best `limit` matches by BM25 (title weighs 5, sapo 2, body 1).

    BM25 costs a few microseconds a match, too much for a word found in most of a large
    archive: matches are ranked among the RANK_WINDOW most recently archived ones that
    pass the filters (all of them, for any query with fewer), in one pass over the index.
    """
    join = "JOIN articles a ON a.id = articles_fts.rowid" if len(where) > 1 else ""
    sql = f"""
        SELECT id FROM (
            SELECT articles_fts.rowid AS id, bm25(articles_fts, 5.0, 2.0, 1.0) AS score
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
) -> list[Hit]:
    """Articles matching `query` (FTS5 syntax), best first, each with a snippet of its body."""
    if not query.strip():
        raise SearchError("empty query")
    where, params = ["articles_fts MATCH ?"], [_bounded(fold_query(query))]
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
    # Rank first, keeping only row ids, then read texts and cut snippets for the best
    # `limit`, one by one: in one query SQLite joins every match to its article (and may
    # cut a snippet of each) before sorting, which on a common word is most of the time.
    try:
        ranked_ids = _rank(db, where, params, limit)
    except sqlite3.OperationalError as exc:
        raise SearchError(f"malformed query {query!r}: {exc}") from None
    one = f"""
        SELECT a.id, a.canonical_url, a.site, a.section, a.title, a.published_at,
               a.body_text, articles_fts.body_text AS folded_body,
               snippet(articles_fts, 2, '{MARK_START}', '{MARK_END}', '…', 24) AS snip
        FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
        WHERE articles_fts MATCH ? AND articles_fts.rowid = ?
    """
    try:
        rows = [db.execute(one, [params[0], article_id]).fetchone() for article_id in ranked_ids]
    except sqlite3.OperationalError as exc:
        raise SearchError(f"malformed query {query!r}: {exc}") from None
    return [
        Hit(
            id=row[0],
            canonical_url=row[1],
            site=row[2],
            section=row[3],
            title=row[4],
            published_at=row[5],
            snippet=restore_snippet(row[8], row[7], row[6]),
        )
        for row in rows
    ]
