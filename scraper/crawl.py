"""Crawl orchestration: frontier → fetch → WARC → parse → archive, one page at a time.

Order of work for each page, which is what makes a crawl safe to kill:
1. the response is fetched and written to the WARC file (fsynced) — raw first;
2. then, in one database transaction, the fetch-log row pointing into the WARC, the
   parsed record (or the reason there is none) and the frontier status are written.
A kill between 1 and 2 leaves a WARC record without a log row and the URL in progress;
the next run queues it again and fetches it again. Nothing is archived twice because
articles are keyed by canonical URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from parsers import ParseError, decode_html
from parsers.listing import article_links, next_page
from scraper import ingest
from scraper.archive import Archive, RunCounts, now_iso
from scraper.errors import FetchError, OutOfScope, RobotsDisallowed
from scraper.fetch import Fetcher, FetchResult
from scraper.frontier import ARTICLE, LISTING, Frontier, Item
from scraper.settings import FetchSettings
from scraper.sites import SiteProfile
from scraper.urls import canonical_url
from scraper.warc import WarcPointer, WarcWriter

ProgressHook = Callable[[Item, str, RunCounts], None]


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    max_articles: int | None = None
    since: date | None = None


class SiteCrawl:
    """One site's crawl within a run."""

    def __init__(
        self,
        archive: Archive,
        profile: SiteProfile,
        fetcher: Fetcher,
        warc: WarcWriter,
        run_id: int,
        counts: RunCounts,
        options: CrawlOptions,
        progress: ProgressHook | None = None,
    ) -> None:
        self.archive = archive
        self.profile = profile
        self.fetcher = fetcher
        self.warc = warc
        self.run_id = run_id
        self.counts = counts
        self.options = options
        self.progress = progress
        self.frontier = Frontier(archive.db)
        self.articles_done = 0
        self.stop_paging = False

    def run(self) -> None:
        site = self.profile.name
        self.frontier.recover(site)
        self.frontier.requeue(site)
        for url in self.profile.start_urls:
            self.frontier.add(canonical_url(url), site, LISTING)
        while not self._enough():
            item = self.frontier.next(site)
            if item is None:
                break
            outcome = self._process(item)
            if self.progress:
                self.progress(item, outcome, self.counts)

    def _enough(self) -> bool:
        limit = self.options.max_articles
        return limit is not None and self.articles_done >= limit

    def _process(self, item: Item) -> str:
        fetch_url = self.profile.fetch_url(item.url)
        try:
            result = self.fetcher.fetch(fetch_url, scope_hosts=self.profile.fetch_hosts)
        except (RobotsDisallowed, OutOfScope) as exc:
            return self._end_without_response(item, fetch_url, "skipped", str(exc))
        except FetchError as exc:
            self.counts.failed += 1
            if exc.result is None:
                return self._end_without_response(item, fetch_url, "failed", str(exc))
            row = self._log_row(item, exc.result, self.warc.write(exc.result))
            return self._finish(item, row, "failed", str(exc))
        self.counts.fetched += 1
        pointer = self.warc.write(result, site_url=self.profile.site_url(result.final_url))
        if item.kind == LISTING:
            return self._listing(item, result, pointer)
        self.articles_done += 1
        return self._article(item, result, pointer)

    def _end_without_response(self, item: Item, fetch_url: str, status: str, why: str) -> str:
        with self.archive.transaction():
            self.archive.log_fetch(
                {
                    "run_id": self.run_id,
                    "url": item.url,
                    "fetch_url": fetch_url,
                    "fetched_at": now_iso(),
                    "attempts": item.attempts,
                    "outcome": status,
                    "detail": why,
                }
            )
            self.frontier.finish(item.url, status, why)
        return status

    def _log_row(self, item: Item, result: FetchResult, pointer: WarcPointer) -> dict:
        return {
            "run_id": self.run_id,
            "url": item.url,
            "fetch_url": result.url,
            "final_url": result.final_url,
            "status": result.status,
            "content_type": result.content_type,
            "fetched_at": result.fetched_at,
            "attempts": result.attempts,
            "warc_file": pointer.filename,
            "warc_offset": pointer.offset,
            "warc_length": pointer.length,
            "warc_record_id": pointer.record_id,
            "payload_sha256": pointer.sha256,
        }

    def _listing(self, item: Item, result: FetchResult, pointer: WarcPointer) -> str:
        row = self._log_row(item, result, pointer)
        if result.status != 200 or not ingest.is_html(result.content_type):
            self.counts.failed += 1
            return self._finish(item, row, "failed", f"listing answered HTTP {result.status}")
        try:
            html, _encoding = decode_html(result.body(), declared=result.header("Content-Type"))
        except (FetchError, ParseError) as exc:
            self.counts.failed += 1
            return self._finish(item, row, "failed", str(exc))
        page_url = self.profile.site_url(result.final_url)
        links = [canonical_url(u) for u in article_links(html, page_url)]
        with self.archive.transaction():
            for link in links:
                if self.profile.is_article(link):
                    self.frontier.add(link, self.profile.name, ARTICLE)
            following = next_page(html, page_url)
            if following and not self.stop_paging and self.profile.owns(following):
                self.frontier.add(canonical_url(following), self.profile.name, LISTING)
            return self._finish(item, row, "done", f"{len(links)} article links")

    def _article(self, item: Item, result: FetchResult, pointer: WarcPointer) -> str:
        row = self._log_row(item, result, pointer)
        try:
            body = result.body()
        except FetchError as exc:
            self.counts.failed += 1
            return self._finish(item, row, "failed", str(exc))
        url = self.profile.site_url(result.final_url)
        reading = ingest.read_response(
            url, result.status, result.content_type, body, truncated=result.truncated
        )
        if reading.article is not None and self._older_than_since(reading.article.published_at):
            self.stop_paging = True
        frontier_status = "done" if reading.article else reading.outcome
        return ingest.store(
            self.archive,
            row,
            reading,
            self.counts,
            also=lambda: self.frontier.finish(item.url, frontier_status, reading.detail),
        )

    def _finish(self, item: Item, row: dict, status: str, detail: str) -> str:
        with self.archive.transaction():
            self.archive.log_fetch({**row, "outcome": status, "detail": detail})
            self.frontier.finish(item.url, status, None if status == "done" else detail)
        return status

    def _older_than_since(self, published_at: str | None) -> bool:
        since = self.options.since
        return bool(since and published_at and published_at[:10] < since.isoformat())


def crawl(
    archive: Archive,
    profiles: list[SiteProfile],
    settings: FetchSettings,
    *,
    command: str,
    options: CrawlOptions,
    progress: ProgressHook | None = None,
) -> tuple[int, RunCounts]:
    """Crawl each site in turn within one recorded run; returns the run id and its counts."""
    run_id = archive.start_run(command, [p.name for p in profiles])
    counts = RunCounts()
    status = "interrupted"
    warc = WarcWriter(archive.warc_dir)
    # robots.txt answers are responses too: they go to the WARC like every other.
    fetcher = Fetcher(settings, on_robots=warc.write)
    try:
        for profile in profiles:
            SiteCrawl(archive, profile, fetcher, warc, run_id, counts, options, progress).run()
        status = "completed"
    finally:
        fetcher.close()
        warc.close()
        archive.finish_run(run_id, counts, status)
    return run_id, counts
