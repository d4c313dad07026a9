"""`derive` and `import-parquet` on WARCs written by a real crawl of the local mirror.

The promise: every engine writes the same files byte for byte; the records are what the
crawl stored (the same parsing as `reparse`); what is not an article, and a corrupt
record, are rows of `failures`, never a stopped job; and an archive imported from the
dataset exports the same records as the crawl's own archive.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from scraper.archive.store import Archive
from scraper.crawl.run import crawl
from scraper.crawl.site import CrawlOptions
from scraper.derive.engines import Options, derive
from scraper.derive.manifest import ManifestError, read_manifest
from scraper.sites.registry import get_site
from scraper.warc.writer import default_warc_folder
from scraper.web.settings import FetchSettings
from tests.support.mirror import run_tuyengiao, serve_tuyengiao
from tests.support.site_server import LocalSite
from tests.support.warcs import response_warc

FAST = FetchSettings(min_interval=0.0, max_retries=0)
PDF_URL = "https://tuyengiao.vn/van-ban/ke-hoach.pdf"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of the mirror, a PDF WARC and a WARC cut short, and a manifest of all."""
    root = tmp_path_factory.mktemp("derive")
    with LocalSite() as site:
        serve_tuyengiao(site)
        profile = get_site("tuyengiao.vn").with_mirror(site.base_url)
        with Archive(root / "archive.db") as archive:
            crawl(archive, [profile], FAST, command="crawl", options=CrawlOptions())
    extra = root / "extra"
    extra.mkdir()
    (extra / "pdf.warc").write_bytes(
        response_warc([(PDF_URL, b"%PDF-1.4 not an article")], "application/pdf")[0]
    )
    crawled_warcs = sorted(default_warc_folder(root / "archive.db").glob("*.warc*"))
    whole = crawled_warcs[0].read_bytes()
    (extra / "cut.warc.gz").write_bytes(whole[: len(whole) * 2 // 3])
    lines = ["# the crawl's WARCs, then the odd ones", *map(str, crawled_warcs)]
    lines += ["extra/pdf.warc", "extra/cut.warc.gz", ""]
    (root / "manifest.txt").write_text("\n".join(lines), encoding="utf-8")
    return root


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def dataset_records(folder: Path) -> dict[str, dict]:
    table = ds.dataset(folder / "records", format="parquet", partitioning="hive").to_table()
    rows = table.select(["record"]).to_pylist()
    records = [json.loads(row["record"]) for row in rows]
    return {r["canonical_url"]: r for r in records}


def stored_records(db: Path) -> dict[str, dict]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT canonical_url, record FROM articles").fetchall()
    return {url: json.loads(record) for url, record in rows}


def test_local_engine_gives_the_crawls_records_and_reports_the_rest(crawled: Path) -> None:
    out = crawled / "local"
    results = derive(read_manifest(crawled / "manifest.txt"), out, Options("local", 2))
    assert dataset_records(out) == stored_records(crawled / "archive.db")
    assert len(dataset_records(out)) == 6
    failures = ds.dataset(out / "failures", format="parquet").to_table().to_pylist()
    outcomes = {(f["outcome"], f["url"]) for f in failures}
    assert ("attachment", PDF_URL) in outcomes
    assert any(f["outcome"] == "corrupt" and "cut.warc.gz" in f["reason"] for f in failures)
    assert any(f["outcome"] == "failed" for f in failures)  # the removed article's 404
    assert sum(r.records for r in results) >= 6
    # Partitioned by site and year, with the WARC pointer of each record.
    parts = {
        p.parent.relative_to(out / "records").as_posix()
        for p in (out / "records").rglob("*.parquet")
    }
    assert "site=tuyengiao.vn/year=2020" in parts
    table = ds.dataset(out / "records", format="parquet", partitioning="hive").to_table()
    row = table.to_pylist()[0]
    assert row["warc_path"].endswith((".warc.gz", ".warc")) and row["warc_offset"] >= 0


def test_the_partitioning_does_not_change_a_byte(crawled: Path) -> None:
    paths = read_manifest(crawled / "manifest.txt")
    derive(paths, crawled / "p1", Options("local", 1))
    derive(paths, crawled / "p3", Options("local", 3))
    assert files_of(crawled / "p1") == files_of(crawled / "p3")


def test_dask_writes_the_same_bytes(crawled: Path) -> None:
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    paths = read_manifest(crawled / "manifest.txt")
    derive(paths, crawled / "ref", Options("local", 2))
    derive(paths, crawled / "dask", Options("dask", 2))
    assert files_of(crawled / "dask") == files_of(crawled / "ref")


def test_spark_writes_the_same_bytes(crawled: Path) -> None:
    pytest.importorskip("pyspark", reason="the spark extra is not installed")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        pytest.skip("Spark needs Java (Debian: openjdk-17-jre-headless); none here")
    paths = read_manifest(crawled / "manifest.txt")
    derive(paths, crawled / "ref-s", Options("local", 2))
    derive(paths, crawled / "spark", Options("spark", 2, master="local[2]"))
    assert files_of(crawled / "spark") == files_of(crawled / "ref-s")


def test_import_parquet_then_export_equals_the_crawls_export(crawled: Path) -> None:
    done = run_tuyengiao("derive", "manifest.txt", "--out", "cli-out", cwd=crawled)
    assert done.returncode == 0, done.stderr
    assert "records" in done.stdout
    done = run_tuyengiao("import-parquet", "cli-out", "--db", "imported.db", cwd=crawled)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("6 new")
    ours = run_tuyengiao("export", "--db", "imported.db", cwd=crawled)
    theirs = run_tuyengiao("export", "--db", "archive.db", cwd=crawled)
    assert ours.returncode == theirs.returncode == 0
    assert ours.stdout == theirs.stdout and ours.stdout.count("\n") == 6


def test_bad_inputs_are_one_line_errors(crawled: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("# nothing\n", encoding="utf-8")
    (tmp_path / "remote.txt").write_text("s3://bucket/a.warc.gz\n", encoding="utf-8")
    (tmp_path / "missing.txt").write_text("nowhere.warc.gz\n", encoding="utf-8")
    for name, message in [
        ("empty.txt", "lists no WARC file"),
        ("remote.txt", "only file paths are supported"),
        ("missing.txt", "no such WARC file"),
    ]:
        with pytest.raises(ManifestError, match=message):
            read_manifest(tmp_path / name)
        done = run_tuyengiao("derive", name, "--out", "o", cwd=tmp_path)
        assert done.returncode == 1 and message in done.stderr
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
    done = run_tuyengiao("import-parquet", str(tmp_path), "--db", "x.db", cwd=tmp_path)
    assert done.returncode == 1 and "not a derived dataset" in done.stderr
