"""Parser health: does a site still yield complete records, compared with its own history?

A site's markup changes without notice; its profile's selectors then match nothing and
new records lose their date, body or byline while the crawl still "succeeds". After each
site of a run, the crawl computes the share of new articles that have a title, a
`published_at`, a body of at least `MIN_BODY_CHARS` characters and a byline author, and
compares each share with that site's previous runs.

The rule: a field's share that falls by `DROP` (30 percentage points) or more below the
median of the last `HISTORY_RUNS` (5) runs that had at least `MIN_ARTICLES` (10) new
articles is a warning. Runs with fewer articles are recorded but neither judged nor used
as history, so a quiet day does not raise or mask an alarm.

A registered site's profile falls back to the generic reading where its selectors find
nothing (`parsers.fallback`): the record's `field_sources` say so. The figures count,
per field, the new articles whose value came from the fallback ("page" when the profile
found no article and the generic parser read the whole page). A template change then
shows as "the profile fell back on 80 % of pages" instead of lost pages: whole-page
fallbacks on `FALLBACK_SHARE` (half) of a run's articles or more are a warning, and so
is a field's fallback share that reaches it and rose by `DROP` over the site's history.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields

from sqlite_utils import Database

from parsers.fallback import PROFILE
from parsers.record import Article

MIN_BODY_CHARS = 200
HISTORY_RUNS = 5
MIN_ARTICLES = 10
DROP = 0.30
FALLBACK_SHARE = 0.5
FIELDS = {
    "with_title": "a title",
    "with_date": "a published_at",
    "with_body": f"a body of {MIN_BODY_CHARS}+ characters",
    "with_byline": "a byline",
}


@dataclass(frozen=True, slots=True)
class HealthFigures:
    """Counts for one site in one run."""

    articles: int
    with_title: int
    with_date: int
    with_body: int
    with_byline: int
    # Per field ("page" for the whole page), the articles whose value came from the
    # generic fallback of the site's profile; sorted (field, count) pairs.
    fallbacks: tuple[tuple[str, int], ...] = ()

    def share(self, field: str) -> float:
        return getattr(self, field) / self.articles if self.articles else 0.0

    def fallback_share(self, field: str) -> float:
        return dict(self.fallbacks).get(field, 0) / self.articles if self.articles else 0.0

    def __add__(self, other: HealthFigures) -> HealthFigures:
        counts = [getattr(self, f.name) + getattr(other, f.name) for f in fields(self)[:5]]
        fallbacks = Counter(dict(self.fallbacks)) + Counter(dict(other.fallbacks))
        return HealthFigures(*counts, fallbacks=tuple(sorted(fallbacks.items())))


NO_ARTICLES = HealthFigures(0, 0, 0, 0, 0)


def fallback_fields(record: Article) -> list[str]:
    """The fields of a profile's record that its generic fallback supplied; ["page"]
    when the profile found no article and the generic parser read the whole page."""
    sources = dict(record.field_sources)
    if not sources:
        return []
    if sources.get("body_text") != PROFILE:
        return ["page"]
    return [name for name, source in sources.items() if source != PROFILE]


def compute_health(records: Iterable[Article], profiled: bool = False) -> HealthFigures:
    """Counts for `records`; `profiled` when the site has a parser profile (its
    fallbacks are counted; a site read by the generic parser has none)."""
    counts = dict.fromkeys(("articles", *FIELDS), 0)
    fallbacks: Counter[str] = Counter()
    for record in records:
        counts["articles"] += 1
        counts["with_title"] += bool(record.title)
        counts["with_date"] += bool(record.published_at)
        counts["with_body"] += len(record.body_text) >= MIN_BODY_CHARS
        counts["with_byline"] += bool(record.byline and record.byline.author)
        if profiled:
            fallbacks.update(fallback_fields(record))
    return HealthFigures(**counts, fallbacks=tuple(sorted(fallbacks.items())))


def compare(site: str, figures: HealthFigures, history: list[HealthFigures]) -> list[str]:
    """Warnings for `figures` against earlier runs (newest first); pure."""
    usable = [h for h in history if h.articles >= MIN_ARTICLES][:HISTORY_RUNS]
    if figures.articles < MIN_ARTICLES:
        return []
    warnings = fallback_warnings(site, figures, usable)
    if not usable:
        return warnings
    for field, label in FIELDS.items():
        median = statistics.median(h.share(field) for h in usable)
        now = figures.share(field)
        if median - now >= DROP:
            warnings.append(
                f"{site}: articles with {label} fell to {now:.0%} of {figures.articles}"
                f" (median {median:.0%} over the last {len(usable)} runs); check its profile"
            )
    return warnings


def fallback_warnings(site: str, figures: HealthFigures, usable: list[HealthFigures]) -> list[str]:
    """The profile fell back on `FALLBACK_SHARE` of the articles or more: for the whole
    page whatever the history, for a field when its share also rose by `DROP` over the
    median of the site's usable history (none: it counts as 0)."""
    warnings = []
    for field, _count in figures.fallbacks:
        now = figures.fallback_share(field)
        if now < FALLBACK_SHARE:
            continue
        before = statistics.median(h.fallback_share(field) for h in usable) if usable else 0.0
        if field == "page" or now - before >= DROP:
            what = "the whole page" if field == "page" else field
            warnings.append(
                f"{site}: the profile fell back to the generic reading for {what} on"
                f" {now:.0%} of {figures.articles} new articles; check its profile"
            )
    return warnings


