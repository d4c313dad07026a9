"""Re-checking archived articles: what a page fetched again says, and what it changes.

For each article due (`scraper.archive.schedule`) or named (`tuyengiao recheck`):

1. a conditional GET (the last response's validators); every response to the WARC;
2. a 304, or the same payload, is a `revisit` record: the article is there, unchanged;
3. another page is parsed and compared with the archived record (`parsers.compare`):
   a change of title, dates, byline, persons, documents or text archives a new
   version and records an `edited` event; a change of page furniture only is logged
   `unchanged` and makes no version;
4. an answer that says the article is gone — 404/410 (`gone`), 401/403/451
   (`access_denied`), a redirect to the home page or a section (`redirected`), a
   redirect to another article (`replaced`; to the same article elsewhere it is
   `moved`), a 200 page that is no article or is the site's not-found page
   (`soft_404`) — is *evidence*, held until the end of the site's run;
5. network failures and 5xx answers are outages: nothing but a retry an hour later.

At the end (`settle`) the evidence counts only if the site's other pages answered in
this run (a listing read, another article answering, else its first listing page is
fetched to see): then each URL moves towards `removed` (`scraper.archive.changes`).
Otherwise the site was down and nothing is recorded but the fetches.
"""

from __future__ import annotations

import json
import random
import secrets
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from parsers import Article
from parsers.compare import compare
from scraper.archive import changes, ingest, schedule
from scraper.archive.changes import Evidence, Page
from scraper.archive.recheck import Recheck, rechecks
from scraper.archive.store import now_iso
from scraper.crawl.frontier import ARTICLE, Item
from scraper.warc.writer import payload_digest, read_response
from scraper.web.errors import CorruptWarc
from scraper.web.response import FetchError, FetchResult
from scraper.web.urls import canonical_url

if TYPE_CHECKING:
    from scraper.crawl.site import SiteCrawl

GONE, DENIED = frozenset({404, 410}), frozenset({401, 403, 451})
SOFT_404_SIMILARITY = 0.8  # a page this close to the site's not-found page is one
SUSPICIOUS_SIMILARITY = 0.5  # an "edit" keeping less of the text is compared with it
MOVED_SIMILARITY = 0.8  # a redirect to a page with its title and this much text: moved


