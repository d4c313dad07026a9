"""Browse the archive in Datasette: descriptions, facets, the analysts' canned queries and
the charts of the report as a dashboard (datasette-dashboards, at /-/dashboards/report)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import uvicorn
from datasette.app import Datasette
from datasette.plugins import pm

from scraper.archive import datasette_plugin
from scraper.archive.report_sql import Scope
from scraper.archive.search import RANK_WINDOW

TRUNCATE_CELLS = 160  # characters of a cell in table views; the row page shows it whole
HIDDEN = (
    "articles_fts",
    "articles_folded_fts",
    "minhash_bands",
    "minhash_recent",
    "_sqlite_migrations",
    "warc_scans",
    "robots_seen",
)
TABLES: dict[str, dict[str, Any]] = {
    "articles": {
        "title": "Articles",
        "description": "One row per article, keyed by canonical URL. The search box matches"
        " words typed with diacritics exactly (Đảng) and words typed without them in every"
        " accented form (dang). For fewer columns and a year facet, see Article list.",
        "facets": ["site", "section"],
        "sort_desc": "published_at",
        "label_column": "title",
        "fts_table": "articles_fts",
        "fts_pk": "id",
        "columns": {
            "canonical_url": "The article's canonical URL (unique).",
            "url": "The URL it was last fetched from.",
            "site": "The site it was published on.",
            "section": "The site's section, as the site names it.",
            "published_at": "Publication time as the page states it (ISO 8601, +07:00).",
            "body_text": "The article text, paragraphs joined by newlines; no byline.",
            "byline_author": "Author as signed, or empty.",
            "record": "The full JSON record (tuyengiao parse output), made from record_slim"
            " and the columns when read.",
            "record_slim": "What is stored of the record: true where a column holds the field.",
            "body_hash": "SHA-256 of the body, case and spacing folded (exact duplicates).",
            "content_hash": "SHA-256 of the record without its URL (changes).",
            "first_fetched_at": "When the article was first archived (UTC).",
        },
    },
    "article_list": {
        "title": "Article list",
        "description": "Articles with their publication year, for browsing and faceting.",
        "facets": ["site", "section", "year"],
        "sort_desc": "published_at",
    },
    "article_urls": {
        "title": "Article URLs",
        "description": "Every URL an article was seen under (aliases).",
    },
    "persons": {
        "title": "Persons",
        "description": "Persons named in articles, keyed by their name in lower case;"
        " the canned query Persons named finds them without diacritics.",
        "label_column": "name",
    },
    "article_versions": {
        "title": "Article versions",
        "description": "Earlier versions of articles that changed; fetch_id is the response"
        " (WARC record) the version came from.",
    },
    "changes": {
        "title": "Changes",
        "description": "What re-checks found: an article edited, removed, restored or moved.",
        "facets": ["kind", "site", "substantive"],
        "columns": {
            "kind": "edited, removed, restored or moved.",
            "detail": "For a removal its kind (gone, redirected, soft_404, replaced,"
            " access_denied) and target; for a move the new URL.",
            "observed_between": "Last seen before / first seen after the change (ISO 8601).",
            "fields": "Fields an edit changed (title, dates, byline, persons, directives, text).",
            "substantive": "1 if a person, a position or a cited document changed.",
            "diff": "The change, readable: field by field, then the text's word diff.",
            "fetch_id": "The response that showed the change (its WARC record in fetches).",
        },
    },
    "change_list": {
        "title": "Change list",
        "description": "Changes with the article's title and the WARC record of the response.",
        "facets": ["kind", "site"],
    },
    "removals": {
        "title": "Removals",
        "description": "Removal episodes of archived URLs: suspect (one failure), removed"
        " (failures on runs a day apart while the site answered), restored, or cleared.",
        "facets": ["status", "kind", "site"],
    },
    "recheck_schedule": {
        "title": "Re-check schedule",
        "description": "When each archived article is checked again (next_check: Unix time).",
    },
    "article_persons": {
        "title": "Persons in articles",
        "description": "A person named in an article, with the positions given there.",
        "columns": {"spoke": "1 if the person spoke.", "role": "chu_tri, phat_bieu, …"},
    },
    "directives": {
        "title": "Documents",
        "description": "Party and state documents, keyed by number (19-CT/TU).",
        "facets": ["kind", "issuer"],
        "label_column": "key",
    },
    "article_directives": {
        "title": "Document citations",
        "description": "A citation of a document in an article.",
    },
    "directive_citations": {
        "title": "Documents cited",
        "description": "Each document with how often, when and where it was cited.",
        "facets": ["kind", "issuer"],
        "columns": {
            "times_cited": "Number of articles citing it.",
            "first_cited": "Earliest published_at of a citing article.",
            "last_cited": "Latest published_at of a citing article.",
            "sites": "JSON list of the sites citing it.",
            "provinces_published": "JSON list of the provinces (map of each article's day) "
            "of the citing articles.",
            "provinces_today": "JSON list of the same provinces in today's map.",
        },
    },
    "speaker_appearances": {
        "title": "Speaker appearances",
        "description": "A person who spoke, presided, reported or directed, in one article.",
        "facets": ["site", "role"],
        "sort_desc": "published_at",
    },
    "syndication": {
        "title": "Syndication",
        "description": "Republished stories: each copy beside its origin (earliest copy).",
        "facets": ["origin_site", "copy_site"],
        "columns": {"similarity": "Jaccard similarity of the copy's text to the origin's."},
    },
    "story_clusters": {
        "title": "Story clusters",
        "description": "A story and its copies; origin = earliest published.",
    },
    "article_clusters": {
        "title": "Article clusters",
        "description": "Each syndicated article's cluster and similarity.",
    },
    "article_places": {
        "title": "Article places",
        "description": "Each article's province as published and in today's map, with the rule"
        " that placed it; read it through the view Articles by province.",
    },
    "article_provinces": {
        "title": "Articles by province",
        "description": "Each article's province as published (the map of its day) and in "
        "today's map, with the rule that placed it (site, byline or text).",
        "facets": ["province_today", "province_published", "place_rule"],
    },
    "host_moves": {
        "title": "Host moves",
        "description": "Hosts sites moved to, learned from redirects in the WARCs.",
    },
    "fetches": {
        "title": "Fetch log",
        "description": "Every response or failure, with its place in the WARC files.",
        "facets": ["outcome"],
        "sort_desc": "id",
    },
    "crawl_runs": {
        "title": "Runs",
        "description": "Runs of crawl, update and the re-derivation commands, with counts.",
        "sort_desc": "id",
    },
    "site_health": {
        "title": "Parser health",
        "description": "Per run and site: how many new articles had each field.",
        "facets": ["site"],
    },
    "frontier": {
        "title": "Crawl queue",
        "description": "URLs found and their state.",
        "facets": ["site", "status"],
    },
    **{
        name: {"hidden": True, "title": name, "description": "Internal: no analyst use."}
        for name in HIDDEN
    },
}

_ARTICLE_HITS = """
    SELECT a.id, a.published_at, a.site, a.section, a.title,
           vn_snippet(a.body_text, :q) AS snippet, a.canonical_url
    FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
    WHERE articles_fts MATCH vn_match(:q)
