"""Each mistake or mishap gets the right one line and exit status: a bad value in the
environment named as such, an unknown site for reparse, a busy port, a reader that went
away; every option explains itself; re-derivation reads pages, it fetches none; the run
lock leaves no file behind."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import click
import pytest

from scraper.cli.main import cli
from tests.archive.test_search_exact import build
from tests.support.mirror import run_tuyengiao, serve_tuyengiao, tuyengiao_command
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
    done = subprocess.run(
        [*tuyengiao_command(), "crawl", "tuyengiao.vn"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), variable: value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr == f"Error: Invalid value for {variable} (environment variable): {message}\n"
    assert not (tmp_path / "archive.db").exists()


def test_reparse_of_an_unknown_site_is_an_error(tmp_path: Path) -> None:
    build(tmp_path / "archive.db")
    done = run_tuyengiao("reparse", "--site", "nosuch.example", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "Error: unknown site nosuch.example: not registered and no page of it in archive.db\n"
    )


def test_rederivation_reads_pages_and_says_so(tmp_path: Path) -> None:
    article_warc(tmp_path / "made.warc.gz", 2)
    imported = run_tuyengiao("import-warc", "made.warc.gz", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "2 pages read; 2 new" in imported.stdout
    reparsed = run_tuyengiao("reparse", "--site", "tinh.example", cwd=tmp_path)
    assert "2 pages read; 0 new" in reparsed.stdout
    rebuilt = run_tuyengiao("rebuild", "--into", "new.db", cwd=tmp_path)
    assert "2 pages read; 2 new" in rebuilt.stdout
    assert "fetched" not in imported.stdout + reparsed.stdout + rebuilt.stdout


def test_serve_on_a_busy_port_says_so_and_nothing_else(tmp_path: Path) -> None:
    build(tmp_path / "archive.db")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_tuyengiao("serve", "--port", str(port), cwd=tmp_path, timeout=60)
    assert done.returncode == 1
    assert done.stderr == f"Error: cannot serve on 127.0.0.1:{port}: Address already in use\n"


def test_search_into_a_closed_pipe_exits_quietly(tmp_path: Path) -> None:
    build(tmp_path / "archive.db")
    proc = subprocess.Popen(
        [*tuyengiao_command(), "search", "dang", "--json"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    proc.stdout.close()  # the reader is gone before the first line
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""


def test_the_lock_file_goes_with_the_run_and_git_ignores_it(
    local_site: LocalSite, tmp_path: Path
) -> None:
    serve_tuyengiao(local_site)
    args = ["crawl", "tuyengiao.vn", "--base-url", local_site.base_url, "--delay", "0"]
    done = run_tuyengiao(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "archive.db.lock").exists()
    for path in ("archive.db.lock", "data/tour.db.lock"):
        ignored = subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=ROOT)
        assert ignored.returncode == 0, path
