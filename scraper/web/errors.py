"""Exceptions raised by the fetch and WARC layers.

Each one names the URL (or file) and the reason in a single line, so the command line can
print ``str(error)`` as-is and the fetch log can store it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class RobotsDisallowed(Exception):
    """robots.txt forbids the URL; no request was made to it.

    ``reason`` says whether a rule matched or robots.txt itself was unreachable (which, read
    conservatively per RFC 9309, disallows the whole host for the run).
    """

    def __init__(
        self, url: str, reason: str = "disallowed by robots.txt", *, transient: bool = False
    ) -> None:
        super().__init__(url, reason)
        self.url = url
        self.reason = reason
        # True when no rule forbids the URL but robots.txt could not be read (a 5xx, a
        # 429, unreachable, redirected out of scope): the URL is tried again later.
        self.transient = transient

    def __str__(self) -> str:
        return f"robots.txt forbids {self.url}: {self.reason}"


class RobotsUnavailable(RobotsDisallowed):
    """robots.txt could not be read (unreachable, HTTP 5xx or 429), so the host's pages are
    not requested this run. A failure of the host, not a rule of the site: the page counts
    as failed, not skipped. ``connection`` is true when the host never answered at all."""

    def __init__(self, url: str, reason: str, *, connection: bool) -> None:
        super().__init__(url, reason, transient=True)
        self.connection = connection

    def __str__(self) -> str:
        return f"not fetched: {self.url}: {self.reason}"


class OutOfScope(Exception):
    """The URL, or a redirect target, is outside the crawl's scope (scheme, host, port).

    ``hops`` are the redirect responses received before the out-of-scope target, which
    was not requested; the caller archives them like any response."""

    def __init__(self, url: str, hops: tuple = ()) -> None:
        super().__init__(url)
        self.url = url
        self.hops = hops

    def __str__(self) -> str:
        return f"out of scope: {self.url}"


class Stopped(Exception):
    """The run was asked to stop (SIGTERM, Ctrl-C) during a wait or a read."""


class CorruptWarc(Exception):
    """A WARC record could not be read: truncated, malformed, or a digest mismatch.

    Records before ``offset`` were read successfully; ``offset`` is where the bad record
    starts (a compressed offset for ``.warc.gz``).
    """

    def __init__(self, path: Path | str, offset: int, reason: str) -> None:
        super().__init__(str(path), offset, reason)
        self.path = str(path)
        self.offset = offset
        self.reason = reason

    def __str__(self) -> str:
        return f"corrupt WARC record in {self.path} at offset {self.offset}: {self.reason}"
