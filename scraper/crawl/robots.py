"""robots.txt, fetched once per origin and kept for the Fetcher's lifetime (one run).

Availability follows RFC 9309: a 4xx robots.txt means no rules (allow all); a 5xx, a 429
or an unreachable server means the host is treated as fully disallowed for this run, the
conservative reading, and the ``RobotsDisallowed`` error says so and is marked
``transient``: the crawler tries those pages again in a later run. robots.txt redirects
are held to the crawl's scope like any request: one leaving it is not followed, and the
host is deferred the same way. Rules are matched with protego against our product
token, and ``Crawl-delay`` is reported to the caller.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from protego import Protego

from scraper.web.errors import RobotsDisallowed, RobotsUnavailable
from scraper.web.response import FetchError, FetchResult
from scraper.web.settings import FetchSettings
from scraper.web.urls import Scope, resolve_location

log = logging.getLogger(__name__)

# RFC 9309 section 2.3.1.2: follow at least five redirects; section 2.5: parse at least
# 500 KiB.
MAX_ROBOTS_REDIRECTS = 5
MAX_ROBOTS_BYTES = 500 * 1024


@dataclass(frozen=True, slots=True)
class _Rules:
    parser: Protego | None  # None: no rules, everything allowed
    blocked_reason: str | None = None  # set: the whole origin is off limits this run
    unanswered: bool = False  # blocked because the host never answered (connection level)
    digest: str | None = None  # sha256 of the robots.txt read; None if none was read


class RobotsCache:
    """Per-origin robots.txt rules, fetched lazily through the Fetcher's own machinery."""

    def __init__(
        self,
        settings: FetchSettings,
        fetch_hop: Callable[[str, dict[str, str]], FetchResult],
        on_response: Callable[[FetchResult], None] | None = None,
    ) -> None:
        self._agent = settings.robots_agent
        self._fetch_hop = fetch_hop
        self._on_response = on_response
        self._rules: dict[str, _Rules] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def check(self, url: str, scope: Scope | None = None) -> float | None:
        """Raise ``RobotsDisallowed`` unless ``url`` may be fetched; return the Crawl-delay."""
        rules = self._rules_for(url, scope)
        if rules.blocked_reason:
            raise RobotsUnavailable(url, rules.blocked_reason, connection=rules.unanswered)
        if rules.parser is None:
            return None
        if not rules.parser.can_fetch(url, self._agent):
            raise RobotsDisallowed(url)
        return rules.parser.crawl_delay(self._agent)

    def sitemaps(self, url: str, scope: Scope | None = None) -> tuple[str, ...]:
        """The ``Sitemap:`` URLs of the robots.txt that governs ``url``, as written."""
        rules = self._rules_for(url, scope)
        return tuple(rules.parser.sitemaps) if rules.parser is not None else ()

    def digest(self, url: str) -> str | None:
        """The sha256 of the robots.txt read for ``url``'s origin (None: none read)."""
        return self._rules_for(url).digest

    def _rules_for(self, url: str, scope: Scope | None = None) -> _Rules:
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            rules = self._rules.get(origin)
            if rules is None:
                rules = self._rules[origin] = self._load(origin + "/robots.txt", scope)
            return rules

    def _load(self, robots_url: str, scope: Scope | None) -> _Rules:
        current = robots_url
        hops: list[FetchResult] = []
        try:
            for _ in range(MAX_ROBOTS_REDIRECTS + 1):
                result = self._fetch_hop(current, {})
                location = result.header("Location")
                if 300 <= result.status < 400 and location:
                    hops.append(result)
                    current = resolve_location(current, location)
                    if scope is not None and not scope.allows(current):
                        self._report(replace(hops[-1], url=robots_url, hops=tuple(hops[:-1])))
                        reason = (
                            f"robots.txt redirects out of scope, to {current};"
                            " host skipped for this run"
                        )
                        log.warning("%s: %s", robots_url, reason)
                        return _Rules(None, reason)
                    continue
                self._report(replace(result, url=robots_url, hops=tuple(hops)))
                return self._rules_from(robots_url, result)
        except FetchError as error:
            if error.result is not None:
                self._report(replace(error.result, url=robots_url, hops=tuple(hops)))
            reason = f"robots.txt unreachable ({error.reason}); host skipped for this run"
            log.info("%s: %s", robots_url, reason)  # each page reports it, as failed
            return _Rules(None, reason, unanswered=error.result is None)
        self._report(replace(hops[-1], url=robots_url, hops=tuple(hops[:-1])))
        log.warning("%s: too many redirects; treated as absent", robots_url)
        return _Rules(None)

    def _report(self, result: FetchResult) -> None:
        if self._on_response is not None:
            self._on_response(result)

    def _rules_from(self, robots_url: str, result: FetchResult) -> _Rules:
        status = result.status
        if status == 429 or status >= 500:
            reason = f"robots.txt answered HTTP {status}; host skipped for this run"
            log.info("%s: %s", robots_url, reason)
            return _Rules(None, reason)
        if status >= 400:
            log.info("%s: HTTP %s, no rules", robots_url, status)
            return _Rules(None, digest=hashlib.sha256(b"").hexdigest())  # as an empty file
        if not 200 <= status < 300:
            log.warning("%s: unexpected HTTP %s; treated as absent", robots_url, status)
            return _Rules(None)
        try:
            text = result.body()[:MAX_ROBOTS_BYTES].decode("utf-8", "replace")
        except FetchError as error:
            reason = f"robots.txt unreadable ({error.reason}); host skipped for this run"
            return _Rules(None, reason)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return _Rules(Protego.parse(text), digest=digest)
