"""The docs stay true: the README's test command is what CI runs, every command is in the
command reference, and the README links every page of docs/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS_DOC = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")


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
def test_every_command_has_help_and_a_documented_section(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert f"## `tuyengiao {name}" in COMMANDS_DOC


def test_the_readme_links_every_page_of_docs_and_every_link_resolves() -> None:
    links = set(re.findall(r"\]\(([^)#]+)\)", README))
    assert {f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md")} <= links
    for link in links:
        if not link.startswith("http"):
            assert (ROOT / link).exists(), link


def test_the_readme_fits_on_a_few_screens() -> None:
    assert len(README.splitlines()) <= 120
