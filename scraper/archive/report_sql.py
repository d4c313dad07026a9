"""The SQL behind each chart of `tuyengiao report`, written out whole.

Every query is complete text with the report's filters written in as literals, so the
query printed under a chart is exactly the one that produced it and runs as it stands in
Datasette, the sqlite3 shell or DuckDB. Each opens with the same common table,
`chosen`: the articles the filters keep (id, site, published_at), materialised once; it
reads only the (site, published_at) index, not the article rows with their bodies (and,
with a province, the `article_places` index of the provinces as published).

Charts per province read the archive's placement (`article_places`): the province as
published (the map of the article's day), with today's province beside it where it is
another; an article placed in no province is shown by its site's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

TOP_DOCUMENTS = 20
TOP_DOCUMENTS_OVER_TIME = 10
TOP_SPEAKERS = 20
TOP_SPEAKERS_COMPARED = 10


def literal(value: str) -> str:
    """A string as an SQL literal."""
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class Scope:
    """Which articles a report covers."""

    sites: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    # The ids of the units an article's province as published must be one of
    # (`scraper.archive.places.province_filter`), and how --province was read (heading).
    province_ids: tuple[str, ...] = ()
    province: str | None = None

    def where(self) -> str:
        tests = ["published_at IS NOT NULL"]
        if self.sites:
            tests.append(f"site IN ({', '.join(literal(s) for s in sorted(self.sites))})")
        if self.since:
            tests.append(f"published_at >= {literal(self.since.isoformat())}")
        if self.until:  # the whole day: published_at carries a time and a UTC offset
            tests.append(f"published_at < {literal((self.until + timedelta(days=1)).isoformat())}")
        if self.province_ids:
            ids = ", ".join(literal(i) for i in sorted(self.province_ids))
            tests.append(
                "id IN (SELECT article_id FROM article_places\n"
                f"               WHERE published_id IN ({ids}))"
            )
        return "\n      AND ".join(tests)

    def preamble(self) -> str:
        """The `WITH` clause every chart's query starts with."""
        return (
            "WITH chosen AS MATERIALIZED (\n"
            "    SELECT id, site, published_at FROM articles\n"
            f"    WHERE {self.where()}\n"
            ")"
        )


def province(alias: str) -> str:
    """The province an article was published in, as a chart labels it: its name in the
    map of the article's day, with today's name beside it where that is another; the
    site's name for an article placed in no province (`alias`: the row with its site)."""
    return (
        "CASE WHEN pl.province_published IS NULL THEN " + alias + ".site\n"
        "            WHEN pl.province_today != pl.province_published\n"
        "            THEN pl.province_published || ' (now ' || pl.province_today || ')'\n"
        "            ELSE pl.province_published END"
    )


def range_sql(scope: Scope) -> str:
    return (
        f"{scope.preamble()}\n"
        "SELECT count(*) AS articles, min(published_at) AS first, max(published_at) AS last\n"
        "FROM chosen"
    )


def articles_per_month(scope: Scope) -> str:
    return f"""{scope.preamble()},
counts AS (
    SELECT site, substr(published_at, 1, 7) AS month, count(*) AS articles
    FROM chosen GROUP BY site, month
)
SELECT site, month, articles,
       round(1.0 * articles / max(articles) OVER (PARTITION BY site), 4) AS share_of_busiest
FROM counts
ORDER BY site, month"""


def _citations(scope: Scope) -> str:
    # From the link table to the chosen articles (CROSS JOIN keeps SQLite to that order:
    # a scan of the links and a look-up in `chosen`, faster than the other way round).
    return f"""{scope.preamble()},
citations AS (
    SELECT ad.directive_id, c.id AS article_id, c.site, c.published_at
    FROM article_directives ad CROSS JOIN chosen c
    WHERE c.id = ad.article_id
)"""


DOCUMENT = "coalesce(d.doc_id, d.key)"


def top_documents(scope: Scope) -> str:
    return f"""{_citations(scope)},
top AS (
    SELECT directive_id, count(*) AS citations, count(DISTINCT site) AS sites,
           min(substr(published_at, 1, 10)) AS first_cited
    FROM citations
    GROUP BY directive_id
    ORDER BY citations DESC, directive_id
    LIMIT {TOP_DOCUMENTS}
)
SELECT {DOCUMENT} AS document, top.citations, top.sites, top.first_cited
FROM top JOIN directives d ON d.id = top.directive_id
ORDER BY top.citations DESC, document"""


def documents_over_time(scope: Scope) -> str:
    return f"""{_citations(scope)},
top AS (
    SELECT directive_id FROM citations
    GROUP BY directive_id ORDER BY count(*) DESC, directive_id
    LIMIT {TOP_DOCUMENTS_OVER_TIME}
)
SELECT {DOCUMENT} AS document, substr(ci.published_at, 1, 7) AS month, count(*) AS citations
FROM citations ci
JOIN top ON top.directive_id = ci.directive_id
JOIN directives d ON d.id = ci.directive_id
GROUP BY document, month
ORDER BY document, month"""


def most_cited_document(scope: Scope) -> str:
    """The document chosen when none is named: the most cited in scope."""
    return f"""{_citations(scope)}
SELECT {DOCUMENT} AS document
FROM citations ci JOIN directives d ON d.id = ci.directive_id
GROUP BY ci.directive_id ORDER BY count(*) DESC, ci.directive_id LIMIT 1"""


