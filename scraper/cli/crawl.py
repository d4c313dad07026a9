"""`crawl` and `update` at the command line: options, the run lock, signals, exit status.

Exit statuses, for schedulers: 0 every site was read; 1 an error before or outside the
crawl (one line on stderr); 2 bad usage; 3 the run completed but at least one site
failed (each named on stderr and in ``crawl_runs.failed_sites``); 4 with ``--no-wait``,
another command holds the archive's lock (without it, the run waits for the lock); 130
stopped by SIGINT or SIGTERM (run the same command to resume).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TextIO

import click

from scraper.archive.changefeed import run_line
from scraper.archive.runlock import ArchiveBusy, RunLock
from scraper.archive.store import RunCounts
from scraper.cli.common import (
    EXIT_BUSY,
    EnvOption,
    no_wait_option,
    open_for_writing,
    profiles_option,
    show_warnings,
)
from scraper.cli.display import Display
from scraper.crawl.events import EventLog
from scraper.crawl.run import RunResult, crawl
from scraper.crawl.site import CrawlOptions
from scraper.sites.registry import UnknownSite, get_site
from scraper.sites.shard import parse_shard
from scraper.web.settings import FetchSettings

EXIT_SITE_FAILED = 3
EXIT_UNHEALTHY = 5
EXIT_INTERRUPTED = 130


def summary(run_id: int, counts: RunCounts, *, verb: str = "fetched") -> str:
    """The run's one-line summary; `verb` is "read" for commands that fetch nothing."""
    row = counts.as_row()
    parts = ", ".join(f"{row[k]} {k.replace('_', '-')}" for k in row if k != "fetched")
    pages = "page" if row["fetched"] == 1 else "pages"
    return f"run {run_id}: {row['fetched']} {pages} {verb}; {parts}"


@dataclass(frozen=True, slots=True)
class RunSettings:
    """The options `crawl` and `update` share."""

    db_path: Path
    base_url: str | None
    contact: str | None
    delay: float
    timeout: float
    max_response_time: float
    max_crawl_delay: float
    max_listing_pages: int
    max_sitemaps: int
    retries: int
    workers: int
    log_json: str | None
    sitemap: tuple[str, ...]
    feed: tuple[str, ...]
    quiet: bool
    no_wait: bool
    shard: str | None = None


def _stop_on_signals(stop: threading.Event) -> None:
    """SIGTERM (a scheduler stopping the job) or Ctrl-C: finish the pages in hand, record
    the run as interrupted, exit 130. A second Ctrl-C kills at once (resumable anyway)."""

    def handler(signum: int, _frame: object) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        click.echo("stopping after the pages in hand…", err=True)

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def _event_stream(target: str | None) -> TextIO | None:
    if target is None:
        return None
    if target == "-":
        return sys.stdout
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        return open(target, "a", encoding="utf-8")  # closed by _run_crawl
    except OSError as exc:
        raise click.ClickException(f"cannot write {target}: {exc.strerror}") from None


def _report_failures(result: RunResult, sites: list[str]) -> None:
    """One line a failed site; one line in all when none could be reached at all."""
    if result.failed_sites and sorted(result.unreachable) == sorted(sites):
        first = sorted(result.failed_sites.items())[0]
        click.echo(
            f"Error: no site could be reached — is the network down? ({len(sites)}"
            f" {'site' if len(sites) == 1 else 'sites'}; {first[0]}: {first[1]})",
            err=True,
        )
        return
    for site, why in sorted(result.failed_sites.items()):
        click.echo(f"Error: site {site} failed: {why}", err=True)


