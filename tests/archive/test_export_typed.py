"""Exports as analysts' tools read them: DuckDB and pandas see typed times, nested
persons and documents; CSV with a byte-order mark and stable ids; `export | head`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

from parsers.record import Directive, Person
from scraper.archive.store import Archive
from scraper.cli.archive import export_command
from tests.archive.test_export import ENV, RICH

DAY_ONLY = replace(
    RICH,
    url="https://btgtu.example.vn/ngay",
    canonical_url="https://btgtu.example.vn/ngay",
    body_text="Một bài chỉ có ngày đăng, không có giờ. " * 3,
    published_at="2021-03-16",
    persons=(Person("Trần Văn Lâu", ("Phó Bí thư",), True, "phat_bieu"),),
    directives=(Directive(text="Nghị quyết 35-NQ/TW", kind="nghi_quyet", id="35-NQ/TW"),),
)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("typed")
    db = folder / "archive.db"
    with Archive(db) as archive, archive.transaction():
        for article in (RICH, DAY_ONLY):
            archive.store_article(article, fetched_at="2024-05-01T03:04:05Z", fetch_id=None)
    out = folder / "a.parquet"
    args = ["--db", str(db), "--format", "parquet", "--out", str(out)]
    assert CliRunner().invoke(export_command, args).exit_code == 0
    return db, out


def test_duckdb_reads_typed_times_and_nested_columns(exported: tuple[Path, Path]) -> None:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    described = con.execute(f"DESCRIBE SELECT * FROM '{exported[1]}'").fetchall()
    types = {row[0]: row[1] for row in described}
    assert types["published_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["first_fetched_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["published_date"] == "DATE"
    assert types["id"] == "BIGINT"
    assert types["persons"].startswith("STRUCT(")
    assert types["persons"].endswith("[]")
    rows = con.execute(
        f"""SELECT id, published_at, published_date, p.name, p.spoke
            FROM '{exported[1]}', UNNEST(persons) AS t(p) ORDER BY id, p.name"""
    ).fetchall()
    utc = dt.UTC
    assert rows[0][:2] == (1, dt.datetime.fromisoformat(RICH.published_at).astimezone(utc))
    assert rows[-1] == (2, None, dt.date(2021, 3, 16), "Trần Văn Lâu", True)  # no time invented
    (doc,) = con.execute(
        f"SELECT d.id FROM '{exported[1]}', UNNEST(directives) AS t(d) WHERE id = 2"
    ).fetchone()
    assert doc == "35-NQ/TW"


def test_pandas_reads_timezone_aware_timestamps(exported: tuple[Path, Path]) -> None:
    frame = pd.read_parquet(exported[1])
    assert isinstance(frame["published_at"].dtype, pd.DatetimeTZDtype)
    assert frame["published_at"].dt.tz.utcoffset(None) == dt.timedelta(hours=7)
    assert str(frame["first_fetched_at"].dt.tz) == "UTC"
    assert frame["first_fetched_at"][0] == pd.Timestamp("2024-05-01T03:04:05Z")
    assert pd.isna(frame["published_at"][1])
    assert frame["persons"][1][0]["name"] == "Trần Văn Lâu"


def test_csv_with_bom_and_stable_ids(exported: tuple[Path, Path]) -> None:
    db = exported[0]
    result = CliRunner().invoke(export_command, ["--db", str(db), "--format", "csv", "--bom"])
    raw = result.stdout_bytes
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["id"], r["first_fetched_at"]) for r in rows] == [
        ("1", "2024-05-01T03:04:05Z"),
        ("2", "2024-05-01T03:04:05Z"),
    ]
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert frame["speakers"][1] == "Trần Văn Lâu"
    without = CliRunner().invoke(export_command, ["--db", str(db), "--format", "csv"])
    assert without.stdout_bytes.startswith(b"id,")


def test_bom_is_only_for_csv(exported: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(export_command, ["--db", str(exported[0]), "--bom"])
    assert result.exit_code == 2
    assert "--bom is for --format csv" in result.output


def test_export_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    db = tmp_path / "big.db"
    with Archive(db) as archive, archive.transaction():
        for n in range(20):  # ~110 KB of JSONL: more than a pipe holds (64 KB)
            article = replace(
                RICH,
                url=f"https://btgtu.example.vn/{n}",
                canonical_url=f"https://btgtu.example.vn/{n}",
                body_text=f"Bài {n}. " + "Nội dung dài của bài viết. " * 200,
            )
            archive.store_article(article, fetched_at="2024-05-01T03:04:05Z", fetch_id=None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "scraper", "export", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert proc.stdout.readline()  # as `head -1` does, then closes the pipe
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""
