"""Sharded crawls: disjoint sites per shard, and the shards' archives merged equal one
crawl of every site, whatever the order of the merge."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from scraper.archive.merge import merge
from scraper.archive.store import Archive
from scraper.crawl.run import crawl
from scraper.crawl.site import CrawlOptions
from scraper.sites.profile import SiteProfile
from scraper.sites.registry import SITES
from scraper.sites.shard import Shard, parse_shard
from scraper.web.settings import FetchSettings
from tests.support.mirror import run_tuyengiao
from tests.support.pages import article_page, listing_page
from tests.support.site_server import LocalSite, Reply

FAST = FetchSettings(min_interval=0.0, max_retries=0)


def test_every_site_is_in_exactly_one_shard_of_any_count() -> None:
    for count in (1, 2, 3, 7):
        for name in SITES:
            holders = [i for i in range(count) if Shard(i, count).holds(name)]
            assert len(holders) == 1


def test_the_hash_is_stable() -> None:
    # Pinned: a shard must not move when Python's hash seed or version changes.
    assert [Shard(0, 2).holds(n) for n in ("tuyengiao.vn", "baogialai.com.vn")] == [False, True]


@pytest.mark.parametrize("text", ["2/2", "a/b", "1", "0/0", "-1/2"])
def test_bad_shards_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="--shard"):
        parse_shard(text)


def test_a_shard_without_the_named_site_does_nothing(tmp_path: Path) -> None:
    done = run_tuyengiao("crawl", "tuyengiao.vn", "--shard", "0/2", cwd=tmp_path)
    assert done.returncode == 0 and "nothing to do" in done.stderr
    assert not (tmp_path / "archive.db").exists()
    done = run_tuyengiao("crawl", "tuyengiao.vn", "--shard", "2/2", cwd=tmp_path)
    assert done.returncode == 1 and "between 0 and N-1" in done.stderr


def site_with_articles(site: LocalSite, index: int) -> None:
    paths = [f"/bai-{index}-{n}-{190000 + n}" for n in range(3)]
    site.add("/robots.txt", Reply(404))
    site.add("/tin-tuc", Reply(body=listing_page(paths).encode()))
    for n, path in enumerate(paths):
        site.add(path, Reply(body=article_page(index * 100 + n).encode()))


def profile(name: str, site: LocalSite) -> SiteProfile:
    return SiteProfile(
        name=name,
        base_url=f"https://{name}",
        hosts=frozenset({name}),
        listings=("/tin-tuc",),
        article_pattern=re.compile(r"/bai-\d+-\d+-\d{6}"),
        family="generic",
    ).with_mirror(site.base_url)


def records(db: Path) -> list[dict]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT record FROM articles").fetchall()
    return sorted((json.loads(r) for (r,) in rows), key=lambda r: r["canonical_url"])


def test_shards_merged_equal_one_crawl_of_every_site(tmp_path: Path) -> None:
    names = ["tinh-a.example", "tinh-d.example"]
    assert [Shard(0, 2).holds(n) for n in names] == [True, False]  # one in each shard
    with LocalSite() as a, LocalSite() as b:
        site_with_articles(a, 1)
        site_with_articles(b, 2)
        profiles = [profile(names[0], a), profile(names[1], b)]

        def crawl_into(db: Path, chosen: list[SiteProfile]) -> None:
            with Archive(db) as archive:
                crawl(archive, chosen, FAST, command="crawl", options=CrawlOptions())

        for i in (0, 1):
            crawl_into(
                tmp_path / f"shard{i}.db", [p for p in profiles if Shard(i, 2).holds(p.name)]
            )
        crawl_into(tmp_path / "all.db", profiles)
    merge([tmp_path / "shard0.db", tmp_path / "shard1.db"], tmp_path / "m01.db")
    merge([tmp_path / "shard1.db", tmp_path / "shard0.db"], tmp_path / "m10.db")
    whole = records(tmp_path / "all.db")
    assert len(whole) == 6
    assert records(tmp_path / "m01.db") == records(tmp_path / "m10.db") == whole
