"""From one HTTP response to the archive: classify, parse, store — the path shared by the
crawler, `import-warc`, `reparse` and `rebuild`.

A response is an article only if it answered 200 with an HTML page the parsers accept;
everything else is logged with the reason (`failed`, `attachment`, `not_article`) and
archived as nothing. The fetch-log row and the stored record are written in one
transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from parsers import Article, NotAnArticle, ParseError, Registry, decode_html, parse
from scraper.archive.store import Archive, RunCounts
from scraper.web.urls import canonical_url

HTML_TYPES = ("text/html", "application/xhtml+xml")
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a response turned out to be: an article, or an outcome with its reason."""

    outcome: str
    article: Article | None = None
    detail: str | None = None
    parser_error: bool = False  # the parser failed on the page (a bug), see `detail`


def is_html(content_type: str | None) -> bool:
    return (content_type or "text/html").split(";")[0].strip().lower() in HTML_TYPES


def read_response(
    url: str,
    status: int,
    content_type: str | None,
    body: bytes,
    *,
    truncated: bool = False,
    registry: Registry | None = None,
    fetched_at: str | None = None,
) -> Reading:
    """Classify one response for the site URL `url` and parse it if it is a page.

    Not 200: `failed`. Cut at the size cap: `truncated` (kept in the WARC, never parsed).
    Not HTML: `not_article` for other text, `attachment` for documents (PDF, DOC…). A
    parser that fails on the page with anything but `NotAnArticle`/`ParseError` (a bug)
    makes it `failed`, with the error as detail and a warning: one page must not stop a
    crawl or an import, and `reparse` reads it again once the parser is fixed.
    `registry` gives the site profiles (the packaged ones by default).
    `fetched_at` (ISO 8601) is when the response was fetched: the parser refuses a
    publication time later than that.
    """
    if status != 200:
        return Reading("failed", detail=f"HTTP {status}")
    if truncated:
        return Reading("truncated", detail="body over the size cap; kept in the WARC, not parsed")
    if not is_html(content_type):
        kind = "not_article" if (content_type or "").startswith("text/") else "attachment"
        return Reading(kind, detail=content_type)
    try:
        html, _encoding = decode_html(body, declared=content_type)
        article = parse(html, url, registry=registry, fetched_at=_moment(fetched_at))
    except (NotAnArticle, ParseError) as exc:
        return Reading("not_article", detail=str(exc))
    except Exception as exc:  # a parser bug on this page: recorded; the others go on
        detail = f"parser error: {type(exc).__name__}: {exc}"
        log.warning("%s on %s", detail, url)
        log.debug("%s on %s", detail, url, exc_info=True)
        return Reading("failed", detail=detail, parser_error=True)
    if article.truncated:
        log.warning("%s: page not read whole (too long or nested too deep); flagged truncated", url)
    key = canonical_url(article.canonical_url or url)
    return Reading("article", article=replace(article, canonical_url=key))


def _moment(value: str | None) -> datetime | None:
    """An ISO 8601 fetch time ("…Z" included) as an aware datetime; None if unreadable."""
    try:
        moment = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=UTC)


def store(
    archive: Archive,
    row: dict,
    reading: Reading,
    counts: RunCounts,
    *,
    also: Callable[[], None] | None = None,
) -> str:
    """Log the response and archive its article, in one transaction; returns the outcome.

    `row` is the fetch-log row (URL, status, WARC pointer…); `also` runs inside the same
    transaction (the crawler marks its frontier item there).
    """
    with archive.transaction():
        if reading.article is None:
            archive.log_fetch({**row, "outcome": reading.outcome, "detail": reading.detail})
            outcome = reading.outcome
        else:
            fetch_id = archive.log_fetch({**row, "outcome": "article"})
            outcome = archive.store_article(
                reading.article, fetched_at=row["fetched_at"], fetch_id=fetch_id
            )
            article_id = archive.article_id_for_url(reading.article.canonical_url)
            archive.db["fetches"].update(fetch_id, {"outcome": outcome, "article_id": article_id})
        if also is not None:
            also()
    counts.add(outcome)
    return outcome
