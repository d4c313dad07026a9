"""The analysts' commands: registered on `tuyengiao`, with help, documented in docs/."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli.archive import COMMANDS

COMMANDS_DOC = (Path(__file__).resolve().parents[2] / "docs" / "commands.md").read_text(
    encoding="utf-8"
)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_every_command_has_help_and_a_documented_section(command) -> None:
    result = CliRunner().invoke(command, ["--help"])
    assert result.exit_code == 0
    assert " ".join(command.help.split()[:5]) in " ".join(result.output.split())
    assert f"## `tuyengiao {command.name}" in COMMANDS_DOC


def test_the_tuyengiao_group_has_them() -> None:
    # scraper.cli.main also imports the crawler (fetching, parsing); where those modules are
    # not installed this check cannot run.
    cli = pytest.importorskip(
        "scraper.cli.main", reason="the crawler's modules are not importable", exc_type=ImportError
    )
    for command in COMMANDS:
        assert cli.cli.commands[command.name] is command