def run_crawl(
    command: str,
    sites: tuple[str, ...],
    run: RunSettings,
    options: CrawlOptions,
    *,
    strict: bool = False,
) -> None:
    try:
        profiles = [get_site(name) for name in sites]
        if run.shard:
            shard = parse_shard(run.shard)
            profiles = [profile for profile in profiles if shard.holds(profile.name)]
            if not profiles:
                click.echo(f"shard {run.shard}: none of the named sites; nothing to do", err=True)
                return
        if run.base_url:
            if len(profiles) != 1:
                raise click.UsageError("--base-url points one site at a mirror; name one site")
            profiles = [profiles[0].with_mirror(run.base_url)]
        if run.sitemap or run.feed:
            if len(profiles) != 1:
                raise click.UsageError("--sitemap and --feed add to one site; name one site")
            profile = profiles[0]
            profiles = [
                replace(
                    profile,
                    sitemaps=profile.sitemaps + run.sitemap,
                    feeds=profile.feeds + run.feed,
                )
            ]
    except (UnknownSite, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    settings = FetchSettings(
        min_interval=run.delay,
        connect_timeout=run.timeout,
        read_timeout=run.timeout,
        max_response_time=run.max_response_time,
        max_crawl_delay=run.max_crawl_delay,
        max_retries=run.retries,
        **({"contact": run.contact} if run.contact else {}),
    )
    lock = RunLock(run.db_path, command)
    try:
        lock.acquire(
            wait=not run.no_wait, on_wait=lambda who: click.echo(f"waiting: {who}…", err=True)
        )
    except ArchiveBusy as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_BUSY)
    except OSError as exc:
        raise click.ClickException(f"cannot lock {lock.path}: {exc.strerror}") from None
    show_warnings()
    stream = _event_stream(run.log_json)
    stop = threading.Event()
    _stop_on_signals(stop)
    try:
        archive = open_for_writing(run.db_path)
        display = Display(quiet=run.quiet)
        try:
            result = crawl(
                archive,
                profiles,
                settings,
                command=command,
                options=replace(
                    options,
                    workers=run.workers,
                    max_listing_pages=run.max_listing_pages,
                    max_sitemaps=run.max_sitemaps,
                ),
                progress=display.progress,
                events=EventLog(stream),
                stop=stop,
                on_waiting=display.status,
            )
            found = run_line(archive.db, result.run_id)
        finally:
            display.close()
            archive.close()
    finally:
        if stream not in (None, sys.stdout):
            stream.close()
        lock.release()
    if not run.quiet:
        click.echo(summary(result.run_id, result.counts), err=run.log_json == "-")
        if found:
            click.echo(found, err=run.log_json == "-")
    _report_failures(result, [profile.name for profile in profiles])
    for warning in result.warnings:
        click.echo(f"warning: parser health: {warning}", err=True)
    if result.status != "completed":
        click.echo(f"run {result.run_id} interrupted; run the same command to resume", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if result.failed_sites:
        sys.exit(EXIT_SITE_FAILED)
    if strict and result.warnings:
        sys.exit(EXIT_UNHEALTHY)


contact_option = click.option(
    "--contact",
    envvar="TUYENGIAO_CONTACT",
    cls=EnvOption,
    help="URL or e-mail put in the User-Agent so site operators can reach you.",
)
base_url_option = click.option(
    "--base-url", help="Crawl a mirror of the site (e.g. a local server) instead of the site."
)


def run_options(command: Callable) -> Callable:
    """The options `crawl` and `update` share, gathered into a RunSettings."""
    options = [
        profiles_option,
        base_url_option,
        contact_option,
        click.option(
            "--delay",
            default=1.0,
            show_default=True,
            type=click.FloatRange(min=0),
            envvar="TUYENGIAO_DELAY",
            cls=EnvOption,
            help="Seconds between the starts of two requests to one host"
            " (robots.txt Crawl-delay may raise it).",
        ),
        click.option(
            "--timeout",
            default=30.0,
            show_default=True,
            type=click.FloatRange(min=0.01),
            envvar="TUYENGIAO_TIMEOUT",
            cls=EnvOption,
            help="Seconds to wait for a connection, and for data once connected.",
        ),
        click.option(
            "--max-response-time",
            default=300.0,
            show_default=True,
            type=click.FloatRange(min=0.01),
            envvar="TUYENGIAO_MAX_RESPONSE_TIME",
            help="Seconds one response may take in all (a body sent byte by byte is"
            " abandoned past it and the page tried again in a later run).",
        ),
        click.option(
            "--max-crawl-delay",
            default=60.0,
            show_default=True,
            type=click.FloatRange(min=0),
            envvar="TUYENGIAO_MAX_CRAWL_DELAY",
            help="Longest robots.txt Crawl-delay obeyed; a host asking more is deferred"
            " to a later run, with a warning.",
        ),
        click.option(
            "--max-listing-pages",
            default=1000,
            show_default=True,
            type=click.IntRange(min=1),
            help="Listing pages read per site and run (endless pagination stops there).",
        ),
        click.option(
            "--max-sitemaps",
            default=1000,
            show_default=True,
            type=click.IntRange(min=1),
            help="Sitemaps read per site and run, indexes included.",
        ),
        click.option(
            "--retries",
            default=3,
            show_default=True,
            type=click.IntRange(min=0),
            envvar="TUYENGIAO_RETRIES",
            cls=EnvOption,
            help="Retries of a timeout, dropped connection, 429 or 5xx, with backoff.",
        ),
        click.option(
            "--workers",
            default=4,
            show_default=True,
            type=click.IntRange(min=1),
            envvar="TUYENGIAO_WORKERS",
            cls=EnvOption,
            help="Sites crawled side by side (each host still gets one request at a time).",
        ),
        click.option(
            "--sitemap",
            multiple=True,
            metavar="URL",
            help="Also read this sitemap or sitemap index (a path on the site, or a URL).",
        ),
        click.option(
            "--feed",
            multiple=True,
            metavar="URL",
            help="Also read this RSS or Atom feed (a path on the site, or a URL).",
        ),
        no_wait_option,
        click.option(
            "--shard",
            metavar="I/N",
            envvar="TUYENGIAO_SHARD",
            help="Only the sites of shard I of N (by a stable hash of the site's name), so"
            " N machines crawl disjoint sites; `merge` joins their archives.",
        ),
        click.option(
            "--log-json",
            metavar="FILE|-",
            envvar="TUYENGIAO_LOG_JSON",
            cls=EnvOption,
            help="Append one JSON object per event (fetch, article, error, waiting, run"
            " start/end) to FILE (its folder is created), or write them to stdout with -.",
        ),
        click.option(
            "--quiet",
            "-q",
            is_flag=True,
            help="Print only warnings and errors: no progress, no summary (for cron).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command
