"""Story clusters: an article and its republications on other pages, in the database.

Each article with a body long enough to compare has its MinHash LSH band keys in the
index (band key, article id; the primary key is the only index of its tables). A new
article's candidates are the articles sharing one of its band keys: one index look-up
per band, whatever the size of the archive, and no in-memory index to rebuild after a
restart — the keys are written in the same transaction as the article, so a killed
ingest leaves keys and articles in step.

The index is two tables of the same layout. New keys go to `minhash_recent`: band keys
are random, so a batch's keys written into the large `minhash_bands` would land on
almost every one of its pages, and each batch would rewrite the whole table (at 200,000
articles, 55 % of the pages a batch wrote). The small table takes them on few pages;
when it holds more than MERGE_ROWS keys, or an eighth of the index as the archive grows
(`merge_recent`), its rows are moved into `minhash_bands` in key order, in the
transaction of the batch that filled it: the merge then writes each page of the large
table at most once for many batches, and a killed merge leaves both tables as they
were. Look-ups read both tables; an article's keys are in one of them.

Candidates are confirmed on their exact shingle sets. A band key holds at most
MAX_BUCKET articles (in the two tables together) and a new article is compared with at
most MAX_CHECKS candidates, so that near-identical templated pages, which all share
their keys, do not make each new page cost more than the last.

Confirmed copies share a row in `story_clusters`; `article_clusters` gives each member
its cluster and its similarity (Jaccard of shingle sets) to the cluster's origin, the
earliest published member. Articles with no copy are in no cluster.
"""

from __future__ import annotations

import json
import weakref
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone

from sqlite_utils import Database

from scraper.archive import dedup
from scraper.archive.tables import has_table

_VIETNAM = timezone(timedelta(hours=7))
MAX_CHECKS = 50  # exact comparisons per new article (see `_confirmed_copies`)
# Articles kept under one band key. Only near-identical templated pages fill a bucket;
# a later one still finds the first MAX_BUCKET (its cluster), and the look-up of a new
# article's keys reads at most BANDS × MAX_BUCKET rows however many such pages there are.
MAX_BUCKET = 100
# Keys kept in `minhash_recent` before they are merged into `minhash_bands`: at least
# MERGE_ROWS, and an eighth of all the keys as the archive grows, so that a merge, which
# writes most pages of the large table, comes after a number of articles that grows with
# it (the cost of merging per article stays flat), while a batch's keys still land on a
# table small enough that its pages stay in the page cache.
MERGE_ROWS = 200_000
MERGE_SHARE = 8
# For each open archive, at least the rows of `minhash_recent`: those counted last, plus
# the keys inserted through it since. A crawl writes keys once a page, and counting the
# table reads every page of it: 0.1 ms at the 2 million keys it holds at a million
# articles, 0.6 ms at 10 million (5 million articles), a third of what storing a page
# costs then. So the table is counted only when this bound reaches the size of a merge.
# Deletes and rolled-back inserts make the bound too high, which costs one count more;
# keys written by another process meanwhile are seen at that count (the run lock keeps
# writers to one at a time).
_RECENT_AT_MOST: weakref.WeakKeyDictionary[Database, int] = weakref.WeakKeyDictionary()
_UNDATED = datetime.max.replace(tzinfo=UTC)


def published_order(published_at: str | None) -> datetime:
    """A sort key for "published earliest". A date without a time, or a time without an
    offset, is read in Vietnam time; an article with no date sorts last."""
    if not published_at:
        return _UNDATED
    try:
        moment = datetime.fromisoformat(published_at)
    except ValueError:
        return _UNDATED
    return moment if moment.tzinfo else moment.replace(tzinfo=_VIETNAM)


def _body(db: Database, article_id: int) -> str:
    return db.execute("SELECT body_text FROM articles WHERE id = ?", [article_id]).fetchone()[0]


def index_article(
    db: Database, article_id: int, body_text: str, *, new: bool = False
) -> int | None:
    """(Re)index one article's body and cluster it with its copies; returns its cluster id.

    Call inside the transaction that stored the article, with the body it stored; `new`
    when it was just inserted (it has no keys or cluster to remove yet).
    """
    if not new:
        remove_article(db, article_id)
    return index_new(db, [(article_id, body_text, dedup.bodies_band_keys([body_text])[0])])[0]


