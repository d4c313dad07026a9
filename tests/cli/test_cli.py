"""Each command once for real, and every bad input as one line and a non-zero exit."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from scraper.archive.store import Archive, RunCounts
from scraper.cli.crawl import summary
from tests.conftest import FIXTURES, TUYENGIAO
from tests.support.mirror import run_tuyengiao, tuyengiao_command

SEED_URL = "https://tuyengiao.vn/soc-trang-thong-tin-chuyen-de-ve-quan-ly-thong-tin-tren-mang-xa-hoi-128133"


def one_line_error(result, *needles: str) -> None:
    assert result.returncode != 0
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for needle in needles:
        assert needle in lines[0]


def test_parse_prints_the_record(tmp_path: Path) -> None:
    page = TUYENGIAO / "soc-trang-mang-xa-hoi.html"
    result = run_tuyengiao("parse", str(page), "--url", SEED_URL, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["title"].startswith("Sóc Trăng: Thông tin chuyên đề")
    assert [p["name"] for p in record["persons"] if p["spoke"]] == [
        "Lâm Văn Mẫn",
        "Lê Quang Tự Do",
        "Lâm Tấn Hòa",
    ]


@pytest.mark.parametrize(
    ("file", "needle"),
    [
        ("does-not-exist.html", "cannot read"),
        (str(FIXTURES / "bad" / "ke-hoach-tuyen-truyen.pdf"), "PDF"),
        (str(FIXTURES / "bad" / "empty.html"), "empty"),
        (str(FIXTURES / "bad" / "ghi-chu.txt"), "not HTML"),
        (str(TUYENGIAO / "listing-tuyen-giao-cac-cap.html"), "not an article"),
        (str(TUYENGIAO / "soft-404.html"), "not an article"),
    ],
)
def test_parse_bad_input(tmp_path: Path, file: str, needle: str) -> None:
    result = run_tuyengiao("parse", file, "--url", SEED_URL, cwd=tmp_path)
    one_line_error(result, needle)


def test_extract_reads_stdin(tmp_path: Path) -> None:
    text = "Quán triệt Chỉ thị số 19-CT/TU ngày 06/02/2020 của Ban Thường vụ Tỉnh ủy."
    result = subprocess.run(
        [*tuyengiao_command(), "extract", "-"],
        input=text,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"directives", "persons", "byline"}
    assert data["directives"][0]["id"] == "19-CT/TU"
    assert data["directives"][0]["date"] == "2020-02-06"


def test_extract_refuses_bytes_that_are_not_text(tmp_path: Path) -> None:
    result = run_tuyengiao(
        "extract", str(FIXTURES / "bad" / "ke-hoach-tuyen-truyen.pdf"), cwd=tmp_path
    )
    one_line_error(result, "not UTF-8")


def test_search_without_an_archive(tmp_path: Path) -> None:
    one_line_error(run_tuyengiao("search", "dang", cwd=tmp_path), "no archive")
    assert not (tmp_path / "archive.db").exists()


@pytest.mark.parametrize("query", ['"unclosed', "AND"])
def test_search_with_a_malformed_query(tmp_path: Path, query: str) -> None:
    Archive(tmp_path / "archive.db").close()
    one_line_error(run_tuyengiao("search", query, cwd=tmp_path), "malformed query")


def test_a_bad_date_option_is_a_usage_error(tmp_path: Path) -> None:
    result = run_tuyengiao("crawl", "tuyengiao.vn", "--since", "31/02/2024", cwd=tmp_path)
    assert result.returncode == 2
    assert "is not a date" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_database_that_is_not_an_archive(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("ghi chú\n" * 100, encoding="utf-8")
    result = run_tuyengiao("search", "dang", "--db", str(notes), cwd=tmp_path)
    one_line_error(result, "not a usable SQLite archive")
    assert notes.read_text(encoding="utf-8") == "ghi chú\n" * 100


def test_the_summary_says_page_for_one() -> None:
    assert summary(2, RunCounts(fetched=1)).startswith("run 2: 1 page fetched; 0 new,")
    assert summary(3, RunCounts(fetched=9, new=6)).startswith("run 3: 9 pages fetched; 6 new,")
