"""The README stays true: its test command is what CI runs, and every command is in it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_lines() -> list[str]:
    return [
        line for block in re.findall(r"```\n(.*?)```", README, re.S) for line in block.split("\n")
    ]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_commands = [line for line in _code_lines() if "pytest" in line]
    assert len(test_commands) == 1
    assert test_commands[0] in ci.splitlines()


def test_readme_quick_start_crawls_tuyengiao_vn_into_archive_db() -> None:
    crawl = [line for line in _code_lines() if "tuyengiao crawl tuyengiao.vn" in line]
    assert crawl and crawl[0].startswith("python3 -m venv .venv && ")
    assert "--db" not in crawl[0]  # the default archive is ./archive.db


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_a_readme_section(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert f"### `tuyengiao {name}" in README
