"""`tuyengiao recheck` and `tuyengiao changes` on bad input: one line, a non-zero exit,
nothing archived touched."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scraper.archive.store import Archive
from scraper.cli.main import cli
from tests.support.mirror import run_tuyengiao
from tests.support.vn_texts import ORIGINAL


def archive_with_one_article(tmp_path: Path) -> Path:
    db = tmp_path / "archive.db"
    with Archive(db) as archive, archive.transaction():
        archive.store_article(ORIGINAL, fetched_at="2021-03-17T00:00:00Z", fetch_id=None)
    return db


def test_recheck_of_a_url_not_in_the_archive_is_one_line_and_fetches_nothing(
    tmp_path: Path,
) -> None:
    db = archive_with_one_article(tmp_path)
    url = "https://tuyengiao.vn/khong-co-bai-nay-123456"
    result = run_tuyengiao("recheck", "--url", url, "--db", str(db), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"Error: not an archived article: {url}"]
    with Archive(db) as archive:
        assert archive.count("fetches") == 0 and archive.count("crawl_runs") == 0


def test_recheck_takes_one_selection_and_changes_one_output(tmp_path: Path) -> None:
    db = archive_with_one_article(tmp_path)
    both = CliRunner().invoke(cli, ["recheck", "--all", "--older-than", "3", "--db", str(db)])
    assert both.exit_code == 2 and "give one of --all, --older-than and --url" in both.output
    feed = CliRunner().invoke(cli, ["changes", "--json", "--atom", "--db", str(db)])
    assert feed.exit_code == 2
    missing = CliRunner().invoke(cli, ["changes", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no archive at" in missing.output


def test_an_archive_without_changes_lists_none_in_every_form(tmp_path: Path) -> None:
    db = archive_with_one_article(tmp_path)
    listed = CliRunner().invoke(cli, ["changes", "--db", str(db), "--kind", "removed"])
    assert listed.exit_code == 0 and listed.stdout == "" and "0 changes" in listed.stderr
    as_json = CliRunner().invoke(cli, ["changes", "--db", str(db), "--json"])
    assert json.loads(as_json.stdout) == []
    atom = CliRunner().invoke(cli, ["changes", "--db", str(db), "--atom"])
    assert atom.stdout.startswith("<?xml") and "<entry>" not in atom.stdout
