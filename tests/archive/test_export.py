"""Export to JSONL, CSV and Parquet, and JSONL re-import, on real archive files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from parsers.record import Article, Byline, Image
from scraper.archive.export import CSV_COLUMNS, RecordError, import_jsonl
from scraper.archive.store import Archive
from scraper.cli.archive import export_command, import_jsonl_command
from tests.support.vn_texts import ORIGINAL, REPUBLISHED, SAME_EVENT

RICH = replace(
    ORIGINAL,
    sapo="Sáng 15/3, Tỉnh ủy sơ kết Chỉ thị 05.",
    byline=Byline(author="Tô Nài Não", organization="Ban Tuyên giáo Tỉnh ủy Sóc Trăng"),
    images=(Image(src="https://btgtu.soctrang.gov.vn/a.jpg", caption="Quang cảnh hội nghị"),),
    tags=("Chỉ thị 05", "học tập và làm theo Bác"),
)
ARTICLES = (RICH, SAME_EVENT, REPUBLISHED)
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    with Archive(path) as archive, archive.transaction():
        for article in ARTICLES:
            archive.store_article(article, fetched_at="2021-03-17T00:00:00Z", fetch_id=None)
    return path


def run(command, *args: str) -> str:
    result = CliRunner().invoke(command, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_jsonl_is_one_full_record_per_line(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    run(export_command, "--db", str(db_path), "--out", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [a.to_dict() for a in ARTICLES]
    assert "Sóc Trăng" in lines[0]  # UTF-8, not \\u escapes


def test_jsonl_export_reimports_to_the_same_records(db_path: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    run(export_command, "--db", str(db_path), "--out", str(first))
    copy = tmp_path / "copy.db"
    assert run(import_jsonl_command, str(first), "--db", str(copy), "--batch", "2").startswith(
        "3 new"
    )
    second = tmp_path / "second.jsonl"
    run(export_command, "--db", str(copy), "--out", str(second))
    assert second.read_bytes() == first.read_bytes()
    with Archive(copy) as archive:
        assert archive.article(RICH.canonical_url) == RICH
        assert archive.db.execute("SELECT count(*) FROM syndication").fetchone() == (1,)
    again = run(import_jsonl_command, str(first), "--db", str(copy))
    assert again.startswith("0 new, 0 updated, 3 unchanged")


def test_csv_has_the_documented_flat_columns(db_path: Path) -> None:
    text = run(export_command, "--db", str(db_path), "--format", "csv", "--site", RICH.site)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1
    row = rows[0]
    assert row["speakers"] == "Lâm Văn Mẫn"
    assert row["directives"] == "05-CT/TW"
    assert row["tags"] == "Chỉ thị 05; học tập và làm theo Bác"
    assert row["byline_organization"] == "Ban Tuyên giáo Tỉnh ủy Sóc Trăng"
    assert row["updated_at"] == ""  # empty, not "None"
    assert row["body_text"] == RICH.body_text


def test_parquet_keeps_the_nested_record(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "a.parquet"
    run(export_command, "--db", str(db_path), "--format", "parquet", "--out", str(out))
    rows = pq.read_table(out).to_pylist()
    for row in rows:  # times are typed (tests/archive/test_export_typed.py)
        row["published_at"] = row["published_at"].isoformat()
    assert [Article.from_dict(r) for r in rows] == list(ARTICLES)


def test_filters_by_section_and_dates(db_path: Path) -> None:
    def urls(*args: str) -> list[str]:
        out = run(export_command, "--db", str(db_path), *args)
        return [json.loads(line)["canonical_url"] for line in out.splitlines() if line]

    assert urls("--section", "Tuyên giáo các cấp") == [REPUBLISHED.canonical_url]
    assert urls("--from", "16/03/2021") == [REPUBLISHED.canonical_url]
    assert urls("--to", "2021-03-15") == [RICH.canonical_url, SAME_EVENT.canonical_url]


def test_bad_inputs_get_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(export_command, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.output == f"Error: no archive at {tmp_path / 'none.db'}\n"
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(RICH.to_dict(), ensure_ascii=False) + "\n{not json\n")
    result = runner.invoke(import_jsonl_command, [str(bad), "--db", str(tmp_path / "new.db")])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {bad}:2: not an article record")
    assert result.output.count("\n") == 1
    with Archive(tmp_path / "new.db") as archive:
        assert archive.count("articles") == 0  # the batch with the bad line is not half-stored


def test_export_runs_as_a_real_process(db_path: Path) -> None:
    code = "from scraper.cli.archive import export_command; export_command()"
    result = subprocess.run(
        [sys.executable, "-c", code, "--db", str(db_path), "--format", "csv"],
        capture_output=True,
        env={**ENV, "LC_ALL": "C"},
        timeout=60,
        check=True,
    )
    assert "Lâm Văn Mẫn".encode() in result.stdout
    assert result.stderr.decode().strip() == "3 articles exported"


def test_import_stores_the_batches_read_before_a_bad_record(tmp_path: Path) -> None:
    # Batches are prepared ahead in worker processes; a bad line in the fourth batch
    # must still leave the three before it stored, and only them.
    lines = [json.dumps(a.to_dict(), ensure_ascii=False) for a in (RICH, SAME_EVENT, REPUBLISHED)]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join([*lines, "{not json"]) + "\n")
    with Archive(tmp_path / "new.db") as archive:
        with pytest.raises(RecordError):
            import_jsonl(archive, path, batch=1)
        assert archive.count("articles") == 3
        path.write_text("\n".join(lines) + "\n")
        counts = import_jsonl(archive, path, batch=2)
        assert (counts.new, counts.unchanged) == (0, 3)
