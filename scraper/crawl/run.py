"""A crawl run: every named site side by side, one worker thread per site.

Politeness is per host and lives in the shared ``Fetcher`` (one request at a time per
host, a minimum interval between starts, robots.txt); running sites in parallel only
means that different hosts are not kept waiting on each other. Database writes are
serialised by ``Archive.transaction``; WARC writes by the ``WarcWriter``'s lock.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace

from scraper.archive.store import Archive, RunCounts
from scraper.crawl.events import EventLog
from scraper.crawl.fetch import Fetcher
from scraper.crawl.frontier import Item
from scraper.crawl.site import CrawlOptions, ProgressHook, RunContext, SiteCrawl
from scraper.sites.registry import SiteProfile
from scraper.warc.writer import WarcWriter
from scraper.web.settings import FetchSettings

log = logging.getLogger(__name__)
STATUS_EVERY = 10.0  # seconds without a page done before saying what is waited for
StatusHook = Callable[[list[tuple[str, str, float]]], None]


@dataclass(frozen=True, slots=True)
class RunResult:
    run_id: int
    counts: RunCounts
    status: str  # completed, or interrupted (asked to stop)
    failed_sites: dict[str, str]  # site → why
    warnings: list[str]  # parser health: fields gone from a site's records, parser errors
    unreachable: list[str]  # failed sites whose hosts never answered (connection level)


def _still_waiting(
    waiting: list[tuple[str, str, float]], events: EventLog, on_waiting: StatusHook | None
) -> None:
    if not waiting:
        return  # between requests (polite waits, storing): nothing to wait for
    events.emit(
        "waiting",
        requests=[{"url": url, "what": what, "seconds": round(s, 1)} for url, what, s in waiting],
    )
    if on_waiting:
        on_waiting(waiting)


def crawl(
    archive: Archive,
    profiles: list[SiteProfile],
    settings: FetchSettings,
    *,
    command: str,
    options: CrawlOptions,
    progress: ProgressHook | None = None,
    events: EventLog | None = None,
    stop: threading.Event | None = None,
    on_waiting: StatusHook | None = None,
) -> RunResult:
    """Crawl the sites within one recorded run; setting ``stop`` ends it after the pages
    in hand. Call while holding the archive's run lock (``scraper.archive.runlock``).

    When no page has been done for STATUS_EVERY seconds (a slow host, retries, long
    polite waits), a ``waiting`` event names the requests in progress, and ``on_waiting``
    gets them, again every STATUS_EVERY seconds while it lasts.
    """
    events = events or EventLog()
    last = [time.monotonic()]

    def progress_seen(item: Item, outcome: str, counts: RunCounts) -> None:
        last[0] = time.monotonic()
        if progress:
            progress(item, outcome, counts)

    stop = stop or threading.Event()
    archive.close_dead_runs()
    run_id = archive.start_run(command, [p.name for p in profiles])
    events.run_id = run_id
    events.emit("run_start", command=command, sites=[p.name for p in profiles])
    warc = WarcWriter(archive.warc_dir)
    unverified = frozenset().union(*(p.unverified_hosts for p in profiles))
    if unverified:
        settings = replace(settings, unverified_hosts=settings.unverified_hosts | unverified)
        events.emit("tls_unverified", hosts=sorted(unverified))
        log.warning(
            "TLS certificates not verified for %s (verify_tls = false)",
            ", ".join(sorted(unverified)),
        )
    # robots.txt answers are responses too: they go to the WARC like every other.
    fetcher = Fetcher(settings, on_robots=warc.write)
    ctx = RunContext(archive, fetcher, warc, run_id, options, events, stop, progress_seen)
    ctx.sites = [SiteCrawl(ctx, profile) for profile in profiles]
    status = "interrupted"
    try:
        workers = max(1, min(options.workers, len(ctx.sites)))
        with ThreadPoolExecutor(workers, thread_name_prefix="site") as pool:
            pending = {pool.submit(site.run_safely) for site in ctx.sites}
            try:
                while pending:  # short waits keep the main thread responsive to signals
                    done, pending = wait(pending, timeout=0.5, return_when=FIRST_EXCEPTION)
                    for future in done:
                        future.result()
                    if time.monotonic() - last[0] >= STATUS_EVERY:
                        last[0] = time.monotonic()
                        _still_waiting(fetcher.waiting(), events, on_waiting)
            except BaseException:
                stop.set()
                raise
        if not stop.is_set():
            status = "completed"
    finally:
        fetcher.close()
        warc.close()
        counts = ctx.totals()
        failed = {s.profile.name: s.failure for s in ctx.sites if s.failure}
        warnings = [w for s in ctx.sites for w in s.warnings]
        unreachable = [s.profile.name for s in ctx.sites if s.failure and not s.answered]
        archive.finish_run(run_id, counts, status, list(failed), warnings)
        events.emit("run_end", status=status, failed_sites=failed, **counts.as_row())
    return RunResult(run_id, counts, status, failed, warnings, unreachable)