def _cited(document: str) -> str:
    return f"JOIN directives d ON d.id = ci.directive_id AND {DOCUMENT} = {literal(document)}"


def document_provinces(scope: Scope, document: str) -> str:
    return f"""{_citations(scope)}
SELECT {province("ci")} AS province,
       coalesce(pl.province_today, ci.site) AS province_today,
       substr(ci.published_at, 1, 7) AS month, count(*) AS citations
FROM citations ci
{_cited(document)}
LEFT JOIN article_places pl ON pl.article_id = ci.article_id
GROUP BY 1, 2, month
ORDER BY 1, month"""


def document_lag(scope: Scope, document: str) -> str:
    return f"""{_citations(scope)}
SELECT (CAST(substr(ci.published_at, 1, 4) AS INTEGER) * 12
        + CAST(substr(ci.published_at, 6, 2) AS INTEGER))
     - (CAST(substr(d.date, 1, 4) AS INTEGER) * 12 + CAST(substr(d.date, 6, 2) AS INTEGER))
           AS months_after_issue,
       count(*) AS citations
FROM citations ci
{_cited(document)}
WHERE d.date IS NOT NULL
GROUP BY months_after_issue
ORDER BY months_after_issue"""


def _speakers(scope: Scope) -> str:
    # The speaker_appearances view's test, on the chosen articles only; the order of the
    # join as for citations.
    return f"""{scope.preamble()},
speakers AS (
    SELECT ap.person_id, c.id AS article_id, c.site, c.published_at
    FROM article_persons ap CROSS JOIN chosen c
    WHERE c.id = ap.article_id
      AND (ap.spoke = 1
           OR ap.role IN ('chu_tri', 'phat_bieu', 'bao_cao', 'ket_luan', 'chi_dao'))
)"""


def top_speakers(scope: Scope) -> str:
    return f"""{_speakers(scope)},
top AS (
    SELECT person_id, count(*) AS appearances, count(DISTINCT site) AS sites
    FROM speakers
    GROUP BY person_id
    ORDER BY appearances DESC, person_id
    LIMIT {TOP_SPEAKERS}
)
SELECT p.name, top.appearances, top.sites
FROM top JOIN persons p ON p.id = top.person_id
ORDER BY top.appearances DESC, p.name"""


def _top_speakers_cte(limit: int) -> str:
    return f""",
top AS (
    SELECT person_id FROM speakers
    GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT {limit}
)"""


def speakers_by_province(scope: Scope) -> str:
    return f"""{_speakers(scope)}{_top_speakers_cte(TOP_SPEAKERS_COMPARED)}
SELECT p.name, {province("s")} AS province, count(*) AS appearances
FROM speakers s
JOIN top ON top.person_id = s.person_id
JOIN persons p ON p.id = s.person_id
LEFT JOIN article_places pl ON pl.article_id = s.article_id
GROUP BY s.person_id, p.name, 2
ORDER BY p.name, 2"""


def speakers_over_time(scope: Scope) -> str:
    return f"""{_speakers(scope)}{_top_speakers_cte(TOP_SPEAKERS_COMPARED)}
SELECT p.name, substr(s.published_at, 1, 7) AS month, count(*) AS appearances
FROM speakers s
JOIN top ON top.person_id = s.person_id
JOIN persons p ON p.id = s.person_id
GROUP BY s.person_id, p.name, month
ORDER BY p.name, month"""


def republication_share(scope: Scope) -> str:
    # A republication: an article in a story cluster that is not the cluster's origin.
    return f"""{scope.preamble()}
SELECT substr(c.published_at, 1, 7) AS month,
       count(*) AS articles,
       count(sc.id) AS republications,
       round(100.0 * count(sc.id) / count(*), 2) AS percent_republished
FROM chosen c
LEFT JOIN article_clusters ac ON ac.article_id = c.id
LEFT JOIN story_clusters sc ON sc.id = ac.cluster_id AND sc.origin_article_id != c.id
GROUP BY month
ORDER BY month"""


def syndication_flows(scope: Scope) -> str:
    # Copies in scope, with their origin wherever it was published.
    return f"""{scope.preamble()}
SELECT o.site AS origin_site, c.site AS copy_site, count(*) AS republications
FROM chosen c
JOIN article_clusters ac ON ac.article_id = c.id
JOIN story_clusters sc ON sc.id = ac.cluster_id AND sc.origin_article_id != c.id
JOIN articles o ON o.id = sc.origin_article_id
GROUP BY origin_site, copy_site
ORDER BY origin_site, copy_site"""


CHANGE = (
    "CASE WHEN ch.kind != 'edited' THEN ch.kind"
    " WHEN ch.substantive = 1 THEN 'edited (substantive)'"
    " ELSE 'edited (other fields)' END"
)


def changes_per_month(scope: Scope) -> str:
    # The events found by re-checks (`changes`): edits (substantive when persons, their
    # positions or the documents cited changed), removals, restorations and moves, dated
    # when they were detected.
    return f"""{scope.preamble()}
SELECT substr(ch.detected_at, 1, 7) AS month, {CHANGE} AS change, c.site,
       count(*) AS changes
FROM chosen c
JOIN changes ch ON ch.article_id = c.id
GROUP BY month, 2, c.site
ORDER BY month, 2, c.site"""