def index_new(db: Database, articles: list[tuple[int, str, list[int]]]) -> list[int | None]:
    """Index and cluster articles just inserted (id, body, `dedup.bodies_band_keys` of the
    body), in the order given; returns their cluster ids. The same as
    `index_article(new=True)` for each in turn, with the look-up of all their band keys
    and the key inserts done once for all.
    """
    wanted = sorted({key for _, _, keys in articles for key in keys})
    tables = index_tables(db)
    holders: dict[int, list[int]] = {}
    for key, holder in db.execute(
        " UNION ALL ".join(
            f"SELECT band_key, article_id FROM {table}"
            " WHERE band_key IN (SELECT value FROM json_each(:keys))"
            for table in tables
        ),
        {"keys": json.dumps(wanted)},
    ):
        holders.setdefault(key, []).append(holder)
    clusters: list[int | None] = []
    rows: list[tuple[int, int]] = []
    for article_id, body, keys in articles:
        found = [holders[key] for key in keys if key in holders]
        shared = Counter(c for holders_of_key in found for c in holders_of_key) if found else None
        for key in keys:  # an article later in the list finds this one among its candidates
            holders_of_key = holders.setdefault(key, [])
            if len(holders_of_key) < MAX_BUCKET:
                holders_of_key.append(article_id)
                rows.append((key, article_id))
        if not shared:  # most articles: no other body shares a band
            clusters.append(None)
            continue
        copies = _confirmed_copies(db, dedup.shingles(body), shared)
        clusters.append(_join(db, article_id, copies) if copies else None)
    # In key order: neighbouring inserts land on the same pages of the index.
    rows.sort()
    inserted = db.conn.executemany(
        f"INSERT OR IGNORE INTO {tables[-1]} (band_key, article_id) VALUES (?, ?)", rows
    ).rowcount
    if rows and len(tables) == 2:
        merge_recent(db, inserted=inserted)
    return clusters


def index_tables(db: Database) -> tuple[str, ...]:
    """The tables of the index, the one new keys go to last. The migrations before
    `m018_recent_bands` that index articles run on an archive without the small table,
    and write to the large one as it was then."""
    return (
        ("minhash_bands", "minhash_recent")
        if has_table(db, "minhash_recent")
        else ("minhash_bands",)
    )


