"""A Datasette plugin: the archive's search and name folding as SQL functions.

Registered as a `datasette` entry point, so a plain `datasette archive.db` has them too;
`tuyengiao serve` registers it itself when the entry point is not installed.

- `vn_match(query)`: a reader's query as an FTS5 expression, NFC and each word quoted
  (`articles_fts MATCH vn_match(:q)`); diacritics typed are matched exactly, words typed
  without them match every accented form (`scraper.archive.search`).
- `vn_ranks_by_bm25(query)`: 1 when `tuyengiao search` ranks that query by BM25 (whole
  words only), 0 when it lists its matches newest first (phrases, prefixes, NEAR);
  the canned query "Search articles" follows the same rule.
- `vn_snippet(text, query)`: about 24 words of `text` around the query's words, each
  matched word between [ and ].
- `vn_fold(text)`: lower case without diacritics, `đ` → `d` ("Lâm Văn Mẫn" → "lam van man"),
  for name look-ups that ignore case and marks.

It also brings `?_search=` to NFC before Datasette reads it: Vietnamese keyboards can type
decomposed letters (a + combining marks), which FTS5 would split into pieces.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

from scraper.archive.search import (
    fold,
    mark,
    match_query,
    query_terms,
    ranks_by_bm25,
    snippet,
)


def vn_snippet(text: str | None, query: str | None) -> str | None:
    if text is None:
        return None
    return mark(*snippet(text, query_terms(query or ""))).replace("\n", " ")


def vn_match(query: str | None) -> str:
    # An empty form (a canned query opened before anything is typed) matches nothing,
    # rather than showing FTS5's syntax error.
    return match_query(query or "", escaped=True) or '""'


def vn_ranks_by_bm25(query: str | None) -> int:
    return int(ranks_by_bm25(vn_match(query)))


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function(
        "vn_fold", 1, lambda text: None if text is None else fold(text), deterministic=True
    )
    conn.create_function("vn_match", 1, vn_match, deterministic=True)
    conn.create_function("vn_snippet", 2, vn_snippet, deterministic=True)
    conn.create_function("vn_ranks_by_bm25", 1, vn_ranks_by_bm25, deterministic=True)


def _nfc_search(query_string: bytes) -> bytes:
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True, encoding="utf-8")
    if not any(key.startswith("_search") for key, _ in pairs):
        return query_string
    pairs = [
        (key, unicodedata.normalize("NFC", value) if key.startswith("_search") else value)
        for key, value in pairs
    ]
    return urlencode(pairs).encode("ascii")


@hookimpl
def asgi_wrapper() -> Callable[[Any], Any]:
    def wrap(app: Any) -> Any:
        async def nfc_app(scope: dict, receive: Any, send: Any) -> None:
            if scope.get("type") == "http" and scope.get("query_string"):
                scope = {**scope, "query_string": _nfc_search(scope["query_string"])}
            await app(scope, receive, send)

        return nfc_app

    return wrap
