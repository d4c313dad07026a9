"""Runs from cron and at a terminal: --quiet, log folders, a status line while waiting,
a progress line that agrees with the summary, warnings above it, failures by name and
"is the network down?" when nothing answered."""

from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import re
import select
import socket
import sqlite3
import struct
import subprocess
import termios
from pathlib import Path

import pytest
from click.testing import CliRunner

import scraper.crawl.run
from scraper.archive.store import Archive
from scraper.cli.main import cli
from scraper.crawl.events import EventLog
from scraper.crawl.run import crawl
from scraper.crawl.site import CrawlOptions
from scraper.sites.profile import SiteProfile
from scraper.web.settings import FetchSettings
from tests.crawl.test_run import profile
from tests.support.mirror import run_tuyengiao, serve_tuyengiao, tuyengiao_command
from tests.support.pages import listing_page
from tests.support.site_server import LocalSite, Reply

ROOT = Path(__file__).resolve().parents[2]


def crawl_args(base_url: str, *extra: str) -> list[str]:
    return ["crawl", "tuyengiao.vn", "--base-url", base_url, "--delay", "0", *extra]


def closed_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_quiet_prints_nothing_on_success_and_creates_the_log_folder(
    local_site: LocalSite, tmp_path: Path
) -> None:
    serve_tuyengiao(local_site)
    args = crawl_args(local_site.base_url, "--quiet", "--log-json", "logs/cron/run.jsonl")
    done = run_tuyengiao(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (done.stdout, done.stderr) == ("", "")
    events = (tmp_path / "logs/cron/run.jsonl").read_text().splitlines()
    assert json.loads(events[-1])["event"] == "run_end"


def test_unreachable_site_is_failed_not_skipped_with_a_network_hint(tmp_path: Path) -> None:
    args = crawl_args(
        closed_port(), "--retries", "0", "--quiet", "--db", str(tmp_path / "archive.db")
    )
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 3
    (line,) = done.stderr.splitlines()
    assert line.startswith("Error: no site could be reached — is the network down? (1 site;")
    assert "robots.txt unreachable" in line and "forbids" not in line
    with sqlite3.connect(tmp_path / "archive.db") as conn:
        assert conn.execute("SELECT skipped, failed FROM crawl_runs").fetchone() == (0, 1)


def test_every_unreachable_site_is_named_by_the_run(tmp_path: Path) -> None:
    profiles = [
        SiteProfile(
            name=f"site{n}.example",
            base_url=f"https://site{n}.example",
            hosts=frozenset({f"site{n}.example"}),
            listings=("/tin-tuc",),
            article_pattern=re.compile(r"/bai-\d+"),
            family="generic",
        ).with_mirror(closed_port())
        for n in range(3)
    ]
    with Archive(tmp_path / "archive.db") as archive:
        result = crawl(
            archive,
            profiles,
            FetchSettings(min_interval=0, max_retries=0),
            command="crawl",
            options=CrawlOptions(workers=3),
        )
    assert sorted(result.unreachable) == sorted(result.failed_sites) == [p.name for p in profiles]
    assert result.counts.skipped == 0 and result.counts.failed == 3


def test_a_slow_host_gets_a_status_line_and_a_waiting_event(
    local_site: LocalSite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scraper.crawl.run, "STATUS_EVERY", 0.3)
    local_site.add("/robots.txt", Reply(404))
    local_site.add("/tin-tuc", Reply(body=listing_page([]).encode(), delay=1.5))
    seen: list[list[tuple[str, str, float]]] = []
    log = io.StringIO()
    with Archive(tmp_path / "archive.db") as archive:
        crawl(
            archive,
            [profile(1, local_site)],
            FetchSettings(min_interval=0),
            command="crawl",
            options=CrawlOptions(),
            events=EventLog(log),
            on_waiting=seen.append,
        )
    assert len(seen) >= 2  # again while it lasts
    url, what, seconds = seen[-1][0]
    assert url.endswith("/tin-tuc") and what == "waiting for an answer" and seconds >= 0.3
    waiting = [json.loads(line) for line in log.getvalue().splitlines()]
    waiting = [event for event in waiting if event["event"] == "waiting"]
    assert waiting and waiting[0]["requests"][0]["url"].endswith("/tin-tuc")


def on_a_terminal(args: list[str], cwd: Path) -> tuple[int, str, str]:
    """Run `tuyengiao` with stderr on a 160-column pseudo-terminal: exit, stdout, screen."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    proc = subprocess.Popen(
        [*tuyengiao_command(), *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    os.close(slave)
    screen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            screen += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=60), proc.stdout.read().decode(), screen.decode()


def test_terminal_progress_agrees_with_the_summary_and_warnings_go_above_it(
    local_site: LocalSite, tmp_path: Path
) -> None:
    serve_tuyengiao(local_site)
    local_site.add("/robots.txt", Reply(300))  # a warning: "unexpected HTTP 300"
    code, out, screen = on_a_terminal(crawl_args(local_site.base_url), tmp_path)
    assert code == 0
    summary = re.match(r"run 1: (\d+ pages fetched; \d+ new)", out)
    assert summary, out
    states = [s for s in re.split(r"[\r\n]", screen) if "pages fetched" in s]
    assert states[-1].startswith(summary.group(1) + ", 0 unchanged, 1 failed")
    (warning,) = [s for s in re.split(r"[\r\n]", screen) if "warning" in s]
    assert warning.strip().startswith("warning: ") and "pages fetched" not in warning
    assert ": : " not in screen
