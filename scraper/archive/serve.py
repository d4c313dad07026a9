"""Browse the archive in Datasette: descriptions, facets and the analysts' canned queries."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import uvicorn
from datasette.app import Datasette
from datasette.plugins import pm

from scraper.archive import datasette_plugin

TRUNCATE_CELLS = 160  # characters of a cell in table views; the row page shows it whole
HIDDEN = ("articles_fts", "minhash_bands", "_sqlite_migrations")
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
            "record": "The full JSON record (tuyengiao parse output).",
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
    "article_versions": {
        "title": "Article versions",
        "description": "Earlier versions of articles that changed.",
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
QUERIES: dict[str, dict[str, str]] = {
    "search_articles": {
        "title": "Search articles",
        "description": "Words typed with diacritics match exactly (Đảng: not đang, dạng);"
        " words typed without match every accented form (dang). Best matches first.",
        "sql": _ARTICLE_HITS + " ORDER BY articles_fts.rank LIMIT 100",
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
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for an archive opened under the name `database`."""
    return {
        "title": "tuyengiao-archive",
        "description": "Articles of Vietnam's Party propaganda sites, their speakers and the "
        "documents they cite.",
        "databases": {database: {"tables": TABLES, "queries": QUERIES}},
    }


def datasette(db_path: Path) -> Datasette:
    """Datasette on the archive with its metadata, settings and SQL functions."""
    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="tuyengiao")
    return Datasette(
        [str(db_path)],
        metadata=metadata(db_path.stem),
        settings={"truncate_cells_html": TRUNCATE_CELLS},
    )


def serve(db_path: Path, host: str, port: int) -> None:
    """Run Datasette on the archive until interrupted."""
    ds = datasette(db_path)
    asyncio.run(ds.invoke_startup())
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning")
