"""One HTTP response as the fetcher received it, and the error of a fetch that failed.

Both live here, below the fetcher, the robots cache and the WARC writer, which all read
responses: the types a response is made of import nothing from the modules that use them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scraper.web.content import ContentDecodingError, content_encodings, decode_content
from scraper.web.settings import DEFAULT_MAX_DECODED_BYTES

Headers = tuple[tuple[str, str], ...]


class FetchError(Exception):
    """A URL could not be fetched: a permanent failure, or retries exhausted.

    Raised by ``Fetcher.fetch`` (network errors, timeouts, dropped connections, retry
    statuses that persisted, redirect loops) and by ``FetchResult.body`` (a body that cannot
    be content-decoded within the size cap). HTTP statuses that are not retried (404, 410,
    403…) are results, not errors. When a response did arrive (e.g. the last 503), it is
    kept in ``result`` so that it can still be written to the WARC.
    """

    def __init__(self, url: str, reason: str, *, result: FetchResult | None = None) -> None:
        super().__init__(url, reason)
        self.url = url
        self.reason = reason
        self.result = result

    def __str__(self) -> str:
        return f"fetch failed: {self.url}: {self.reason}"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One HTTP response, as received, plus how it was obtained.

    ``raw_body`` is the body as sent on the wire with its Content-Encoding still applied
    (urllib3 always removes chunked transfer-coding); ``body()`` decodes it. Header values
    are str as http.client decoded them (latin-1: ``value.encode("latin-1")`` gives the
    bytes on the wire), in the order received; a repeated name (Set-Cookie) keeps every
    value, grouped after its first occurrence as urllib3 collects them. When the body
    exceeded ``max_bytes`` it is cut there and ``truncated`` is true. ``hops`` holds the
    redirect responses that led here, oldest first, each a full result of its own;
    ``retried`` holds the responses (a 503 page…) that were answered by a retry.
    """

    url: str
    final_url: str
    status: int
    reason: str
    headers: Headers
    raw_body: bytes
    content_type: str | None
    charset: str | None
    fetched_at: str
    elapsed: float
    attempts: int
    truncated: bool = False
    http_version: str = "HTTP/1.1"
    request_headers: Headers = ()
    hops: tuple[FetchResult, ...] = ()
    retried: tuple[FetchResult, ...] = ()
    max_decoded_bytes: int = field(default=DEFAULT_MAX_DECODED_BYTES, repr=False)

    @property
    def redirects(self) -> tuple[tuple[str, int], ...]:
        """The redirect chain as (url, status) pairs, oldest first."""
        return tuple((hop.final_url, hop.status) for hop in self.hops)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def exchanges(self) -> tuple[FetchResult, ...]:
        """Every response behind this result, in the order received, this one last."""
        earlier = [e for hop in self.hops for e in hop.exchanges()]
        return (*earlier, *self.retried, self)

    def header(self, name: str) -> str | None:
        """The first value of a response header (case-insensitive), or None."""
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    def body(self) -> bytes:
        """The body with its Content-Encoding undone, never more than ``max_decoded_bytes``.

        Raises ``FetchError`` for an unsupported or corrupt encoding or a body that inflates
        past the cap (a gzip bomb). A truncated body decodes as far as it goes.
        """
        codings = content_encodings(self.headers)
        try:
            return decode_content(
                self.raw_body, codings, self.max_decoded_bytes, allow_incomplete=self.truncated
            )
        except ContentDecodingError as error:
            raise FetchError(self.final_url, str(error), result=self) from error
