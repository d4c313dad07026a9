"""Story clusters, entity views and schema upgrades on a real archive file."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlite_utils import Database

from parsers.record import Article
from scraper.archive import dedup, schema
from scraper.archive import syndication as syndication_module
from scraper.archive.pending import Pending
from scraper.archive.prepare import prepare
from scraper.archive.store import Archive
from tests.support.old_archives import with_todays_rows
from tests.support.vn_texts import ORIGINAL, REPUBLISHED, SAME_EVENT

NOW = "2021-03-17T00:00:00Z"


@pytest.fixture
def archive(tmp_path: Path):
    with Archive(tmp_path / "archive.db") as opened:
        yield opened


def store(archive: Archive, *articles: Article) -> list[str]:
    with archive.transaction():
        return [archive.store_article(a, fetched_at=NOW, fetch_id=None) for a in articles]


def syndication(archive: Archive) -> list[tuple]:
    return archive.db.execute(
        "SELECT origin_site, copy_site, origin_published_at, copy_published_at FROM syndication"
    ).fetchall()


def test_republication_joins_the_origins_cluster_and_both_records_stay(archive: Archive) -> None:
    assert store(archive, ORIGINAL, SAME_EVENT, REPUBLISHED) == ["new", "new", "new"]
    assert archive.count("articles") == 3
    assert syndication(archive) == [
        (
            "btgtu.soctrang.gov.vn",
            "tuyengiao.vn",
            "2021-03-15T11:00:00+07:00",
            "2021-03-16T08:30:00+07:00",
        )
    ]
    similarity = archive.db.execute("SELECT similarity FROM syndication").fetchone()[0]
    assert 0.7 < similarity < 1.0


def test_the_origin_is_the_earliest_published_even_when_stored_last(archive: Archive) -> None:
    store(archive, REPUBLISHED)
    store(archive, ORIGINAL)
    assert [row[:2] for row in syndication(archive)] == [("btgtu.soctrang.gov.vn", "tuyengiao.vn")]
    sims = archive.db.execute(
        "SELECT a.site, ac.similarity FROM article_clusters ac JOIN articles a"
        " ON a.id = ac.article_id ORDER BY a.site"
    ).fetchall()
    assert sims[0] == ("btgtu.soctrang.gov.vn", 1.0)


def test_an_exact_copy_on_another_site_is_a_cluster_member_not_an_alias(archive: Archive) -> None:
    exact = replace(
        ORIGINAL,
        site="tuyengiao.vn",
        url="https://tuyengiao.vn/x-1",
        canonical_url="https://tuyengiao.vn/x-1",
    )
    assert store(archive, ORIGINAL, exact) == ["new", "new"]
    assert syndication(archive)[0][:2] == ("btgtu.soctrang.gov.vn", "tuyengiao.vn")
    assert archive.db.execute("SELECT similarity FROM syndication").fetchone()[0] == 1.0


def test_an_exact_copy_on_the_same_site_is_still_an_alias(archive: Archive) -> None:
    moved = replace(ORIGINAL, url=ORIGINAL.url + "-2", canonical_url=ORIGINAL.canonical_url + "-2")
    assert store(archive, ORIGINAL, moved) == ["new", "duplicate"]
    assert archive.count("story_clusters") == 0


def test_the_index_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    with Archive(path) as first:
        store(first, ORIGINAL)
    with Archive(path) as second:
        store(second, REPUBLISHED)
        assert len(syndication(second)) == 1


def test_an_edited_body_leaves_its_cluster(archive: Archive) -> None:
    store(archive, ORIGINAL, REPUBLISHED)
    rewritten = replace(REPUBLISHED, body_text=SAME_EVENT.body_text)
    assert store(archive, rewritten) == ["updated"]
    assert archive.count("story_clusters") == 0
    assert archive.count("article_clusters") == 0


def test_a_title_change_keeps_the_cluster(archive: Archive) -> None:
    store(archive, ORIGINAL, REPUBLISHED)
    assert store(archive, replace(REPUBLISHED, title="Tiêu đề mới")) == ["updated"]
    assert len(syndication(archive)) == 1


def test_directive_citations_view(archive: Archive) -> None:
    store(archive, ORIGINAL, SAME_EVENT, REPUBLISHED)
    row = archive.db.execute(
        "SELECT doc_id, kind, issuer, date, times_cited, first_cited, last_cited, sites"
        " FROM directive_citations"
    ).fetchone()
    assert row[:5] == ("05-CT/TW", "chi_thi", "Bộ Chính trị", "2016-05-15", 3)
    assert row[5:7] == ("2021-03-15T11:00:00+07:00", "2021-03-16T08:30:00+07:00")
    assert sorted(json.loads(row[7])) == [
        "btgtu.soctrang.gov.vn",
        "soctrang.dcs.vn",
        "tuyengiao.vn",
    ]


def test_speaker_appearances_view(archive: Archive) -> None:
    store(archive, ORIGINAL, replace(SAME_EVENT, persons=()))
    rows = archive.db.execute(
        "SELECT name, positions, role, site, url, published_at FROM speaker_appearances"
    ).fetchall()
    assert rows == [
        (
            "Lâm Văn Mẫn",
            '["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy"]',
            "chu_tri",
            ORIGINAL.site,
            ORIGINAL.canonical_url,
            ORIGINAL.published_at,
        )
    ]


def test_an_archive_of_the_first_schema_is_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    schema.migrations.apply(old, stop_before="m002_syndication_and_entity_views")
    with_todays_rows(old)  # the search index and record columns today's store writes
    # What an archive of the first schema held: rows written by the store's own steps,
    # without the syndication index that the second migration adds.
    old_archive = Archive.__new__(Archive)
    old_archive.path, old_archive.db = path, old
    pending = Pending(old)  # no bodies for near-duplicate indexing: m001 has no index
    with old.atomic():
        for prepared in prepare([ORIGINAL, SAME_EVENT, REPUBLISHED]):
            article_id = old_archive._insert(dict(prepared.row), NOW, None)
            pending.aliases.append((prepared.row["canonical_url"], article_id, NOW))
            pending.persons += [old_archive._person_link(article_id, p) for p in prepared.persons]
            pending.directives += [
                old_archive._directive_link(article_id, d) for d in prepared.directives
            ]
            pending.search_rows.append((article_id, *prepared.folded))
        pending.flush()
    assert "story_clusters" not in old.table_names()
    old.close()

    with Archive(path) as upgraded:
        applied = upgraded.db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")
        names = [r[0] for r in applied]
        # Every migration applied once; m018_record_columns was recorded by with_todays_rows.
        assert sorted(names) == sorted(
            m.name for m in schema.migrations.pending(Database(memory=True))
        )
        assert names[:3] == [
            "m001_core",
            "m018_record_columns",
            "m002_syndication_and_entity_views",
        ]
        assert upgraded.count("articles") == 3
        assert upgraded.article(ORIGINAL.canonical_url) == ORIGINAL
        assert upgraded.count("articles_fts") == 3
        assert [r[:2] for r in syndication(upgraded)] == [("btgtu.soctrang.gov.vn", "tuyengiao.vn")]
        cited = upgraded.db.execute("SELECT times_cited FROM directive_citations").fetchone()
        assert cited == (3,)


def test_a_batch_is_stored_as_one_store_after_another(tmp_path: Path) -> None:
    # Every outcome in one batch, including stores that read what earlier ones of the
    # batch wrote: a same-site twin, a republication, a re-fetch, a change of body.
    edited = replace(ORIGINAL, body_text=SAME_EVENT.body_text, title="Sửa")
    twin = replace(ORIGINAL, url="https://x.vn/b", canonical_url="https://x.vn/b")
    twin = replace(twin, site=ORIGINAL.site)
    batch = [ORIGINAL, SAME_EVENT, REPUBLISHED, twin, ORIGINAL, edited, REPUBLISHED, edited]
    tables = ["articles", "article_urls", "article_versions", "article_persons"]
    tables += ["article_directives", "articles_fts", "minhash_bands", "article_clusters"]
    tables += ["minhash_recent"]
    tables += ["story_clusters"]
    states, outcomes = [], []
    for name, one_by_one in (("one.db", True), ("batch.db", False)):
        with Archive(tmp_path / name) as archive:
            with archive.transaction():
                if one_by_one:
                    stored = [
                        archive.store_article(a, fetched_at=NOW, fetch_id=None) for a in batch
                    ]
                else:
                    stored = archive.store_articles(batch, fetched_at=NOW)
            outcomes.append(stored)
            states.append(
                {
                    t: archive.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                    for t in tables
                }
            )
    assert outcomes[0] == outcomes[1]
    expected = ["new", "new", "new", "duplicate", "unchanged", "updated", "unchanged"]
    assert outcomes[0] == [*expected, "unchanged"]
    assert states[0] == states[1]
    assert states[0]["article_clusters"]  # the republication was clustered in the batch


def band_rows(archive: Archive) -> list[tuple[int, int]]:
    tables = syndication_module.index_tables(archive.db)
    return archive.db.execute(
        " UNION ALL ".join(f"SELECT band_key, article_id FROM {t}" for t in tables)
    ).fetchall()


def expected_band_rows(archive: Archive) -> list[tuple[int, int]]:
    rows = archive.db.execute("SELECT id, body_text FROM articles").fetchall()
    keys = dedup.bodies_band_keys([body for _, body in rows])
    return [(key, row[0]) for row, row_keys in zip(rows, keys, strict=True) for key in row_keys]


def test_a_changed_body_replaces_the_articles_band_keys(archive: Archive) -> None:
    store(archive, ORIGINAL, REPUBLISHED)
    assert store(archive, replace(ORIGINAL, body_text=SAME_EVENT.body_text)) == ["updated"]
    assert sorted(band_rows(archive)) == sorted(expected_band_rows(archive))
    assert len(band_rows(archive)) == 2 * len(dedup.BANDS)
    assert syndication(archive) == []  # the republication lost its origin


def test_an_archive_with_32_band_keys_an_article_is_upgraded_to_16(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    schema.migrations.apply(old, stop_before="m006_sixteen_band_keys")
    with_todays_rows(old)  # the search index and record columns today's store writes
    old_archive = Archive.__new__(Archive)
    old_archive.path, old_archive.db = path, old
    with old.atomic():
        old_archive.store_articles([ORIGINAL, SAME_EVENT, REPUBLISHED], fetched_at=NOW)
        # The keys of the earlier layout: other values, twice as many.
        old.conn.executemany(
            "INSERT INTO minhash_bands (band_key, article_id) VALUES (?, ?)",
            [(-key, article_id) for key, article_id in band_rows(old_archive)],
        )
    clusters = syndication(old_archive)
    old.close()
    with Archive(path) as upgraded:
        assert sorted(band_rows(upgraded)) == sorted(expected_band_rows(upgraded))
        assert syndication(upgraded) == clusters != []
        indexes = upgraded.db.execute("PRAGMA index_list(minhash_bands)").fetchall()
        assert [row[1] for row in indexes if row[3] == "c"] == []  # only the primary key
        edited = replace(REPUBLISHED, body_text=REPUBLISHED.body_text + "\nCập nhật lúc 10 giờ.")
        assert store(upgraded, edited) == ["updated"]
        assert sorted(band_rows(upgraded)) == sorted(expected_band_rows(upgraded))


def templated(n: int) -> Article:
    """One of many near-identical pages (a template with a number): all copies of each
    other."""
    return replace(
        ORIGINAL,
        url=f"{ORIGINAL.url}-{n}",
        canonical_url=f"{ORIGINAL.canonical_url}-{n}",
        body_text=f"{ORIGINAL.body_text}\nThông báo số {n}.",
    )


def count_checks(monkeypatch: pytest.MonkeyPatch, answer: bool | None = None) -> list[int]:
    """Count the exact comparisons `dedup.is_copy` makes (answering `answer` instead of
    comparing when it is given)."""
    calls = [0]
    real = dedup.is_copy

    def counted(a: set[int], b: set[int]) -> bool:
        calls[0] += 1
        return real(a, b) if answer is None else answer

    monkeypatch.setattr(dedup, "is_copy", counted)
    return calls


def test_a_large_cluster_costs_one_check_per_new_member(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_checks(monkeypatch)
    store(archive, *(templated(n) for n in range(120)))
    assert archive.count("story_clusters") == 1
    assert archive.db.execute("SELECT size FROM story_clusters").fetchone() == (120,)
    # Each new page is confirmed against one member of the cluster, not against all of
    # them (7,140 checks).
    assert calls[0] == 119


def test_exact_checks_per_new_article_are_capped(
    archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = count_checks(monkeypatch, answer=False)  # candidates that are never copies
    checks = []
    for n in range(syndication_module.MAX_CHECKS + 20):
        before = calls[0]
        store(archive, templated(n))
        checks.append(calls[0] - before)
    assert checks[: syndication_module.MAX_CHECKS + 1] == list(
        range(syndication_module.MAX_CHECKS + 1)
    )
    assert set(checks[syndication_module.MAX_CHECKS :]) == {syndication_module.MAX_CHECKS}
    assert archive.count("story_clusters") == 0


def test_a_band_key_holds_at_most_max_bucket_articles(archive: Archive) -> None:
    count = syndication_module.MAX_BUCKET + 20
    store(archive, *(templated(n) for n in range(count)))
    fullest = archive.db.execute(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM (SELECT band_key FROM minhash_bands"
        " UNION ALL SELECT band_key FROM minhash_recent) GROUP BY band_key)"
    ).fetchone()[0]
    assert fullest == syndication_module.MAX_BUCKET
    # The pages past the cap still find the cluster through the first ones.
    assert archive.db.execute("SELECT size FROM story_clusters").fetchall() == [(count,)]


def test_clusters_grown_one_member_at_a_time_are_as_a_full_refresh_leaves_them(
    archive: Archive,
) -> None:
    days = [15, 16, 14, 17, 13, 18, 16, 12]  # some copies published before the origin
    pages = [
        replace(templated(n), published_at=f"2021-03-{day}T08:00:00+07:00")
        for n, day in enumerate(days)
    ]
    for page in pages:
        store(archive, page)

    def state() -> list[tuple]:
        return archive.db.execute(
            "SELECT ac.article_id, ac.cluster_id, ac.similarity, s.origin_article_id, s.size"
            " FROM article_clusters ac JOIN story_clusters s ON s.id = ac.cluster_id"
            " ORDER BY ac.article_id"
        ).fetchall()

    grown = state()
    assert len(grown) == len(days)
    with archive.transaction():
        archive.db.execute("UPDATE article_clusters SET similarity = NULL")  # all recomputed
        for (cluster_id,) in archive.db.execute("SELECT id FROM story_clusters").fetchall():
            syndication_module.refresh_cluster(archive.db, cluster_id)
    assert state() == grown
    assert grown[0][3] == 8  # the origin is the earliest published page (the 12th)
