"""One site's crawl: frontier → fetch → WARC → parse → archive, one page at a time.

Order of work for each page, which is what makes a crawl safe to kill:
1. the response is fetched and written to the WARC file (fsynced) — raw first;
2. then, in one database transaction, the fetch-log row pointing into the WARC, the
   parsed record (or the reason there is none) and the frontier status are written.
A kill between 1 and 2 leaves a WARC record without a log row and the URL in progress;
the next run queues it again and fetches it again. Nothing is archived twice because
articles are keyed by canonical URL.

Discovery pages are section listings (with their pagination), sitemaps (indexes and
gzipped files too; the profile's and those robots.txt names) and RSS/Atom feeds; every
link they give that matches the site's article URL pattern is queued. In `update` mode a
listing's next page is followed only while the page lists at least one article not
already fetched (see ``_paging_stops``).

Nothing is followed without a bound (``scraper.crawl.bounds``). A cause that passes
(robots.txt unreachable, a redirect out of scope, a Crawl-delay over the cap, a network
failure) ends the page as `failed`, tried again on the frontier's schedule; only a
robots.txt rule makes it `skipped`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urljoin

from parsers import ParseError, decode_html
from parsers.listing import article_links, next_page
from scraper.archive import ingest
from scraper.archive.health import NO_ARTICLES, compute_health, judge_and_record
from scraper.archive.store import Archive, RunCounts, now_iso
from scraper.crawl.bounds import RunBounds, path_of, requeue_if_robots_changed
from scraper.crawl.discover import Found, NotAFeed, modified_since, read_feed, read_sitemap
from scraper.crawl.events import EventLog
from scraper.crawl.fetch import Fetcher
from scraper.crawl.frontier import ARTICLE, FEED, LISTING, SITEMAP, Frontier, Item
from scraper.crawl.recheck import Rechecks
from scraper.sites.registry import SiteProfile, parser_registry
from scraper.warc.writer import WarcPointer, WarcWriter
from scraper.web.content import OverCap
from scraper.web.errors import (
    OutOfScope,
    RobotsDisallowed,
    RobotsUnavailable,
    Stopped,
)
from scraper.web.response import FetchError, FetchResult
from scraper.web.urls import canonical_url

log = logging.getLogger(__name__)


ProgressHook = Callable[[Item, str, RunCounts], None]


@dataclass(frozen=True, slots=True)
class Selection:
    """Articles to re-check now, outside the schedule (`tuyengiao recheck`): those at
    ``urls``, else those published more than ``older_than_days`` ago, else (``all``)
    every one; with none of these, the articles the schedule has due."""

    all: bool = False
    older_than_days: int | None = None
    urls: tuple[str, ...] = ()

    @property
    def scheduled(self) -> bool:
        return not (self.all or self.older_than_days is not None or self.urls)


@dataclass(frozen=True, slots=True)
class CrawlOptions:
    """``update`` walks listings only as far as new articles go and re-checks the archived
    articles the schedule has due (at most ``recheck_budget`` a site), with conditional
    requests. ``recheck`` (a selection) re-checks articles and discovers nothing."""

    max_articles: int | None = None
    since: date | None = None
    update: bool = False
    recheck_budget: int | None = 200
    recheck_days: int = 0  # also re-check, at every run, articles published within N days
    recheck: Selection | None = None
    workers: int = 4
    max_listing_pages: int = 1000  # a site's listing pages read in one run, all listings
    max_sitemaps: int = 1000  # a site's sitemaps read in one run, indexes included


@dataclass(slots=True)
class RunContext:
    """What every site's crawl in one run shares."""

    archive: Archive
    fetcher: Fetcher
    warc: WarcWriter
    run_id: int
    options: CrawlOptions
    events: EventLog
    stop: threading.Event
    progress: ProgressHook | None = None
    sites: list[SiteCrawl] = field(default_factory=list)

    def totals(self) -> RunCounts:
        total = RunCounts()
        for site in self.sites:
            total.merge(site.counts)
        return total