class Rechecks:
    """The re-checks of one site in one run."""

    def __init__(self, crawl: SiteCrawl, rng: random.Random | None = None) -> None:
        self.crawl = crawl
        self.archive = crawl.archive
        self.profile = crawl.profile
        self.rng = rng or random.Random()
        self.answered = 0  # re-checked articles that were there (unchanged, edited, moved)
        self.evidence: list[tuple[Evidence, str | None]] = []
        self._not_found: Article | bool | None = False  # False: not probed yet

    def due(self) -> list[Recheck]:
        """The archived articles to re-check in this run (none for a plain crawl)."""
        options = self.crawl.options
        chosen = options.recheck
        db, site = self.archive.db, self.profile.name
        with self.archive.transaction():
            schedule.enrol(db, self.rng)
            if not options.update and chosen is None:
                return []
            if chosen is None:
                budget = options.recheck_budget
                recent = schedule.recent(db, site, options.recheck_days)
                found = recent + schedule.due(db, site, time.time(), budget)
                found = list(dict.fromkeys(found))[:budget]
            elif chosen.scheduled:
                found = schedule.due(db, site, time.time(), None)
            else:
                found = schedule.select(
                    db, site, older_than_days=chosen.older_than_days, urls=chosen.urls
                )
        return rechecks(self.archive, found)

    # -- one article ----------------------------------------------------------------------
    def check(self, recheck: Recheck) -> str:
        crawl = self.crawl
        item = Item(recheck.url, self.profile.name, ARTICLE, 1)
        result = crawl._fetch(
            item, etag=recheck.etag, last_modified=recheck.last_modified, frontier=False
        )
        if isinstance(result, str):
            return self._outage(recheck, schedule.seconds(now_iso()))
        crawl.counts.fetched += 1
        site_url = self.profile.site_url(result.final_url)
        target = canonical_url(site_url)
        moved = bool(result.hops) and target != canonical_url(recheck.url)
        same = recheck.digest and payload_digest(result.raw_body) == recheck.digest
        if not moved and (result.status == 304 or (result.status == 200 and same)):
            return self._revisit(recheck, item, result)
        row = crawl._log_row(item, result, crawl.warc.write(result, site_url=site_url))
        row["article_id"] = recheck.article_id
        page = self._page(recheck, result)
        if moved:
            return self._redirected(recheck, page, result, row, target)
        if result.status in GONE | DENIED:
            kind = "gone" if result.status in GONE else "access_denied"
            return self._suspect(page, row, Evidence(page, kind, result.status))
        if result.status != 200 or result.truncated:
            why = "body over the size cap" if result.truncated else f"HTTP {result.status}"
            self._log(row, "truncated" if result.truncated else "failed", why)
            return self._outage(recheck, schedule.seconds(page.at))
        reading = self._read(site_url, result)
        if reading.outcome == "not_article":
            return self._suspect(page, row, Evidence(page, "soft_404", 200))
        if reading.article is None:
            self._log(row, reading.outcome, reading.detail)
            return self._outage(recheck, schedule.seconds(page.at))
        return self._compared(recheck, page, row, reading.article)

    @staticmethod
    def _read(url: str, result: FetchResult) -> ingest.Reading:
        """The 200 response parsed; a body that cannot be decoded (or was cut at the size
        cap) is `failed`, which proves nothing either way."""
        if result.truncated:
            return ingest.Reading("truncated", detail="body over the size cap")
        try:
            body = result.body()
        except FetchError as exc:
            return ingest.Reading("failed", detail=str(exc))
        return ingest.read_response(url, 200, result.content_type, body)

    def _page(self, recheck: Recheck, result: FetchResult) -> Page:
        return Page(
            recheck.article_id,
            recheck.url,
            self.profile.name,
            result.fetched_at,
            None,
            self.crawl.run_id,
        )

    def _stored(self, article_id: int) -> tuple[str, dict, int | None, str | None]:
        """The article's canonical URL, record, the fetch it came from and when it was
        last seen (its last fetch that gave the article)."""
        db = self.archive.db
        with self.archive.transaction():  # the connection is shared by the sites' threads
            canonical, record, fetch_id = db.execute(
                "SELECT canonical_url, record, fetch_id FROM articles WHERE id = ?", [article_id]
            ).fetchone()
            seen = db.execute(
                "SELECT max(fetched_at) FROM fetches WHERE article_id = ?"
                " AND outcome IN ('new', 'updated', 'unchanged')",
                [article_id],
            ).fetchone()[0]
        return canonical, json.loads(record), fetch_id, seen

    def _revisit(self, recheck: Recheck, item: Item, result: FetchResult) -> str:
        crawl = self.crawl
        why = "not modified (HTTP 304)" if result.status == 304 else "identical payload"
        try:
            if recheck.original is None:
                raise CorruptWarc("-", 0, "no earlier response archived")
            pointer = crawl.warc.write_revisit(result, recheck.original)
        except (CorruptWarc, OSError) as exc:
            pointer = crawl.warc.write(result)  # the original record is gone or damaged
            why += f"; stored in full, the earlier record is unreadable: {exc}"
        row = {**crawl._log_row(item, result, pointer), "article_id": recheck.article_id}
        return self._alive(self._page(recheck, result), row, "unchanged", f"revisit: {why}")

    def _alive(self, page: Page, row: dict, outcome: str, detail: str | None) -> str:
        """The article answered: log it, close any removal, reschedule."""
        self.answered += 1
        with self.archive.transaction():
            fetch_id = self.archive.log_fetch({**row, "outcome": outcome, "detail": detail})
            page = replace(page, fetch_id=fetch_id)
            event = changes.answered(self.archive.db, page)
            now = schedule.seconds(page.at) or 0.0
            schedule.checked(
                self.archive.db, page.article_id, now, self.rng, seen=True,
                changed=event == "restored",
            )  # fmt: skip
        self._counted(row, outcome, detail)
        if event == "restored":
            self._emit(page, "restored")
        return outcome

    def _compared(self, recheck: Recheck, page: Page, row: dict, article: Article) -> str:
        canonical, old, old_fetch, seen = self._stored(recheck.article_id)
        article = replace(article, canonical_url=canonical)
        comparison = compare(self._as_parsed_now(recheck, old), article.to_dict())
        if not comparison.changed:
            detail = "page changed, record the same (furniture or markup only)"
            return self._alive(page, row, "unchanged", detail)
        if comparison.similarity < SUSPICIOUS_SIMILARITY and self._is_not_found_page(article):
            return self._suspect(page, row, Evidence(page, "soft_404", 200))
        db = self.archive.db
        self.answered += 1
        with self.archive.transaction():
            fetch_id = self.archive.log_fetch({**row, "outcome": "article"})
            outcome = self.archive.store_article(article, fetched_at=page.at, fetch_id=fetch_id)
            db["fetches"].update(fetch_id, {"outcome": outcome})
            page = replace(page, fetch_id=fetch_id)
            version_id = db.execute(
                "SELECT max(id) FROM article_versions WHERE article_id = ?", [page.article_id]
            ).fetchone()[0]
            db["article_versions"].update(version_id, {"fetch_id": old_fetch})
            changes.record_edit(db, page, comparison, version_id, seen)
            event = changes.answered(db, page)
            now = schedule.seconds(page.at) or 0.0
            schedule.checked(db, page.article_id, now, self.rng, seen=True, changed=True)
        self._counted(row, outcome, None)
        self._emit(page, "edited", fields=list(comparison.fields),
                   substantive=comparison.substantive)  # fmt: skip
        if event == "restored":
            self._emit(page, "restored")
        return outcome

    def _as_parsed_now(self, recheck: Recheck, stored: dict) -> dict:
        """The archived version as the current parsers read it: its response parsed again
        from the WARC, so that a parser improved since it was archived is not taken for an
        edit by the site. The stored record when the response cannot be read."""
        if recheck.original is None:
            return stored
        try:
            response = read_response(self.archive.warc_dir, recheck.original)
        except (CorruptWarc, OSError, ValueError):
            return stored
        content_type = response.header("Content-Type")
        reading = ingest.read_response(response.page_url, 200, content_type, response.body)
        return reading.article.to_dict() if reading.article is not None else stored

    def _redirected(
        self, recheck: Recheck, page: Page, result: FetchResult, row: dict, target: str
    ) -> str:
        """A redirect away from the article: to the home page or a section (`redirected`),
        to the same article elsewhere (`moved`), to another article (`replaced`)."""
        if result.status in GONE | DENIED:
            kind = "gone" if result.status in GONE else "access_denied"
            return self._suspect(page, row, Evidence(page, kind, result.status, target))
        if result.status == 304:  # the archived page's validators match there: moved
            return self._moved(page, row, target)
        if result.status != 200:
            self._log(row, "failed", f"redirected to {target}: HTTP {result.status}")
            return self._outage(recheck, schedule.seconds(page.at))
        if not self.profile.is_article(target):
            return self._suspect(page, row, Evidence(page, "redirected", 200, target))
        with self.archive.transaction():
            other = self.archive.article_id_for_url(target)
        reading = self._read(target, result)
        if reading.outcome in ("failed", "truncated"):  # unreadable: proves nothing
            self._log(row, reading.outcome, f"redirected to {target}: {reading.detail}")
            return self._outage(recheck, schedule.seconds(page.at))
        if reading.article is not None and other in (None, recheck.article_id):
            _, old, _, _ = self._stored(recheck.article_id)
            if _same_article(old, reading.article.to_dict()):
                return self._moved(page, row, target)
        return self._suspect(page, row, Evidence(page, "replaced", 200, target))

    def _moved(self, page: Page, row: dict, target: str) -> str:
        _, _, _, seen = self._stored(page.article_id)
        outcome = self._alive(page, row, "unchanged", f"moved to {target}")
        with self.archive.transaction():
            moved = changes.record_moved(self.archive.db, page, target, seen)
        if moved:
            self._emit(page, "moved", target=target)
        return outcome

    def _suspect(self, page: Page, row: dict, evidence: Evidence) -> str:
        """Log the failure; the evidence waits for `settle`."""
        where = f" → {evidence.target_url}" if evidence.target_url else ""
        detail = f"removal evidence: {evidence.kind} (HTTP {evidence.http_status}){where}"
        fetch_id = self._log(row, "failed", detail)
        _, _, _, seen = self._stored(page.article_id)
        self.evidence.append((replace(evidence, page=replace(page, fetch_id=fetch_id)), seen))
        return "failed"

    def _outage(self, recheck: Recheck, now: float | None) -> str:
        with self.archive.transaction():
            schedule.check_again_after(
                self.archive.db, recheck.article_id, now or 0.0, schedule.RETRY_OUTAGE
            )
        return "failed"

    def _log(self, row: dict, outcome: str, detail: str | None) -> int:
        with self.archive.transaction():
            fetch_id = self.archive.log_fetch({**row, "outcome": outcome, "detail": detail})
        self._counted(row, outcome, detail)
        return fetch_id

    def _counted(self, row: dict, outcome: str, detail: str | None) -> None:
        self.crawl.counts.add(outcome)
        self.crawl._emit_fetch(row, outcome, detail)

    def _emit(self, page: Page, kind: str, **extra: object) -> None:
        self.crawl.ctx.events.emit("change", site=page.site, url=page.url, kind=kind, **extra)

    # -- the site as a whole --------------------------------------------------------------
    def _is_not_found_page(self, article: Article) -> bool:
        """Does `article` read like the site's answer to a page that never existed? The
        answer is fetched once a run, at a random path, when a page changed too much."""
        if self._not_found is False:
            self._not_found = None
            url = f"{self.profile.base_url}/khong-ton-tai-{secrets.token_hex(6)}"
            result = self._fetch_other(url, "not-found probe")
            if result is not None and result.status == 200:
                reading = self._read(url, result)
                self._not_found = reading.article
        probe = self._not_found
        if not isinstance(probe, Article):
            return False
        found = compare(probe.to_dict(), article.to_dict())
        return probe.title == article.title or found.similarity >= SOFT_404_SIMILARITY

    def _fetch_other(self, url: str, why: str) -> FetchResult | None:
        """Fetch a page that is no article of the archive (a probe); logged, in the WARC."""
        item = Item(url, self.profile.name, ARTICLE, 1)
        result = self.crawl._fetch(item, frontier=False)
        if isinstance(result, str):
            return None
        pointer = self.crawl.warc.write(result, site_url=self.profile.site_url(result.final_url))
        row = self.crawl._log_row(item, result, pointer)
        with self.archive.transaction():
            self.archive.log_fetch({**row, "outcome": "done", "detail": why})
        return result

    def _site_answers(self, site_answered: bool) -> bool:
        if site_answered or self.answered:
            return True
        start = (self.profile.start_urls or [self.profile.base_url + "/"])[0]
        result = self._fetch_other(start, "site check before recording removals")
        return result is not None and result.status == 200

    def settle(self, site_answered: bool) -> None:
        """Record the run's removal evidence if the site answered (see the module doc);
        give the articles archived in this run their schedule."""
        with self.archive.transaction():
            schedule.enrol(self.archive.db, self.rng)
        if not self.evidence:
            return
        up = self._site_answers(site_answered)
        db = self.archive.db
        confirmed = []
        with self.archive.transaction():
            for evidence, seen in self.evidence:
                page = evidence.page
                now = schedule.seconds(page.at) or 0.0
                if not up:
                    schedule.check_again_after(db, page.article_id, now, schedule.RETRY_OUTAGE)
                    continue
                state = changes.removal_evidence(db, evidence, seen)
                if state == "suspect":
                    wait = schedule.SUSPECT_WAIT * self.rng.uniform(0.9, 1.0)
                    schedule.check_again_after(db, page.article_id, now, wait)
                else:
                    schedule.checked(
                        db, page.article_id, now, self.rng, seen=False,
                        changed=state == "removed",
                    )  # fmt: skip
                if state == "removed":
                    confirmed.append(evidence)
        for evidence in confirmed:
            self._emit(evidence.page, "removed", removal=evidence.kind)
        self.evidence.clear()


def _same_article(old: dict, new: dict) -> bool:
    """Is the page a redirect led to the archived article itself (moved, perhaps lightly
    edited), not another one? Same title, and most of the text."""
    found = compare(old, new)
    return "title" not in found.fields and found.similarity >= MOVED_SIMILARITY