def merge_recent(db: Database, *, always: bool = False, inserted: int = 0) -> int:
    """Move the keys of `minhash_recent` into `minhash_bands` once it holds enough of them
    (see MERGE_ROWS), or `always`; returns the number of keys moved. `inserted`: the keys
    the caller has just put in `minhash_recent`, not counted yet.

    Call inside a transaction: the move is then all or nothing. The keys are read in
    their primary-key order, so each page of the large table is written once.
    """
    if not always:
        newest = db.execute("SELECT max(id) FROM articles").fetchone()[0] or 0
        size = max(MERGE_ROWS, newest * len(dedup.BANDS) // MERGE_SHARE)
        at_most = _RECENT_AT_MOST.get(db)
        if at_most is not None and at_most + inserted < size:
            _RECENT_AT_MOST[db] = at_most + inserted
            return 0
    recent = db.execute("SELECT count(*) FROM minhash_recent").fetchone()[0]
    if not always and recent < size:
        _RECENT_AT_MOST[db] = recent
        return 0
    db.execute(
        "INSERT OR IGNORE INTO minhash_bands (band_key, article_id)"
        " SELECT band_key, article_id FROM minhash_recent ORDER BY band_key, article_id"
    )
    db.execute("DELETE FROM minhash_recent")
    # Counted again next time, cheaply once emptied: if this transaction is rolled back,
    # the keys are still there.
    _RECENT_AT_MOST.pop(db, None)
    return recent


def _confirmed_copies(db: Database, shingles: set[int], shared: Counter[int]) -> list[int]:
    """The candidates (with the number of bands each shares with the new article) whose
    bodies are copies of the new one, checked on exact shingles.

    The clusters the new article joins are the same as if every candidate were checked:
    a cluster needs one confirmed member, so once one is, its other members are skipped;
    candidates in no cluster are all checked. A templated page type (weekly schedules,
    notices) can make one cluster of thousands of near-identical pages, so the checks are
    also capped at MAX_CHECKS, the candidates sharing the most bands first: the cost of a
    new article then stays flat as such a cluster grows.
    """
    candidates = list(shared)
    marks = ",".join("?" * len(candidates))
    cluster_of = dict(
        db.execute(
            f"SELECT article_id, cluster_id FROM article_clusters WHERE article_id IN ({marks})",
            candidates,
        ).fetchall()
    )
    copies: list[int] = []
    joined: set[int] = set()
    checks = 0
    for candidate in sorted(candidates, key=lambda c: (-shared[c], c)):
        cluster = cluster_of.get(candidate)
        if cluster is not None and cluster in joined:
            continue
        if checks == MAX_CHECKS:
            break
        checks += 1
        if dedup.is_copy(shingles, dedup.shingles(_body(db, candidate))):
            copies.append(candidate)
            if cluster is not None:
                joined.add(cluster)
    return sorted(copies)


def _join(db: Database, article_id: int, copies: list[int]) -> int:
    marks = ",".join("?" * len(copies))
    clusters = sorted(
        {
            row[0]
            for row in db.execute(
                f"SELECT cluster_id FROM article_clusters WHERE article_id IN ({marks})", copies
            )
        }
    )
    if clusters:
        cluster_id, others = clusters[0], clusters[1:]
        for other in others:  # the new article bridges two stories: one cluster now
            db.execute(
                "UPDATE article_clusters SET cluster_id = ?, similarity = NULL"
                " WHERE cluster_id = ?",
                [cluster_id, other],
            )
            db.execute("DELETE FROM story_clusters WHERE id = ?", [other])
    else:
        db.execute(
            "INSERT INTO story_clusters (origin_article_id, size) VALUES (?, 0)", [article_id]
        )
        cluster_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
    db.conn.executemany(
        "INSERT OR IGNORE INTO article_clusters (article_id, cluster_id, similarity)"
        " VALUES (?, ?, NULL)",
        [(member, cluster_id) for member in [article_id, *copies]],
    )
    if clusters and not others:
        _extend(db, cluster_id, [article_id, *copies])
    else:
        refresh_cluster(db, cluster_id)
    return cluster_id


def _extend(db: Database, cluster_id: int, joined: list[int]) -> None:
    """`refresh_cluster` after articles joined one existing cluster, without reading all
    its members: when none of the newcomers is published before the origin, only their
    similarities to it are new and the size grows by their number (the others' are
    known: every member outside a join has one)."""
    marks = ",".join("?" * len(joined))
    newcomers = db.execute(
        "SELECT a.id, a.published_at FROM article_clusters ac JOIN articles a"
        " ON a.id = ac.article_id WHERE ac.cluster_id = ? AND ac.similarity IS NULL"
        f" AND ac.article_id IN ({marks})",
        [cluster_id, *joined],
    ).fetchall()
    origin, published, size = db.execute(
        "SELECT s.origin_article_id, a.published_at, s.size FROM story_clusters s"
        " JOIN articles a ON a.id = s.origin_article_id WHERE s.id = ?",
        [cluster_id],
    ).fetchone()
    first = (published_order(published), origin)
    if any((published_order(at), member) < first for member, at in newcomers):
        refresh_cluster(db, cluster_id)  # a new origin: every similarity changes
        return
    _set_similarities(db, origin, [member for member, _ in newcomers])
    db.execute(
        "UPDATE story_clusters SET size = ? WHERE id = ?", [size + len(newcomers), cluster_id]
    )


def refresh_cluster(db: Database, cluster_id: int) -> None:
    """Re-pick the origin (earliest published member) and fill in similarities to it."""
    members = db.execute(
        "SELECT a.id, a.published_at, ac.similarity FROM article_clusters ac"
        " JOIN articles a ON a.id = ac.article_id WHERE ac.cluster_id = ?",
        [cluster_id],
    ).fetchall()
    if len(members) < 2:
        db.execute("DELETE FROM article_clusters WHERE cluster_id = ?", [cluster_id])
        db.execute("DELETE FROM story_clusters WHERE id = ?", [cluster_id])
        return
    origin = min(members, key=lambda m: (published_order(m[1]), m[0]))[0]
    old_origin = db.execute(
        "SELECT origin_article_id FROM story_clusters WHERE id = ?", [cluster_id]
    ).fetchone()[0]
    stale = [m[0] for m in members if m[2] is None or origin != old_origin]
    if stale:
        _set_similarities(db, origin, stale)
    db.execute(
        "UPDATE story_clusters SET origin_article_id = ?, size = ? WHERE id = ?",
        [origin, len(members), cluster_id],
    )


def _set_similarities(db: Database, origin: int, members: list[int]) -> None:
    """Store each member's similarity to the cluster's origin (1.0 for the origin)."""
    origin_set = dedup.shingles(_body(db, origin))
    db.conn.executemany(
        "UPDATE article_clusters SET similarity = ? WHERE article_id = ?",
        [
            (
                1.0
                if member == origin
                else round(dedup.similarity(origin_set, dedup.shingles(_body(db, member))), 4),
                member,
            )
            for member in members
        ],
    )


def remove_article(db: Database, article_id: int) -> None:
    """Take an article out of the LSH index and of its cluster; call before its stored
    body changes: its keys are those of that body, recomputed (the tables have no index
    by article, which would double the cost of storing the keys), and are deleted from
    both tables (they are in one of them, which a merge may have changed)."""
    keys = dedup.bodies_band_keys([_body(db, article_id)])[0]
    for table in index_tables(db):
        db.conn.executemany(
            f"DELETE FROM {table} WHERE band_key = ? AND article_id = ?",
            [(key, article_id) for key in keys],
        )
    row = db.execute(
        "SELECT cluster_id FROM article_clusters WHERE article_id = ?", [article_id]
    ).fetchone()
    if row is None:
        return
    db.execute("DELETE FROM article_clusters WHERE article_id = ?", [article_id])
    refresh_cluster(db, row[0])
