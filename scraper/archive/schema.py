"""The archive's schema, as migrations applied when a database is opened.

Each migration runs in its own transaction together with its row in
`_sqlite_migrations`, so an archive is never left half-upgraded. Add a new function
at the end to change the schema; never edit one that has shipped.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from parsers.fields.named_key import named_key
from scraper.archive import dedup, records, search, search_index
from scraper.archive.batches import articles_by_id
from scraper.archive.syndication import index_article
from scraper.archive.tables import has_table

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
def m002_syndication_and_entity_views(db: Database) -> None:
    """Near-duplicate story clusters; views of documents cited and of speakers.

    Articles archived before this migration are indexed and clustered here, oldest
    first, so an upgraded archive answers the same as one built with it.
    """
    # WITHOUT ROWID: the primary key is the only copy of the rows, the look-up index.
    db.execute(
        """
        CREATE TABLE minhash_bands (
            band_key INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            PRIMARY KEY (band_key, article_id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX minhash_bands_article ON minhash_bands (article_id)")
    db.execute(
        """
        CREATE TABLE story_clusters (
            id INTEGER PRIMARY KEY,
            origin_article_id INTEGER NOT NULL REFERENCES articles(id),
            size INTEGER NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE article_clusters (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            cluster_id INTEGER NOT NULL REFERENCES story_clusters(id),
            similarity REAL
        )
        """
    )
    db.execute("CREATE INDEX article_clusters_cluster ON article_clusters (cluster_id)")
    db.execute(
        """
        CREATE VIEW syndication AS
        SELECT c.id AS cluster_id,
               o.id AS origin_id, o.site AS origin_site, o.published_at AS origin_published_at,
               o.title AS origin_title, o.canonical_url AS origin_url,
               a.id AS copy_id, a.site AS copy_site, a.published_at AS copy_published_at,
               a.title AS copy_title, a.canonical_url AS copy_url,
               ac.similarity
        FROM story_clusters c
        JOIN articles o ON o.id = c.origin_article_id
        JOIN article_clusters ac ON ac.cluster_id = c.id AND ac.article_id != c.origin_article_id
        JOIN articles a ON a.id = ac.article_id
        """
    )
    db.execute(
        """
        CREATE VIEW directive_citations AS
        SELECT d.id AS directive_id, d.key, d.doc_id, d.kind, d.number, d.symbol,
               d.issuer, d.date, d.title,
               count(*) AS times_cited,
               min(a.published_at) AS first_cited, max(a.published_at) AS last_cited,
               count(DISTINCT a.site) AS site_count,
               json_group_array(DISTINCT a.site) AS sites
        FROM directives d
        JOIN article_directives ad ON ad.directive_id = d.id
        JOIN articles a ON a.id = ad.article_id
        GROUP BY d.id
        """
    )
    db.execute(
        """
        CREATE VIEW speaker_appearances AS
        SELECT p.id AS person_id, p.name, p.name_key, ap.positions, ap.role, ap.spoke,
               a.id AS article_id, a.title, a.canonical_url AS url, a.site, a.section,
               a.published_at
        FROM article_persons ap
        JOIN persons p ON p.id = ap.person_id
        JOIN articles a ON a.id = ap.article_id
        WHERE ap.spoke = 1 OR ap.role IN ('chu_tri', 'phat_bieu', 'bao_cao', 'ket_luan', 'chi_dao')
        """
    )
    db.execute(
        """
        CREATE VIEW article_list AS
        SELECT id, site, section, substr(published_at, 1, 4) AS year, published_at, title,
               canonical_url, byline_author, byline_organization
        FROM articles
        """
    )
    for article_id, body in db.execute("SELECT id, body_text FROM articles ORDER BY id").fetchall():
        index_article(db, article_id, body, new=True)


@migrations()
def m003_search_prefix_index(db: Database) -> None:
    """Rebuild the search index with prefix indexes, so that `quan*` reads one index entry
    instead of merging the postings of every word that starts with it."""
    db.execute(
        """
        CREATE VIRTUAL TABLE articles_fts_new USING fts5(
            title, sapo, body_text, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4'
        )
        """
    )
    db.execute(
        "INSERT INTO articles_fts_new (rowid, title, sapo, body_text)"
        " SELECT rowid, title, sapo, body_text FROM articles_fts"
    )
    db.execute("DROP TABLE articles_fts")
    db.execute("ALTER TABLE articles_fts_new RENAME TO articles_fts")


@migrations()
def m004_crawler(db: Database) -> None:
    """Conditional re-checks, revisit records, richer run counts and the pick index."""
    for column in ("etag", "last_modified", "warc_payload_digest"):
        db.execute(f"ALTER TABLE fetches ADD COLUMN {column} TEXT")
    for column in ("attachment", "truncated", "skipped"):
        db.execute(f"ALTER TABLE crawl_runs ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE crawl_runs ADD COLUMN failed_sites TEXT")
    db.execute("CREATE INDEX fetches_run ON fetches (run_id)")
    db.execute("CREATE INDEX fetches_article ON fetches (article_id)")
    db.execute("CREATE INDEX frontier_site_pick ON frontier (site, status, priority)")


@migrations()
def m005_parser_health(db: Database) -> None:
    """Per run and site: how many new articles had each field, and the warnings raised."""
    db.execute("ALTER TABLE crawl_runs ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]'")
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


@migrations()
def m006_sixteen_band_keys(db: Database) -> None:
    """Near-duplicate index with 16 band keys an article instead of 32 (`dedup.BANDS`) and
    without its index by article. The keys are recomputed from the stored bodies; story
    clusters stay as they were decided."""
    db.execute("DROP INDEX minhash_bands_article")
    db.execute("DELETE FROM minhash_bands")
    for rows in articles_by_id(db, "body_text"):
        keys = dedup.bodies_band_keys([body for _, body in rows])
        pairs = zip([article_id for article_id, _ in rows], keys, strict=True)
        db.conn.executemany(
            "INSERT OR IGNORE INTO minhash_bands (band_key, article_id) VALUES (?, ?)",
            sorted((key, article_id) for article_id, row in pairs for key in row),
        )


@migrations()
def m007_named_directive_keys(db: Database) -> None:
    """Documents cited by name are keyed by `named_key` ("Nghị quyết Đại hội XIII" and
    "Văn kiện Đại hội XIII" are one row, `dai-hoi:toan-quoc:XIII`) instead of kind and
    title. Rows that now share a key are merged: their citations move to the oldest row,
    which takes any date or issuer it lacked. `directive_citations` also lists the ways
    a document was cited (`texts`)."""
    rows = db.execute(
        "SELECT id, key, kind, title, date, issuer FROM directives WHERE doc_id IS NULL ORDER BY id"
    ).fetchall()
    groups: dict[str, list[tuple]] = {}
    for row in rows:
        _, old_key, kind, title, _, _ = row
        groups.setdefault(named_key(kind, title or old_key.split(":", 1)[-1]), []).append(row)
    db.execute("UPDATE directives SET key = '~' || id WHERE doc_id IS NULL")
    for key, group in groups.items():
        keep = group[0][0]
        for other_id, _, _, _, date, issuer in group[1:]:
            db.execute(
                "INSERT OR IGNORE INTO article_directives (article_id, directive_id, text, date,"
                " issuer) SELECT article_id, ?, text, date, issuer FROM article_directives"
                " WHERE directive_id = ?",
                [keep, other_id],
            )
            db.execute("DELETE FROM article_directives WHERE directive_id = ?", [other_id])
            db.execute("DELETE FROM directives WHERE id = ?", [other_id])
            db.execute(
                "UPDATE directives SET date = coalesce(date, ?), issuer = coalesce(issuer, ?)"
                " WHERE id = ?",
                [date, issuer, keep],
            )
        db.execute("UPDATE directives SET key = ? WHERE id = ?", [key, keep])
    db.execute("DROP VIEW directive_citations")
    db.execute(
        """
        CREATE VIEW directive_citations AS
        SELECT d.id AS directive_id, d.key, d.doc_id, d.kind, d.number, d.symbol,
               d.issuer, d.date, d.title,
               count(*) AS times_cited,
               min(a.published_at) AS first_cited, max(a.published_at) AS last_cited,
               count(DISTINCT a.site) AS site_count,
               json_group_array(DISTINCT a.site) AS sites,
               json_group_array(DISTINCT ad.text) AS texts
        FROM directives d
        JOIN article_directives ad ON ad.directive_id = d.id
        JOIN articles a ON a.id = ad.article_id
        GROUP BY d.id
        """
    )


@migrations()
def m013_profile_fallbacks(db: Database) -> None:
    """Per run and site: how many new articles had each field from the generic fallback
    of the site's profile, as JSON ({"published_at": 12, "page": 3})."""
    db.execute("ALTER TABLE site_health ADD COLUMN fallbacks TEXT NOT NULL DEFAULT '{}'")


@migrations()
def m016_transient_not_final(db: Database) -> None:
    """robots.txt as last read per site, so that articles robots.txt forbade are looked at
    again when it changes; and articles that earlier versions marked `skipped` for a
    passing cause (robots.txt unreachable or answering 5xx, a redirect out of scope) are
    made `failed`, to be tried again on the usual schedule."""
    db.execute(
        "CREATE TABLE robots_seen (site TEXT PRIMARY KEY, sha256 TEXT NOT NULL,"
        " seen_at TEXT NOT NULL)"
    )
    db.execute(
        "UPDATE frontier SET status = 'failed', next_try_at = NULL"
        " WHERE status = 'skipped' AND (last_error LIKE 'out of scope:%'"
        " OR last_error LIKE '%host skipped for this run%')"
    )


@migrations()
def m017_search_exact(db: Database) -> None:
    """Search index with the text as published beside the folded text, so a term typed
    with diacritics matches that exact word (`scraper.archive.search`). Rebuilt from the
    stored articles; the rank function carries the columns' weights."""
    columns = ", ".join(search.SEARCH_COLUMNS)
    db.execute(
        f"""
        CREATE VIRTUAL TABLE articles_fts_new USING fts5(
            {columns}, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4'
        )
        """
    )
    weights = ", ".join(str(w) for w in search.WEIGHTS)
    db.execute(
        "INSERT INTO articles_fts_new (articles_fts_new, rank) VALUES ('rank', ?)",
        [f"bm25({weights})"],
    )
    for rows in articles_by_id(db, "title, coalesce(sapo, ''), body_text"):
        db.conn.executemany(
            f"INSERT INTO articles_fts_new (rowid, {columns}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (row[0], *texts)
                for row, texts in zip(
                    rows, search.search_texts(row[1:] for row in rows), strict=True
                )
            ],
        )
    db.execute("DROP TABLE articles_fts")
    db.execute("ALTER TABLE articles_fts_new RENAME TO articles_fts")


@migrations()
def m019_changes(db: Database) -> None:
    """Silent edits and takedowns: the re-check schedule of every archived article, the
    removal episodes of URLs (suspect, removed, restored), and the change events analysts
    read (`changes`); each earlier version keeps the fetch (WARC record) it came from."""
    db.execute(
        """
        CREATE TABLE recheck_schedule (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            site TEXT NOT NULL,
            url TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            last_checked_at TEXT,
            last_seen_at TEXT,
            next_check INTEGER NOT NULL,
            interval_s INTEGER NOT NULL,
            checks INTEGER NOT NULL DEFAULT 0,
            moved_to TEXT
        )
        """
    )
    db.execute("CREATE INDEX recheck_schedule_due ON recheck_schedule (site, next_check)")
    db.execute(
        """
        CREATE TABLE removals (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            url TEXT NOT NULL,
            site TEXT NOT NULL,
            status TEXT NOT NULL,
            kind TEXT NOT NULL,
            http_status INTEGER,
            target_url TEXT,
            last_seen_at TEXT,
            first_failed_at TEXT NOT NULL,
            last_failed_at TEXT NOT NULL,
            failed_runs INTEGER NOT NULL DEFAULT 1,
            last_run_id INTEGER,
            removed_at TEXT,
            restored_at TEXT,
            fetch_id INTEGER REFERENCES fetches(id)
        )
        """
    )
    db.execute("CREATE INDEX removals_article ON removals (article_id, status)")
    db.execute(
        """
        CREATE TABLE changes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            url TEXT NOT NULL,
            site TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT,
            detected_at TEXT NOT NULL,
            observed_from TEXT,
            observed_to TEXT NOT NULL,
            observed_between TEXT GENERATED ALWAYS AS
                (coalesce(observed_from, '..') || '/' || observed_to) VIRTUAL,
            fields TEXT NOT NULL DEFAULT '[]',
            substantive INTEGER NOT NULL DEFAULT 0,
            field_diff TEXT,
            text_diff TEXT,
            diff TEXT,
            similarity REAL,
            version_id INTEGER REFERENCES article_versions(id),
            removal_id INTEGER REFERENCES removals(id),
            fetch_id INTEGER REFERENCES fetches(id),
            run_id INTEGER
        )
        """
    )
    db.execute("CREATE INDEX changes_detected ON changes (detected_at)")
    db.execute("CREATE INDEX changes_article ON changes (article_id)")
    db.execute("ALTER TABLE article_versions ADD COLUMN fetch_id INTEGER REFERENCES fetches(id)")
    db.execute(
        """
        CREATE VIEW change_list AS
        SELECT c.id, c.detected_at, c.kind, c.detail, c.site, a.title, c.url,
               c.observed_between, c.fields, c.substantive, c.diff, c.field_diff,
               f.warc_file, f.warc_offset, f.warc_record_id
        FROM changes c
        JOIN articles a ON a.id = c.article_id
        LEFT JOIN fetches f ON f.id = c.fetch_id
        """
    )


@migrations()
def m020_places(db: Database) -> None:
    """Each article's province as published and in today's map (filled by
    `scraper.archive.places.refresh_places`), the hosts sites moved to (learned from
    redirects in the WARCs), and the entity views with both provinces."""
    db.execute(
        """
        CREATE TABLE article_places (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id),
            published_id TEXT,
            province_published TEXT,
            today_id TEXT,
            province_today TEXT,
            rule TEXT,
            evidence TEXT,
            site_key TEXT NOT NULL,
            changed_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX article_places_published ON article_places (published_id)")
    db.execute("CREATE INDEX article_places_today ON article_places (today_id)")
    db.execute(
        """
        CREATE TABLE host_moves (
            old_host TEXT NOT NULL,
            new_host TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            example_url TEXT NOT NULL,
            PRIMARY KEY (old_host, new_host)
        )
        """
    )
    db.execute(
        "CREATE TABLE warc_scans (file TEXT PRIMARY KEY, size INTEGER NOT NULL,"
        " scanned_at TEXT NOT NULL)"
    )
    db.execute(
        """
        CREATE VIEW article_provinces AS
        SELECT a.id, a.site, a.published_at, substr(a.published_at, 1, 7) AS month, a.title,
               a.canonical_url, p.province_published, p.published_id, p.province_today,
               p.today_id, p.rule AS place_rule, p.evidence AS place_evidence
        FROM articles a LEFT JOIN article_places p ON p.article_id = a.id
        """
    )
    db.execute("DROP VIEW directive_citations")
    db.execute(
        """
        CREATE VIEW directive_citations AS
        SELECT d.id AS directive_id, d.key, d.doc_id, d.kind, d.number, d.symbol,
               d.issuer, d.date, d.title,
               count(*) AS times_cited,
               min(a.published_at) AS first_cited, max(a.published_at) AS last_cited,
               count(DISTINCT a.site) AS site_count,
               json_group_array(DISTINCT a.site) AS sites,
               json_group_array(DISTINCT ad.text) AS texts,
               json_group_array(DISTINCT p.province_published)
                   FILTER (WHERE p.province_published IS NOT NULL) AS provinces_published,
               json_group_array(DISTINCT p.province_today)
                   FILTER (WHERE p.province_today IS NOT NULL) AS provinces_today
        FROM directives d
        JOIN article_directives ad ON ad.directive_id = d.id
        JOIN articles a ON a.id = ad.article_id
        LEFT JOIN article_places p ON p.article_id = a.id
        GROUP BY d.id
        """
    )
    db.execute("DROP VIEW speaker_appearances")
    db.execute(
        """
        CREATE VIEW speaker_appearances AS
        SELECT p.id AS person_id, p.name, p.name_key, ap.positions, ap.role, ap.spoke,
               a.id AS article_id, a.title, a.canonical_url AS url, a.site, a.section,
               a.published_at, pl.province_published, pl.province_today
        FROM article_persons ap
        JOIN persons p ON p.id = ap.person_id
        JOIN articles a ON a.id = ap.article_id
        LEFT JOIN article_places pl ON pl.article_id = a.id
        WHERE ap.spoke = 1 OR ap.role IN ('chu_tri', 'phat_bieu', 'bao_cao', 'ket_luan', 'chi_dao')
        """
    )


@migrations()
def m018_recent_bands(db: Database) -> None:
    """New near-duplicate keys go to a small table merged into `minhash_bands` in key order
    (`scraper.archive.syndication.merge_recent`), so that a batch's random keys do not
    rewrite the whole large table. The keys already stored stay where they are."""
    db.execute(
        """
        CREATE TABLE minhash_recent (
            band_key INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            PRIMARY KEY (band_key, article_id)
        ) WITHOUT ROWID
        """
    )


@migrations()
def m018_search_contentless(db: Database) -> None:
    """The search index made contentless (`scraper.archive.search_index`): FTS5 no longer
    keeps a copy of the folded and as-published texts, which the archive has in
    `articles`. Rebuilt from the stored articles in today's layout (which then had prefix
    indexes of one to three characters); the same queries match the same articles."""
    search_index.rebuild(db)


@migrations()
def m018_record_columns(db: Database) -> None:
    """`articles.record` made a generated column over `record_slim`, the record without
    the title, sapo and body that the row's columns hold (`scraper.archive.records`):
    the same records read, compact JSON, stored once."""
    db.execute("ALTER TABLE articles ADD COLUMN record_slim TEXT")
    for rows in articles_by_id(db, "record, title, sapo, body_text"):
        db.conn.executemany(
            "UPDATE articles SET record_slim = ? WHERE id = ?",
            [(records.slimmed(*row[1:]), row[0]) for row in rows],
        )
    _define_record(db)


@migrations()
def m018_search_write_settings(db: Database) -> None:
    """The search index merges its segments sixteen at a time instead of eight
    (`search_index.WRITE_CONFIG`): less written and less CPU an article in bulk loads."""
    search_index.configure(db)


@migrations()
def m018_record_fields(db: Database) -> None:
    """`articles.record` puts back every field a column holds (URLs, site, section,
    dates, byline, language, parser), not only the title, sapo and body
    (`scraper.archive.records`): rows written from now on store those fields once.
    Rows written before keep their form, which the new `record` reads too."""
    _define_record(db)


@migrations()
def m018_search_folded_prefixes(db: Database) -> None:
    """Three-letter prefixes typed without diacritics answered by a small index of the
    folded texts (`articles_folded_fts`) instead of a prefix index over the six columns
    of `articles_fts` (`scraper.archive.search_index`): 2,000 bytes an article less.
    Rebuilt from the stored articles, unless `m018_search_contentless` has just built
    them so; the same queries match the same articles."""
    if not has_table(db, search.FOLDED):
        search_index.rebuild(db)


def _define_record(db: Database) -> None:
    """`articles.record` (re)defined as today's generated column (`records.RECORD`) in
    place of the column of that name. When that column is a VIRTUAL one already
    (`m018_record_fields`), dropping and adding it rewrites no row."""
    db.execute("ALTER TABLE articles DROP COLUMN record")
    db.execute(
        f"ALTER TABLE articles ADD COLUMN record TEXT GENERATED ALWAYS AS ({records.RECORD})"
        " VIRTUAL"
    )


def apply(db: Database) -> None:
    """Bring `db` up to the current schema."""
    migrations.apply(db)