class SiteCrawl:
    """One site's crawl within a run. ``failure`` says why the site failed, if it did."""

    def __init__(self, ctx: RunContext, profile: SiteProfile) -> None:
        self.ctx = ctx
        self.archive = ctx.archive
        self.profile = profile
        self.fetcher = ctx.fetcher
        self.warc = ctx.warc
        self.run_id = ctx.run_id
        self.options = ctx.options
        self.counts = RunCounts()
        self.frontier = Frontier(ctx.archive.db)
        self.articles_done = 0
        self.stop_paging = False
        self.sources = {canonical_url(url): kind for url, kind in self._sources()}
        self.reached = set(self.sources)  # discovery pages queued this run: no loops
        self.sources_read = 0
        self.source_errors: list[str] = []
        self.failure: str | None = None
        self.health = NO_ARTICLES  # fields found in this run's new articles
        self.parser_errors = 0  # pages, listings, sitemaps or feeds a reader failed on
        self.warnings: list[str] = []
        self.answered = False  # any answer from the site's hosts, robots.txt's included
        self.bounds = RunBounds(
            profile.name, ctx.options.max_listing_pages, ctx.options.max_sitemaps, ctx.events
        )
        self.bounds.listing_pages = sum(kind == LISTING for kind in self.sources.values())
        self.bounds.sitemap_depth = {u: 0 for u, kind in self.sources.items() if kind == SITEMAP}

    def _sources(self) -> list[tuple[str, str]]:
        base = self.profile.base_url
        return [
            *((url, LISTING) for url in self.profile.start_urls),
            *((urljoin(base, path), SITEMAP) for path in self.profile.sitemaps),
            *((urljoin(base, path), FEED) for path in self.profile.feeds),
        ]

    def _robots_sitemaps(self) -> list[str]:
        """The site's sitemaps named by its robots.txt (`Sitemap:` lines) and not by its
        profile: discovery that does not depend on the profile's guesses of paths. Those
        on other hosts are left alone."""
        found = []
        base = self.profile.fetch_url(self.profile.base_url)
        for raw in self.fetcher.robots_sitemaps(base, self.profile.fetch_scope):
            try:
                url = canonical_url(self.profile.site_url(raw))
            except ValueError:
                continue
            if self.profile.owns(url) and url not in self.sources:
                found.append(url)
        return found

    def run_safely(self) -> None:
        """Run; whatever happens, one site's trouble ends only that site's crawl."""
        try:
            self.run()
        except Stopped:
            pass  # the run is ending: the page in hand stays queued for the next one
        except Exception as exc:
            log.debug("%s: crawl stopped by an unexpected error", self.profile.name, exc_info=True)
            self.failure = f"unexpected {type(exc).__name__}: {exc}"
        if self.failure is None and self.source_errors and not self.sources_read:
            self.failure = "no listing, sitemap or feed could be read: " + self.source_errors[0]
        if self.failure:
            self.ctx.events.emit("error", site=self.profile.name, error=self.failure)
        else:
            self._judge_health()
        self.ctx.events.emit(
            "site_end",
            site=self.profile.name,
            site_failed=bool(self.failure),
            **self.counts.as_row(),
        )

    def _judge_health(self) -> None:
        """Compare the share of complete new records with the site's history."""
        with self.archive.transaction():
            self.warnings = judge_and_record(
                self.archive.db, self.ctx.run_id, self.profile.name, self.health, self.parser_errors
            )
        for warning in self.warnings:
            self.ctx.events.emit("health_warning", site=self.profile.name, warning=warning)

    def run(self) -> None:
        site = self.profile.name
        for url in self._robots_sitemaps():  # a request: before, not in, the transaction
            self.sources[url] = SITEMAP
            self.bounds.sitemap_depth[url] = 0
            self.reached.add(url)
        with self.archive.transaction():
            self.frontier.recover(site)
            self.frontier.requeue(site)
            base = self.profile.fetch_url(self.profile.base_url)
            digest = self.fetcher.robots_digest(base)
            requeue_if_robots_changed(self.archive, self.frontier, site, digest)
            for url, kind in self.sources.items():
                self.frontier.reach(url, site, kind)
        rechecks = Rechecks(self)
        for recheck in rechecks.due():
            if self.ctx.stop.is_set():
                return
            self._report(rechecks.check(recheck), Item(recheck.url, site, ARTICLE, 1))
        while self.options.recheck is None and not self._enough() and not self.ctx.stop.is_set():
            with self.archive.transaction():
                item = self.frontier.next(site)
            if item is None:
                break
            self._report(self._process(item), item)
        if not self.ctx.stop.is_set():
            rechecks.settle(site_answered=self.sources_read > 0)

    def _report(self, outcome: str, item: Item) -> None:
        if self.ctx.progress:
            self.ctx.progress(item, outcome, self.ctx.totals())

    def _enough(self) -> bool:
        limit = self.options.max_articles
        return limit is not None and self.articles_done >= limit

    def _fetch(
        self, item: Item, *, frontier: bool = True, **conditions: str | None
    ) -> FetchResult | str:
        """The response for ``item``, or the outcome already recorded when there is none.
        ``frontier``: the item is the frontier's (a re-check's or a probe's is not)."""
        fetch_url = self.profile.fetch_url(item.url)
        try:
            result = self.fetcher.fetch(fetch_url, scope=self.profile.fetch_scope, **conditions)
        except RobotsUnavailable as exc:
            self.answered |= not exc.connection
            row = self._bare_row(item, fetch_url)
            return self._finish(item, row, "failed", str(exc), frontier=frontier)
        except RobotsDisallowed as exc:
            status = "failed" if exc.transient else "skipped"
            row = self._bare_row(item, fetch_url)
            return self._finish(item, row, status, str(exc), frontier=frontier)
        except OutOfScope as exc:  # a passing cause (a maintenance page elsewhere…)
            if not exc.hops:
                row = self._bare_row(item, fetch_url)
                return self._finish(item, row, "failed", str(exc), frontier=frontier)
            self.answered = True
            last = exc.hops[-1]
            chain = replace(last, url=fetch_url, hops=tuple(exc.hops[:-1]))
            row = self._log_row(item, chain, self.warc.write(chain))
            return self._finish(item, row, "failed", str(exc), frontier=frontier)
        except FetchError as exc:
            if exc.result is None:
                row = self._bare_row(item, fetch_url)
                return self._finish(item, row, "failed", str(exc), frontier=frontier)
            self.answered = True
            row = self._log_row(item, exc.result, self.warc.write(exc.result))
            return self._finish(item, row, "failed", str(exc), frontier=frontier)
        self.answered = True
        return result

    def _process(self, item: Item) -> str:
        result = self._fetch(item)
        if isinstance(result, str):
            return result
        self.counts.fetched += 1
        pointer = self.warc.write(result, site_url=self.profile.site_url(result.final_url))
        if item.kind != ARTICLE:
            return self._discovery(item, result, pointer)
        self.articles_done += 1
        return self._article(item, result, pointer)

    def _bare_row(self, item: Item, fetch_url: str) -> dict:
        return {
            "run_id": self.run_id,
            "url": item.url,
            "fetch_url": fetch_url,
            "fetched_at": now_iso(),
            "attempts": item.attempts,
        }

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
            "warc_payload_digest": pointer.payload_digest,
            "payload_sha256": pointer.sha256,
            "etag": result.header("ETag"),
            "last_modified": result.header("Last-Modified"),
        }

    def _discovery(self, item: Item, result: FetchResult, pointer: WarcPointer) -> str:
        row = self._log_row(item, result, pointer)
        if result.status != 200:
            return self._finish(item, row, "failed", f"{item.kind} answered HTTP {result.status}")
        following = None
        try:
            if item.kind == LISTING:
                if not ingest.is_html(result.content_type):
                    raise ParseError(f"listing is {result.content_type}, not HTML")
                html, _ = decode_html(result.body(), declared=result.header("Content-Type"))
                page_url = self.profile.site_url(result.final_url)
                found = Found(tuple(article_links(html, page_url, parser_registry())))
                following = next_page(html, page_url, parser_registry())
            elif item.kind == SITEMAP:
                found = read_sitemap(result.body(), self.fetcher.settings.max_decoded_bytes)
            else:
                found = read_feed(result.body(), self.fetcher.settings.max_decoded_bytes)
        except (FetchError, ParseError, NotAFeed) as exc:
            return self._finish(item, row, "failed", str(exc))
        except Exception as exc:  # a bug in a reader: this source fails, the crawl goes on
            detail = f"{item.kind} reader error: {type(exc).__name__}: {exc}"
            self.parser_errors += 1
            log.warning("%s: %s on %s", self.profile.name, detail, item.url)
            log.debug("%s on %s", detail, item.url, exc_info=True)
            return self._finish(item, row, "failed", detail)
        with self.archive.transaction():
            new = self._queue(found.pages, ARTICLE)
            self._queue_sitemaps(item.url, self._changed(found.sitemaps))
            detail = f"{len(found.pages)} links, {new} never tried before"
            if following and not self.stop_paging and self.profile.owns(following):
                if self._paging_stops(new):
                    detail += "; paging stops here"
                elif not self.bounds.may_page():
                    detail += "; paging stops here: listing-page cap reached"
                else:
                    self.bounds.listing_pages += self._queue((following,), LISTING)
            return self._finish(item, row, "done", detail)

    def _changed(self, sitemaps: tuple[tuple[str, str | None], ...]) -> tuple[str, ...]:
        """The sitemaps of an index to read: all of them for `crawl`; for `update`, those
        never read or whose ``<lastmod>`` is later than their last reading (no lastmod:
        read, since there is no telling)."""
        if not self.options.update:
            return tuple(url for url, _ in sitemaps)
        wanted = []
        for url, lastmod in sitemaps:
            try:
                read_at = self.frontier.ended_at(canonical_url(self.profile.site_url(url)))
            except ValueError:
                continue
            if read_at is None or modified_since(lastmod, read_at):
                wanted.append(url)
        return tuple(wanted)

    def _paging_stops(self, new: int) -> bool:
        """The update rule: a listing page whose article links have all been tried before
        (archived, or ended otherwise, e.g. a 404) or that lists none is where the new
        articles end; older pages are not walked."""
        return self.options.update and new == 0

    def _queue_sitemaps(self, index_url: str, urls: tuple[str, ...]) -> None:
        """Queue the sitemaps an index names, within the depth and count caps."""
        depth = self.bounds.child_depth(index_url) if urls else None
        for raw in urls if depth is not None else ():
            if not self.bounds.sitemap_room():
                return
            before = len(self.reached)
            self._queue((raw,), SITEMAP)
            if len(self.reached) > before:
                self.bounds.sitemap_depth[canonical_url(self.profile.site_url(raw))] = depth

    def _queue(self, urls: tuple[str, ...], kind: str) -> int:
        """Queue the site's URLs of ``kind``; returns how many were never tried before."""
        count = 0
        for raw in urls:
            try:
                url = canonical_url(self.profile.site_url(raw))
            except ValueError:
                continue
            if kind == ARTICLE:
                path_names_it = bool(self.profile.article_pattern.fullmatch(path_of(url)))
                if self.profile.is_article(url) and not self.bounds.too_many_variants(
                    self.frontier, path_names_it, url
                ):
                    added = self.frontier.add(url, self.profile.name, ARTICLE)
                    count += added or not self.frontier.is_known(url)
            elif self.profile.owns(url) and url not in self.reached:
                self.reached.add(url)
                count += self.frontier.reach(url, self.profile.name, kind)
        return count

    def _article(self, item: Item, result: FetchResult, pointer: WarcPointer) -> str:
        row = self._log_row(item, result, pointer)
        try:
            body = b"" if result.status != 200 or result.truncated else result.body()
        except FetchError as exc:
            status = "truncated" if isinstance(exc.__cause__, OverCap) else "failed"
            return self._finish(item, row, status, str(exc))
        url = self.profile.site_url(result.final_url)
        reading = ingest.read_response(
            url,
            result.status,
            result.content_type,
            body,
            truncated=result.truncated,
            registry=parser_registry(),
            fetched_at=row["fetched_at"],
        )
        self.parser_errors += reading.parser_error
        if reading.article is None:
            detail = reading.detail or reading.outcome
            if reading.outcome == "truncated":
                detail = f"body over {self.fetcher.settings.max_bytes} bytes; not parsed"
            return self._finish(item, row, reading.outcome, detail)
        article = reading.article
        if self._older_than_since(article.published_at):
            self.stop_paging = True
        outcome = ingest.store(
            self.archive,
            row,
            reading,
            self.counts,
            also=lambda: self.frontier.finish(item.url, "done"),
        )
        if outcome == "new":
            self.health += compute_health([article], profiled=self.profile.parser is not None)
        self._emit_fetch(row, outcome, None)
        self.ctx.events.emit(
            "article", site=self.profile.name, url=item.url, outcome=outcome,
            canonical_url=article.canonical_url, title=article.title,
        )  # fmt: skip
        return outcome

    def _finish(
        self, item: Item, row: dict, status: str, detail: str, *, frontier: bool = True
    ) -> str:
        with self.archive.transaction():
            self.archive.log_fetch({**row, "outcome": status, "detail": detail})
            if frontier:
                self.frontier.finish(item.url, status, None if status == "done" else detail)
        if status != "done":
            self.counts.add(status)
        if item.url in self.sources and status != "done":
            self.source_errors.append(detail)
        elif item.url in self.sources:
            self.sources_read += 1
        self._emit_fetch(row, status, detail)
        return status

    def _emit_fetch(self, row: dict, outcome: str, detail: str | None) -> None:
        self.ctx.events.emit(
            "fetch", site=self.profile.name, url=row["url"], fetch_url=row.get("fetch_url"),
            status=row.get("status"), attempts=row.get("attempts"), outcome=outcome,
            detail=detail,
        )  # fmt: skip

    def _older_than_since(self, published_at: str | None) -> bool:
        since = self.options.since
        return bool(since and published_at and published_at[:10] < since.isoformat())
