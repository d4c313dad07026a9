"""A crawl run: every named site side by side, one worker thread per site.

Politeness is per host and lives in the shared ``Fetcher`` (one request at a time per
host, a minimum interval between starts, robots.txt); running sites in parallel only
means that different hosts are not kept waiting on each other. Database writes are
serialised by ``Archive.transaction``; WARC writes by the ``WarcWriter``'s lock.

Asked to stop (SIGTERM, Ctrl-C), the run ends within STOP_GRACE seconds whatever the
workers are doing: waits end at once, reads at the next chunk, and a worker still
blocked in a read after the grace is left behind (a daemon thread: the process exits
without it). That is safe for the reason a kill is (see ``scraper.crawl.site``): the page
in hand is fetched again by the next run.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
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

STOP_GRACE = 1.5  # seconds the workers get to end once asked to stop


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
    fetcher = Fetcher(settings, on_robots=warc.write, stop=stop)
    ctx = RunContext(archive, fetcher, warc, run_id, options, events, stop, progress_seen)
    ctx.sites = [SiteCrawl(ctx, profile) for profile in profiles]
    status = "interrupted"
    finished = False
    try:
        try:
            workers = max(1, min(options.workers, len(ctx.sites)))

            def tick() -> None:
                if time.monotonic() - last[0] >= STATUS_EVERY:
                    last[0] = time.monotonic()
                    _still_waiting(fetcher.waiting(), events, on_waiting)

            finished = _run_workers(ctx.sites, workers, stop, tick)
        except BaseException:
            stop.set()
            raise
        if not stop.is_set():
            status = "completed"
    finally:
        if finished:  # else a worker left behind may still be using them
            fetcher.close()
            warc.close()
        counts = ctx.totals()
        failed = {s.profile.name: s.failure for s in ctx.sites if s.failure}
        warnings = [w for s in ctx.sites for w in s.warnings]
        unreachable = [s.profile.name for s in ctx.sites if s.failure and not s.answered]
        archive.finish_run(run_id, counts, status, list(failed), warnings)
        events.emit("run_end", status=status, failed_sites=failed, **counts.as_row())
    return RunResult(run_id, counts, status, failed, warnings, unreachable)


def _run_workers(
    sites: list[SiteCrawl], workers: int, stop: threading.Event, tick: Callable[[], None]
) -> bool:
    """Run every site's crawl on ``workers`` daemon threads, calling ``tick`` between
    short waits; return True when all are done, False STOP_GRACE seconds after ``stop``
    is set with one still busy."""
    todo: queue.SimpleQueue[SiteCrawl] = queue.SimpleQueue()
    for site in sites:
        todo.put(site)

    def work() -> None:
        while not stop.is_set():
            try:
                site = todo.get_nowait()
            except queue.Empty:
                return
            try:
                site.run_safely()
            except Exception:  # a worker left behind meets the archive or log closed
                if not stop.is_set():
                    raise
                log.debug("%s: ended after the run", site.profile.name, exc_info=True)

    threads = [threading.Thread(target=work, name=f"site-{n}", daemon=True) for n in range(workers)]
    for thread in threads:
        thread.start()
    stopped_at = None
    for thread in threads:
        while thread.is_alive():  # short waits keep the main thread responsive to signals
            thread.join(0.1)
            tick()
            if stop.is_set():
                stopped_at = stopped_at or time.monotonic()
                if time.monotonic() - stopped_at > STOP_GRACE:
                    log.warning("stopping without waiting for a read in progress")
                    return False
    return True
