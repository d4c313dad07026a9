"""Each mistake or mishap gets the right one line and exit status: a bad value in the
environment named as such, an unknown site for reparse, a busy port (a reader that went
away: tests/archive/test_export_typed.py); every option explains itself; re-derivation
reads pages, it fetches none; the run lock leaves no file behind."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from scraper.cli.main import cli
from tests.archive.test_search_exact import build
from tests.support.mirror import serve_tuyengiao
from tests.support.site_server import LocalSite
from tests.support.warcs import article_warc

ROOT = Path(__file__).resolve().parents[2]


def options_of(command: click.Command, path: str = "tuyengiao"):
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from options_of(sub, f"{path} {name}")
    for param in command.params:
        if isinstance(param, click.Option):
            yield f"{path} {param.opts[0]}", param


@pytest.mark.parametrize(("where", "option"), list(options_of(cli)), ids=lambda v: str(v))
def test_every_option_has_help(where: str, option: click.Option) -> None:
    assert option.help or (option.is_flag and option.name == "version"), where


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("TUYENGIAO_DELAY", "abc", "'abc' is not a valid float range."),
        ("TUYENGIAO_WORKERS", "0", "0 is not in the range x>=1."),
    ],
)
def test_a_bad_environment_variable_is_named(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    db = tmp_path / "archive.db"
    done = CliRunner().invoke(
        cli, ["crawl", "tuyengiao.vn", "--db", str(db)], env={variable: value}
    )
    assert done.exit_code == 2
    assert done.stderr == f"Error: Invalid value for {variable} (environment variable): {message}\n"
    assert not db.exists()


def test_reparse_of_an_unknown_site_is_an_error(tmp_path: Path) -> None:
    db = build(tmp_path / "archive.db")
    done = CliRunner().invoke(cli, ["reparse", "--site", "nosuch.example", "--db", str(db)])
    assert done.exit_code == 1
    assert done.stderr == (
        f"Error: unknown site nosuch.example: not registered and no page of it in {db}\n"
    )


def test_rederivation_reads_pages_and_says_so(tmp_path: Path) -> None:
    article_warc(tmp_path / "made.warc.gz", 2)
    db, runner = str(tmp_path / "archive.db"), CliRunner()
    imported = runner.invoke(cli, ["import-warc", str(tmp_path / "made.warc.gz"), "--db", db])
    assert imported.exit_code == 0, imported.output
    assert "2 pages read; 2 new" in imported.stdout
    reparsed = runner.invoke(cli, ["reparse", "--site", "tinh.example", "--db", db])
    assert "2 pages read; 0 new" in reparsed.stdout
    rebuilt = runner.invoke(cli, ["rebuild", "--into", str(tmp_path / "new.db"), "--db", db])
    assert "2 pages read; 2 new" in rebuilt.stdout
    assert "fetched" not in imported.stdout + reparsed.stdout + rebuilt.stdout


def test_serve_on_a_busy_port_says_so_and_nothing_else(tmp_path: Path) -> None:
    db = build(tmp_path / "archive.db")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = CliRunner().invoke(cli, ["serve", "--port", str(port), "--db", str(db)])
    assert done.exit_code == 1
    assert done.stderr == f"Error: cannot serve on 127.0.0.1:{port}: Address already in use\n"


def test_the_lock_file_goes_with_the_run_and_git_ignores_it(
    local_site: LocalSite, tmp_path: Path
) -> None:
    serve_tuyengiao(local_site)
    db = tmp_path / "archive.db"
    args = ["crawl", "tuyengiao.vn", "--base-url", local_site.base_url, "--delay", "0", "-q"]
    done = CliRunner().invoke(cli, [*args, "--db", str(db)])
    assert done.exit_code == 0, done.output
    assert db.exists() and not (tmp_path / "archive.db.lock").exists()
    for path in ("archive.db.lock", "data/tour.db.lock"):
        ignored = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT)
        assert ignored.returncode == 0, path
