"""The HTTP fetch layer: the only module that talks to web servers.

``Fetcher.fetch`` obeys robots.txt, keeps a minimum interval per host, retries transient
failures with capped, jittered exponential backoff (honouring ``Retry-After``), follows
redirects itself so every hop is kept, and reads the body exactly as sent, under a size cap.
It never parses HTML. The network is touched in one place, ``Fetcher._send``.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import requests
import urllib3

from scraper.crawl.robots import RobotsCache
from scraper.web.errors import OutOfScope, Stopped
from scraper.web.response import FetchError, FetchResult
from scraper.web.settings import FetchSettings
from scraper.web.urls import Scope, host_of, resolve_location

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
_HTTP_VERSIONS = {9: "HTTP/0.9", 10: "HTTP/1.0", 11: "HTTP/1.1", 20: "HTTP/2"}


class _Transient(Exception):
    """A failure worth retrying (connection error, timeout, dropped body)."""


@dataclass(slots=True)
class _HostSlot:
    """Politeness state of one host. The lock is held for the wait and the whole request.

    The interval runs from the start of one request to the start of the next, as Scrapy's
    DOWNLOAD_DELAY and as robots.txt ``Crawl-delay`` is commonly read; with the lock held
    for the whole request, a host never sees two requests from us at once.
    """

    interval: float
    last_start: float | None = None  # when the previous request to the host was sent
    not_before: float = 0.0  # set by backoff after a failure
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_ok(self) -> float:
        after_last = -float("inf") if self.last_start is None else self.last_start + self.interval
        return max(after_last, self.not_before)


def _quiet_unverified(hosts: frozenset[str]) -> None:
    """Silence urllib3's warning for requests to `hosts`, whose certificates go unchecked.

    urllib3 warns at every such request; here it is a site profile's declared choice,
    which the caller announces once. The filter is process-wide, as warning filters are,
    and names these hosts only: an unverified request to any other host still warns.
    """
    if not hosts:
        return
    names = "|".join(re.escape(host) for host in sorted(hosts))
    warnings.filterwarnings(
        "ignore",
        message=f"Unverified HTTPS request is being made to host '(?:www\\.)?(?:{names})'",
        category=urllib3.exceptions.InsecureRequestWarning,
    )


class Fetcher:
    """Fetches URLs politely. Safe to share between threads; requests to one host queue up.

    ``sleep`` and ``clock`` are injectable so tests can observe waits without waiting.
    Setting ``stop`` (SIGTERM, Ctrl-C) ends any wait at once and any body being read at
    its next chunk, with ``Stopped``.
    ``on_robots`` receives every robots.txt response the fetcher obtains (redirect hops in
    ``hops``), so the caller can archive it like any other response.
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_robots: Callable[[FetchResult], None] | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        self.settings = settings
        self._stop = stop or threading.Event()
        self._sleep = sleep or self._wait
        self._clock = clock
        self._random = random.Random()
        self._session = requests.Session()
        # One pooled connection per host for many hosts crawled side by side.
        adapter = requests.adapters.HTTPAdapter(pool_connections=100, pool_maxsize=4)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers.clear()
        self._session.headers.update(
            {
                "User-Agent": settings.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "Accept-Language": "vi,en;q=0.5",
                # Only what decode_content() can undo, whatever is installed.
                "Accept-Encoding": "gzip, deflate",
            }
        )
        self._slots: dict[str, _HostSlot] = {}
        self._slots_lock = threading.Lock()
        self._doing: dict[int, tuple[str, str, float]] = {}  # thread → url, what, since
        self._robots = RobotsCache(settings, self._fetch_hop, on_robots)
        self._deferred_hosts: set[str] = set()  # warned of an over-long Crawl-delay
        _quiet_unverified(settings.unverified_hosts)

    def _wait(self, seconds: float) -> None:
        """Sleep, unless the run is asked to stop meanwhile. (An event's wait may end a
        little early; the interval to a host is a promise, so the rest is waited too.)"""
        end = self._clock() + seconds
        while (left := end - self._clock()) > 0:
            if self._stop.wait(left):
                raise Stopped()

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def robots_sitemaps(self, url: str, scope: Scope | None = None) -> tuple[str, ...]:
        """The sitemaps named by the robots.txt of ``url``'s origin (fetched if not yet);
        none when robots.txt is not obeyed, absent or unreadable."""
        return self._robots.sitemaps(url, scope) if self.settings.obey_robots else ()

    def robots_digest(self, url: str) -> str | None:
        """sha256 of the robots.txt that governs ``url`` as read this run; None when it
        was not read (not obeyed, unreachable)."""
        return self._robots.digest(url) if self.settings.obey_robots else None

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        scope: Scope | None = None,
    ) -> FetchResult:
        """GET ``url``, following redirects; see the module docstring for the rules.

        Raises ``OutOfScope`` when the URL or a redirect target is outside ``scope``
        (robots.txt and its redirects are held to it too), ``RobotsDisallowed`` before any
        request to a forbidden URL, ``FetchError`` for network failures, exhausted
        retries, too many redirects, a redirect loop or a Crawl-delay over the cap (every
        redirect hop received is in the error's ``result``), and ``Stopped`` when the run
        is asked to stop. Any other HTTP status, 304 and 404 included, is returned.
        """
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise FetchError(url, "not an http(s) URL")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        hops: list[FetchResult] = []
        current = url
        while True:
            if scope is not None and not scope.allows(current):
                raise OutOfScope(current, tuple(hops))
            if self.settings.obey_robots:
                delay = self._robots.check(current, scope)
                if delay is not None:
                    self._obey_crawl_delay(current, delay, hops)
            result = self._fetch_hop(current, headers)
            location = result.header("Location")
            if result.status not in REDIRECT_STATUSES or not location:
                return replace(result, url=url, hops=tuple(hops))
            target = resolve_location(current, location)
            hops.append(result)
            if len(hops) > self.settings.max_redirects:
                why = f"more than {self.settings.max_redirects} redirects"
                raise FetchError(url, why, result=_chain(url, hops))
            if any(hop.final_url == target for hop in hops):
                why = f"redirect loop: {current} -> {target}"
                raise FetchError(url, why, result=_chain(url, hops))
            log.debug("redirect %s %s -> %s", result.status, current, target)
            current = target

    def waiting(self) -> list[tuple[str, str, float]]:
        """The requests in progress: URL, what is being waited for, seconds so far."""
        now = self._clock()
        with self._slots_lock:
            return [(url, what, now - since) for url, what, since in self._doing.values()]

    def _note(self, url: str | None, what: str = "") -> None:
        """Record what this thread waits for (`waiting`); None: nothing any more."""
        with self._slots_lock:
            if url is None:
                self._doing.pop(threading.get_ident(), None)
            else:
                self._doing[threading.get_ident()] = (url, what, self._clock())

    def _obey_crawl_delay(self, url: str, delay: float, hops: list[FetchResult]) -> None:
        """Lengthen the host's interval to ``delay``, unless that is over the cap: then
        the host is deferred (its pages fail this run and are tried again later)."""
        cap = self.settings.max_crawl_delay
        if delay <= cap:
            self._slot(url).interval = max(self.settings.min_interval, delay)
            return
        host = host_of(url)
        why = f"robots.txt asks a Crawl-delay of {delay:g} s, over the {cap:g} s cap; host deferred"
        if host not in self._deferred_hosts:
            self._deferred_hosts.add(host)
            log.warning("%s: %s", host, why)
        raise FetchError(url, why, result=_chain(url, hops) if hops else None)

    def _fetch_hop(self, url: str, headers: dict[str, str]) -> FetchResult:
        """One request/response exchange with retries; redirects are not followed here."""
        self._note(url, "waiting for an answer")
        try:
            return self._exchange(url, headers)
        finally:
            self._note(None)

    def _exchange(self, url: str, headers: dict[str, str]) -> FetchResult:
        settings = self.settings
        attempts = 0
        answered: list[FetchResult] = []  # responses with a retry status, kept for the WARC
        while True:
            attempts += 1
            try:
                result = self._polite_send(url, headers)
            except _Transient as error:
                if attempts > settings.max_retries:
                    raise FetchError(url, f"{error} (gave up after {attempts} attempts)") from None
                self._defer(url, self._backoff(attempts), f"{error}")
                continue
            result = replace(result, attempts=attempts, retried=tuple(answered))
            if result.status not in settings.retry_statuses:
                return result
            answered.append(replace(result, retried=()))
            why = f"HTTP {result.status}"
            if attempts > settings.max_retries:
                raise FetchError(url, f"{why} (gave up after {attempts} attempts)", result=result)
            delay = self._backoff(attempts)
            if result.status in (429, 503):
                wait = retry_after_seconds(result.header("Retry-After"))
                if wait is not None and wait > settings.max_backoff:
                    raise FetchError(
                        url,
                        f"{why} with Retry-After {wait:.0f} s, over the {settings.max_backoff:g}"
                        " s limit; not waiting",
                        result=result,
                    )
                if wait is not None:
                    delay = wait
            self._defer(url, delay, why)

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with "equal jitter": between half and all of the capped delay."""
        base = min(self.settings.max_backoff, self.settings.backoff_base * 2.0 ** (attempt - 1))
        return base * self._random.uniform(0.5, 1.0)

    def _slot(self, url: str) -> _HostSlot:
        host = host_of(url)
        with self._slots_lock:
            slot = self._slots.get(host)
            if slot is None:
                slot = self._slots[host] = _HostSlot(self.settings.min_interval)
            return slot

    def _defer(self, url: str, delay: float, why: str) -> None:
        """Push the host's next allowed request at least ``delay`` seconds into the future."""
        log.info("retrying %s in %.1f s: %s", url, delay, why)
        self._note(url, f"retrying after {why}")
        slot = self._slot(url)
        with slot.lock:
            slot.not_before = max(slot.not_before, self._clock() + delay)

    def _polite_send(self, url: str, headers: dict[str, str]) -> FetchResult:
        slot = self._slot(url)
        with slot.lock:
            wait = slot.next_ok() - self._clock()
            if wait > 0:
                self._sleep(wait)
            slot.last_start = self._clock()
            return self._send(url, headers)

    def _send(self, url: str, headers: dict[str, str]) -> FetchResult:
        """The one place where an HTTP request is made. Reads the whole (capped) body."""
        settings = self.settings
        fetched_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        started = self._clock()
        try:
            response = self._session.get(
                url,
                headers=headers,
                stream=True,
                allow_redirects=False,
                timeout=(settings.connect_timeout, settings.read_timeout),
                verify=settings.verify_tls and host_of(url) not in settings.unverified_hosts,
            )
        except requests.exceptions.SSLError as error:
            raise FetchError(url, f"TLS error: {_short(error)}") from error
        except (requests.exceptions.InvalidURL, ValueError) as error:
            raise FetchError(url, f"invalid URL: {_short(error)}") from error
        except requests.exceptions.ConnectTimeout as error:
            raise _Transient(f"no connection within {settings.connect_timeout:g} s") from error
        except requests.exceptions.Timeout as error:
            raise _Transient(f"timed out: no data for {settings.read_timeout:g} s") from error
        except requests.RequestException as error:
            raise _Transient(f"connection failed: {_short(error)}") from error
        try:
            raw_body, truncated = self._read_raw(response, started)
        except urllib3.exceptions.ReadTimeoutError as error:
            raise _Transient(
                f"timed out reading the body: no data for {settings.read_timeout:g} s"
            ) from error
        except (urllib3.exceptions.HTTPError, requests.RequestException, OSError) as error:
            raise _Transient(f"connection lost while reading the body: {_short(error)}") from error
        finally:
            response.close()
        response_headers = tuple(response.raw.headers.items())
        content_type, charset = parse_content_type(response.headers.get("Content-Type"))
        return FetchResult(
            url=url,
            final_url=url,
            status=response.status_code,
            reason=response.reason or "",
            headers=response_headers,
            raw_body=raw_body,
            content_type=content_type,
            charset=charset,
            fetched_at=fetched_at,
            elapsed=self._clock() - started,
            attempts=1,
            truncated=truncated,
            http_version=_HTTP_VERSIONS.get(response.raw.version, "HTTP/1.1"),
            request_headers=(("Host", urlsplit(url).netloc), *response.request.headers.items()),
            max_decoded_bytes=settings.max_decoded_bytes,
        )

    def _read_raw(self, response: requests.Response, started: float) -> tuple[bytes, bool]:
        """Read the body as sent (no content decoding), stopping at ``max_bytes``.

        Reads return what has arrived (``read1``), so the deadline of the whole exchange
        (``max_response_time``) and a request to stop are looked at after every arrival,
        however slowly the server sends.
        """
        limit = self.settings.max_bytes
        deadline = started + self.settings.max_response_time
        body = bytearray()
        while chunk := response.raw.read1(_CHUNK, decode_content=False):
            body += chunk
            if len(body) > limit:
                log.warning("%s: body over %d bytes, truncated", response.url, limit)
                return bytes(body[:limit]), True
            if self._stop.is_set():
                raise Stopped()
            if self._clock() > deadline:  # not retried in this run: it would take as long
                raise FetchError(
                    response.url,
                    f"response not complete within {self.settings.max_response_time:g} s"
                    f" ({len(body)} bytes received)",
                )
        return bytes(body), False


def _chain(url: str, hops: list[FetchResult]) -> FetchResult:
    """The last hop received, carrying the ones before it: every hop goes to the WARC."""
    return replace(hops[-1], url=url, hops=tuple(hops[:-1]))


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """Split a Content-Type header into (media type, charset), both lower-case or None."""
    if not value:
        return None, None
    media_type, *params = value.split(";")
    charset = None
    for param in params:
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset":
            charset = val.strip().strip("\"'").lower() or None
    return media_type.strip().lower() or None, charset


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _short(error: BaseException) -> str:
    """A one-line description of a requests/urllib3 error, innermost cause preferred."""
    inner = error
    while inner.__context__ is not None and inner.__context__ is not inner:
        inner = inner.__context__
    text = str(inner) or type(inner).__name__
    return text.splitlines()[0][:200]
