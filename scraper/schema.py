"""The archive's schema, as migrations applied when a database is opened.

Each migration runs in its own transaction together with its row in
`_sqlite_migrations`, so an archive is never left half-upgraded. Add a new function
at the end to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("tuyengiao-archive")


@migrations()
def m001_core(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            canonical_url TEXT NOT NULL UNIQUE,
            url TEXT NOT NULL,
            site TEXT NOT NULL,
            section TEXT,
            title TEXT NOT NULL,
            sapo TEXT,
            body_text TEXT NOT NULL,
            published_at TEXT,
            updated_at TEXT,
            byline_author TEXT,
            byline_organization TEXT,
            byline_source TEXT,
            images TEXT NOT NULL DEFAULT '[]',
            tags TEXT NOT NULL DEFAULT '[]',
            language TEXT,
            parser TEXT NOT NULL,
            body_hash TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            record TEXT NOT NULL,
            first_fetched_at TEXT NOT NULL,
            last_changed_at TEXT NOT NULL,
            fetch_id INTEGER
        )
        """
    )
    db.execute("CREATE INDEX articles_site_published ON articles (site, published_at)")
    db.execute("CREATE INDEX articles_body_hash ON articles (body_hash)")
    db.execute(
        """
        CREATE TABLE article_urls (
            url TEXT PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            first_seen_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX article_urls_article ON article_urls (article_id)")
    db.execute(
        """
        CREATE TABLE article_versions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            content_hash TEXT NOT NULL,
            record TEXT NOT NULL,
            first_fetched_at TEXT NOT NULL,
            replaced_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE persons (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE
        )
        """
    )
    db.execute(
        """
        CREATE TABLE article_persons (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            person_id INTEGER NOT NULL REFERENCES persons(id),
            positions TEXT NOT NULL DEFAULT '[]',
            spoke INTEGER NOT NULL DEFAULT 0,
            role TEXT,
            PRIMARY KEY (article_id, person_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE directives (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            doc_id TEXT,
            kind TEXT NOT NULL,
            number TEXT,
            symbol TEXT,
            date TEXT,
            issuer TEXT,
            title TEXT
        )
        """
    )
    db.execute("CREATE INDEX directives_doc_id ON directives (doc_id)")
    db.execute(
        """
        CREATE TABLE article_directives (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            directive_id INTEGER NOT NULL REFERENCES directives(id),
            text TEXT NOT NULL,
            date TEXT,
            issuer TEXT,
            PRIMARY KEY (article_id, directive_id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE crawl_runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,
            sites TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            fetched INTEGER NOT NULL DEFAULT 0,
            new INTEGER NOT NULL DEFAULT 0,
            updated INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            duplicate INTEGER NOT NULL DEFAULT 0,
            not_article INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute(
        """
        CREATE TABLE fetches (
            id INTEGER PRIMARY KEY,
            run_id INTEGER REFERENCES crawl_runs(id),
            url TEXT NOT NULL,
            fetch_url TEXT NOT NULL,
            final_url TEXT,
            status INTEGER,
            content_type TEXT,
            fetched_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1,
            outcome TEXT NOT NULL,
            detail TEXT,
            warc_file TEXT,
            warc_offset INTEGER,
            warc_length INTEGER,
            warc_record_id TEXT,
            payload_sha256 TEXT,
            article_id INTEGER REFERENCES articles(id)
        )
        """
    )
    db.execute("CREATE INDEX fetches_url ON fetches (url)")
    db.execute(
        """
        CREATE TABLE frontier (
            url TEXT PRIMARY KEY,
            site TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            priority INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_try_at TEXT,
            last_error TEXT,
            discovered_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX frontier_pick ON frontier (status, priority, discovered_at)")
    # Search text is folded (diacritics and đ removed, lower case) by the archive before it
    # is indexed, because unicode61's remove_diacritics does not fold "đ" to "d".
    db.execute(
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, sapo, body_text, tokenize = 'unicode61 remove_diacritics 0'
        )
        """
    )


@migrations()
def m003_parser_health(db: Database) -> None:
    """Per run and site: how many new articles had each field, and the warnings raised."""
    db.execute(
        """
        CREATE TABLE site_health (
            run_id INTEGER NOT NULL REFERENCES crawl_runs(id),
            site TEXT NOT NULL,
            articles INTEGER NOT NULL,
            with_title INTEGER NOT NULL,
            with_date INTEGER NOT NULL,
            with_body INTEGER NOT NULL,
            with_byline INTEGER NOT NULL,
            warnings TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (run_id, site)
        )
        """
    )


def apply(db: Database) -> None:
    """Bring `db` up to the current schema."""
    migrations.apply(db)