"""
# As `tuyengiao search` ranks (`search.ranks_by_bm25`): BM25 among the RANK_WINDOW
# newest matches for whole words, newest first otherwise; `rank` is read only in the
# first case (BM25 of a phrase first makes a pass over every article holding it), and
# snippets are made for the rows shown only.
_RANKED_HITS = f"""
    WITH matches AS (
        SELECT rowid AS id, CASE WHEN vn_ranks_by_bm25(:q) THEN rank END AS score
        FROM articles_fts WHERE articles_fts MATCH vn_match(:q)
        ORDER BY rowid DESC LIMIT {RANK_WINDOW}
    ), shown AS (
        SELECT id, score FROM matches ORDER BY score, id DESC LIMIT 100
    )
    SELECT a.id, a.published_at, a.site, a.section, a.title,
           vn_snippet(a.body_text, :q) AS snippet, a.canonical_url
    FROM shown JOIN articles a ON a.id = shown.id
    ORDER BY shown.score, shown.id DESC
"""
QUERIES: dict[str, dict[str, str]] = {
    "recent_changes": {
        "title": "Changes found since a day: edits (with the diff), removals, restorations",
        "description": "What re-checks found since a day (YYYY-MM-DD), newest first;"
        " kind empty for all.",
        "sql": """
            SELECT detected_at, kind, detail, site, title, url, observed_between, fields,
                   substantive, diff
            FROM change_list
            WHERE detected_at >= :since AND (:kind = '' OR kind = :kind)
            ORDER BY detected_at DESC
        """,
    },
    "substantive_edits": {
        "title": "Substantive edits: persons, positions or cited documents changed",
        "description": "Edits that changed a person, a position or a cited document,"
        " with the diff.",
        "sql": """
            SELECT detected_at, site, title, url, fields, diff, field_diff
            FROM change_list WHERE kind = 'edited' AND substantive = 1
            ORDER BY detected_at DESC
        """,
    },
    "removed_articles": {
        "title": "Articles removed from the sites, with how and when",
        "description": "Archived URLs found removed (or restored), with the HTTP"
        " status and target.",
        "sql": """
            SELECT r.removed_at, r.kind, r.http_status, r.target_url, r.site, a.title, r.url,
                   r.last_seen_at, r.first_failed_at, r.status, r.restored_at
            FROM removals r JOIN articles a ON a.id = r.article_id
            WHERE r.status IN ('removed', 'restored')
            ORDER BY r.removed_at DESC
        """,
    },
    "search_articles": {
        "title": "Search articles",
        "description": "Words typed with diacritics match exactly (Đảng: not đang, dạng);"
        " words typed without match every accented form (dang). Words alone: the best"
        f" matches among the {RANK_WINDOW:,} newest; a phrase in quotes: newest first.",
        "sql": _RANKED_HITS,
    },
    "search_by_site_and_period": {
        "title": "Search by site and period",
        "description": "As Search articles, on one site (empty: all) and between two days"
        " (YYYY-MM-DD; empty: no bound), newest first.",
        "sql": _ARTICLE_HITS
        + """
              AND (:site = '' OR a.site = :site)
              AND (:date_from = '' OR substr(a.published_at, 1, 10) >= :date_from)
              AND (:date_to = '' OR substr(a.published_at, 1, 10) <= :date_to)
            ORDER BY a.published_at DESC LIMIT 500
        """,
    },
    "persons_named": {
        "title": "Persons named",
        "description": "Persons whose name contains the words given, with or without"
        " diacritics or capitals (lam van man finds Lâm Văn Mẫn).",
        "sql": """
            SELECT p.id, p.name, count(ap.article_id) AS articles,
                   sum(ap.spoke) AS times_spoke
            FROM persons p LEFT JOIN article_persons ap ON ap.person_id = p.id
            WHERE vn_fold(p.name) LIKE '%' || vn_fold(trim(:name)) || '%'
            GROUP BY p.id ORDER BY articles DESC
        """,
    },
    "citations_by_year": {
        "title": "Which sites cited document X in year Y, and who spoke there",
        "description": "document: a number as written (19-CT/TU); year: four digits.",
        "sql": """
            SELECT a.site, a.published_at, a.title, a.canonical_url, ad.text AS cited_as,
                   (SELECT group_concat(p.name || coalesce(' (' || ap.role || ')', ''), '; ')
                    FROM article_persons ap JOIN persons p ON p.id = ap.person_id
                    WHERE ap.article_id = a.id AND ap.spoke = 1) AS speakers
            FROM article_directives ad
            JOIN directives d ON d.id = ad.directive_id
            JOIN articles a ON a.id = ad.article_id
            WHERE (d.doc_id = :document OR d.key = :document)
              AND substr(a.published_at, 1, 4) = :year
            ORDER BY a.site, a.published_at
        """,
    },
    "syndicated_stories": {
        "title": "Syndicated stories: provincial originals and their republications",
        "description": "Newest origins first.",
        "sql": """
            SELECT origin_site, origin_published_at, origin_title, origin_url,
                   copy_site, copy_published_at, copy_title, copy_url, similarity
            FROM syndication ORDER BY origin_published_at DESC
        """,
    },
    "most_cited_documents": {
        "title": "Most cited documents",
        "description": "The 100 documents cited by the most articles.",
        "sql": """
            SELECT doc_id, key, kind, issuer, date, times_cited, site_count,
                   first_cited, last_cited, sites
            FROM directive_citations ORDER BY times_cited DESC LIMIT 100
        """,
    },
    "speaker_appearances_of": {
        "title": "Speaker appearances of a person",
        "description": "name: with or without diacritics or capitals (lam van man).",
        "sql": """
            SELECT name, positions, role, site, published_at, title, url
            FROM speaker_appearances
            WHERE vn_fold(name) LIKE '%' || vn_fold(trim(:name)) || '%'
            ORDER BY published_at
        """,
    },
    "articles_per_province_month": {
        "title": "Articles per province per month, across the 2025 merger",
        "description": "Articles a month per province as published, beside today's province.",
        "sql": """
            SELECT province_today, province_published, month, count(*) AS articles
            FROM article_provinces
            WHERE province_today IS NOT NULL
              AND (:province = '' OR province_today = :province
                   OR province_published = :province)
            GROUP BY province_today, province_published, month
            ORDER BY province_today, month, province_published
        """,
    },
    "documents_cited_per_province": {
        "title": "Documents cited per province (today's map), with the provinces as published",
        "description": "Documents cited in a province of today's map, per old province.",
        "sql": """
            SELECT p.province_today, coalesce(d.doc_id, d.title) AS document, d.kind,
                   count(*) AS times_cited, min(a.published_at) AS first_cited,
                   max(a.published_at) AS last_cited,
                   group_concat(DISTINCT p.province_published) AS provinces_published
            FROM article_directives ad
            JOIN directives d ON d.id = ad.directive_id
            JOIN articles a ON a.id = ad.article_id
            JOIN article_places p ON p.article_id = a.id
            WHERE p.province_today IS NOT NULL
              AND (:province = '' OR p.province_today = :province)
            GROUP BY p.province_today, d.id
            ORDER BY p.province_today, times_cited DESC
        """,
    },
}


# The report's queries read whole tables: more time and rows than Datasette's defaults
# (1 s, 1,000 rows) on a large archive.
SETTINGS = {"sql_time_limit_ms": 60_000, "max_returned_rows": 50_000}


def metadata(database: str, dashboards: dict[str, Any] | None = None) -> dict[str, Any]:
    """Datasette metadata for an archive opened under the name `database`."""
    return {
        "title": "tuyengiao-archive",
        "description": "Articles of Vietnam's Party propaganda sites, their speakers and the "
        "documents they cite.",
        "databases": {database: {"tables": TABLES, "queries": QUERIES}},
        "plugins": {"datasette-dashboards": dashboards or {}},
    }


def dashboards(db_path: Path, scope: Scope) -> dict[str, Any]:
    """The charts of `tuyengiao report` as a datasette-dashboards dashboard, "report": the
    same queries, run by Datasette when the dashboard is opened, and the same specs.

    The specs are sized by the data, so the queries run once here first."""
    from tqdm import tqdm

    from scraper.archive.report import chart_all

    charted = chart_all(db_path, scope, None, tqdm(disable=True))
    charts = {
        chart.key: {
            "title": chart.question,
            "db": db_path.stem,
            "query": chart.sql,
            "library": "vega-lite",
            "display": {k: v for k, v in spec.items() if k not in ("data", "$schema")},
        }
        for chart, spec in charted.figures
        if spec is not None
    }
    return {
        "report": {
            "title": "Charts of the archive",
            "description": f"The charts of `tuyengiao report`; period: {charted.period}.",
            "layout": [[key] for key in charts],
            "charts": charts,
        }
    }


def datasette(db_path: Path, scope: Scope | None = None) -> Datasette:
    """Datasette on the archive with its metadata, settings and SQL functions, and with a
    report scope the report's dashboard."""
    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="tuyengiao")
    boards = dashboards(db_path, scope) if scope is not None else None
    return Datasette(
        [str(db_path)],
        metadata=metadata(db_path.stem, boards),
        settings={**SETTINGS, "truncate_cells_html": TRUNCATE_CELLS},
    )


def serve(db_path: Path, host: str, port: int, scope: Scope) -> None:
    """Run Datasette on the archive, with the report's dashboard, until interrupted."""
    ds = datasette(db_path, scope)
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