def history(db: Database, site: str, before_run: int | None = None) -> list[HealthFigures]:
    """The site's recorded figures, newest run first (only runs before `before_run`)."""
    sql = "SELECT articles, with_title, with_date, with_body, with_byline, fallbacks"
    sql += " FROM site_health"
    sql += " WHERE site = ? AND articles >= ?"
    params: list[object] = [site, MIN_ARTICLES]
    if before_run is not None:
        sql += " AND run_id < ?"
        params.append(before_run)
    sql += " ORDER BY run_id DESC LIMIT ?"
    params.append(HISTORY_RUNS)
    rows = db.execute(sql, params).fetchall()
    return [
        HealthFigures(*row[:5], fallbacks=tuple(sorted(json.loads(row[5] or "{}").items())))
        for row in rows
    ]


def check_against_history(
    db: Database, site: str, figures: HealthFigures, before_run: int | None = None
) -> list[str]:
    """Warnings for this run's figures against the site's previous runs in the archive."""
    return compare(site, figures, history(db, site, before_run))


def parser_error_warnings(site: str, pages: int) -> list[str]:
    """A parser that failed on pages (a bug) is a warning whatever the history: after a
    template change it may fail on every page, leaving no new record to judge."""
    if not pages:
        return []
    return [
        f"{site}: the parser failed on {pages} page{'s' if pages > 1 else ''} (fetch log"
        " detail 'parser error: …' or '… reader error: …'); fix it, then run reparse"
    ]


def judge_and_record(
    db: Database, run_id: int, site: str, figures: HealthFigures, parser_errors: int = 0
) -> list[str]:
    """After a site's crawl: the warnings for pages its parser failed on and against its
    history, stored with its figures.

    Call inside a transaction.
    """
    warnings = parser_error_warnings(site, parser_errors)
    warnings += check_against_history(db, site, figures, before_run=run_id)
    record_health(db, run_id, site, figures, warnings)
    return warnings


def record_health(
    db: Database, run_id: int, site: str, figures: HealthFigures, warnings: list[str]
) -> None:
    """Store one run's figures and warnings for the site (replacing a re-run's)."""
    db["site_health"].upsert(
        {
            "run_id": run_id,
            "site": site,
            "articles": figures.articles,
            "with_title": figures.with_title,
            "with_date": figures.with_date,
            "with_body": figures.with_body,
            "with_byline": figures.with_byline,
            "fallbacks": json.dumps(dict(figures.fallbacks), ensure_ascii=False),
            "warnings": json.dumps(warnings, ensure_ascii=False),
        },
        pk=("run_id", "site"),
    )
